"""What the Sanctions page shows, computed once per (data, filters) and cached."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.geo import boundaries
from dashboard.data.store import loaded_data
from dashboard.figures.maps import entity_map_deck
from dashboard.charts import BuiltChart, Inputs, build
from dashboard.figures.style import ROLE_COLOURS
from dashboard.transforms.filters import Filters
from dashboard.transforms.official import official_share
from dashboard.transforms.dossier import entity_dossier
from dashboard.transforms.sanctions import entities, entity_locations, follow_summary


@dataclass(frozen=True)
class SanctionsView:
    as_of: str
    rows: int
    over_time: BuiltChart
    targets: BuiltChart
    first_movers: BuiltChart
    follow: pd.DataFrame
    versus_strikes: BuiltChart
    deck: pdk.Deck
    located: int
    entities: int
    official_share: float


@st.cache_data(show_spinner=False, max_entries=32)
def sanctions_view(key: tuple, filters: Filters, dark: bool = False) -> SanctionsView:
    loaded = loaded_data()
    inputs = Inputs(loaded, load_contract(key[0]), filters)
    sanctions = inputs.table("sanctions")
    movers = build("first-movers", inputs)
    locations = entity_locations(sanctions, loaded.tables["places"])
    return SanctionsView(
        as_of=inputs.as_of,
        rows=len(sanctions),
        over_time=build("designations", inputs),
        targets=build("sanction-targets", inputs),
        first_movers=movers,
        follow=follow_summary(movers.data),
        versus_strikes=build("sanctions-vs-strikes", inputs),
        deck=entity_map_deck(locations, ROLE_COLOURS, boundaries(), dark=dark),
        located=len(locations),
        entities=len(entities(sanctions)),
        official_share=official_share(sanctions, loaded.tables["sources"]),
    )


@st.cache_data(show_spinner=False, max_entries=4)
def entity_choices(key: tuple) -> dict[str, str]:
    """Entity id → name with other spellings and its jurisdictions, for a searchable select box."""
    sanctions = loaded_data().tables["sanctions"]
    labels = {}
    for entity_id, rows in sanctions.sort_values("target_name").groupby("entity_id", sort=False, observed=True):
        names = list(dict.fromkeys([str(rows["target_name"].iloc[0])]
                                   + [alias for aliases in rows["target_aliases"] for alias in aliases]))
        jurisdictions = ", ".join(sorted(set(rows["jurisdiction"].astype(str))))
        labels[str(entity_id)] = f"{' / '.join(names)} — {jurisdictions}"
    return labels


@dataclass(frozen=True)
class EntityDossier:
    name: str
    names: list[str]
    jurisdictions: list[str]
    sites: dict[str, str]
    systems: dict[str, str]
    listings: pd.DataFrame
    transfers: pd.DataFrame
    sources: pd.DataFrame


@st.cache_data(show_spinner=False, max_entries=64)
def entity_view(key: tuple, entity_id: str) -> EntityDossier:
    loaded = loaded_data()
    tables = loaded.tables
    dossier = entity_dossier(tables["sanctions"], entity_id, tables["transfers"], tables["systems"],
                             tables["official_listings"], tables["sources"])
    listings = dossier["listings"].assign(
        system_ids=lambda f: f["system_ids"].map(";".join), transfer_ids=lambda f: f["transfer_ids"].map(";".join),
        target_aliases=lambda f: f["target_aliases"].map("; ".join), source_ids=lambda f: f["source_ids"].map(";".join),
    )
    place_names = tables["places"].set_index("id")["name"].astype(str)
    system_names = tables["systems"].set_index("id")["name"].astype(str)
    transfers = dossier["transfers"].assign(source_ids=lambda f: f["source_ids"].map(";".join),
                                            system=lambda f: f["system_id"].astype(str).map(system_names))
    return EntityDossier(
        name=str(listings["target_name"].iloc[0]) if len(listings) else entity_id,
        names=dossier["names"],
        jurisdictions=sorted(set(listings["jurisdiction"].astype(str))),
        sites={site: place_names.get(site, site) for site in dossier["sites"]},
        systems={system: system_names.get(system, system) for system in dossier["systems"]},
        listings=listings[["announced", "date_precision", "jurisdiction", "authority", "action", "target_name",
                           "target_aliases", "target_type", "target_country", "role", "programme", "list_ref",
                           "official_name", "list_programme", "official_listed", "official_date_precision",
                           "official_listed_after", "list_note", "system_ids", "transfer_ids", "description",
                           "source_ids", "id"]],
        # Names first for reading; the ids last, for citing and joining.
        transfers=transfers[["event_date", "related_by", "supplier", "recipient", "system", "kind", "status",
                             "description", "source_ids", "system_id", "id"]],
        sources=dossier["sources"][["publisher", "title", "published", "url", "kind"]],
    )
