import subprocess
import sys

from paths import ROOT


def test_ruff_finds_no_unused_names_or_syntax_errors():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "dashboard", "tests", "benchmarks"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
