"""The disk cache of validated tables: a second start reads them back without checking the files again;
any change to a CSV, a broken entry or a folder others can write to means the files are checked afresh."""

import pandas as pd
import pytest

from dashboard.data import checked_cache
from dashboard.data.checked_cache import CACHE_DIR_VARIABLE, load_checked
from dashboard.data.validation import load_data
from fixtures import fixture_rows, write_package


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture
def validations(monkeypatch):
    """How many times the files were actually checked."""
    calls = []

    def counted(directory):
        calls.append(directory)
        return load_data(directory)
    monkeypatch.setattr(checked_cache, "load_data", counted)
    return calls


def _same(left, right):
    assert left.problems == right.problems and left.row_counts == right.row_counts
    for name, frame in left.tables.items():
        pd.testing.assert_frame_equal(frame, right.tables[name], obj=name)


def test_a_second_start_reads_what_the_first_checked(tmp_path, cache, validations):
    directory = write_package(tmp_path / "data")
    first = load_checked(directory)
    second = load_checked(directory)
    assert len(validations) == 1
    _same(second, first)
    _same(second, load_data(directory))
    assert [path.suffix for path in cache.iterdir()] == [".pickle"]


def test_problems_are_kept_with_the_tables(tmp_path, cache, validations):
    rows = fixture_rows("transfers")
    rows[0]["event_date"] = "2022-02-30"
    directory = write_package(tmp_path / "data", {"transfers": rows})
    load_checked(directory)
    assert [str(p) for p in load_checked(directory).problems] == [str(p) for p in load_data(directory).problems]
    assert len(validations) == 1


def test_an_edited_csv_is_checked_again(tmp_path, cache, validations):
    directory = write_package(tmp_path / "data")
    assert load_checked(directory).problems == []
    path = directory / "places.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",port,", ",harbour,", 1), encoding="utf-8")
    assert [p.column for p in load_checked(directory).problems] == ["kind"]
    assert len(validations) == 2


def test_a_broken_entry_is_checked_again_and_replaced(tmp_path, cache, validations):
    directory = write_package(tmp_path / "data")
    load_checked(directory)
    (entry,) = cache.iterdir()
    entry.write_bytes(b"\x80\x05not a pickle")
    _same(load_checked(directory), load_data(directory))
    _same(load_checked(directory), load_data(directory))
    assert len(validations) == 2, "checked once more, then read from the replaced entry"


def test_a_folder_others_may_write_to_is_never_read(tmp_path, cache, validations):
    directory = write_package(tmp_path / "data")
    load_checked(directory)
    cache.chmod(0o777)
    load_checked(directory)
    load_checked(directory)
    assert len(validations) == 3
