"""The load script, small: two websocket sessions visit every page with no errors.

Bare websocket reruns carry no widget states, which once made the filter bar lose its keys; this
keeps that path covered. The full 50-session run is `make load`."""

import subprocess
import sys

import pytest

from paths import ROOT


@pytest.mark.slow
def test_two_sessions_visit_every_page_without_errors():
    result = subprocess.run([sys.executable, "benchmarks/load.py", "--sessions", "2", "--cycles", "1",
                             "--deadline", "90"], cwd=ROOT, capture_output=True, text=True, timeout=150)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 errors" in result.stdout
    assert "server RSS" in result.stdout
