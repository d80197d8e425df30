"""The Overview's view model and its charts (transforms/views.py), cached per (data, filters)."""

from __future__ import annotations

import streamlit as st

from dashboard.charts import BuiltChart
from dashboard.data.contract import load_contract
from dashboard.data.store import loaded_data
from dashboard.transforms.filters import Filters
from dashboard.transforms.views import OverviewView, overview_chart, overview_model


@st.cache_data(show_spinner=False, max_entries=32)
def overview_view(key: tuple, filters: Filters) -> OverviewView:
    return overview_model(loaded_data(), load_contract(key[0]), filters)


@st.cache_data(show_spinner=False, max_entries=64)
def overview_chart_view(key: tuple, filters: Filters, slug: str) -> BuiltChart:
    return overview_chart(loaded_data(), load_contract(key[0]), filters, slug)
