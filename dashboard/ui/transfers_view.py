"""What the transfer pages show, computed once per (data, filters, choice) and cached."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.geo import boundaries
from dashboard.data.store import loaded_data
from dashboard.figures.maps import transfer_map_deck
from dashboard.charts import BuiltChart, Inputs, build
from dashboard.transforms.dossier import entities_citing
from dashboard.transforms.filters import Filters, apply_filters
from dashboard.transforms.overview import last_updated
from dashboard.transforms.search import entity_link
from dashboard.transforms.transfers import largest_reported_quantities, route_geography, sources_for


def _filtered_transfers(key: tuple, filters: Filters) -> pd.DataFrame:
    tables = loaded_data().tables
    return apply_filters(tables["transfers"], load_contract(key[0]).table("transfers"), filters,
                         sources=tables["sources"])


def record_table(transfers: pd.DataFrame, systems: pd.DataFrame) -> pd.DataFrame:
    """Transfers for display and download: names instead of ids; the shell adds every source in words."""
    names = systems.set_index("id")["name"].astype("string")
    table = transfers.assign(
        system=transfers["system_id"].astype("string").map(names),
        source_ids=transfers["source_ids"].map(";".join),
    )
    columns = ["event_date", "date_precision", "supplier", "recipient", "system", "category", "kind", "status",
               "quantity_low", "quantity_high", "quantity_unit", "value_low", "value_high", "value_currency",
               "description", "confidence", "confidence_reason", "source_ids", "id"]
    return table[columns].sort_values("event_date").reset_index(drop=True)


@dataclass(frozen=True)
class SuppliersView:
    as_of: str
    rows: int
    per_year: BuiltChart
    breakdown: BuiltChart
    two_way: BuiltChart
    largest: pd.DataFrame
    records: pd.DataFrame


@st.cache_data(show_spinner=False, max_entries=32)
def suppliers_view(key: tuple, filters: Filters) -> SuppliersView:
    loaded = loaded_data()
    inputs = Inputs(loaded, load_contract(key[0]), filters)
    transfers = inputs.table("transfers")
    systems = loaded.tables["systems"]
    return SuppliersView(
        as_of=inputs.as_of,
        rows=len(transfers),
        per_year=build("supplier-years", inputs),
        breakdown=build("supplier-breakdown", inputs),
        two_way=build("two-way-trade", inputs),
        largest=largest_reported_quantities(transfers, systems),
        records=record_table(transfers, systems),
    )


@dataclass(frozen=True)
class DealsView:
    as_of: str
    rows: int
    timeline: BuiltChart
    deck: pdk.Deck
    routes: int
    sites: int


@st.cache_data(show_spinner=False, max_entries=32)
def deals_view(key: tuple, filters: Filters, dark: bool = False) -> DealsView:
    loaded = loaded_data()
    inputs = Inputs(loaded, load_contract(key[0]), filters)
    transfers = inputs.table("transfers")
    geography = route_geography(transfers, loaded.tables["places"], loaded.tables["sources"], loaded.tables["systems"])
    return DealsView(
        as_of=inputs.as_of,
        rows=len(transfers),
        timeline=build("deal-timeline", inputs),
        deck=transfer_map_deck(geography, boundaries(), dark=dark),
        routes=len(geography["routes"]),
        sites=len(geography["sites"]),
    )


@dataclass(frozen=True)
class SystemView:
    as_of: str
    system: dict
    transfers: pd.DataFrame
    strikes: BuiltChart | None
    strike_reports: int
    sources: pd.DataFrame
    entities: pd.DataFrame


@st.cache_data(show_spinner=False, max_entries=64)
def system_view(key: tuple, filters: Filters, system_id: str) -> SystemView:
    loaded = loaded_data()
    package = load_contract(key[0])
    systems = loaded.tables["systems"]
    system = systems[systems["id"].astype(str) == system_id].iloc[0]
    transfers = _filtered_transfers(key, filters)
    transfers = transfers[transfers["system_id"].astype(str) == system_id]
    chart = build("system-launches", Inputs(loaded, package, filters, system_id=system_id))
    monthly = chart.data
    cited = pd.concat([transfers["source_ids"], pd.Series([system["source_ids"]])], ignore_index=True)
    return SystemView(
        as_of=last_updated(loaded),
        system={name: system[name] for name in systems.columns},
        transfers=record_table(transfers, systems),
        strikes=chart if len(monthly) else None,
        strike_reports=int(monthly["reports"].sum()) if len(monthly) else 0,
        sources=sources_for(cited, loaded.tables["sources"]),
        entities=entities_citing(loaded.tables["sanctions"], system_id).assign(
            dossier=lambda f: f["entity_id"].map(entity_link)),
    )


@st.cache_data(show_spinner=False, max_entries=4)
def system_choices(key: tuple) -> dict[str, str]:
    """System id → label with its aliases, systems named by a transfer or a strike first."""
    loaded = loaded_data()
    systems = loaded.tables["systems"]
    used = set(loaded.tables["transfers"]["system_id"].astype(str))
    used |= {i for ids in loaded.tables["strikes"]["system_ids"] for i in ids}
    labels = {}
    for row in systems.sort_values("name").itertuples():
        if str(row.id) in used:
            aliases = f" ({', '.join(row.aliases)})" if row.aliases else ""
            labels[str(row.id)] = f"{row.name}{aliases}"
    return labels
