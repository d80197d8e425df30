"""`python -m dashboard`: one grammar (`--data-dir` on every command), located problems, one-line errors
with exit 1 for a data folder it cannot use and 2 for a request it does not take, naming what it refuses."""

import json
import os
import subprocess
import sys

import pytest

from dashboard.cli import main
from dashboard.data.contract import load_contract
from fixtures import fixture_rows, write_package


def test_bundled_data_validates(capsys):
    assert main(["validate", "--data-dir", "data"]) == 0
    assert capsys.readouterr().out.startswith(f"OK: {len(load_contract().tables)} tables")


@pytest.mark.parametrize("command", [["validate"], ["export", "--format", "svg", "--charts", "iranian-drones"]])
def test_an_installed_package_without_the_bundled_data_works_on_a_folder_it_is_given(
        package_dir, tmp_path, monkeypatch, capsys, command):
    """`pip install .` (the Docker image) ships no data/: commands must read the folder they are given
    and never reach for the project's own contract."""
    import dashboard.data.contract as contract

    monkeypatch.setattr(contract, "DEFAULT_DATA_DIR", tmp_path / "not-installed")
    monkeypatch.setattr("dashboard.export.render", lambda figure, image_format: b"<svg/>")
    extra = ["--out", str(tmp_path / "out")] if command[0] == "export" else []
    assert main([*command, "--data-dir", str(package_dir), *extra]) == 0, capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([*command, "--data-dir", str(empty), *extra]) == 1
    assert "holds neither datapackage.json nor any of the tables" in capsys.readouterr().err


def test_the_positional_folder_of_validate_still_works_and_two_folders_are_refused(package_dir, tmp_path, capsys):
    assert main(["validate", str(package_dir)]) == 0
    assert main(["validate", str(package_dir), "--data-dir", str(package_dir)]) == 0
    capsys.readouterr()
    assert main(["validate", str(package_dir), "--data-dir", str(tmp_path)]) == 2
    assert "two data folders" in capsys.readouterr().err


def test_problems_exit_one_and_name_file_line_column(tmp_path, capsys):
    rows = fixture_rows("transfers")
    rows[0]["event_date"] = "2022-02-30"
    places = fixture_rows("places")
    places[1]["lat"] = "-95"
    directory = write_package(tmp_path, {"transfers": rows, "places": places})
    assert main(["validate", "--data-dir", str(directory)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "transfers.csv:2: event_date: no such calendar date ('2022-02-30')" in out
    assert "places.csv:3: lat: less than the minimum -90 ('-95')" in out


def test_json_output(tmp_path, capsys):
    rows = fixture_rows("sources")
    rows[0]["url"] = "javascript:alert(1)"
    directory = write_package(tmp_path, {"sources": rows})
    assert main(["validate", "--data-dir", str(directory), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    pattern = next(f for f in load_contract().table("sources").fields if f.name == "url").constraints["pattern"]
    assert report["problems"] == [{"file": "sources.csv", "line": 2, "column": "url", "value": "javascript:alert(1)",
                                   "reason": f"does not match the pattern {pattern}"}]


def _unreadable(tmp_path, monkeypatch):
    """A folder the user may not read. Tests run as root here, who reads anything, so the permission
    check itself is what answers no."""
    real_access = os.access
    monkeypatch.setattr("dashboard.cli.os.access", lambda path, mode: False if path == tmp_path else
                        real_access(path, mode))
    return tmp_path


# Each way --data-dir can be wrong, and the words the one-line error must contain.
WRONG_FOLDERS = {
    "missing": (lambda tmp_path, monkeypatch: tmp_path / "nowhere", "no such data folder"),
    "a file": (lambda tmp_path, monkeypatch: write_package(tmp_path / "data") / "transfers.csv",
               "is a file, not a folder"),
    "unreadable": (_unreadable, "cannot be read"),
    "no tables": (lambda tmp_path, monkeypatch: tmp_path, "holds neither datapackage.json nor any of"),
}
COMMANDS = {
    "validate": ["validate"],
    "export": ["export", "--out", "pack"],
    "import-strikes": ["import-strikes", "upstream.csv"],
    "import-lists": ["import-lists", "lists"],
    "update-strikes": ["update-strikes"],
}
# Importers write into the folder, so an empty one is theirs to fill; the readers need tables in it.
CASES = [(command, wrong) for command in COMMANDS for wrong in WRONG_FOLDERS
         if wrong != "no tables" or command in ("validate", "export")]


@pytest.mark.parametrize(("command", "wrong"), CASES)
def test_a_data_folder_the_command_cannot_use_exits_one_with_one_line(tmp_path, monkeypatch, capsys, command, wrong):
    make, words = WRONG_FOLDERS[wrong]
    folder = make(tmp_path, monkeypatch)
    assert main([*COMMANDS[command], "--data-dir", str(folder)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {folder}: ") and words in error and error.count("\n") == 1, error


@pytest.mark.parametrize(("option", "value", "choices"), [
    ("--actors", "Atlantis,Iran", "Iran, Russia"),
    ("--status", "rumoured", "delivered"),
    ("--from", "Mars", "Iran"),
    ("--to", "Venus", "Russia"),
    ("--evidence", "gossip", "official"),
])
def test_export_names_an_unknown_value_and_its_choices(package_dir, tmp_path, capsys, option, value, choices):
    assert main(["export", "--out", str(tmp_path / "pack"), "--data-dir", str(package_dir), option, value]) == 2
    error = capsys.readouterr().err
    unknown = [item for item in value.split(",") if item != "Iran"]
    assert error.startswith(f"error: unknown {option} value(s) {', '.join(map(repr, unknown))}; choose from ")
    assert choices in error and error.count("\n") == 1
    assert not (tmp_path / "pack").exists(), "nothing is written for a refused request"


def test_user_errors_have_no_traceback(tmp_path):
    broken = tmp_path / "data"
    broken.mkdir()
    (broken / "datapackage.json").write_text("{not json")
    for args in (["validate", "--data-dir", str(tmp_path / "nowhere")], ["validate", "--data-dir", str(broken)]):
        result = subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        assert result.stderr.startswith("error:") and result.stderr.count("\n") == 1


def test_export_takes_the_filters_a_link_takes_and_names_what_it_refuses(tmp_path, capsys, monkeypatch):
    directory = write_package(tmp_path / "data")
    monkeypatch.setattr("dashboard.export.browser_missing", lambda: None)
    monkeypatch.setattr("dashboard.export.render", lambda figure, image_format: b"<svg/>")
    out = tmp_path / "pack"
    assert main(["export", "--out", str(out), "--format", "svg", "--charts", "supplier-years", "--data-dir",
                 str(directory), "--from", "iran", "--to", "Russia", "--evidence", "official"]) == 0
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "Iran → Russia" in index and "sources: official" in index
    capsys.readouterr()
    assert main(["export", "--out", str(out), "--data-dir", str(directory), "--charts", "system-launches"]) == 2
    assert "system-launches" in capsys.readouterr().err
