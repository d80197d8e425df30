"""The official Frictionless validator (`frictionless validate data/datapackage.json`) agrees with
ours: it passes the bundled package, refuses what we refuse, and reads a spreadsheet-saved copy."""

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.data.contract import DEFAULT_DATA_DIR, load_contract
from dashboard.data.validation import load_data
from fixtures import save_like_a_spreadsheet
from paths import ROOT

pytestmark = pytest.mark.slow
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def frictionless_report(descriptor: Path) -> dict:
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", str(descriptor)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode == (0 if report["valid"] else 1), result.stderr
    return report


def errors(report: dict) -> list[tuple[str, str, int | None, str | None]]:
    return [(task["name"], error["type"], error.get("rowNumber"), error.get("fieldName"))
            for task in report["tasks"] for error in task["errors"]] + [("package", e["type"], None, None)
                                                                         for e in report["errors"]]


def test_the_bundled_package_passes_the_official_validator():
    report = frictionless_report(ROOT / "data" / "datapackage.json")
    assert errors(report) == []
    assert report["valid"] is True
    assert {task["name"] for task in report["tasks"]} == {table.name for table in load_contract().tables}


def test_both_validators_refuse_an_impossible_date_at_the_same_record(tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, directory)
    path = directory / "transfers.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    records[2][records[0].index("event_date")] = "2022-02-30"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)

    ours = [(p.file, p.line, p.column) for p in load_data(directory).problems]
    assert ours == [("transfers.csv", 3, "event_date")]
    assert errors(frictionless_report(directory / "datapackage.json")) == [("transfers", "type-error", 3, "event_date")]


def test_the_official_validator_also_reads_a_spreadsheet_saved_package(tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, directory)
    for table in load_contract().tables:
        save_like_a_spreadsheet(directory / table.path)
    assert load_data(directory).problems == []
    assert errors(frictionless_report(directory / "datapackage.json")) == []
