"""Import a release of "Massive Missile Attacks on Ukraine" into data/strikes.csv.

Load → process → save. Every upstream row becomes exactly one strikes row; nothing is merged,
split or dropped. What the importer assumes of the upstream file it checks, and it fails naming
the row and column when an assumption breaks. A newer release is merged into what is already
there: additions and changes are reported, and rows that vanished upstream are kept and flagged
unless the caller allows removals.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable, TextIO

from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.importers.uaf_gazetteer import PLACES

REQUIRED_COLUMNS = ("time_start", "time_end", "model", "launched", "destroyed", "source")
DATASET_SOURCE_ID = "kaggle-massive-missile-attacks"
DATASET_SOURCE_ROW = {
    "id": DATASET_SOURCE_ID,
    "publisher": "Petro Ivaniuk (Kaggle)",
    "title": "Massive Missile Attacks on Ukraine",
    "published": "",
    "url": "https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine",
    "kind": "dataset",
}
MODEL_SEPARATOR = " and "
PROGRESS_EVERY = 2000

# Upstream writes Russian designations in Latin look-alikes (C-300 for S-300) and joins models
# reported together with "/"; these name each system a row refers to.
MODEL_SYSTEM_IDS: dict[str, tuple[str, ...]] = {
    "Shahed-136/131": ("shahed-136", "shahed-131"),
    "Iskander-M/KN-23": ("iskander-m", "kn-23"),
    "KN-23": ("kn-23",),
    "Mohajer-6": ("mohajer-6",),
    "C-300": ("s-300",),
    "C-400": ("s-400",),
    "C-300/C-400": ("s-300", "s-400"),
}
# Systems those ids need when the curated systems table does not have them yet.
KNOWN_SYSTEMS: dict[str, dict[str, str]] = {
    "shahed-136": {"name": "Shahed-136", "aliases": "Geran-2", "category": "attack drone", "design_country": "Iran",
                   "maker": "Shahed Aviation Industries"},
    "shahed-131": {"name": "Shahed-131", "aliases": "Geran-1", "category": "attack drone", "design_country": "Iran",
                   "maker": "Shahed Aviation Industries"},
    "mohajer-6": {"name": "Mohajer-6", "aliases": "", "category": "reconnaissance drone", "design_country": "Iran",
                  "maker": "Qods Aviation Industries"},
    "iskander-m": {"name": "Iskander-M", "aliases": "9K720", "category": "ballistic missile", "design_country": "Russia",
                   "maker": "Votkinsk Plant"},
    "kn-23": {"name": "KN-23", "aliases": "Hwasong-11", "category": "ballistic missile", "design_country": "North Korea",
              "maker": ""},
    "s-300": {"name": "S-300", "aliases": "C-300", "category": "surface-to-air missile", "design_country": "Russia",
              "maker": ""},
    "s-400": {"name": "S-400", "aliases": "C-400", "category": "surface-to-air missile", "design_country": "Russia",
              "maker": ""},
}
ORIGINS = {"iran": "Iran", "russia": "Russia", "north korea": "North Korea"}
NATIONAL_REPORTERS = {"kpszsu"}
REGIONAL_PREFIX = "pvk"
_CYRILLIC = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэё",
                     ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m", "n", "o",
                      "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "iu", "ia", "y", "e", "e"]))
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?")
_COUNT = re.compile(r"\d+(?:\.0*)?")


class UpstreamError(Exception):
    """The upstream file breaks an assumption; the message names the row(s) and column(s)."""


@dataclass
class ImportSummary:
    release: str
    upstream_rows: int
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, dict[str, tuple[str, str]]]] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_systems: list[str] = field(default_factory=list)
    new_places: list[str] = field(default_factory=list)
    places_without_point: list[str] = field(default_factory=list)
    unknown_models: list[str] = field(default_factory=list)

    def report(self, out: TextIO, max_changes: int = 50) -> None:
        print(f"Imported {self.upstream_rows} upstream rows (release {self.release}).", file=out)
        print(f"  added: {len(self.added)}; changed: {len(self.changed)}; unchanged: {self.unchanged}; "
              f"gone upstream: {len(self.gone)} (kept, flagged removed); deleted: {len(self.removed)}", file=out)
        for row_id, changes in self.changed[:max_changes]:
            described = "; ".join(f"{column} {old!r} -> {new!r}" for column, (old, new) in changes.items())
            print(f"  changed {row_id}: {described}", file=out)
        if len(self.changed) > max_changes:
            print(f"  … and {len(self.changed) - max_changes} more changed rows", file=out)
        for row_id in self.gone[:max_changes]:
            print(f"  gone upstream (kept, upstream_status=removed): {row_id}", file=out)
        if self.new_systems:
            print(f"  new systems: {', '.join(self.new_systems)}", file=out)
        if self.new_places:
            print(f"  new places: {len(self.new_places)}", file=out)
        if self.places_without_point:
            print(f"  places with no map point (not in the gazetteer): {', '.join(self.places_without_point)}", file=out)
        if self.unknown_models:
            print(f"  models missing from the models table (country of design unknown): "
                  f"{', '.join(self.unknown_models)}", file=out)


def slugify(text: str) -> str:
    ascii_text = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _parse_timestamp(raw: str) -> tuple[str, datetime, bool] | None:
    """ISO text, the moment, and whether a time of day was given."""
    match = _TIMESTAMP.fullmatch(raw.strip())
    if not match:
        return None
    day, hour, minute = match.groups()
    try:
        moment = datetime.fromisoformat(day)
        if hour is None:
            return day, moment, False
        moment = moment.replace(hour=int(hour), minute=int(minute))
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M"), moment, True


def night_of(end: datetime, end_has_time: bool) -> date:
    """The date of the evening the attack window began.

    Reports are published in the morning for the night before: a window ending at or before
    noon, or giving no time, belongs to the previous day's evening; a window ending later in the
    day belongs to that day.
    """
    if not end_has_time or end.hour < 12 or (end.hour == 12 and end.minute == 0):
        return (end - timedelta(days=1)).date()
    return end.date()


def source_url(source: str) -> str:
    """Upstream cites Facebook posts by path ('kpszsu/posts/…'), other sites by host."""
    source = source.strip()
    if source.startswith(("http://", "https://")):
        return source
    first = source.split("/", 1)[0]
    if "/posts/" in source or first == "watch" or "." not in first:
        return "https://www.facebook.com/" + source
    return "https://" + source


def reporter_of(source: str) -> str:
    path = source.strip()
    if path.startswith(("http://", "https://")):
        path = path.split("://", 1)[1].split("/", 1)[1] if "/" in path.split("://", 1)[1] else ""
    account = path.split("/", 1)[0].lower()
    if account in NATIONAL_REPORTERS:
        return "national"
    if account.startswith(REGIONAL_PREFIX):
        return "regional"
    return "other"


def _count(raw: str) -> int | None | str:
    """An integer count, None when empty, or an error text."""
    text = raw.strip()
    if text == "" or text.lower() == "nan":
        return None
    if not _COUNT.fullmatch(text):
        return f"not a whole, non-negative count ({text!r})"
    return int(float(text))


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(MODEL_SEPARATOR) if part.strip()] if text else []


@dataclass
class _Models:
    """What the models reference table (or, without it, the systems table) says of each model."""

    origins: dict[str, list[str]]
    rows: dict[str, dict[str, str]]

    @classmethod
    def from_file(cls, path: Path | None) -> "_Models":
        if path is None:
            return cls({}, {})
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "model" not in reader.fieldnames:
                raise UpstreamError(f"{path}: the models table has no 'model' column")
            rows = {row["model"].strip(): row for row in reader}
        origins = {
            model: [ORIGINS[o.strip()] for o in (row.get("national_origin") or "").split("/") if o.strip() in ORIGINS]
            for model, row in rows.items()
        }
        return cls(origins, rows)


def _system_ids(part: str) -> tuple[str, ...]:
    return MODEL_SYSTEM_IDS.get(part) or (slugify(part) or "model-" + hashlib.sha1(part.encode()).hexdigest()[:8],)


def _category(row: dict[str, str] | None) -> str:
    if not row:
        return "other"
    category = (row.get("category") or "").strip().lower()
    kind = (row.get("type") or "").lower()
    if category == "uav":
        return "reconnaissance drone" if "reconnaissance" in kind or "istar" in kind else "attack drone"
    if category in {"ballistic missile", "cruise missile", "guided bomb", "surface-to-air missile"}:
        return category
    return "other"


def release_label(upstream: Path, latest_night: str) -> str:
    digest = hashlib.sha256(upstream.read_bytes()).hexdigest()[:12]
    return f"{latest_night}/sha256:{digest}"


def _read_upstream(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise UpstreamError(f"{path}: no such file") from error
    except UnicodeDecodeError as error:
        raise UpstreamError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise UpstreamError(f"{path}: required column(s) missing: {', '.join(missing)} "
                            f"(found: {', '.join(header) or 'no header'})")
    rows = []
    previous = 1
    for record in reader:
        rows.append((previous + 1, {k.strip(): (v or "") for k, v in record.items() if k is not None}))
        previous = reader.line_num
    return header, rows


def convert(path: Path, models: _Models, known_systems: dict[str, dict[str, str]],
            progress: Callable[[int, int], None] | None = None) -> tuple[list[dict[str, str]], dict, dict, list[str]]:
    """Upstream rows → strikes rows, plus the systems and places they need."""
    header, records = _read_upstream(path)
    errors: list[str] = []
    rows: list[dict[str, str]] = []
    systems: dict[str, dict[str, str]] = {}
    places: dict[str, dict[str, str]] = {}
    unknown_models: set[str] = set()
    occurrences: Counter[str] = Counter()

    for number, (line, record) in enumerate(records, start=1):
        if progress and number % PROGRESS_EVERY == 0:
            progress(number, len(records))
        start = _parse_timestamp(record["time_start"])
        end = _parse_timestamp(record["time_end"])
        if start is None:
            errors.append(f"{path.name}:{line}: time_start: not a date or date-time ({record['time_start']!r})")
        if end is None:
            errors.append(f"{path.name}:{line}: time_end: not a date or date-time ({record['time_end']!r})")
        counts = {}
        for column, target in (("launched", "launched"), ("destroyed", "shot_down"),
                               ("not_reach_goal", "lost_ew"), ("still_attacking", "still_airborne")):
            value = _count(record.get(column, ""))
            if isinstance(value, str):
                errors.append(f"{path.name}:{line}: {column}: {value}")
                value = None
            counts[target] = "" if value is None else str(value)
        model = record["model"].strip()
        if not model:
            errors.append(f"{path.name}:{line}: model: empty")
        if not record["source"].strip():
            errors.append(f"{path.name}:{line}: source: empty")
        if start is None or end is None or not model:
            continue

        parts = _split(model)
        system_ids: list[str] = []
        countries: list[str] = []
        for part in parts:
            ids = _system_ids(part)
            part_row = models.rows.get(part)
            if models.rows and part_row is None:
                unknown_models.add(part)
            for system_id in ids:
                if system_id not in system_ids:
                    system_ids.append(system_id)
                known = known_systems.get(system_id) or systems.get(system_id)
                if known is None:
                    origin = models.origins.get(part, [])
                    known = KNOWN_SYSTEMS.get(system_id) or {
                        "name": (part_row or {}).get("name") or part,
                        "aliases": ";".join(a for a in dict.fromkeys(
                            [part, (part_row or {}).get("name_NATO", "").strip()]) if a and a != ((part_row or {}).get("name") or part)),
                        "category": _category(part_row),
                        "design_country": origin[0] if len(origin) == 1 else "unknown",
                        "maker": ((part_row or {}).get("manufacturer") or "").strip(),
                    }
                    systems[system_id] = {"id": system_id, **known, "source_ids": DATASET_SOURCE_ID}
                country = known["design_country"]
                if country in ORIGINS.values() and country not in countries:
                    countries.append(country)

        launch_names = _split(record.get("launch_place", ""))
        target_names = _split(record.get("target", ""))
        launch_ids, target_ids = [], []
        for names, ids in ((launch_names, launch_ids), (target_names, target_ids)):
            for name in names:
                place_id = slugify(name)
                ids.append(place_id)
                if place_id not in places:
                    entry = PLACES.get(name)
                    places[place_id] = {
                        "id": place_id, "name": name,
                        "country": entry.country if entry else "",
                        "kind": entry.kind if entry else "other",
                        "lat": "" if entry is None or entry.lat is None else f"{entry.lat:.2f}",
                        "lon": "" if entry is None or entry.lon is None else f"{entry.lon:.2f}",
                        "aliases": "",
                    }

        key = "|".join([start[0], end[0], model, record["source"].strip()])
        occurrences[key] += 1
        row_id = "uaf-" + hashlib.sha1(key.encode()).hexdigest()[:12]
        if occurrences[key] > 1:
            row_id += f"-{occurrences[key]}"
        rows.append({
            "id": row_id,
            "window_start": start[0],
            "window_end": end[0],
            "night": night_of(end[1], end[2]).isoformat(),
            "model_reported": model,
            "system_ids": ";".join(system_ids),
            "design_country": countries[0] if len(countries) == 1 else "unknown",
            "design_countries": ";".join(countries),
            **counts,
            "launch_areas": ";".join(launch_names),
            "launch_place_ids": ";".join(launch_ids),
            "target_area": record.get("target", "").strip(),
            "target_place_ids": ";".join(target_ids),
            "reporter": reporter_of(record["source"]),
            "in_totals": "",
            "source_post": source_url(record["source"]),
            "upstream_release": "",
            "upstream_status": "current",
        })
    if errors:
        shown = "\n".join(errors[:200])
        more = f"\n… and {len(errors) - 200} more" if len(errors) > 200 else ""
        raise UpstreamError(f"{len(errors)} problem(s) in {path}; nothing was imported:\n{shown}{more}")
    return rows, systems, places, sorted(unknown_models)


def mark_counted(rows: list[dict[str, str]]) -> None:
    """The counting rule: a night's national Air Force reports when it has any, else all its reports."""
    nights_with_national = {row["night"] for row in rows if row["reporter"] == "national" and row["upstream_status"] == "current"}
    for row in rows:
        counted = row["upstream_status"] == "current" and (
            row["reporter"] == "national" or row["night"] not in nights_with_national)
        row["in_totals"] = "true" if counted else "false"


