"""Cached views for the Timeline, Map and Data & sources pages."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.charts import BuiltChart, Inputs, build
from dashboard.data.contract import load_contract
from dashboard.data.geo import boundaries
from dashboard.data.store import loaded_data
from dashboard.figures.maps import combined_map_deck
from dashboard.transforms.filters import Filters
from dashboard.transforms.overview import for_display, search_rows
from dashboard.transforms.sanctions import entity_locations
from dashboard.transforms.strikes import strike_geography
from dashboard.transforms.transfers import route_geography


@dataclass(frozen=True)
class TimelineView:
    chart: BuiltChart
    items: pd.DataFrame
    sources: pd.DataFrame
    left_out: tuple[str, ...]


@st.cache_data(show_spinner=False, max_entries=32)
def timeline_view(key: tuple, filters: Filters, record_types: tuple[str, ...]) -> TimelineView:
    loaded, package = loaded_data(), load_contract(key[0])
    left_out = tuple(t for t in record_types if package.blocked_by((t,), loaded.failed_tables))
    usable = tuple(t for t in record_types if t not in left_out)
    chart = build("timeline", Inputs(loaded, package, filters, record_types=usable))
    items = chart.data.assign(source_ids=chart.data["source_ids"].map(lambda ids: ids.split(";") if ids else []))
    return TimelineView(chart, items, loaded.tables["sources"], left_out)


@dataclass(frozen=True)
class MapView:
    deck: pdk.Deck
    counts: dict[str, int]
    as_of: str
    left_out: tuple[str, ...]


@st.cache_data(show_spinner=False, max_entries=32)
def map_view(key: tuple, filters: Filters, layers: tuple[str, ...], dark: bool = False) -> MapView:
    loaded = loaded_data()
    inputs = Inputs(loaded, load_contract(key[0]), filters)
    places, sources = loaded.tables["places"], loaded.tables["sources"]
    transfers = route_geography(inputs.table("transfers"), places, sources, loaded.tables["systems"])
    strikes = strike_geography(inputs.table("strikes"), places)
    entities = entity_locations(inputs.table("sanctions"), places)
    frames = {"routes": transfers["routes"], "sites": transfers["sites"], "launch": strikes["launch"],
              "targets": strikes["target"], "entities": entities}
    needs = {"routes": "transfers", "sites": "transfers", "launch": "strikes", "targets": "strikes",
             "entities": "sanctions"}
    left_out = tuple(name for name in layers if inputs.blocked((needs[name],)))
    chosen = {name: frame for name, frame in frames.items() if name in layers and name not in left_out}
    return MapView(combined_map_deck(chosen, boundaries(), dark=dark), {name: len(frame) for name, frame in frames.items()},
                   inputs.as_of, left_out)


@dataclass(frozen=True)
class TableView:
    rows: pd.DataFrame
    total: int
    as_of: str


@st.cache_data(show_spinner=False, max_entries=64)
def table_view(key: tuple, filters: Filters, name: str, query: str) -> TableView:
    loaded = loaded_data()
    inputs = Inputs(loaded, load_contract(key[0]), filters)
    rows = search_rows(for_display(inputs.table(name)), query)
    return TableView(rows.reset_index(drop=True), len(loaded.tables[name]), inputs.as_of)
