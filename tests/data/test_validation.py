import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.validation import load_data
from fixtures import fixture_rows, write_package


def problems_of(directory: Path):
    return load_data(directory).problems


def test_valid_fixture_has_no_problems(package_dir):
    loaded = load_data(package_dir)
    assert loaded.problems == []
    assert loaded.row_counts["transfers"] == 2


def test_types_follow_the_schema(package_dir):
    tables = load_data(package_dir).tables
    transfers = tables["transfers"]
    assert str(transfers["quantity_low"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(transfers["event_date"])
    assert isinstance(transfers["status"].dtype, pd.CategoricalDtype)
    assert transfers.loc[1, "source_ids"] == ["test-source-a", "test-source-b"]
    assert str(tables["strikes"]["in_totals"].dtype) == "boolean"
    assert str(tables["places"]["lat"].dtype) == "Float64"


def test_malformed_row_names_file_line_and_column(tmp_path):
    rows = fixture_rows("transfers")
    rows[1].update(event_date="2024-13-45", quantity_low="-5", quantity_high="3", quantity_unit="drones",
                   system_id="no-such-system")
    directory = write_package(tmp_path, {"transfers": rows})
    found = {(p.file, p.line, p.column) for p in problems_of(directory)}
    assert ("transfers.csv", 3, "event_date") in found
    assert ("transfers.csv", 3, "quantity_low") in found
    assert ("transfers.csv", 3, "system_id") in found


@pytest.mark.parametrize(
    ("table", "column", "value", "reason_part"),
    [
        ("sources", "url", "javascript:alert(1)", "pattern"),
        ("sources", "url", "ftp://example.org/x", "pattern"),
        ("sources", "kind", "blog", "not one of"),
        ("sources", "published", "2023-02-30", "no such calendar date"),
        ("sources", "published", "10/01/2023", "YYYY-MM-DD"),
        ("places", "lat", "91", "maximum"),
        ("places", "lon", "-181", "minimum"),
        ("places", "lat", "nan", "finite"),
        ("places", "lon", "inf", "finite"),
        ("transfers", "quantity_low", "12.5", "whole number"),
        ("transfers", "quantity_low", "99999999999999999999", "implausibly large"),
        ("transfers", "source_ids", "test-source-a;;test-source-b", "empty item"),
        ("transfers", "source_ids", "missing-source", "no sources.id"),
        ("transfers", "status", "", "required"),
        ("transfers", "value_currency", "dollars", "pattern"),
        ("strikes", "in_totals", "yes", "true or false"),
        ("sanctions", "system_ids", "ghost-system", "no systems.id"),
        ("events", "id", " test-event-1", "spaces"),
    ],
)
def test_each_bad_value_is_reported(tmp_path, table, column, value, reason_part):
    rows = fixture_rows(table)
    rows[0][column] = value
    directory = write_package(tmp_path, {table: rows})
    problems = [p for p in problems_of(directory) if p.column == column and p.file == f"{table}.csv"]
    assert problems, f"no problem reported for {table}.{column}={value!r}"
    assert any(reason_part in p.reason for p in problems), [p.reason for p in problems]
    assert all(p.line == 2 for p in problems)


def test_domain_rules(tmp_path):
    strikes = fixture_rows("strikes")
    strikes[0].update(shot_down="31")
    strikes[1].update(window_start="2024-01-02", window_end="2023-12-31")
    transfers = fixture_rows("transfers")
    transfers[0].update(quantity_low="30", quantity_high="20")
    transfers[1].update(value_currency="")
    events = fixture_rows("events")
    events[0].update(date_note="")
    directory = write_package(tmp_path, {"strikes": strikes, "transfers": transfers, "events": events})
    reasons = {(p.file, p.column, p.reason) for p in problems_of(directory)}
    assert ("strikes.csv", "shot_down", "shot_down must not exceed launched") in reasons
    assert ("strikes.csv", "window_end",
            "window_end precedes window_start; flag the row with 'end-before-start' in quality") in reasons
    assert ("transfers.csv", "quantity_low", "quantity_low must not exceed quantity_high") in reasons
    assert ("transfers.csv", "value_currency", "required when value_low is given") in reasons
    assert any(f == "events.csv" and c == "date_note" for f, c, _ in reasons)


@pytest.mark.parametrize(("start", "end", "quality", "expected"), [
    ("2024-01-01T21:10", "2024-01-01", "", []),  # a bare end is some time that day
    ("2024-01-01T21:10", "2024-01-01T01:30", "end-before-start", []),
    ("2024-01-01T21:10", "2024-01-01T01:30", "", [(2, "window_end", "window_end precedes window_start")]),
    ("2024-01-02", "2024-01-01T08:00", "", [(2, "window_end", "window_end precedes window_start")]),
    ("2024-01-01T18:00", "2024-01-02T08:00", "end-before-start", [(2, "quality", "'end-before-start' is set but")]),
])
def test_window_order_with_bare_ends_and_flags(tmp_path, start, end, quality, expected):
    strikes = fixture_rows("strikes")
    strikes[0].update(window_start=start, window_end=end, quality=quality)
    found = problems_of(write_package(tmp_path, {"strikes": strikes}))
    assert [(p.line, p.column) for p in found] == [(line, column) for line, column, _ in expected]
    assert all(words in p.reason for p, (_, _, words) in zip(found, expected))


def test_duplicate_keys(tmp_path):
    sources = fixture_rows("sources")
    sources.append(dict(sources[0]))
    directory = write_package(tmp_path, {"sources": sources})
    problems = problems_of(directory)
    assert [(p.line, p.column) for p in problems if "duplicate" in p.reason] == [(4, "id")]


def test_line_numbers_count_quoted_newlines(tmp_path):
    events = fixture_rows("events")
    events[0]["description"] = "first line\nsecond line"
    events.append(dict(events[0], id="test-event-2", date="not-a-date"))
    directory = write_package(tmp_path, {"events": events})
    problems = [p for p in problems_of(directory) if p.column == "date"]
    assert [p.line for p in problems] == [4]


def test_header_problems(tmp_path):
    directory = write_package(tmp_path)
    path = directory / "systems.csv"
    text = path.read_text().replace("maker", "manufacturer", 1)
    path.write_text(text)
    reasons = {(p.column, p.reason) for p in problems_of(directory) if p.file == "systems.csv"}
    assert ("maker", "declared column is missing from the header") in reasons
    assert ("manufacturer", "column is not declared in datapackage.json") in reasons


@pytest.mark.parametrize(
    ("content", "reason_part"),
    [
        (b"", "empty"),
        (b"id,publisher,title,published,url,kind,accessed\nx,\xff\xfe,t,,https://e.org,media,2026-01-01\n", "UTF-8"),
        (b'id,publisher,title,published,url,kind,accessed\n"x,unterminated\n', "CSV syntax"),
    ],
)
def test_broken_files(tmp_path, content, reason_part):
    directory = write_package(tmp_path)
    (directory / "sources.csv").write_bytes(content)
    problems = [p for p in problems_of(directory) if p.file == "sources.csv"]
    assert any(reason_part in p.reason for p in problems), [str(p) for p in problems]


def test_missing_file_fails_only_its_table(tmp_path):
    directory = write_package(tmp_path)
    (directory / "strikes.csv").unlink()
    loaded = load_data(directory)
    assert loaded.failed_tables == {"strikes"}
    assert list(loaded.tables["strikes"].columns)[:3] == ["id", "window_start", "window_end"]


def test_row_with_wrong_field_count(tmp_path):
    directory = write_package(tmp_path)
    with (directory / "places.csv").open("a") as handle:
        handle.write("extra-place,Somewhere,Iran,city,1,2,,surplus\n")
    problems = [p for p in problems_of(directory) if p.file == "places.csv"]
    assert any(p.line == 4 and "8 fields" in p.reason for p in problems)


def test_problem_format():
    from dashboard.data.validation import Problem

    assert str(Problem("a.csv", 7, "lat", "91", "too big")) == "a.csv:7: lat: too big ('91')"


def test_a_foreign_key_checks_the_field_its_reference_names_not_id(tmp_path):
    """transfers.system_id declared to point at systems.name: a system's name passes, its id does not."""
    systems = fixture_rows("systems")
    transfers = fixture_rows("transfers")
    transfers[0]["system_id"] = systems[0]["name"]
    transfers[1]["system_id"] = systems[0]["id"]
    directory = write_package(tmp_path / "data", {"transfers": transfers})
    descriptor = directory / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    schema = next(r for r in package["resources"] if r["name"] == "transfers")["schema"]
    key = next(k for k in schema["foreignKeys"] if k["fields"] == "system_id")
    key["reference"]["fields"] = "name"
    descriptor.write_text(json.dumps(package), encoding="utf-8")

    dangling = [str(p) for p in load_data(directory).problems if p.column == "system_id"]
    assert dangling == [f"transfers.csv:3: system_id: no systems.name with this value ('{systems[0]['id']}')"]
