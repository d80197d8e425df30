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
from typing import Callable, NamedTuple, TextIO

from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.importers.uaf_gazetteer import PLACES
from dashboard.transforms.strikes import QUALITY_NOTES

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
_DETAIL = re.compile(r"\s*'([^']+)'\s*:\s*(NaN|nan|None|\d+(?:\.0*)?)\s*")
END_BEFORE_START = "end-before-start"


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
    quality: list[tuple[int, str, str, str]] = field(default_factory=list)  # upstream line, note, start, end

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
        if self.quality:
            print(f"  flagged (kept and counted; see the quality column): {len(self.quality)}", file=out)
            for line, note, start, end in self.quality[:max_changes]:
                print(f"  line {line}: {note}: {start} -> {end} ({QUALITY_NOTES.get(note, note)})", file=out)
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


class Timestamp(NamedTuple):
    iso: str
    moment: datetime
    has_time: bool

    @property
    def latest(self) -> datetime:
        """The latest moment the text can mean: a bare date means "some time that day"."""
        return self.moment if self.has_time else self.moment + timedelta(days=1)


def _parse_timestamp(raw: str) -> Timestamp | None:
    match = _TIMESTAMP.fullmatch(raw.strip())
    if not match:
        return None
    day, hour, minute = match.groups()
    try:
        moment = datetime.fromisoformat(day)
        if hour is None:
            return Timestamp(day, moment, False)
        moment = moment.replace(hour=int(hour), minute=int(minute))
    except ValueError:
        return None
    return Timestamp(moment.strftime("%Y-%m-%dT%H:%M"), moment, True)


def _night_from_end(end: Timestamp) -> date:
    """The evening before a morning report: a window ending by noon, or giving no time, belongs to
    the previous day's evening; one ending later in the day to that day."""
    if not end.has_time or end.moment.hour < 12 or (end.moment.hour == 12 and end.moment.minute == 0):
        return (end.moment - timedelta(days=1)).date()
    return end.moment.date()


def window_ends_before_start(start: Timestamp, end: Timestamp) -> bool:
    return end.latest < start.moment


def night_of(start: Timestamp, end: Timestamp) -> date:
    """The night (the date D of "D–D+1") in which the attack began.

    A start from noon on D to noon on D+1 is the night of D. A bare-date start could be any time
    that day, so the end decides, kept within the two nights that day touches. A window whose end
    precedes its start has a start that cannot be trusted: the end decides.
    """
    if window_ends_before_start(start, end):
        return _night_from_end(end)
    if start.has_time:
        day = start.moment.date()
        return day if start.moment.hour >= 12 else day - timedelta(days=1)
    day = start.moment.date()
    return min(max(_night_from_end(end), day - timedelta(days=1)), day)


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


def shot_down_details(raw: str) -> str | None:
    """Upstream's per-command (or per-region) breakdown of drones downed, "{'south': 49, 'east': NaN}",
    as "south: 49; east: 87" with unreported entries left out; None when it is not such a breakdown."""
    text = raw.strip()
    if not text:
        return ""
    if not (text.startswith("{") and text.endswith("}")):
        return None
    entries = []
    for part in filter(str.strip, text[1:-1].split(",")):
        match = _DETAIL.fullmatch(part)
        if match is None:
            return None
        name, count = match.groups()
        if count.lower() not in {"nan", "none"}:
            entries.append(f"{' '.join(name.split())}: {int(float(count))}")
    return "; ".join(entries)


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


@dataclass
class Converted:
    rows: list[dict[str, str]]
    systems: dict[str, dict[str, str]]
    places: dict[str, dict[str, str]]
    unknown_models: list[str]
    upstream_lines: dict[str, int]  # row id → its line in the upstream file


def convert(path: Path, models: _Models, known_systems: dict[str, dict[str, str]],
            progress: Callable[[int, int], None] | None = None) -> Converted:
    """Upstream rows → strikes rows, plus the systems and places they need."""
    header, records = _read_upstream(path)
    errors: list[str] = []
    rows: list[dict[str, str]] = []
    systems: dict[str, dict[str, str]] = {}
    places: dict[str, dict[str, str]] = {}
    unknown_models: set[str] = set()
    occurrences: Counter[str] = Counter()
    upstream_lines: dict[str, int] = {}

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

        details = shot_down_details(record.get("destroyed_details", ""))
        if details is None:
            errors.append(f"{path.name}:{line}: destroyed_details: not a {{'name': count, …}} breakdown "
                          f"({record['destroyed_details'][:80]!r})")
            continue
        quality = [END_BEFORE_START] if window_ends_before_start(start, end) else []

        key = "|".join([start.iso, end.iso, model, record["source"].strip()])
        occurrences[key] += 1
        row_id = "uaf-" + hashlib.sha1(key.encode()).hexdigest()[:12]
        if occurrences[key] > 1:
            row_id += f"-{occurrences[key]}"
        rows.append({
            "id": row_id,
            "window_start": start.iso,
            "window_end": end.iso,
            "night": night_of(start, end).isoformat(),
            "report_date": end.moment.date().isoformat(),
            "model_reported": model,
            "system_ids": ";".join(system_ids),
            "design_country": countries[0] if len(countries) == 1 else "unknown",
            "design_countries": ";".join(countries),
            **counts,
            "shot_down_details": details,
            "launch_areas": ";".join(launch_names),
            "launch_place_ids": ";".join(launch_ids),
            "target_area": record.get("target", "").strip(),
            "target_place_ids": ";".join(target_ids),
            "reporter": reporter_of(record["source"]),
            "in_totals": "",
            "source_post": source_url(record["source"]),
            "upstream_release": "",
            "upstream_status": "current",
            "quality": ";".join(quality),
        })
        upstream_lines[row_id] = line
    if errors:
        shown = "\n".join(errors[:200])
        more = f"\n… and {len(errors) - 200} more" if len(errors) > 200 else ""
        raise UpstreamError(f"{len(errors)} problem(s) in {path}; nothing was imported:\n{shown}{more}")
    return Converted(rows, systems, places, sorted(unknown_models), upstream_lines)


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
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_table(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})


