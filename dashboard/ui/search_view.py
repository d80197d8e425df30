"""The search across all tables (transforms/views.py), indexed once per data version and cached per query."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.store import loaded_data
from dashboard.transforms.search import search_index
from dashboard.transforms.views import FoundTable, search_model
from dashboard.ui.transfers_view import system_choices


@st.cache_data(show_spinner="Indexing every table for search…", max_entries=4)
def _index(key: tuple) -> dict[str, pd.Series]:
    return search_index(loaded_data().tables)


@st.cache_data(show_spinner=False, max_entries=64)
def search_view(key: tuple, query: str) -> list[FoundTable]:
    return search_model(loaded_data(), load_contract(key[0]), _index(key), query, set(system_choices(key)))
