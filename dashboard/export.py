"""Static chart export: PNG and SVG through kaleido and the system chromium, one browser for a batch."""

from __future__ import annotations

import atexit
import io
import json
import re
import threading
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.charts import CATALOG, PER_ITEM, BuiltChart, Inputs, build
from dashboard.data.contract import DataPackage, Table
from dashboard.figures.style import EXPORT_SCALE, EXPORT_WIDTH, SOURCE_LINE, export_height
from dashboard.transforms.citation import SOURCES_COLUMN, SOURCES_DESCRIPTION, Citation

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
        return pio.to_image(go.Figure(figure), format=image_format, width=EXPORT_WIDTH, height=export_height(figure),
                            scale=EXPORT_SCALE if image_format == "png" else 1, validate=False)


def _sources_of(chart: BuiltChart) -> str:
    annotations = chart.figure.get("layout", {}).get("annotations", [])
    # One line in the index: the chart wraps its source line for phones.
    stamped = [a["text"].replace("<br>", " ") for a in annotations if a.get("name") == SOURCE_LINE]
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
        data_path.write_bytes(csv_bytes(chart.data))
        files.append(f"[data (CSV)]({data_path.name})")
        lines.append(f"- **{chart.title}** — {' · '.join(files)}  \n  {_sources_of(chart)}")
    (out / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


LIST_DELIMITER = ";"


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*)?(\.\d+)?([eE][+-]?\d+)?")


def inert(cell: object) -> object:
    """A text cell a spreadsheet will show as text: one that would start a formula gets a leading
    apostrophe, as OWASP advises; a number written as text ("-5", "+3.2") stays as it is."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The one CSV writer of the app: every download and export goes through here.

    List cells are joined with ';' as in data/*.csv, so the file reads back the way the data does; text
    that a spreadsheet would run as a formula is made inert."""
    written = frame.copy()
    for column in written.columns:
        if written[column].dtype == object and written[column].map(lambda cell: isinstance(cell, (list, tuple))).any():
            written[column] = written[column].map(
                lambda cell: LIST_DELIMITER.join(map(str, cell)) if isinstance(cell, (list, tuple)) else cell)
        if not pd.api.types.is_numeric_dtype(written[column]) and not pd.api.types.is_datetime64_any_dtype(
                written[column]):
            written[column] = written[column].map(inert)
    return written.to_csv(index=False).encode("utf-8")


def tables_for(frame: pd.DataFrame, package: DataPackage, names: Sequence[str] | None) -> tuple[Table, ...]:
    """The contract tables a frame comes from: those named, else the one sharing most columns with it."""
    if names:
        return tuple(package.table(name) for name in names)
    overlap = [(len(set(frame.columns) & set(t.column_names)), -i, t) for i, t in enumerate(package.tables)]
    best = max(overlap, key=lambda entry: entry[:2])
    return (best[2],) if best[0] else ()


def _inferred_type(column: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(column):
        return "boolean"
    if pd.api.types.is_integer_dtype(column):
        return "integer"
    if pd.api.types.is_numeric_dtype(column):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(column):
        stamps = column.dropna()
        return "date" if (stamps == stamps.dt.normalize()).all() else "datetime"
    return "string"


def field_descriptors(frame: pd.DataFrame, tables: Sequence[Table]) -> list[dict[str, str]]:
    """One Frictionless field per CSV column, in order: the contract's own field where a table has it,
    else the column's name with a type read from the data."""
    fields = []
    for column in frame.columns:
        known = next((t.field_by_name[column] for t in tables if column in t.field_by_name), None)
        if column == SOURCES_COLUMN and known is None:
            fields.append({"name": column, "type": "string", "title": "Sources", "description": SOURCES_DESCRIPTION})
        elif known is None:
            fields.append({"name": str(column), "type": _inferred_type(frame[column]), "title": str(column)})
        else:
            field = {"name": known.name, "type": known.type, "title": known.title, "description": known.description}
            if known.delimiter:
                field["delimiter"] = known.delimiter
            fields.append(field)
    return fields


def _unique(entries: list[dict[str, str]]) -> list[dict[str, str]]:
    return list({json.dumps(entry, sort_keys=True): entry for entry in entries}.values())


def data_package(frame: pd.DataFrame, *, name: str, title: str, csv_name: str, package: DataPackage,
                 tables: Sequence[Table]) -> dict:
    """A datapackage.json describing exactly one downloaded CSV, its licences and sources."""
    licences = _unique([dict(entry) for t in tables for entry in t.licenses]) or [dict(e) for e in package.licenses]
    sources = _unique([dict(entry) for t in tables for entry in t.sources])
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-") or "data"
    resource = {"name": slug, "path": csv_name, "profile": "tabular-data-resource", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "title": title,
                "schema": {"fields": field_descriptors(frame, tables)}, "licenses": licences, "sources": sources}
    return {"profile": "tabular-data-package", "name": slug, "title": title, "version": package.version,
            "licenses": licences, "sources": sources, "resources": [resource]}


def citation_file(*, title: str, as_of: str, rows: int, csv_name: str, citation: Citation, descriptor: dict,
                  message: str) -> str:
    licences = "\n".join(f"- {entry.get('title', entry['name'])} ({entry['name']}): {entry.get('path', '')}".rstrip(": ")
                         for entry in descriptor["licenses"])
    sources = "\n".join(f"- {entry.get('title', '')} {entry.get('path', '')}".rstrip() for entry in descriptor["sources"])
    parts = [title, "", f"Data as of {as_of}. {csv_name} holds {rows:,} row{'' if rows == 1 else 's'}; "
             "datapackage.json describes its columns.", "", "Cite as (APA):", citation.apa, "", "BibTeX:",
             citation.bibtex, "", "Licence(s):", licences]
    if sources:
        parts += ["", "Sources of the tables (each row names its own in the 'sources' column where it has one):",
                  sources]
    if message:
        parts += ["", message]
    return "\n".join(parts) + "\n"


def data_zip(frame: pd.DataFrame, *, name: str, title: str, as_of: str, package: DataPackage,
             tables: Sequence[Table], citation: Citation, message: str) -> bytes:
    """A download that keeps the CSV parseable and carries its description, citation and licences:
    `<name>.csv`, `datapackage.json` and `CITATION.txt` in one zip."""
    csv_name = f"{name}.csv"
    descriptor = data_package(frame, name=name, title=title, csv_name=csv_name, package=package, tables=tables)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(csv_name, csv_bytes(frame))
        archive.writestr("datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
        archive.writestr("CITATION.txt", citation_file(title=title, as_of=as_of, rows=len(frame), csv_name=csv_name,
                                                       citation=citation, descriptor=descriptor, message=message))
    return buffer.getvalue()
