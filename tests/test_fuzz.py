"""Every corruption in the generated corpus: `validate` exits 1 with located messages and no
traceback; the app shows the error panel and raises nothing."""

import shutil
import subprocess
import sys

import pytest

from apptest_helpers import run_app
from dashboard.cli import main
from dashboard.data.contract import load_contract
from fuzz_corpus import corruptions
from fixtures import write_package

CORPUS = list(corruptions())


def test_the_corpus_is_large_and_covers_every_table():
    assert len(CORPUS) >= 200
    assert {c.table for c in CORPUS} == {table.name for table in load_contract().tables}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return write_package(tmp_path_factory.mktemp("pristine") / "data")


@pytest.fixture
def corrupted(pristine, tmp_path):
    def make(corruption):
        directory = tmp_path / "data"
        shutil.copytree(pristine, directory)
        corruption.mutate(directory)
        return directory
    return make


@pytest.mark.parametrize("corruption", CORPUS, ids=[f"{c.table}-{c.name}" for c in CORPUS])
def test_validate_fails_with_located_messages(corrupted, corruption, capsys):
    directory = corrupted(corruption)
    assert main(["validate", str(directory)]) == 1
    lines = capsys.readouterr().out.splitlines()
    located = [line for line in lines if line.startswith(f"{corruption.table}.csv:") or ".csv:" in line]
    assert located, lines
    file_line, column, _ = located[0].split(": ", 2)
    assert file_line.split(":")[1].isdigit(), located[0]
    assert column


@pytest.mark.parametrize("corruption", CORPUS[::9], ids=[f"{c.table}-{c.name}" for c in CORPUS[::9]])
def test_validate_as_a_process_prints_no_traceback(corrupted, corruption):
    directory = corrupted(corruption)
    result = subprocess.run([sys.executable, "-m", "dashboard", "validate", str(directory)], capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("corruption", CORPUS, ids=[f"{c.table}-{c.name}" for c in CORPUS])
def test_app_shows_the_error_panel(monkeypatch, corrupted, corruption):
    directory = corrupted(corruption)
    app = run_app(monkeypatch, directory)
    assert not app.exception
    assert app.error and "data problem" in app.error[0].value
