"""First chart drawn in headless chromium, for the dashboard and for a minimal one-chart Streamlit app
measured the same way in the same run: from a cold server start, and for a new visitor (a fresh
browser context, nothing cached) on a server that is already running and has served the page once."""

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


def _visit(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=120_000)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


RUNNING_VISITS = 9  # per page, interleaved with the minimal app's
COLD_STARTS = 5  # of each app, alternating


def measure_running(runs: int = RUNNING_VISITS) -> dict[str, float]:
    """Ratios dashboard / minimal app for a new visitor, Overview and Strikes. Both servers run side by
    side and the visits take turns, so a busy moment of the machine falls on both alike."""
    from contextlib import ExitStack

    from browser_support import streamlit_server
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright, ExitStack() as servers:
        minimal = Path(scratch) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP)
        baseline = servers.enter_context(streamlit_server(app=minimal, cwd=Path(scratch)))
        dashboard = servers.enter_context(streamlit_server(app=ROOT / "dashboard" / "app.py", cwd=ROOT))
        urls = {"minimal": f"{baseline}/", "overview": f"{dashboard}/", "strikes": f"{dashboard}/strikes"}
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for url in urls.values():
            _visit(browser, url)  # each server's first run of the page: caches filled
        times = {name: [] for name in urls}
        for _ in range(runs):
            for name, url in urls.items():
                times[name].append(_visit(browser, url))
        browser.close()
    median = {name: statistics.median(values) for name, values in times.items()}
    return {"minimal_s": median["minimal"], "overview_s": median["overview"], "strikes_s": median["strikes"],
            "overview_ratio": median["overview"] / median["minimal"],
            "strikes_ratio": median["strikes"] / median["minimal"]}


def measure(runs: int = COLD_STARTS) -> dict[str, float]:
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
    running = measure_running()
    print(f"new visitor, running server: minimal app {running['minimal_s']:.2f} s, Overview "
          f"{running['overview_s']:.2f} s (ratio {running['overview_ratio']:.2f}), Strikes {running['strikes_s']:.2f} s "
          f"(ratio {running['strikes_ratio']:.2f}); target <= 1.2")
    result = measure()
    print(f"cold start: dashboard {result['dashboard_s']:.2f} s, minimal app {result['minimal_s']:.2f} s, "
          f"ratio {result['ratio']:.2f} (target <= 1.3)")
