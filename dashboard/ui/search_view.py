"""The search across all tables, indexed once per data version and cached per query."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.store import loaded_data
from dashboard.transforms.overview import for_display
from dashboard.transforms.search import dossier_links, search, search_index
from dashboard.ui.transfers_view import system_choices


@dataclass(frozen=True)
class FoundTable:
    table: str
    title: str
    count: int
    rows: pd.DataFrame


@st.cache_data(show_spinner="Indexing every table for search…", max_entries=4)
def _index(key: tuple) -> dict[str, pd.Series]:
    return search_index(loaded_data().tables)


@st.cache_data(show_spinner=False, max_entries=64)
def search_view(key: tuple, query: str) -> list[FoundTable]:
    """One group per table of the contract, in reading order, each with its matching rows ready to show:
    a dossier link first where the row has one, list cells joined as in the CSV."""
    tables = loaded_data().tables
    titles = {table.name: table.title for table in load_contract(key[0]).tables}
    with_dossier = set(system_choices(key))
    found = []
    for group in search(_index(key), tables, query):
        rows = for_display(group.rows)
        links = dossier_links(group.table, group.rows, tables["sanctions"], with_dossier)
        if links.notna().any():
            rows.insert(0, "dossier", links)
        found.append(FoundTable(group.table, titles.get(group.table, group.table), group.count,
                                rows.reset_index(drop=True)))
    return found
