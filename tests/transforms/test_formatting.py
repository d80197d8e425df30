"""Human formatting for the screen: dates at their precision, lists, missing values, booleans."""

import numpy as np
import pandas as pd
import pytest

from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
import re

from dashboard.transforms.formatting import (date_at_precision, human_column, human_table, markdown_table,
                                              release_date)

RAW_MISSING = {"None", "nan", "NaN", "<NA>", "NaT"}


@pytest.mark.parametrize(("timestamp", "precision", "shown"), [
    (pd.Timestamp("2022-01-01"), "year", "2022"),
    (pd.Timestamp("2023-12-01"), "month", "Dec 2023"),
    (pd.Timestamp("2023-12-05"), "day", "5 Dec 2023"),
    (pd.Timestamp("2021-08-18"), "on or before", "on or before 18 Aug 2021"),
    (pd.Timestamp("2023-03-01"), "between", "1 Mar 2023"),
    (pd.Timestamp("2022-05-18"), "control date", "18 May 2022"),
    (pd.Timestamp("2022-05-18"), "unknown", "18 May 2022"),
    (pd.Timestamp("2026-03-05 00:00:00"), None, "5 Mar 2026"),
    (pd.Timestamp("2023-12-05 14:30"), None, "5 Dec 2023, 14:30"),
    (pd.Timestamp("2023-12-05 14:30"), pd.NA, "5 Dec 2023, 14:30"),
    (pd.Timestamp("2023-12-05 14:30"), "day", "5 Dec 2023"),
    ("2024-02-29", "month", "Feb 2024"),
    (pd.NaT, "day", ""),
    (None, "year", ""),
    (pd.NA, None, ""),
    (np.nan, "month", ""),
    ("", "day", ""),
])
def test_date_at_precision(timestamp, precision, shown):
    assert date_at_precision(timestamp, precision) == shown


@pytest.mark.parametrize(("release", "shown"), [
    ("2026-05-16/sha256:4fe9b4c407c2", "16 May 2026"),
    ("2026-02-28/sha256:683877cdd70d", "28 Feb 2026"),
    ("test-release", ""),
])
def test_release_date_reads_the_file_date(release, shown):
    assert release_date(release) == shown


def test_human_table_shows_each_kind_of_value_as_text():
    frame = pd.DataFrame({
        "event_date": pd.to_datetime(["2022-01-01", "2023-12-01", "2023-12-05", None]),
        "date_precision": ["year", "month", "day", "day"],
        "accessed": pd.to_datetime(["2026-03-05", "2026-03-05 14:30", None, "2024-01-02"], format="ISO8601"),
        "source_ids": [["a", "b"], [], ["c"], ["d"]],
        "in_totals": pd.array([True, False, None, True], dtype="boolean"),
        "launched": pd.array([1200, None, 3, 0], dtype="Int64"),
        "value_low": pd.array([1_000_000.0, None, 2.5, 0.0], dtype="Float64"),
        "status": pd.Categorical(["in production", None, "ordered", "agreed"]),
        "description": pd.array(["one", pd.NA, "", "four"], dtype="string"),
    })
    shown = human_table(frame)
    assert list(shown["event_date"]) == ["2022", "Dec 2023", "5 Dec 2023", ""]
    assert list(shown["accessed"]) == ["5 Mar 2026", "5 Mar 2026, 14:30", "", "2 Jan 2024"]
    assert list(shown["source_ids"]) == ["a; b", "", "c", "d"]
    assert list(shown["in_totals"]) == ["yes", "no", "", "yes"]
    assert list(shown["launched"]) == ["1,200", "", "3", "0"]
    assert list(shown["value_low"]) == ["1,000,000", "", "2.5", "0"]
    assert list(shown["status"]) == ["in production", "", "ordered", "agreed"]
    assert list(shown["description"]) == ["one", "", "", "four"]
    assert list(shown.columns) == list(frame.columns) and list(shown.index) == list(frame.index)
    assert frame["event_date"].dtype.kind == "M", "the raw rows stay as they were"


def test_dates_of_a_column_match_the_single_date_formatter():
    dates = pd.Series(pd.to_datetime(["2022-01-01", "2023-12-01", "2021-08-18", "2023-03-01", None, "2024-06-30",
                                      "2024-06-30"]))
    precisions = pd.Series(["year", "month", "on or before", "between", "day", None, "control date"])
    column = list(human_column(dates, precisions))
    assert column == [date_at_precision(t, p) for t, p in zip(dates, precisions)]
    assert column[5] == "30 Jun 2024", "a row without a precision shows its day"


def test_official_dates_use_their_own_precision_column():
    frame = pd.DataFrame({"official_listed": pd.to_datetime(["2021-08-18", None]),
                          "official_date_precision": ["on or before", None],
                          "date_precision": ["year", "year"]})
    assert list(human_table(frame)["official_listed"]) == ["on or before 18 Aug 2021", ""]


def test_every_bundled_table_shows_no_raw_missing_marker():
    loaded = load_data()
    for table in load_contract().tables:
        shown = human_table(loaded.tables[table.name])
        cells = shown.astype(str)
        assert not cells.isin(RAW_MISSING).any().any(), table.name
        assert not cells.apply(lambda column: column.str.contains(r"\d{2}:\d{2}:\d{2}")).any().any(), table.name


def _cells(line: str) -> list[str]:
    """A markdown table row split where GFM splits it: on pipes that are not escaped."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_a_markdown_table_shows_each_value_as_a_reader_expects():
    frame = pd.DataFrame({"name": ["Iran", None], "count": [1234, 5], "from": pd.to_datetime(["2022-01-01", None]),
                          "valid": [True, False]})
    lines = markdown_table(frame, {"name": "Name", "count": "Count", "from": "From", "valid": "Valid"}).splitlines()
    assert _cells(lines[0]) == ["Name", "Count", "From", "Valid"]
    assert _cells(lines[1]) == [":---", "---:", ":---", ":---"], "numbers align right, nothing else"
    assert _cells(lines[2]) == ["Iran", "1,234", "1 Jan 2022", "yes"]
    assert _cells(lines[3]) == ["", "5", "", "no"]
    assert len(lines) == 4


@pytest.mark.parametrize("hostile", ["a | b", "**bold** _it_", "<script>alert(1)</script>", "[x](javascript:alert(1))",
                                     "line one\nline two", "| --- |", "\\|", "`code`"])
def test_a_markdown_table_keeps_hostile_text_in_its_cell_and_inert(hostile):
    frame = pd.DataFrame({"text": [hostile], "count": [3]})
    lines = markdown_table(frame, {"text": "Text", "count": "Count"}).splitlines()
    assert len(lines) == 3, "one line per row: a line break in a value cannot start a new row"
    cells = _cells(lines[2])
    assert len(cells) == 2 and cells[1] == "3", cells
    shown = re.sub(r"\\(.)", r"\1", cells[0])  # what the reader sees once markdown removes the escapes
    assert shown == " ".join(hostile.split())
    assert not re.search(r"(?<!\\)[*_<>\[\]`|]", cells[0]), "every markdown character is escaped"
