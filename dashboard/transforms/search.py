"""One search across every table, matching through the aliases of systems, entities and places."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd

# Field boundary inside a row's search text: folding removes every non-word character but this one,
# so a query never matches across two fields.
_BOUNDARY = "\x1f"
_NOT_WORD = re.compile(r"[^\w\x1f]+|_")
# Tables that have a dossier or are themselves the subject come first, the records next, the
# reference tables last.
TABLE_ORDER = ("systems", "sanctions", "transfers", "events", "strikes", "official_listings", "places", "sources")
MIN_QUERY = 2


def fold(text: str) -> str:
    """Text reduced for matching: compatibility-decomposed (accents split off), case-folded, and stripped
    of everything but letters and digits, so "Fath 360", "fath-360" and "FATH360" fold alike."""
    return fold_series(pd.Series([text], dtype="string")).iloc[0]


def fold_series(texts: pd.Series) -> pd.Series:
    # NFKD splits "é" into "e" and a combining accent; accents are not word characters, so the
    # same substitution that drops punctuation and spaces drops them.
    decomposed = texts.astype("string").fillna("").str.normalize("NFKD").str.casefold()
    return decomposed.str.replace(_NOT_WORD, "", regex=True).astype(object)


def _column_text(column: pd.Series) -> pd.Series:
    """A column as plain strings: lists joined field-by-field, dates as ISO days, missing as empty."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.strftime("%Y-%m-%d").astype(object).where(column.notna(), "")
    present = column.dropna()
    if len(present) and isinstance(present.iloc[0], list):
        return column.map(lambda value: _BOUNDARY.join(map(str, value)) if isinstance(value, list) else "")
    return column.astype("string").fillna("").astype(object)


def _names(frame: pd.DataFrame, key: str, columns: Iterable[str]) -> dict[str, list[str]]:
    """Key → every name in `columns` (plain or list) of the rows with that key."""
    names: dict[str, list[str]] = {}
    for row in frame[[key, *columns]].itertuples(index=False):
        if pd.isna(row[0]):
            continue
        bucket = names.setdefault(str(row[0]), [])
        for value in row[1:]:
            bucket.extend(str(v) for v in (value if isinstance(value, list) else [value]) if pd.notna(v) and v != "")
    return names


