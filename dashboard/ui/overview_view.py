"""What the Overview shows, computed once per (data, filters) and cached."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.charts import BuiltChart, Inputs, build
from dashboard.data.contract import load_contract
from dashboard.data.store import loaded_data
from dashboard.transforms.filters import Filters
from dashboard.transforms.overview import last_updated, table_summary
from dashboard.transforms.strikes import drone_headlines


@dataclass(frozen=True)
class OverviewView:
    as_of: str
    summary: pd.DataFrame
    per_year: BuiltChart
    drones: dict[str, object]
    strikes_valid: bool


@st.cache_data(show_spinner=False, max_entries=32)
def overview_view(key: tuple, filters: Filters) -> OverviewView:
    loaded, package = loaded_data(), load_contract(key[0])
    inputs = Inputs(loaded, package, filters)
    return OverviewView(
        as_of=last_updated(loaded),
        summary=table_summary(loaded, package),
        per_year=build("records-per-year", inputs),
        drones=drone_headlines(inputs.table("strikes")),
        strikes_valid="strikes" not in loaded.failed_tables,
    )
