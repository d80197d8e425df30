"""Validation checks each distinct text of a column once and spreads the outcome to the rows holding it
(and looks up each distinct list of ids once): the result must be what checking every cell on its own
gives, row by row, for tricky values repeated in any order."""

import random

import numpy as np
import pandas as pd
import pytest

from dashboard.data.contract import Field
from dashboard.data.validation import Problem, _check_field, load_data
from fixtures import fixture_rows, write_package

COMMON = ["", " ", " x", "x ", "x" * 20_001, "ж", "x\ny"]
FIELDS = {
    # 2**53 + 1 is left out: in a column with blank cells pandas reads it as a float, which rounds it to
    # 2**53 and lets it pass, while alone it is flagged (checking whole columns always worked that way).
    "integer": (Field("count", "integer", "", "", {"required": True, "minimum": 0}),
                ["0", "5", "-5", "+5", "05", " 5", "5 ", "1.5", "1e3", "²³", "abc", "9007199254740992",
                 "9007199254740994", "-9007199254740994", "99999999999999999999999"]),
    "number": (Field("lat", "number", "", "", {"minimum": -90, "maximum": 90}),
               ["1.5", "-90", "90.0001", "nan", "inf", "-inf", "1e1", " 3", "1,5", "abc"]),
    "date": (Field("day", "date", "", "", {"required": True}),
             ["2024-02-29", "2023-02-29", "2024-13-01", "2024-1-1", "20240101", "2024-01-01T10:00",
              " 2024-01-01", "2024-01-01 "]),
    "boolean": (Field("flag", "boolean", "", "", {"required": True}), ["true", "TRUE", "False", "yes", " true", "1"]),
    "list": (Field("ids", "list", "", "", {"pattern": "^[a-z0-9-]+$"}, delimiter=";"),
             ["a", "a;b", "a;;b", ";a", "a;", ";", "a; b", "a ;b", " a", "A", "a;B"]),
    "enum": (Field("kind", "string", "", "", {"required": True, "enum": ["x", "y"]}), ["x", "y", "X", "z"]),
    "unique": (Field("url", "string", "", "", {"required": True, "unique": True, "pattern": "^https?://[^\\s]+$"}),
               ["https://a.org", "http://b", "ftp://c", "https://a.org/x y", " https://a.org"]),
}


@pytest.mark.parametrize("kind", FIELDS)
def test_a_column_is_checked_as_if_cell_by_cell(kind):
    table_field, values = FIELDS[kind]
    column = [*values, *COMMON] * 4
    random.Random(kind).shuffle(column)
    lines = np.arange(len(column)) * 3 + 2  # records need not sit on consecutive lines
    problems: list[Problem] = []
    typed = _check_field(table_field, pd.Series(column, dtype="str"), lines, "t.csv", problems)

    expected_problems: list[Problem] = []
    expected_typed = []
    seen = set()
    for value, line in zip(column, lines):
        expected_typed.append(_check_field(table_field, pd.Series([value], dtype="str"), np.array([line]), "t.csv",
                                           expected_problems))
        if table_field.constraints.get("unique") and value:
            if value in seen:
                expected_problems.append(Problem("t.csv", int(line), table_field.name, value,
                                                 "duplicate value; it must be unique"))
            seen.add(value)

    # load_data lists problems by line, keeping the order they were found in within a line.
    assert sorted(problems, key=lambda p: p.line) == expected_problems
    pd.testing.assert_series_equal(typed, pd.concat(expected_typed, ignore_index=True), check_names=False)


SYSTEM_IDS = ["test-drone", "test-drone;no-such-system", "no-such-system;test-missile;other-system",
              "test-missile", "other-system"]
PLACE_IDS = ["test-port-b", "x-port", "test-port-a;x-port", ""]
WINDOWS = {  # start, end: whether the end precedes the start (a bare-date end lasts the whole day)
    ("2024-01-01T18:00", "2024-01-02T08:00"): False,
    ("2024-01-03", "2024-01-01"): True,
    ("2024-01-02", "2024-01-01"): False,
    ("2024-01-01T18:00", "2024-01-01T08:00"): True,
    ("2024-01-01T18:00", "2024-01-01"): False,
}
FLAG = "end-before-start"


def test_repeated_lists_and_flags_are_reported_on_every_row(tmp_path):
    rng = random.Random(7)
    template = fixture_rows("strikes")[0]
    strikes = []
    for index in range(60):
        start, end = rng.choice(list(WINDOWS))
        strikes.append({**template, "id": f"uaf-{index:012x}", "window_start": start, "window_end": end,
                        "system_ids": rng.choice(SYSTEM_IDS), "launch_place_ids": rng.choice(PLACE_IDS),
                        "quality": rng.choice(["", FLAG])})
    problems = load_data(write_package(tmp_path / "data", {"strikes": strikes})).problems

    expected = []
    for line, row in enumerate(strikes, start=2):
        for column, resource, known in (("system_ids", "systems", {"test-drone", "test-missile"}),
                                        ("launch_place_ids", "places", {"test-port-a", "test-port-b"})):
            for item in row[column].split(";") if row[column] else []:
                if item not in known:
                    expected.append(Problem("strikes.csv", line, column, item, f"no {resource}.id with this value"))
        inverted, flagged = WINDOWS[row["window_start"], row["window_end"]], row["quality"] == FLAG
        if inverted and not flagged:
            expected.append(Problem("strikes.csv", line, "window_end", f"{row['window_start']} > {row['window_end']}",
                                    f"window_end precedes window_start; flag the row with {FLAG!r} in quality"))
        if flagged and not inverted:
            expected.append(Problem("strikes.csv", line, "quality", FLAG,
                                    f"{FLAG!r} is set but window_end does not precede window_start"))
    expected.sort(key=lambda p: (p.line, p.column))
    assert problems == expected
