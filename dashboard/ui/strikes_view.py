"""The Strikes page's view model (transforms/views.py), cached per (data, filters, choices).

Figures are cached as plotly JSON dicts, so a warm rerun neither recomputes aggregates nor
re-validates figures.
"""

from __future__ import annotations

import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.geo import boundaries
from dashboard.data.store import loaded_data
from dashboard.transforms.filters import Filters
from dashboard.transforms.views import StrikesView, strikes_model


@st.cache_data(show_spinner="Aggregating strikes…", max_entries=64)
def strikes_view(key: tuple, filters: Filters, period: str, basis: str, top: int, dark: bool = False) -> StrikesView:
    return strikes_model(loaded_data(), load_contract(key[0]), filters, period, basis, top, boundaries(), dark)
