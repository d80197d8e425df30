"""First chart drawn in headless chromium, for the dashboard and for a minimal one-chart Streamlit app
measured the same way in the same run: from a cold server start, and for a new visitor (a fresh
browser context, nothing cached) on a server that is already running and has served the page once.

Two clocks: *painted*, the first animation frame in which the chart's SVG is laid out (the frame
that shows it), and *seen*, when playwright's wait for that SVG returns. Seen adds about 0.4 s of
round trip to both apps, and more when the page is busy right after painting, so it flatters a
ratio; painted is the one to judge by."""

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


CHART = '[data-testid="stPlotlyChart"] .main-svg'
# Runs in the page before its own scripts: notes the first frame in which a chart is laid out.
PAINT_PROBE = f"""(function frame() {{
  if (window.__chartPainted === undefined) {{
    const chart = document.querySelector('{CHART}');
    if (chart && chart.getBoundingClientRect().width > 0) window.__chartPainted = performance.now() / 1000;
  }}
  requestAnimationFrame(frame);
}})();"""


def _open_first_chart(browser, url: str) -> tuple[float, float, float]:
    """(when the navigation began, painted, seen), the last two in seconds after that start."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(PAINT_PROBE)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(CHART, timeout=120_000)
    seen = time.perf_counter() - started
    page.wait_for_function("() => window.__chartPainted !== undefined", timeout=60_000)
    painted = page.evaluate("window.__chartPainted")
    context.close()
    return started, painted, seen


def time_to_first_chart(browser, script: Path, cwd: Path) -> tuple[float, float]:
    """(painted, seen) in seconds from the server's start."""
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
        navigated, painted, seen = _open_first_chart(browser, f"http://127.0.0.1:{port}/")
        return navigated - started + painted, navigated - started + seen
    finally:
        process.terminate()
        process.wait(timeout=10)


RUNNING_VISITS = 9  # per page, interleaved with the minimal app's
COLD_STARTS = 5  # of each app, alternating
# The pages timed for a new visitor, by their path. The targets name the first two; Deals and Sanctions
# are timed too because their maps once froze the page for seconds after its first chart (README).
TIMED_PAGES = {"overview": "/", "strikes": "/strikes", "deals": "/deals", "sanctions": "/sanctions"}
TARGETED = ("overview", "strikes")


def measure_running(runs: int = RUNNING_VISITS) -> dict[str, float]:
    """Ratios dashboard / minimal app for a new visitor on each timed page. Both servers run side by
    side and the visits take turns, so a busy moment of the machine falls on both alike."""
    from contextlib import ExitStack

    from browser_support import streamlit_server
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright, ExitStack() as servers:
        minimal = Path(scratch) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP)
        baseline = servers.enter_context(streamlit_server(app=minimal, cwd=Path(scratch)))
        dashboard = servers.enter_context(streamlit_server(app=ROOT / "dashboard" / "app.py", cwd=ROOT))
        urls = {"minimal": f"{baseline}/", **{name: f"{dashboard}{path}" for name, path in TIMED_PAGES.items()}}
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for url in urls.values():
            _open_first_chart(browser, url)  # each server's first run of the page: caches filled
        times = {name: [] for name in urls}
        for _ in range(runs):
            for name, url in urls.items():
                times[name].append(_open_first_chart(browser, url)[1:])
        browser.close()
    result = {}
    for clock, index in (("painted", 0), ("seen", 1)):
        median = {name: statistics.median(visit[index] for visit in visits) for name, visits in times.items()}
        result[f"minimal_{clock}_s"] = median["minimal"]
        for name in TIMED_PAGES:
            result |= {f"{name}_{clock}_s": median[name], f"{name}_{clock}_ratio": median[name] / median["minimal"]}
    return result


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
    result = {}
    for clock, index in (("painted", 0), ("seen", 1)):
        ours, theirs = (statistics.median(start[index] for start in starts) for starts in (dashboard, baseline))
        result |= {f"dashboard_{clock}_s": ours, f"minimal_{clock}_s": theirs, f"{clock}_ratio": ours / theirs}
    return result


def report(running: dict[str, float], cold: dict[str, float]) -> str:
    lines = [f"First chart against a minimal one-chart app (new visitor: median of {RUNNING_VISITS} visits a page, "
             f"taking turns; cold start: median of {COLD_STARTS}). Targets: new visitor <= 1.2 on "
             f"{' and '.join(name.capitalize() for name in TARGETED)}, cold start <= 1.3."]
    for clock in ("painted", "seen"):
        pages = ", ".join(f"{name.capitalize()} {running[f'{name}_{clock}_s']:.2f} s "
                          f"(ratio {running[f'{name}_{clock}_ratio']:.2f})" for name in TIMED_PAGES)
        lines.append(
            f"  {clock:<8} new visitor: minimal {running[f'minimal_{clock}_s']:.2f} s, {pages}; "
            f"cold start: minimal {cold[f'minimal_{clock}_s']:.2f} s, dashboard {cold[f'dashboard_{clock}_s']:.2f} s "
            f"(ratio {cold[f'{clock}_ratio']:.2f})")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(measure_running(), measure()))
