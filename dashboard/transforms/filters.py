"""The global filter: parse it from a URL, write it back, describe it in words, apply it to a table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.data.contract import DataPackage, Table
from dashboard.data.validation import LoadedData
from dashboard.figures.style import KNOWN_ACTORS

PARAM_START = "start"
PARAM_END = "end"
PARAM_ACTORS = "actors"
PARAM_STATUS = "status"
PARAM_SUPPLIERS = "from"
PARAM_RECIPIENTS = "to"
PARAM_EVIDENCE = "evidence"
FILTER_PARAMS = (PARAM_START, PARAM_END, PARAM_ACTORS, PARAM_STATUS, PARAM_SUPPLIERS, PARAM_RECIPIENTS, PARAM_EVIDENCE)
LIST_SEPARATOR = ","
MAX_PARAM_CHARS = 500


@dataclass(frozen=True)
class Filters:
    """None / empty means "no restriction"."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    suppliers: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

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
        notes.append(f"{name}: the value is too long; showing all dates.")
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        notes.append(f"{name}={shown!r}: not a date in YYYY-MM-DD form; showing all dates on that side.")
        return None


def _parse_choices(name: str, value: str | None, options: Iterable[str], notes: list[str]) -> tuple[str, ...]:
    if value is None or value.strip() == "":
        return ()
    if len(value) > MAX_PARAM_CHARS:
        notes.append(f"{name}: the value is too long; showing all.")
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
        notes.append(f"{name}: unknown {', '.join(repr(u) for u in unknown)}; showing all.")
    return tuple(chosen)


def parse_query(params: Mapping[str, str | list[str]], actor_options: Iterable[str], status_options: Iterable[str],
                *, supplier_options: Iterable[str], recipient_options: Iterable[str],
                evidence_options: Iterable[str]) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters, plus a note for every value that had to be ignored."""
    notes: list[str] = []
    start = _parse_date(PARAM_START, _first(params.get(PARAM_START)), notes)
    end = _parse_date(PARAM_END, _first(params.get(PARAM_END)), notes)
    if start and end and start > end:
        notes.append(f"start={start} and end={end}: the start is after the end; showing all dates.")
        start = end = None
    actors = _parse_choices(PARAM_ACTORS, _first(params.get(PARAM_ACTORS)), actor_options, notes)
    statuses = _parse_choices(PARAM_STATUS, _first(params.get(PARAM_STATUS)), status_options, notes)
    suppliers = _parse_choices(PARAM_SUPPLIERS, _first(params.get(PARAM_SUPPLIERS)), supplier_options, notes)
    recipients = _parse_choices(PARAM_RECIPIENTS, _first(params.get(PARAM_RECIPIENTS)), recipient_options, notes)
    evidence = _parse_choices(PARAM_EVIDENCE, _first(params.get(PARAM_EVIDENCE)), evidence_options, notes)
    return Filters(start, end, actors, statuses, suppliers, recipients, evidence), notes


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
    if filters.suppliers:
        params[PARAM_SUPPLIERS] = LIST_SEPARATOR.join(filters.suppliers)
    if filters.recipients:
        params[PARAM_RECIPIENTS] = LIST_SEPARATOR.join(filters.recipients)
    if filters.evidence:
        params[PARAM_EVIDENCE] = LIST_SEPARATOR.join(filters.evidence)
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
    if filters.suppliers or filters.recipients:
        suppliers = ", ".join(filters.suppliers) or "any supplier"
        recipients = ", ".join(filters.recipients) or "any recipient"
        parts.append(f"{suppliers} → {recipients}")
    if filters.evidence:
        parts.append("sources: " + ", ".join(filters.evidence))
    return "Filtered: " + "; ".join(parts)


def _declared_values(package: DataPackage, role: str) -> list[str]:
    """The allowed values (enum) of the field each table declares for `role` (e.g. "status_field"), in
    contract order, each once."""
    options: list[str] = []
    for table in package.tables:
        name = getattr(table, role)
        if name:
            for value in table.field_by_name[name].enum or []:
                if value not in options:
                    options.append(value)
    return options


def evidence_options(package: DataPackage) -> list[str]:
    """The kinds of source the evidence filter offers: the enum of the sources table's kind field."""
    return _declared_values(package, "source_kind_field")


def evidence_help(package: DataPackage) -> str:
    """How the evidence filter treats each kind of table, in words from the contract."""
    whole = [f"{t.title} count as {' and '.join(t.evidence_kinds)} (the sources the table declares)"
             for t in package.tables if t.evidence_kinds]
    unaffected = [t.title for t in package.tables if not (t.evidence or t.evidence_kinds or t.source_kind_field)]
    text = "Keeps records that cite at least one source of a chosen kind. " + "; ".join(whole) + "."
    return text + (f" Not narrowed: {', '.join(unaffected)}." if unaffected else "")


