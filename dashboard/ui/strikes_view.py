"""Everything the Strikes page shows, computed once per (data, filters, choices) and cached.

Figures are cached as plotly JSON dicts, so a warm rerun neither recomputes aggregates nor
re-validates figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.data.contract import load_contract
from dashboard.data.store import loaded_data
from dashboard.figures.maps import strike_map_deck
from dashboard.figures.strikes import counting_rule_figure, iranian_drones_figure, launch_share_figure
from dashboard.transforms.filters import Filters, apply_filters, describe
from dashboard.transforms.strikes import (PERIODS, biggest_nights, counting_rule_effect, interception_series,
                                          iranian_designed, launch_share, strike_annotations, strike_geography)


@dataclass(frozen=True)
class StrikesView:
    as_of: str
    filters_text: str
    rows: int
    drones_figure: dict
    share_figure: dict
    nights: pd.DataFrame
    deck: pdk.Deck
    counting_figure: dict
    counting_effect: pd.DataFrame


@st.cache_data(show_spinner="Aggregating strikes…", max_entries=64)
def strikes_view(key: tuple, filters: Filters, period: str, top: int) -> StrikesView:
    loaded = loaded_data()
    strikes = apply_filters(loaded.tables["strikes"], load_contract(key[0]).table("strikes"), filters)
    filters_text = describe(filters)
    as_of = strikes["night"].max().date().isoformat() if len(strikes) else "no data"
    period_label = PERIODS[period]
    annotations = strike_annotations(loaded.tables["events"], strikes["night"].min(), strikes["night"].max())
    effect = counting_rule_effect(strikes)
    return StrikesView(
        as_of=as_of,
        filters_text=filters_text,
        rows=len(strikes),
        drones_figure=iranian_drones_figure(
            interception_series(iranian_designed(strikes), period), annotations, period_label=period_label,
            as_of=as_of, filters_text=filters_text).to_plotly_json(),
        share_figure=launch_share_figure(launch_share(strikes, period), period_label=period_label, as_of=as_of,
                                         filters_text=filters_text).to_plotly_json(),
        nights=biggest_nights(strikes, top),
        deck=strike_map_deck(strike_geography(strikes, loaded.tables["places"])),
        counting_figure=counting_rule_figure(effect, as_of=as_of).to_plotly_json(),
        counting_effect=effect,
    )
