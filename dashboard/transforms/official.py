"""Curated sanctions rows against the official lists: what each row's list entry says, and every
way a row and its entry disagree."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

# What each list copy here covers: a jurisdiction's rows in that window should cite an entry.
LIST_OF_JURISDICTION = {"United States": "OFAC-SDN", "United Kingdom": "UK", "Australia": "AU-DFAT"}
LIST_COVERS_UNTIL = {"OFAC-SDN": date(2024, 5, 3), "UK": date(2026, 4, 28), "AU-DFAT": date(2024, 12, 17)}
LISTED_ACTIONS = ("designation", "other listing")
# Legal-form words that differ between a curated name and the list's without naming another target.
_LEGAL_FORMS = re.compile(r"\b(LLC|LTD|LIMITED|CO|COMPANY|PJSC|JSC|OOO|AO|INC|CORPORATION|CORP|FZE|FZCO|THE|PRIVATE|PVT|"
                          r"GROUP|EST|L L C)\b")
DISAGREEMENT_COLUMNS = ["sanctions_id", "list_ref", "kind", "detail", "explained"]


def name_key(name: str) -> str:
    """A name as a set of words, whatever their order, case, punctuation or legal form."""
    text = re.sub(r"[^A-Z0-9 ]", " ", str(name).upper().replace("&", " AND "))
    return " ".join(sorted(_LEGAL_FORMS.sub(" ", text).split()))


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _names(values: list[str]) -> set[str]:
    return {name_key(value) for value in values if str(value).strip()}


def covered(sanctions: pd.DataFrame) -> pd.Series:
    """Rows a list copy here should hold: listings by a jurisdiction with a list, within its window."""
    lists = sanctions["jurisdiction"].astype(str).map(LIST_OF_JURISDICTION)
    until = pd.to_datetime(lists.map(LIST_COVERS_UNTIL))
    return (lists.notna() & sanctions["action"].astype(str).isin(LISTED_ACTIONS)
            & (sanctions["announced"] <= until)).fillna(False).astype(bool)


def disagreements(sanctions: pd.DataFrame, listings: pd.DataFrame) -> pd.DataFrame:
    """Every disagreement between a row and its list entry, one line each; `explained` when the row's
    list_note says why the list shows something else."""
    found = []
    entries = {ref: group for ref, group in listings.groupby("list_ref", sort=False)}

    def add(row, kind: str, detail: str) -> None:
        found.append({"sanctions_id": row.id, "list_ref": _text(row.list_ref), "kind": kind, "detail": detail,
                      "explained": bool(_text(row.list_note))})

    in_scope = covered(sanctions)
    for row, must_cite in zip(sanctions.itertuples(), in_scope):
        ref = _text(row.list_ref)
        if not ref:
            if must_cite:
                add(row, "no entry", f"{row.jurisdiction} row within the list's window cites no entry")
            continue
        if LIST_OF_JURISDICTION.get(str(row.jurisdiction)) != ref.split(":", 1)[0]:
            add(row, "wrong list", f"{ref} is not {row.jurisdiction}'s list")
        entry = entries.get(ref)
        if entry is None:
            add(row, "no entry", f"{ref} is not in official_listings.csv")
            continue
        programme = entry[entry["programme"].astype(str) == str(row.list_programme)]
        if programme.empty:
            add(row, "programme", f"{ref} has no programme {row.list_programme!r} (it has "
                                  f"{', '.join(sorted(entry['programme'].astype(str)))})")
            continue
        listing = programme.iloc[0]
        if _text(row.official_name) != _text(listing["name"]):
            add(row, "official name", f"official_name {row.official_name!r}, the list says {listing['name']!r}")
        curated = _names([row.target_name, *row.target_aliases])
        official = _names([listing["name"], *listing["aliases"]])
        if not curated & official:
            add(row, "name", f"{row.target_name!r} matches no name of {ref} ({listing['name']!r})")
        stated = (row.official_listed, row.official_date_precision, row.official_listed_after)
        listed = (listing["listed"], listing["date_precision"], listing["listed_after"])
        if [None if pd.isna(v) else v for v in stated] != [None if pd.isna(v) else v for v in listed]:
            add(row, "official date", f"row says {stated}, the list says {listed}")
        found.extend(_date_disagreement(row, listing))
    found.extend(_split_entries(sanctions))
    return pd.DataFrame(found, columns=DISAGREEMENT_COLUMNS)


def _date_disagreement(row, listing: pd.Series) -> list[dict]:
    listed, after, precision = listing["listed"], listing["listed_after"], listing["date_precision"]
    announced = row.announced
    problem = None
    if precision == "year":
        if announced.year != listed.year:
            problem = f"announced {announced:%Y-%m-%d}, the listing instrument is of {listed:%Y}"
    elif precision == "on or before":
        if row.action == "designation":
            problem = f"announced {announced:%Y-%m-%d}, but the entry was already listed on or before {listed:%Y-%m-%d}"
    elif pd.notna(listed) and (announced > listed or (pd.notna(after) and announced < after)):
        window = f"{after:%Y-%m-%d} to {listed:%Y-%m-%d}" if pd.notna(after) else f"{listed:%Y-%m-%d}"
        problem = f"announced {announced:%Y-%m-%d}, the list shows it listed {window}"
    if problem is None:
        return []
    return [{"sanctions_id": row.id, "list_ref": row.list_ref, "kind": "date", "detail": problem,
             "explained": bool(_text(row.list_note))}]


def _split_entries(sanctions: pd.DataFrame) -> list[dict]:
    """One list entry cited by rows of different entities: one target split in two."""
    cited = sanctions[sanctions["list_ref"].astype("string").fillna("") != ""]
    found = []
    for ref, group in cited.groupby("list_ref"):
        if group["entity_id"].nunique() > 1:
            for row in group.itertuples():
                found.append({"sanctions_id": row.id, "list_ref": ref, "kind": "split entity",
                              "detail": f"{ref} is cited by entities {', '.join(sorted(group['entity_id'].unique()))}",
                              "explained": bool(_text(row.list_note))})
    return found


def official_share(sanctions: pd.DataFrame, sources: pd.DataFrame) -> float:
    """Share of designation rows that cite at least one official source."""
    rows = sanctions[sanctions["action"].astype(str) == "designation"]
    if rows.empty:
        return 0.0
    official = set(sources.loc[sources["kind"].astype(str) == "official", "id"].astype(str))
    return float(rows["source_ids"].map(lambda ids: bool(official.intersection(ids))).mean())
