"""Static chart export: PNG and SVG through kaleido and the system chromium, one browser for a batch."""

from __future__ import annotations

import atexit
import threading
import warnings
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.charts import CATALOG, PER_ITEM, BuiltChart, Inputs, build
from dashboard.figures.style import EXPORT_HEIGHT, EXPORT_SCALE, EXPORT_WIDTH, SOURCE_LINE

FORMATS = ("png", "svg")
NO_BROWSER = ("Static images need Chromium or Chrome, which kaleido drives: install it (Debian/Ubuntu: "
              "apt-get install chromium) or set BROWSER_PATH to its executable")
_server_lock = threading.Lock()
_server_running = False


class ExportError(Exception):
    """Images cannot be rendered here; the message says what to install."""


def browser_missing() -> str | None:
    """Why images cannot be rendered on this machine, or None when a browser for kaleido is found."""
    from choreographer.browsers.chromium import Chromium

    return None if Chromium.find_browser(skip_local=False) else NO_BROWSER


def _ensure_browser() -> None:
    """Start kaleido's browser once per process; every later image reuses it (~0.2 s instead of ~2.5 s)."""
    global _server_running
    with _server_lock:
        if not _server_running:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
            _server_running = True


def render(figure: dict, image_format: str) -> bytes:
    _ensure_browser()
    with warnings.catch_warnings():
        # plotly warns that per-call browser options are ignored once a server runs: that is the point.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return pio.to_image(go.Figure(figure), format=image_format, width=EXPORT_WIDTH, height=EXPORT_HEIGHT,
                            scale=EXPORT_SCALE if image_format == "png" else 1, validate=False)


def _sources_of(chart: BuiltChart) -> str:
    annotations = chart.figure.get("layout", {}).get("annotations", [])
    stamped = [a["text"] for a in annotations if a.get("name") == SOURCE_LINE]
    return stamped[0] if stamped else ""


def export_charts(inputs: Inputs, out: Path, formats: tuple[str, ...] = FORMATS,
                  slugs: tuple[str, ...] | None = None) -> list[Path]:
    """Write each headline chart (and the CSV behind it) to `out`, plus an index.md listing them."""
    missing = browser_missing()
    if missing:
        raise ExportError(missing)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    lines = ["# Iran–Russia arms dashboard — chart pack", "", f"Filters: {inputs.words}. Data as of {inputs.as_of}.", ""]
    for slug in slugs or tuple(slug for slug in CATALOG if slug not in PER_ITEM):
        if inputs.blocked(CATALOG[slug].tables):
            lines.append(f"- **{CATALOG[slug].title}**: skipped, its data failed validation")
            continue
        chart = build(slug, inputs)
        if not chart.figure.get("data"):
            lines.append(f"- **{chart.title}**: nothing to chart for these filters")
            continue
        files = []
        for image_format in formats:
            path = out / f"{chart.filename}.{image_format}"
            path.write_bytes(render(chart.figure, image_format))
            written.append(path)
            files.append(f"[{image_format.upper()}]({path.name})")
        data_path = out / f"{chart.filename}.csv"
        chart.data.to_csv(data_path, index=False)
        files.append(f"[data (CSV)]({data_path.name})")
        lines.append(f"- **{chart.title}** — {' · '.join(files)}  \n  {_sources_of(chart)}")
    (out / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written
