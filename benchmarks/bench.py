"""Benchmarks that print figures (no pass/fail): `make bench`.

- warm rerun time of each page (median and p95 of 20 AppTest reruns) at 1x and 100x data,
  100x being the bundled strikes with 99 synthetic copies of every row appended in a temp copy;
- bytes of chart and map specs each page sends;
- first chart drawn in headless chromium for a new visitor on a running server (Overview and Strikes)
  and from a cold server start, for the dashboard and for a minimal one-chart app in the same run,
  and their ratios;
- `validate` time on the bundled data, and import times of the full strikes release and of the official
  sanctions lists when present.
The load test with 50 concurrent sessions is separate: `make load`.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest's bare-mode warnings would bury the table
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard.data.checked_cache import CACHE_DIR_VARIABLE, load_checked  # noqa: E402
from dashboard.data.store import DATA_DIR_VARIABLE  # noqa: E402
from dashboard.data.validation import load_data  # noqa: E402

PAGES = {"Overview": None, "Strikes": "views/strikes.py", "Suppliers": "views/suppliers.py",
         "Deals & routes": "views/deals.py", "Sanctions": "views/sanctions.py", "Weapon systems": "views/systems.py",
         "Timeline": "views/timeline.py", "Map": "views/map.py", "Data & sources": "views/data.py",
         "Search": "views/search.py"}
# Query parameters a page is measured with: the search page with a query that finds rows in most tables.
PAGE_PARAMS = {"Search": {"q": "Alabuga"}}
RERUNS = 20
TARGET_1X_MS, TARGET_100X_MS, TARGET_BYTES = 100, 250, 1_000_000
UPSTREAM = ROOT.parent / "shared" / "data" / "upstream" / "massive-missile-attacks"
LISTS = ROOT.parent / "shared" / "data" / "upstream" / "sanctions-lists"


def scaled_copy(target: Path, factor: int) -> Path:
    shutil.copytree(ROOT / "data", target)
    if factor > 1:
        strikes = target / "strikes.csv"
        with strikes.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            columns, rows = reader.fieldnames, list(reader)
        with strikes.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            for copy in range(1, factor):
                for row in rows:
                    synthetic_id = "uaf-" + hashlib.sha1(f"{row['id']}/{copy}".encode()).hexdigest()[:12]
                    writer.writerow({**row, "id": synthetic_id})
    return target


def page_bytes(app: AppTest) -> int:
    charts = sum(len(chart.proto.spec) for chart in app.get("plotly_chart"))
    maps = sum(len(deck.proto.json) for deck in app.get("deck_gl_json_chart"))
    return charts + maps


def measure_page(data_dir: Path, page: str | None, params: dict[str, str] | None = None) -> dict[str, float]:
    os.environ[DATA_DIR_VARIABLE] = str(data_dir)
    app = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=300)
    started = time.perf_counter()
    app.run()
    if page:
        app.switch_page(page)
        for name, value in (params or {}).items():
            app.query_params[name] = value
        app.run()
    cold = time.perf_counter() - started
    if app.exception or app.error:
        failure = app.exception[0].message if app.exception else app.error[0].value
        raise RuntimeError(f"{page or 'Overview'} on {data_dir.name}: {failure}")
    app.run()
    timings = []
    for _ in range(RERUNS):
        started = time.perf_counter()
        app.run()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {"cold_s": cold, "median_ms": statistics.median(timings),
            "p95_ms": timings[int(0.95 * (len(timings) - 1))], "bytes": page_bytes(app)}


def main() -> None:
    print(f"Benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}; {RERUNS} warm AppTest reruns each.")
    with tempfile.TemporaryDirectory() as scratch:
        # An empty disk cache: "cold s" is a first-ever start, which validates every table.
        os.environ[CACHE_DIR_VARIABLE] = str(Path(scratch) / "checked-cache")
        scales = {factor: scaled_copy(Path(scratch) / f"data-{factor}x", factor) for factor in (1, 100)}
        rows = {factor: sum(1 for _ in (path / "strikes.csv").open()) - 1 for factor, path in scales.items()}
        print(f"Strikes rows: 1x = {rows[1]:,}, 100x = {rows[100]:,}\n")
        header = f"{'page':<16}{'scale':>6}{'cold s':>9}{'median ms':>11}{'p95 ms':>9}{'bytes sent':>12}  target"
        print(header)
        print("-" * len(header))
        for name, page in PAGES.items():
            for factor, directory in scales.items():
                result = measure_page(directory, page, PAGE_PARAMS.get(name))
                limit = TARGET_1X_MS if factor == 1 else TARGET_100X_MS
                verdict = "ok" if result["median_ms"] <= limit and result["bytes"] <= TARGET_BYTES else "MISSED"
                print(f"{name:<16}{factor:>5}x{result['cold_s']:>9.2f}{result['median_ms']:>11.1f}"
                      f"{result['p95_ms']:>9.1f}{result['bytes']:>12,}  <= {limit} ms, <= 1 MB: {verdict}")

        started = time.perf_counter()
        load_data(scales[100])
        checked = time.perf_counter() - started
        started = time.perf_counter()
        load_checked(scales[100])  # the entry the runs above wrote, as the next server start reads it
        print(f"\nrestart at 100x: validated tables read from the disk cache in {time.perf_counter() - started:.1f} s "
              f"instead of checked again in {checked:.1f} s")

        from first_chart import measure, measure_running, report

        os.environ.pop(DATA_DIR_VARIABLE, None)  # the servers below must serve the bundled data, not the 100x copy
        print(report(measure_running(), measure()))

        started = time.perf_counter()
        problems = load_data(ROOT / "data").problems
        print(f"validate (bundled data): {time.perf_counter() - started:.2f} s, {len(problems)} problems (target <= 2 s)")

        daily = UPSTREAM / "missile_attacks_daily.csv"
        if daily.exists():
            from dashboard.importers.strikes import import_strikes

            target = Path(scratch) / "import"
            shutil.copytree(ROOT / "data", target)
            (target / "strikes.csv").write_text((ROOT / "data" / "strikes.csv").read_text().splitlines()[0] + "\n")
            started = time.perf_counter()
            summary = import_strikes(daily, target, UPSTREAM / "missiles_and_uavs.csv")
            print(f"import-strikes (full upstream, {summary.upstream_rows:,} rows): "
                  f"{time.perf_counter() - started:.2f} s (target <= 5 s)")
        else:
            print(f"import-strikes: skipped, no upstream release at {UPSTREAM}")

        if LISTS.exists():
            from dashboard.importers.sanctions_lists import import_lists

            target = Path(scratch) / "lists"
            shutil.copytree(ROOT / "data", target)
            started = time.perf_counter()
            summary = import_lists(LISTS, target)
            print(f"import-lists (OFAC history of 308 versions, UK and DFAT lists; {sum(summary.listings.values()):,} "
                  f"listings read): {time.perf_counter() - started:.2f} s (aim <= 60 s)")
        else:
            print(f"import-lists: skipped, no sanctions lists at {LISTS}")


if __name__ == "__main__":
    main()
