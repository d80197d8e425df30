"""Every corruption in the generated corpus: `validate` exits 1 and names the file, line and column
where the problem is, with no traceback. (The app's error panel over such data: tests/pages.)"""

import shutil
import subprocess
import sys

import pytest

from dashboard.cli import main
from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from fixtures import write_package
from fuzz_corpus import corruptions

CORPUS = list(corruptions())


def test_the_corpus_is_large_and_covers_every_table():
    assert len(CORPUS) >= 200
    assert {c.table for c in CORPUS} == {table.name for table in load_contract().tables}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return write_package(tmp_path_factory.mktemp("pristine") / "data")


def test_the_pristine_package_is_valid(pristine):
    assert load_data(pristine).problems == []


@pytest.fixture
def corrupted(pristine, tmp_path):
    def make(corruption):
        directory = tmp_path / "data"
        shutil.copytree(pristine, directory)
        corruption.mutate(directory)
        return directory
    return make


# The edit loop checks every eighth case (every table, most kinds); `make test` checks them all.
EDIT_LOOP_SHARE = 8


@pytest.mark.parametrize("corruption", [
    pytest.param(c, id=f"{c.table}-{c.name}", marks=() if index % EDIT_LOOP_SHARE == 0 else pytest.mark.slow)
    for index, c in enumerate(CORPUS)])
def test_validate_fails_at_the_named_line_and_column(corrupted, corruption, capsys):
    directory = corrupted(corruption)
    assert main(["validate", "--data-dir", str(directory)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(corruption.location) for line in lines), (corruption.location, lines[:5])


SAMPLE = CORPUS[::40]


@pytest.mark.slow
@pytest.mark.parametrize("corruption", SAMPLE, ids=[f"{c.table}-{c.name}" for c in SAMPLE])
def test_validate_as_a_process_prints_no_traceback(corrupted, corruption):
    directory = corrupted(corruption)
    result = subprocess.run([sys.executable, "-m", "dashboard", "validate", "--data-dir", str(directory)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert corruption.location in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
