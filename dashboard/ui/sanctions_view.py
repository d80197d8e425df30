"""The Sanctions page's view models (transforms/views.py), cached per (data, filters, choice)."""

from __future__ import annotations

import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.geo import boundaries
from dashboard.data.store import loaded_data
from dashboard.transforms.filters import Filters
from dashboard.transforms.views import EntityDossier, SanctionsView, entity_labels, entity_model, sanctions_model


@st.cache_data(show_spinner=False, max_entries=32)
def sanctions_view(key: tuple, filters: Filters, dark: bool = False) -> SanctionsView:
    return sanctions_model(loaded_data(), load_contract(key[0]), filters, boundaries(), dark)


@st.cache_data(show_spinner=False, max_entries=4)
def entity_choices(key: tuple) -> dict[str, str]:
    return entity_labels(loaded_data().tables["sanctions"])


@st.cache_data(show_spinner=False, max_entries=64)
def entity_view(key: tuple, entity_id: str) -> EntityDossier:
    return entity_model(loaded_data(), entity_id)
