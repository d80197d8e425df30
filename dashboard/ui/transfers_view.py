"""The transfer pages' view models (transforms/views.py), cached per (data, filters, choice)."""

from __future__ import annotations

import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.geo import boundaries
from dashboard.data.store import loaded_data
from dashboard.transforms.filters import Filters
from dashboard.transforms.views import (DealsView, SuppliersView, SystemView, deals_model, suppliers_model,
                                        system_labels, system_model)


@st.cache_data(show_spinner=False, max_entries=32)
def suppliers_view(key: tuple, filters: Filters) -> SuppliersView:
    return suppliers_model(loaded_data(), load_contract(key[0]), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def deals_view(key: tuple, filters: Filters, dark: bool = False) -> DealsView:
    return deals_model(loaded_data(), load_contract(key[0]), filters, boundaries(), dark)


@st.cache_data(show_spinner=False, max_entries=64)
def system_view(key: tuple, filters: Filters, system_id: str) -> SystemView:
    return system_model(loaded_data(), load_contract(key[0]), filters, system_id)


@st.cache_data(show_spinner=False, max_entries=4)
def system_choices(key: tuple) -> dict[str, str]:
    return system_labels(loaded_data())
