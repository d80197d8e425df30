"""An entity's dossier: its listings, and the records tied to it — not every record of its weapon family.

A transfer belongs to an entity's dossier when
1. a listing of the entity cites it (sanctions.transfer_ids),
2. it starts or ends at one of the entity's sites (sanctions.place_id of its rows),
3. its description names the entity (a name or alias from its listings or its official-list entries), or
4. it moves a system the entity's listings cite and the entity makes (systems.maker names it).
A system cited by a listing is not enough on its own: Alabuga's listings cite the Shahed-136, yet
Belarus's Shahed launches or Iran's 2022 Shahed deliveries say nothing about Alabuga.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

MIN_NAME = 3
_NOT_WORD = re.compile(r"[\W_]+")

LISTED = "cited by a listing"
AT_SITE = "at its site"
NAMED = "names it"
MADE = "its product"


def words(text: object) -> str:
    """Text as space-separated folded words with a space at each end, for whole-word containment:
    ' fath 360 ' is in ' the fath 360 missile ', ' dama ' is not in ' damaged '."""
    if not isinstance(text, str):
        return " "
    folded = unicodedata.normalize("NFKD", text).casefold()
    return f" {_NOT_WORD.sub(' ', folded).strip()} "


def entity_names(rows: pd.DataFrame, official_listings: pd.DataFrame) -> list[str]:
    """Every name the entity goes by: its listings' names and aliases, and its official-list entries'."""
    names = list(rows["target_name"].dropna().astype(str))
    names += [alias for aliases in rows["target_aliases"] for alias in aliases]
    names += list(rows["official_name"].dropna().astype(str))
    refs = set(rows["list_ref"].dropna().astype(str))
    entries = official_listings[official_listings["list_ref"].astype(str).isin(refs)]
    names += list(entries["name"].dropna().astype(str)) + [alias for aliases in entries["aliases"] for alias in aliases]
    distinct: dict[str, str] = {}
    for name in names:
        distinct.setdefault(name.casefold(), name)
    return list(distinct.values())


def _names_any(text: str, folded_names: list[str]) -> bool:
    return any(name in text for name in folded_names)


def related_transfers(rows: pd.DataFrame, transfers: pd.DataFrame, systems: pd.DataFrame,
                      names: list[str]) -> pd.DataFrame:
    """The transfers tied to the entity whose listings are `rows` (see the module rule), with a `related_by`
    column saying how (the first reason that applies, in the rule's order)."""
    cited = {i for ids in rows["transfer_ids"] for i in ids}
    sites = set(rows["place_id"].dropna().astype(str))
    folded = [w for w in dict.fromkeys(words(n) for n in names) if len(w.strip()) >= MIN_NAME]
    listed_systems = {i for ids in rows["system_ids"] for i in ids}
    makers = systems[systems["id"].astype(str).isin(listed_systems)].set_index("id")["maker"]
    made = {str(system_id) for system_id, maker in makers.items() if _names_any(words(maker), folded)}

    ids = transfers["id"].astype(str)
    reasons = pd.Series(pd.NA, index=transfers.index, dtype="string")
    reasons = reasons.mask(reasons.isna() & ids.isin(cited), LISTED)
    at_site = (transfers["origin_place_id"].astype("string").isin(sites)
               | transfers["destination_place_id"].astype("string").isin(sites))
    reasons = reasons.mask(reasons.isna() & at_site, AT_SITE)
    named = transfers["description"].map(lambda text: _names_any(words(text), folded)).astype(bool)
    reasons = reasons.mask(reasons.isna() & named, NAMED)
    reasons = reasons.mask(reasons.isna() & transfers["system_id"].astype(str).isin(made), MADE)
    related = transfers[reasons.notna()].assign(related_by=reasons[reasons.notna()])
    return related.sort_values("event_date")


def entity_dossier(sanctions: pd.DataFrame, entity_id: str, transfers: pd.DataFrame, systems: pd.DataFrame,
                   official_listings: pd.DataFrame, sources: pd.DataFrame) -> dict[str, object]:
    """One entity: its listings, names, sites, cited systems, related transfers and the sources of all of them."""
    rows = sanctions[sanctions["entity_id"].astype(str) == entity_id].sort_values("announced")
    names = entity_names(rows, official_listings)
    related = related_transfers(rows, transfers, systems, names)
    cited = list(dict.fromkeys(i for frame in (rows, related) for ids in frame["source_ids"] for i in ids))
    return {
        "listings": rows,
        "names": names,
        "sites": sorted(set(rows["place_id"].dropna().astype(str))),
        "systems": sorted({i for ids in rows["system_ids"] for i in ids}),
        "transfers": related,
        "sources": sources[sources["id"].astype(str).isin(cited)],
    }


def entities_citing(sanctions: pd.DataFrame, system_id: str) -> pd.DataFrame:
    """The entities whose listings cite a system: name, jurisdictions and first listing, earliest first."""
    rows = sanctions[sanctions["system_ids"].map(lambda ids: system_id in ids)]
    columns = ["entity_id", "name", "jurisdictions", "first_announced"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    table = rows.sort_values("announced").groupby("entity_id", observed=True, sort=False).agg(
        name=("target_name", "first"), first_announced=("announced", "min"),
        jurisdictions=("jurisdiction", lambda values: ", ".join(sorted(set(map(str, values))))),
    ).reset_index()
    table["entity_id"] = table["entity_id"].astype(str)
    table["name"] = table["name"].astype(str)
    return table[columns].sort_values(["first_announced", "name"]).reset_index(drop=True)