def _read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.exists():
        return [], []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_table(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})


COMPARED_COLUMNS = ("window_start", "window_end", "night", "model_reported", "system_ids", "design_country",
                    "design_countries", "launched", "shot_down", "lost_ew", "still_airborne", "launch_areas",
                    "launch_place_ids", "target_area", "target_place_ids", "reporter", "source_post")


def import_strikes(upstream: Path, data_dir: Path, models_path: Path | None = None, allow_removals: bool = False,
                   progress: Callable[[int, int], None] | None = None, today: date | None = None) -> ImportSummary:
    contract = load_contract(data_dir)
    _, existing_systems = _read_table(data_dir / "systems.csv")
    known_systems = {row["id"]: row for row in existing_systems}
    rows, new_systems, new_places, unknown_models = convert(upstream, _Models.from_file(models_path), known_systems,
                                                            progress)
    latest_night = max((row["night"] for row in rows), default="empty")
    release = release_label(upstream, latest_night)
    summary = ImportSummary(release=release, upstream_rows=len(rows), unknown_models=unknown_models)

    _, previous_rows = _read_table(data_dir / "strikes.csv")
    previous = {row["id"]: row for row in previous_rows}
    merged: dict[str, dict[str, str]] = {}
    for row in rows:
        old = previous.get(row["id"])
        if old is None:
            row["upstream_release"] = release
            summary.added.append(row["id"])
        else:
            changes = {c: (old.get(c, ""), row[c]) for c in COMPARED_COLUMNS if old.get(c, "") != row[c]}
            if changes or old.get("upstream_status") != "current":
                row["upstream_release"] = release
                summary.changed.append((row["id"], changes or {"upstream_status": (old.get("upstream_status", ""), "current")}))
            else:
                row["upstream_release"] = old["upstream_release"]
                summary.unchanged += 1
        merged[row["id"]] = row
    for row_id, old in previous.items():
        if row_id in merged:
            continue
        if allow_removals:
            summary.removed.append(row_id)
            continue
        kept = dict(old)
        if kept.get("upstream_status") != "removed":
            summary.gone.append(row_id)
        kept["upstream_status"] = "removed"
        merged[row_id] = kept
    final_rows = sorted(merged.values(), key=lambda r: (r["night"], r["window_start"], r["model_reported"], r["id"]))
    mark_counted(final_rows)

    _, existing_places = _read_table(data_dir / "places.csv")
    known_places = {row["id"] for row in existing_places}
    added_places = [p for place_id, p in sorted(new_places.items()) if place_id not in known_places]
    summary.new_places = [p["id"] for p in added_places]
    summary.places_without_point = sorted({p["name"] for p in new_places.values() if not p["lat"]})
    added_systems = [s for system_id, s in sorted(new_systems.items()) if system_id not in known_systems]
    summary.new_systems = [s["id"] for s in added_systems]
    _, existing_sources = _read_table(data_dir / "sources.csv")
    needs_source = not any(row["id"] == DATASET_SOURCE_ID for row in existing_sources)

    # Write into a scratch copy, validate it, and only then replace data/: a failed import
    # leaves the data exactly as it was.
    with tempfile.TemporaryDirectory() as scratch:
        staging = Path(scratch)
        for table in contract.tables:
            source = data_dir / table.path
            if source.exists():
                shutil.copy(source, staging / table.path)
        if (data_dir / "datapackage.json").exists():
            shutil.copy(data_dir / "datapackage.json", staging / "datapackage.json")
        _write_table(staging / "strikes.csv", contract.table("strikes").column_names, final_rows)
        if added_systems:
            _write_table(staging / "systems.csv", contract.table("systems").column_names, existing_systems + added_systems)
        if added_places:
            _write_table(staging / "places.csv", contract.table("places").column_names, existing_places + added_places)
        if needs_source:
            accessed = (today or date.today()).isoformat()
            _write_table(staging / "sources.csv", contract.table("sources").column_names,
                         existing_sources + [{**DATASET_SOURCE_ROW, "accessed": accessed}])
        problems = [p for p in load_data(staging, contract).problems
                    if p.file in {"strikes.csv", "systems.csv", "places.csv", "sources.csv"}]
        if problems:
            listed = "\n".join(str(p) for p in problems[:100])
            raise UpstreamError(f"the imported data would not validate; data/ is unchanged:\n{listed}")
        for name in ("strikes.csv", "systems.csv", "places.csv", "sources.csv"):
            if (staging / name).exists():
                shutil.copy(staging / name, data_dir / name)
    return summary


def print_progress(done: int, total: int) -> None:
    print(f"  … {done:,} of {total:,} upstream rows", file=sys.stderr, flush=True)
