"""The Timeline, Map and Data & sources pages' view models (transforms/views.py), cached."""

from __future__ import annotations

import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.geo import boundaries
from dashboard.data.store import loaded_data
from dashboard.transforms.filters import Filters
from dashboard.transforms.views import (MapView, TableView, TimelineView, map_model, table_model,
                                        timeline_model)


@st.cache_data(show_spinner=False, max_entries=32)
def timeline_view(key: tuple, filters: Filters, record_types: tuple[str, ...]) -> TimelineView:
    return timeline_model(loaded_data(), load_contract(key[0]), filters, record_types)


@st.cache_data(show_spinner=False, max_entries=32)
def map_view(key: tuple, filters: Filters, layers: tuple[str, ...], dark: bool = False) -> MapView:
    return map_model(loaded_data(), load_contract(key[0]), filters, layers, boundaries(), dark)


@st.cache_data(show_spinner=False, max_entries=64)
def table_view(key: tuple, filters: Filters, name: str, query: str) -> TableView:
    return table_model(loaded_data(), load_contract(key[0]), filters, name, query)