COMPARED_COLUMNS = ("window_start", "window_end", "night", "report_date", "model_reported", "system_ids",
                    "design_country", "design_countries", "launched", "shot_down", "lost_ew", "still_airborne",
                    "shot_down_details", "launch_areas", "launch_place_ids", "target_area", "target_place_ids",
                    "reporter", "source_post", "quality")


def revision_key(row: dict[str, str]) -> tuple[str, str, str]:
    """What stays put when upstream revises a row: its source post, model and window start."""
    return row["source_post"], row["model_reported"], row["window_start"]


def _match_previous(rows: list[dict[str, str]], previous: dict[str, dict[str, str]]) -> dict[str, str]:
    """new row id → the previous row id it continues: the same id, or else the same revision key.

    A revised row keeps the id it was first published under, so links and citations to it hold.
    """
    matched = {row["id"]: row["id"] for row in rows if row["id"] in previous}
    waiting: dict[tuple[str, str, str], list[str]] = {}
    taken = set(matched.values())
    for row_id, old in previous.items():
        if row_id not in taken:
            waiting.setdefault(revision_key(old), []).append(row_id)
    for row in rows:
        if row["id"] not in matched and waiting.get(revision_key(row)):
            matched[row["id"]] = waiting[revision_key(row)].pop(0)
    return matched


def _located_upstream(problems, final_rows: list[dict[str, str]], upstream: Path,
                      upstream_lines: dict[str, int]) -> list[str]:
    """Staging problems in strikes.csv, told by the upstream file's own line numbers."""
    told = []
    for problem in problems:
        if problem.file == "strikes.csv" and problem.line is not None and 2 <= problem.line < len(final_rows) + 2:
            row_id = final_rows[problem.line - 2]["id"]
            if row_id in upstream_lines:
                shown = "" if problem.value is None else f" ({problem.value!r})"
                told.append(f"{upstream.name}:{upstream_lines[row_id]}: {problem.column}: {problem.reason}{shown}")
                continue
            told.append(f"{problem} (a row kept from an earlier release, id {row_id})")
            continue
        told.append(str(problem))
    return told


def import_strikes(upstream: Path, data_dir: Path, models_path: Path | None = None, allow_removals: bool = False,
                   progress: Callable[[int, int], None] | None = None, today: date | None = None) -> ImportSummary:
    contract = load_contract(data_dir)
    _, existing_systems = _read_table(data_dir / "systems.csv")
    known_systems = {row["id"]: row for row in existing_systems}
    converted = convert(upstream, _Models.from_file(models_path), known_systems, progress)
    rows = converted.rows
    latest_night = max((row["night"] for row in rows), default="empty")
    release = release_label(upstream, latest_night)
    summary = ImportSummary(release=release, upstream_rows=len(rows), unknown_models=converted.unknown_models)

    _, previous_rows = _read_table(data_dir / "strikes.csv")
    previous = {row["id"]: row for row in previous_rows}
    continues = _match_previous(rows, previous)
    upstream_lines = {}
    merged: dict[str, dict[str, str]] = {}
    for row in rows:
        line = converted.upstream_lines[row["id"]]
        old = previous.get(continues.get(row["id"], ""))
        if old is None:
            row["upstream_release"] = release
            summary.added.append(row["id"])
        else:
            row["id"] = old["id"]
            changes = {c: (old.get(c, ""), row[c]) for c in COMPARED_COLUMNS if old.get(c, "") != row[c]}
            if changes or old.get("upstream_status") != "current":
                row["upstream_release"] = release
                summary.changed.append((row["id"], changes or {"upstream_status": (old.get("upstream_status", ""), "current")}))
            else:
                row["upstream_release"] = old["upstream_release"]
                summary.unchanged += 1
        upstream_lines[row["id"]] = line
        if row["quality"]:
            summary.quality.append((line, row["quality"], row["window_start"], row["window_end"]))
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
    added_places = [p for place_id, p in sorted(converted.places.items()) if place_id not in known_places]
    summary.new_places = [p["id"] for p in added_places]
    located = {row["id"] for row in existing_places if row.get("lat")}
    summary.places_without_point = sorted({p["name"] for p in converted.places.values()
                                           if not p["lat"] and p["id"] not in located})
    added_systems = [s for system_id, s in sorted(converted.systems.items()) if system_id not in known_systems]
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
            listed = "\n".join(_located_upstream(problems[:100], final_rows, upstream, upstream_lines))
            raise UpstreamError(f"{len(problems)} problem(s) importing {upstream}; data/ is unchanged:\n{listed}")
        for name in ("strikes.csv", "systems.csv", "places.csv", "sources.csv"):
            if (staging / name).exists():
                shutil.copy(staging / name, data_dir / name)
    return summary


def print_progress(done: int, total: int) -> None:
    print(f"  … {done:,} of {total:,} upstream rows", file=sys.stderr, flush=True)
