"""What the Overview shows, computed once per (data, filters) and cached."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.store import loaded_data
from dashboard.figures.overview import records_per_year_figure
from dashboard.transforms.filters import Filters, apply_filters
from dashboard.transforms.overview import last_updated, records_per_year, table_summary
from dashboard.transforms.strikes import drone_headlines


@dataclass(frozen=True)
class OverviewView:
    as_of: str
    summary: pd.DataFrame
    per_year_figure: dict
    drones: dict[str, object]
    strikes_valid: bool


@st.cache_data(show_spinner=False, max_entries=32)
def overview_view(key: tuple, filters: Filters) -> OverviewView:
    loaded, package = loaded_data(), load_contract(key[0])
    as_of = last_updated(loaded)
    strikes = apply_filters(loaded.tables["strikes"], package.table("strikes"), filters)
    return OverviewView(
        as_of=as_of,
        summary=table_summary(loaded, package),
        per_year_figure=records_per_year_figure(records_per_year(loaded, package), as_of=as_of).to_plotly_json(),
        drones=drone_headlines(strikes),
        strikes_valid="strikes" not in loaded.failed_tables,
    )