def _involves(values: pd.Series, actors: set[str]) -> pd.Series:
    if values.dtype == object and len(values) and isinstance(values.iloc[0], list):
        return values.map(lambda items: bool(actors.intersection(items)))
    return values.astype("string").isin(actors).fillna(False).astype(bool)


def _cites_kind(source_ids: pd.Series, sources: pd.DataFrame, table: Table, chosen: set[str]) -> pd.Series:
    evidence = table.evidence
    kinds = sources.set_index(evidence.key_field)[evidence.kind_field].astype("string")
    passing = set(kinds[kinds.isin(chosen).fillna(False).astype(bool)].index)
    return source_ids.map(lambda ids: isinstance(ids, list) and not passing.isdisjoint(ids)).astype(bool)


def apply_filters(frame: pd.DataFrame, table: Table, filters: Filters, date_field: str | None = None,
                  sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of `frame` (a table of the contract) that pass `filters`.

    The date bounds apply to the table's declared date field (or `date_field`, for a view dated
    another way), actors to its actor fields (a row passes when any of them names a chosen actor),
    claim status to its status field, suppliers and recipients to its supplier and recipient fields;
    a table without such a field is not narrowed by that part of the filter.

    The evidence filter keeps a row when at least one source it cites (looked up in `sources`, the
    table its source ids point to) is of a chosen kind. The sources table is filtered by its own kind;
    a table whose rows cite no sources but the table as a whole (strikes, official lists) passes when
    one of its declared `evidence_kinds` is chosen; a table with neither is not narrowed.
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
    for chosen, name in ((filters.suppliers, table.supplier_field), (filters.recipients, table.recipient_field)):
        if chosen and name:
            keep &= frame[name].astype("string").isin(chosen).fillna(False).astype(bool)
    if filters.evidence:
        chosen = set(filters.evidence)
        if table.source_kind_field:
            keep &= frame[table.source_kind_field].astype("string").isin(chosen).fillna(False).astype(bool)
        elif table.evidence:
            if sources is None:
                raise ValueError(f"the evidence filter on {table.name} needs the {table.evidence.sources} table")
            keep &= _cites_kind(frame[table.evidence.source_field], sources, table, chosen)
        elif table.evidence_kinds and chosen.isdisjoint(table.evidence_kinds):
            keep &= False
    return frame[keep]


def actor_options(loaded: LoadedData, package: DataPackage) -> list[str]:
    """The known actors first, in a fixed order, then any other actor the data names."""
    found: set[str] = set()
    for table in package.tables:
        frame = loaded.tables[table.name]
        for name in table.actor_fields:
            # A list of actors counts each; explode leaves a single actor as it is. Distinct values
            # only: the strikes table repeats a few countries over thousands of rows.
            found.update(frame[name].dropna().explode().dropna().astype(str).unique())
    others = sorted(found - set(KNOWN_ACTORS) - {"unknown"})
    return list(KNOWN_ACTORS) + others


def side_options(loaded: LoadedData, package: DataPackage, side: str) -> list[str]:
    """What the data names on one side of a transfer (`side`: "supplier_field" or "recipient_field"),
    the known actors first in their fixed order."""
    found: set[str] = set()
    for table in package.tables:
        name = getattr(table, side)
        if name:
            found.update(str(value) for value in loaded.tables[table.name][name].dropna())
    return [actor for actor in KNOWN_ACTORS if actor in found] + sorted(found - set(KNOWN_ACTORS))


def status_options(package: DataPackage) -> list[str]:
    """The claim statuses the status filter offers: every table's declared status values."""
    return _declared_values(package, "status_field")


def date_bounds(loaded: LoadedData, package: DataPackage) -> tuple[date, date]:
    dates = [
        loaded.tables[t.name][t.date_field].dropna() for t in package.tables if t.date_field
    ]
    combined = pd.concat([d for d in dates if len(d)]) if any(len(d) for d in dates) else pd.Series([], dtype="datetime64[ns]")
    if combined.empty:
        today = date.today()
        return today, today
    return combined.min().date(), combined.max().date()


def direction_options(loaded: LoadedData, package: DataPackage) -> dict[str, list[str]]:
    """The options of the supplier, recipient and evidence filters, named as `parse_query` takes them."""
    return {"supplier_options": side_options(loaded, package, "supplier_field"),
            "recipient_options": side_options(loaded, package, "recipient_field"),
            "evidence_options": evidence_options(package)}
