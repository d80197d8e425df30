from datetime import date

import pandas as pd

from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.transforms.filters import Filters, apply_filters, describe, parse_query, to_query

ACTORS = ["Iran", "Russia", "North Korea"]
STATUSES = ["delivered", "agreed", "confirmed"]


def test_round_trip():
    filters = Filters(date(2023, 1, 1), date(2024, 6, 30), ("Iran", "Russia"), ("delivered",))
    parsed, notes = parse_query(to_query(filters), ACTORS, STATUSES)
    assert parsed == filters and notes == []


def test_default_filters_write_no_params():
    assert to_query(Filters()) == {}


def test_case_and_spacing_are_forgiven():
    parsed, notes = parse_query({"actors": " iran , RUSSIA,iran"}, ACTORS, STATUSES)
    assert parsed.actors == ("Iran", "Russia") and notes == []


def test_garbage_falls_back_with_notes():
    params = {"start": "yesterday", "end": "2024-02-30", "actors": "Mars,<script>", "status": "x" * 600}
    parsed, notes = parse_query(params, ACTORS, STATUSES)
    assert parsed == Filters()
    assert len(notes) == 4
    assert any("Mars" in note for note in notes)


def test_reversed_dates_are_dropped():
    parsed, notes = parse_query({"start": "2025-01-01", "end": "2024-01-01"}, ACTORS, STATUSES)
    assert parsed.start is None and parsed.end is None and notes


def test_repeated_param_uses_last_value():
    parsed, _ = parse_query({"actors": ["Iran", "Russia"]}, ACTORS, STATUSES)
    assert parsed.actors == ("Russia",)


def test_describe():
    assert describe(Filters()) == "All records"
    text = describe(Filters(start=date(2023, 1, 1), actors=("Iran",)))
    assert "2023-01-01 to latest record" in text and "Iran" in text


def test_apply_filters_uses_declared_fields(package_dir):
    contract = load_contract(package_dir)
    tables = load_data(package_dir).tables
    transfers = tables["transfers"]
    by_date = apply_filters(transfers, contract.table("transfers"), Filters(start=date(2023, 1, 1)))
    assert list(by_date["id"]) == ["test-transfer-2"]
    by_status = apply_filters(transfers, contract.table("transfers"), Filters(statuses=("delivered",)))
    assert list(by_status["id"]) == ["test-transfer-1"]
    events = apply_filters(tables["events"], contract.table("events"), Filters(actors=("Russia",)))
    assert len(events) == 1
    assert apply_filters(tables["events"], contract.table("events"), Filters(actors=("China",))).empty
    strikes = apply_filters(tables["strikes"], contract.table("strikes"), Filters(statuses=("agreed",)))
    assert len(strikes) == 2, "strikes have no status field, so the status filter leaves them alone"


def test_apply_filters_keeps_index_and_columns(package_dir):
    contract = load_contract(package_dir)
    frame = load_data(package_dir).tables["sanctions"]
    result = apply_filters(frame, contract.table("sanctions"), Filters(end=date(2022, 1, 1)))
    assert result.empty and list(result.columns) == list(frame.columns)
    assert isinstance(result, pd.DataFrame)
