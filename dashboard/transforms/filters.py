"""The global filter: parse it from a URL, write it back, describe it in words, apply it to a table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.data.contract import Table

PARAM_START = "start"
PARAM_END = "end"
PARAM_ACTORS = "actors"
PARAM_STATUS = "status"
FILTER_PARAMS = (PARAM_START, PARAM_END, PARAM_ACTORS, PARAM_STATUS)
LIST_SEPARATOR = ","
MAX_PARAM_CHARS = 500


@dataclass(frozen=True)
class Filters:
    """None / empty means "no restriction"."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return self == Filters()


def _first(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def _parse_date(name: str, value: str | None, notes: list[str]) -> date | None:
    if value is None or value == "":
        return None
    shown = value[:40]
    if len(value) > MAX_PARAM_CHARS:
        notes.append(f"Ignored {name}: the value is too long; showing all dates.")
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        notes.append(f"Ignored {name}={shown!r}: not a date in YYYY-MM-DD form; showing all dates on that side.")
        return None


def _parse_choices(name: str, value: str | None, options: Iterable[str], notes: list[str]) -> tuple[str, ...]:
    if value is None or value.strip() == "":
        return ()
    if len(value) > MAX_PARAM_CHARS:
        notes.append(f"Ignored {name}: the value is too long; showing all.")
        return ()
    allowed = {option.casefold(): option for option in options}
    chosen: list[str] = []
    unknown: list[str] = []
    for item in value.split(LIST_SEPARATOR):
        item = item.strip()
        if not item:
            continue
        match = allowed.get(item.casefold())
        if match is None:
            unknown.append(item[:40])
        elif match not in chosen:
            chosen.append(match)
    if unknown:
        notes.append(f"Ignored unknown {name}: {', '.join(repr(u) for u in unknown)}.")
    return tuple(chosen)


def parse_query(params: Mapping[str, str | list[str]], actor_options: Iterable[str],
                status_options: Iterable[str]) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters, plus a note for every value that had to be ignored."""
    notes: list[str] = []
    start = _parse_date(PARAM_START, _first(params.get(PARAM_START)), notes)
    end = _parse_date(PARAM_END, _first(params.get(PARAM_END)), notes)
    if start and end and start > end:
        notes.append(f"Ignored start={start} and end={end}: the start is after the end; showing all dates.")
        start = end = None
    actors = _parse_choices(PARAM_ACTORS, _first(params.get(PARAM_ACTORS)), actor_options, notes)
    statuses = _parse_choices(PARAM_STATUS, _first(params.get(PARAM_STATUS)), status_options, notes)
    return Filters(start, end, actors, statuses), notes


def to_query(filters: Filters) -> dict[str, str]:
    """The query parameters that reproduce `filters`; defaults are left out to keep links short."""
    params: dict[str, str] = {}
    if filters.start:
        params[PARAM_START] = filters.start.isoformat()
    if filters.end:
        params[PARAM_END] = filters.end.isoformat()
    if filters.actors:
        params[PARAM_ACTORS] = LIST_SEPARATOR.join(filters.actors)
    if filters.statuses:
        params[PARAM_STATUS] = LIST_SEPARATOR.join(filters.statuses)
    return params


def describe(filters: Filters) -> str:
    """The active filters in words, for chart subtitles and exported images."""
    if filters.is_default:
        return "All records"
    parts = []
    if filters.start or filters.end:
        start = filters.start.isoformat() if filters.start else "first record"
        end = filters.end.isoformat() if filters.end else "latest record"
        parts.append(f"{start} to {end}")
    if filters.actors:
        parts.append("actors: " + ", ".join(filters.actors))
    if filters.statuses:
        parts.append("status: " + ", ".join(filters.statuses))
    return "Filtered: " + "; ".join(parts)


def _involves(values: pd.Series, actors: set[str]) -> pd.Series:
    if values.dtype == object and len(values) and isinstance(values.iloc[0], list):
        return values.map(lambda items: bool(actors.intersection(items)))
    return values.astype("string").isin(actors).fillna(False).astype(bool)


def apply_filters(frame: pd.DataFrame, table: Table, filters: Filters, date_field: str | None = None) -> pd.DataFrame:
    """Rows of `frame` (a table of the contract) that pass `filters`.

    The date bounds apply to the table's declared date field (or `date_field`, for a view dated
    another way), actors to its actor fields (a row passes when any of them names a chosen actor),
    claim status to its status field; a table without such a field is not narrowed by that part of
    the filter.
    """
    keep = pd.Series(True, index=frame.index)
    date_field = date_field or table.date_field
    if date_field and (filters.start or filters.end):
        dates = frame[date_field]
        if filters.start:
            keep &= (dates >= pd.Timestamp(filters.start)).fillna(False).astype(bool)
        if filters.end:
            keep &= (dates <= pd.Timestamp(filters.end)).fillna(False).astype(bool)
    if filters.actors and table.actor_fields:
        chosen = set(filters.actors)
        involved = pd.Series(False, index=frame.index)
        for name in table.actor_fields:
            involved |= _involves(frame[name], chosen)
        keep &= involved
    if filters.statuses and table.status_field:
        keep &= frame[table.status_field].astype("string").isin(filters.statuses).fillna(False).astype(bool)
    return frame[keep]
