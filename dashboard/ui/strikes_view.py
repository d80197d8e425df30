"""Everything the Strikes page shows, computed once per (data, filters, choices) and cached.

Figures are cached as plotly JSON dicts, so a warm rerun neither recomputes aggregates nor
re-validates figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.charts import BuiltChart, Inputs, build
from dashboard.data.contract import load_contract
from dashboard.data.geo import boundaries
from dashboard.data.store import loaded_data
from dashboard.figures.maps import strike_legend, strike_map_deck
from dashboard.transforms.strikes import biggest_nights, quality_flags, strike_geography


@dataclass(frozen=True)
class StrikesView:
    as_of: str
    filters_text: str
    rows: int
    drones: BuiltChart
    share: BuiltChart
    nights: pd.DataFrame  # as computed, for the CSV
    nights_shown: pd.DataFrame  # as read on screen: EW losses the Air Force no longer reports say so
    deck: pdk.Deck
    legend: str
    counting: BuiltChart
    quality: tuple[tuple[str, str, int], ...]  # code, meaning, rows flagged


@st.cache_data(show_spinner="Aggregating strikes…", max_entries=64)
def strikes_view(key: tuple, filters, period: str, basis: str, top: int, dark: bool = False) -> StrikesView:
    loaded = loaded_data()
    inputs = Inputs(loaded, load_contract(key[0]), filters, period=period, basis=basis)
    strikes = inputs.table("strikes")
    nights = biggest_nights(strikes, top)
    geography = strike_geography(strikes, loaded.tables["places"])
    return StrikesView(
        as_of=inputs.strikes_as_of,
        filters_text=inputs.words,
        rows=len(strikes),
        drones=build("iranian-drones", inputs),
        share=build("launch-share", inputs),
        nights=nights,
        nights_shown=nights.drop(columns=["night", "all_sources"]).assign(
            lost_ew=nights["lost_ew"].map(lambda lost: "not reported" if pd.isna(lost) else f"{lost:,}")),
        deck=strike_map_deck(geography, boundaries(), dark=dark),
        legend=strike_legend(geography),
        counting=build("counting-rule", inputs),
        quality=quality_flags(loaded.tables["strikes"]),
    )