def _ids(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [] if pd.isna(value) else [str(value)]


def _expansions(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Per table, per id column: id → the names and aliases the referenced record goes by."""
    systems = _names(tables["systems"], "id", ["name", "aliases"])
    places = _names(tables["places"], "id", ["name", "aliases"])
    sanctions = tables["sanctions"]
    listings = tables["official_listings"]
    listing_names = _names(listings, "list_ref", ["name", "aliases"])
    entity_names = _names(sanctions, "entity_id", ["target_name", "target_aliases", "official_name"])
    for row in sanctions[["entity_id", "list_ref"]].dropna().itertuples(index=False):
        entity_names.setdefault(str(row.entity_id), []).extend(listing_names.get(str(row.list_ref), []))
    ref_names = {str(row.list_ref): entity_names.get(str(row.entity_id), [])
                 for row in sanctions[["entity_id", "list_ref"]].dropna().itertuples(index=False)}
    return {
        "transfers": {"system_id": systems, "origin_place_id": places, "destination_place_id": places},
        "strikes": {"system_ids": systems, "launch_place_ids": places, "target_place_ids": places},
        "sanctions": {"system_ids": systems, "place_id": places, "entity_id": entity_names},
        "official_listings": {"list_ref": ref_names},
    }


def search_index(tables: dict[str, pd.DataFrame]) -> dict[str, pd.Series]:
    """Per table, one folded text per row: every cell, plus the names and aliases of the systems,
    places and sanctioned entities it refers to by id. Built once per data version."""
    expansions = _expansions(tables)
    index = {}
    for name, frame in tables.items():
        texts = {column: _column_text(frame[column]) for column in frame.columns}
        parts = [_fold_each_value_once(text) for text in texts.values()]
        for column, lookup in expansions.get(name, {}).items():
            parts.append(_fold_each_value_once(_by_value(texts[column], lambda ids, lookup=lookup: _BOUNDARY.join(
                n for i in ids.split(_BOUNDARY) if i for n in lookup.get(i, [])))))
        # One join per row: Series.str.cat adds the parts pairwise, copying every row's text once per column.
        rows = map(_BOUNDARY.join, zip(*(part.tolist() for part in parts)))
        index[name] = pd.Series(list(rows), index=frame.index, dtype=object)
    return index


def _by_value(texts: pd.Series, function) -> pd.Series:
    """`function` of each text, computed once per distinct text: a column repeats its values (countries,
    systems, places) far more often than it has rows."""
    distinct = pd.unique(texts.to_numpy(dtype=object))
    return texts.map(dict(zip(distinct, map(function, distinct)))).astype(object)


def _fold_each_value_once(texts: pd.Series) -> pd.Series:
    # Folding works character by character and keeps the field boundary, so folding each field and
    # joining them gives the same text as folding the joined row.
    distinct = pd.unique(texts.to_numpy(dtype=object))
    folded = fold_series(pd.Series(distinct, dtype=object)) if len(distinct) else pd.Series([], dtype=object)
    return texts.map(dict(zip(distinct, folded))).astype(object)


@dataclass(frozen=True)
class SearchGroup:
    table: str
    count: int
    rows: pd.DataFrame


def table_order(names: Iterable[str]) -> list[str]:
    """The contract's tables in reading order: those listed in TABLE_ORDER first, any other after."""
    names = list(names)
    return [n for n in TABLE_ORDER if n in names] + [n for n in names if n not in TABLE_ORDER]


def search(index: dict[str, pd.Series], tables: dict[str, pd.DataFrame], query: str) -> list[SearchGroup]:
    """Every table's rows whose text contains the folded query, one group per table (empty ones
    included) in TABLE_ORDER. A query that folds to fewer than MIN_QUERY characters matches nothing."""
    needle = fold(query)
    groups = []
    for name in table_order(tables):
        frame = tables[name]
        if len(needle) < MIN_QUERY or not len(frame):
            rows = frame.iloc[0:0]
        else:
            rows = frame[index[name].str.contains(needle, regex=False).to_numpy(dtype=bool)]
        groups.append(SearchGroup(name, len(rows), rows))
    return groups


def entity_link(entity_id: str) -> str:
    # Relative links resolve against the current page, so they keep working under a base URL path.
    return f"sanctions?entity={quote(entity_id, safe='')}"


def system_link(system_id: str) -> str:
    return f"systems?system={quote(system_id, safe='')}"


def dossier_links(name: str, rows: pd.DataFrame, sanctions: pd.DataFrame, systems_with_dossier: set[str]) -> pd.Series:
    """Per row, the dossier it belongs to (a relative URL), or None: the entity of a designation or of an
    official-list entry, the system of a system, transfer or strike row (the first system with a dossier)."""
    if name == "sanctions":
        return rows["entity_id"].astype(str).map(entity_link).astype(object)
    if name == "official_listings":
        entities = sanctions.dropna(subset=["list_ref"]).drop_duplicates("list_ref").set_index("list_ref")["entity_id"]
        return rows["list_ref"].map(lambda ref: entity_link(str(entities[ref])) if ref in entities.index else None)
    column = {"systems": "id", "transfers": "system_id", "strikes": "system_ids"}.get(name)
    if column is None:
        return pd.Series([None] * len(rows), index=rows.index, dtype=object)

    def first_link(value: object) -> str | None:
        linked = [i for i in _ids(value) if i in systems_with_dossier]
        return system_link(linked[0]) if linked else None
    return rows[column].map(first_link).astype(object)
