"""Small synthetic data packages written into a temp folder.

Every value here is made up for testing and lives only under tests/ — none of it is a record
of the dashboard. `write_package` writes a valid package; tests then break one thing at a time.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from dashboard.data.contract import DEFAULT_DATA_DIR, load_contract

TEST_URL = "https://example.org/test-source"


def _rows() -> dict[str, list[dict[str, str]]]:
    return {
        "sources": [
            {"id": "test-source-a", "publisher": "Test Publisher", "title": "Fixture source A", "published": "2023-01-10",
             "url": TEST_URL + "-a", "kind": "media", "accessed": "2026-11-01"},
            {"id": "test-source-b", "publisher": "Test Ministry", "title": "Fixture source B", "published": "2024-06-01",
             "url": TEST_URL + "-b", "kind": "official", "accessed": "2026-11-02"},
        ],
        "systems": [
            {"id": "test-drone", "name": "Test Drone", "aliases": "TD-1;Test-1", "category": "attack drone",
             "design_country": "Iran", "maker": "Test Works", "source_ids": "test-source-a"},
            {"id": "test-missile", "name": "Test Missile", "aliases": "", "category": "ballistic missile",
             "design_country": "Russia", "maker": "", "source_ids": ""},
        ],
        "places": [
            {"id": "test-port-a", "name": "Port A", "country": "Iran", "kind": "port", "lat": "36.85", "lon": "53.37", "aliases": ""},
            {"id": "test-port-b", "name": "Port B", "country": "Russia", "kind": "port", "lat": "46.35", "lon": "48.05", "aliases": "B-port"},
        ],
        "transfers": [
            {"id": "test-transfer-1", "supplier": "Iran", "recipient": "Russia", "system_id": "test-drone",
             "category": "attack drone", "kind": "delivery", "quantity_low": "10", "quantity_high": "20",
             "quantity_unit": "drones", "value_low": "", "value_high": "", "value_currency": "",
             "event_date": "2022-08-01", "date_precision": "month", "date_note": "", "status": "delivered",
             "origin_place_id": "test-port-a", "destination_place_id": "test-port-b",
             "description": "Fixture delivery.", "source_ids": "test-source-a", "confidence": "high",
             "confidence_reason": "Fixture."},
            {"id": "test-transfer-2", "supplier": "Russia", "recipient": "Iran", "system_id": "test-missile",
             "category": "ballistic missile", "kind": "agreement", "quantity_low": "", "quantity_high": "",
             "quantity_unit": "", "value_low": "1000000", "value_high": "2000000", "value_currency": "USD",
             "event_date": "2024-05-01", "date_precision": "day", "date_note": "Fixture: dated after source A.", "status": "agreed",
             "origin_place_id": "", "destination_place_id": "",
             "description": "Fixture agreement.", "source_ids": "test-source-a;test-source-b", "confidence": "low",
             "confidence_reason": "Fixture."},
        ],
        "official_listings": [
            {"list_ref": "OFAC-SDN:99001", "programme": "NPWMD", "name": "TEST ENTITY LLC", "aliases": "TE LLC",
             "entry_type": "", "countries": "Iran", "listed": "2023-03-01", "listed_after": "2023-02-27",
             "date_precision": "between", "instrument": "", "remarks": "Fixture remarks."},
        ],
        "sanctions": [
            {"id": "test-designation-1", "entity_id": "test-entity", "announced": "2023-03-01", "date_precision": "day",
             "list_ref": "OFAC-SDN:99001", "list_programme": "NPWMD", "official_name": "TEST ENTITY LLC",
             "official_listed": "2023-03-01", "official_date_precision": "between", "official_listed_after": "2023-02-27",
             "jurisdiction": "United States", "authority": "Test Office", "action": "designation",
             "target_name": "Test Entity LLC", "target_aliases": "", "target_type": "entity", "target_country": "Iran",
             "role": "manufacturer", "programme": "Test programme", "system_ids": "test-drone",
             "transfer_ids": "test-transfer-1", "place_id": "test-port-a",
             "description": "Fixture designation.", "source_ids": "test-source-b"},
        ],
        "events": [
            {"id": "test-event-1", "date": "2023-02-13", "date_precision": "day", "title": "Fixture event",
             "actors": "Iran;Russia", "kind": "military milestone", "status": "confirmed", "description": "",
             "source_ids": "test-source-a", "date_note": "Fixture event dated after its source."},
        ],
        "strikes": [
            {"id": "uaf-0123456789ab", "window_start": "2024-01-01T18:00", "window_end": "2024-01-02T08:00",
             "night": "2024-01-01", "report_date": "2024-01-02", "model_reported": "Test Drone", "system_ids": "test-drone", "design_country": "Iran",
             "design_countries": "Iran", "launched": "30", "shot_down": "25", "lost_ew": "3", "still_airborne": "",
             "launch_areas": "Port B", "launch_place_ids": "test-port-b", "target_area": "Port A",
             "target_place_ids": "test-port-a", "reporter": "national", "in_totals": "true",
             "source_post": "https://example.org/post/1", "upstream_release": "2024-01-02/sha256:0123456789ab", "upstream_status": "current"},
            {"id": "uaf-0123456789ac", "window_start": "2024-01-01", "window_end": "2024-01-01",
             "night": "2023-12-31", "report_date": "2024-01-01", "model_reported": "Test Missile", "system_ids": "test-missile", "design_country": "Russia",
             "design_countries": "Russia", "launched": "2", "shot_down": "0", "lost_ew": "", "still_airborne": "",
             "launch_areas": "", "launch_place_ids": "", "target_area": "", "target_place_ids": "",
             "reporter": "regional", "in_totals": "true",
             "source_post": "https://example.org/post/2", "upstream_release": "2024-01-02/sha256:0123456789ab", "upstream_status": "current"},
        ],
    }


def write_table(directory: Path, name: str, rows: list[dict[str, str]]) -> Path:
    table = load_contract().table(name)
    path = directory / table.path
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=table.column_names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_package(directory: Path, overrides: dict[str, list[dict[str, str]]] | None = None) -> Path:
    """A valid package in `directory` (with the project's datapackage.json); `overrides` replaces tables."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULT_DATA_DIR / "datapackage.json", directory / "datapackage.json")
    tables = _rows()
    tables.update(overrides or {})
    for name, rows in tables.items():
        write_table(directory, name, rows)
    return directory


def fixture_rows(name: str) -> list[dict[str, str]]:
    return [dict(row) for row in _rows()[name]]


PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
    "x onerror=window.__pwned=1 y",
    '"><svg onload=window.__pwned=1>',
    "[click me](javascript:window.__pwned=1)",
    "javascript:window.__pwned=1",
    "{name}<img src=x onerror=window.__pwned=1>",
    "<a href='javascript:window.__pwned=1'>link</a>",
)


