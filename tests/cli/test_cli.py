import json
import subprocess
import sys

from dashboard.cli import main
from dashboard.data.contract import load_contract
from fixtures import fixture_rows, write_package


def test_bundled_data_validates(capsys):
    assert main(["validate", "data"]) == 0
    assert capsys.readouterr().out.startswith(f"OK: {len(load_contract().tables)} tables")


def test_problems_exit_one_and_name_file_line_column(tmp_path, capsys):
    rows = fixture_rows("transfers")
    rows[0]["event_date"] = "2022-02-30"
    places = fixture_rows("places")
    places[1]["lat"] = "-95"
    directory = write_package(tmp_path, {"transfers": rows, "places": places})
    assert main(["validate", str(directory)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "transfers.csv:2: event_date: no such calendar date ('2022-02-30')" in out
    assert "places.csv:3: lat: less than the minimum -90 ('-95')" in out


def test_json_output(tmp_path, capsys):
    rows = fixture_rows("sources")
    rows[0]["url"] = "javascript:alert(1)"
    directory = write_package(tmp_path, {"sources": rows})
    assert main(["validate", str(directory), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert report["problems"][0] == {"file": "sources.csv", "line": 2, "column": "url", "value": "javascript:alert(1)",
                                     "reason": report["problems"][0]["reason"]}


def test_user_errors_have_no_traceback(tmp_path):
    broken = tmp_path / "data"
    broken.mkdir()
    (broken / "datapackage.json").write_text("{not json")
    for args in (["validate", str(tmp_path / "nowhere")], ["validate", str(broken)]):
        result = subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr + result.stdout
        assert result.stderr.startswith("error:")


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
    assert main(["export", "--out", str(out), "--data-dir", str(directory), "--from", "Atlantis"]) == 2
    assert "Atlantis" in capsys.readouterr().err
    assert main(["export", "--out", str(out), "--data-dir", str(directory), "--charts", "system-launches"]) == 2
