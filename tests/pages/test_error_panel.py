"""The app over broken data: one corruption of each table (a different kind each time) shows the error
panel with the problem's file, line and column, and the pages that do not need that table still draw."""

import shutil

import pytest

from apptest_helpers import run_app
from dashboard.data.contract import load_contract
from fixtures import write_package
from fuzz_corpus import corruptions

TABLES = [table.name for table in load_contract().tables]
# One corruption per table, a different kind for each: header, bytes, rows, types, keys.
KINDS = ["ragged row", "non-UTF-8 bytes", "duplicate key", "header only", "missing column", "empty file",
         "1 MB cell", "renamed column"]
CASES = [next(c for c in corruptions() if c.table == table and c.name == kind) for table, kind in zip(TABLES, KINDS)]


def test_every_table_has_a_case():
    assert [case.table for case in CASES] == TABLES


@pytest.mark.parametrize("corruption", CASES, ids=[f"{c.table}-{c.name}" for c in CASES])
def test_the_error_panel_names_the_problem_and_the_rest_still_draws(monkeypatch, tmp_path, corruption):
    directory = tmp_path / "data"
    shutil.copytree(write_package(tmp_path / "plain"), directory)
    corruption.mutate(directory)
    app = run_app(monkeypatch, directory)
    assert not app.exception
    assert app.error and "data problem" in app.error[0].value and f"{corruption.table}.csv" in app.error[0].value
    problems = app.dataframe[0].value
    located = problems[(problems["file"] == f"{corruption.table}.csv") & (problems["line"] == corruption.line)]
    assert corruption.column in set(located["column"].fillna("-")), problems.head()
    assert len(app.title) == 1, "the Overview still draws its header"
    data_page = app.switch_page("views/data.py").run()
    assert not data_page.exception, "the data dictionary needs no table"
