"""Cold server start → first chart drawn in headless chromium, for the dashboard and for a minimal
one-chart Streamlit app measured the same way in the same run."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM_ARGS, chromium_path, free_port  # noqa: E402

MINIMAL_APP = """
import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
"""


def time_to_first_chart(browser, script: Path, cwd: Path) -> float:
    import subprocess
    import urllib.request

    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true", f"--server.port={port}",
         "--server.address=127.0.0.1", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.05)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=120_000)
        elapsed = time.perf_counter() - started
        context.close()
        return elapsed
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure(runs: int = 3) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        minimal = Path(scratch) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP)
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        dashboard, baseline = [], []
        for _ in range(runs):
            baseline.append(time_to_first_chart(browser, minimal, Path(scratch)))
            dashboard.append(time_to_first_chart(browser, ROOT / "dashboard" / "app.py", ROOT))
        browser.close()
    return {"dashboard_s": statistics.median(dashboard), "minimal_s": statistics.median(baseline),
            "ratio": statistics.median(dashboard) / statistics.median(baseline)}


if __name__ == "__main__":
    result = measure()
    print(f"first chart: dashboard {result['dashboard_s']:.2f} s, minimal app {result['minimal_s']:.2f} s, "
          f"ratio {result['ratio']:.2f} (target <= 1.3)")
