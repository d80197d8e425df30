"""What the Overview shows, computed once per (data, filters) and cached."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.charts import CATALOG, BuiltChart, Inputs, build
from dashboard.data.contract import load_contract
from dashboard.data.store import loaded_data
from dashboard.transforms.filters import Filters
from dashboard.transforms.overview import (designations_by_jurisdiction, last_updated, latest_changes, table_summary,
                                           transfers_each_way)
from dashboard.transforms.strikes import drone_headlines

HEADLINE_CHARTS = ("iranian-drones", "supplier-years", "designations")


@dataclass(frozen=True)
class OverviewView:
    as_of: str
    summary: pd.DataFrame
    drones: dict[str, object]
    each_way: pd.DataFrame
    jurisdictions: pd.DataFrame
    changes: list[str]
    headlines: tuple[BuiltChart, ...]
    per_year: BuiltChart
    failed: frozenset[str]


@st.cache_data(show_spinner=False, max_entries=32)
def overview_view(key: tuple, filters: Filters) -> OverviewView:
    loaded, package = loaded_data(), load_contract(key[0])
    inputs = Inputs(loaded, package, filters)
    failed = frozenset(loaded.failed_tables)

    def usable(name: str, any_date: bool = False) -> pd.DataFrame:
        """A table for the headline numbers; an empty one when it failed validation."""
        frame = inputs.table(name, any_date=any_date)
        return frame.iloc[0:0] if name in failed else frame
    until = pd.Timestamp(filters.end) if filters.end else None
    return OverviewView(
        as_of=last_updated(loaded),
        summary=table_summary(loaded, package),
        drones=drone_headlines(usable("strikes"), usable("strikes", any_date=True), until),
        each_way=transfers_each_way(usable("transfers")),
        jurisdictions=designations_by_jurisdiction(usable("sanctions")),
        changes=latest_changes(loaded),
        headlines=tuple(build(slug, inputs) for slug in HEADLINE_CHARTS if not inputs.blocked(CATALOG[slug].tables)),
        per_year=build("records-per-year", inputs),
        failed=failed,
    )