def write_hostile_package(directory: Path) -> Path:
    """The fixture package with an HTML/JS payload in every free-text field (ids, URLs, dates, numbers
    and enumerations keep valid values, so the package still validates and every view draws it)."""
    contract = load_contract()
    tables = _rows()
    position = 0
    for name, rows in tables.items():
        table = contract.table(name)
        for row in rows:
            for field in table.fields:
                free_text = field.type in ("string", "list") and not field.enum and "pattern" not in field.constraints
                plain = field.name.endswith(("_id", "_ids")) or field.name in ("supplier", "recipient")
                if free_text and row.get(field.name) and not plain:
                    row[field.name] = PAYLOADS[position % len(PAYLOADS)] + " " + row[field.name].split(";")[0]
                    position += 1
    return write_package(directory, tables)


def save_like_a_spreadsheet(path: Path, line_break_cell: tuple[int, str, str] | None = None) -> None:
    """Rewrite a CSV as Excel's "CSV UTF-8" does: a byte-order mark, CR LF line ends, every cell quoted.

    `line_break_cell` (row index, column, text) puts a multi-line value in one cell, its line breaks
    written as CR LF too."""
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    if line_break_cell:
        row, column, text = line_break_cell
        records[row + 1][records[0].index(column)] = text.replace("\n", "\r\n")
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(records)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
