"""Deals: each programme as a lane, and the routes and sites the records name."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.figures.maps import BOUNDARY_NOTE, legend_markdown
from dashboard.ui.shell import active_filters, dark_theme, page_tabs, require_tables, show_chart, source_note
from dashboard.ui.transfers_view import deals_view

st.title("Deals, deliveries and routes")
st.caption("Agreed is not delivered: open markers are agreements or orders with no delivery reported; filled "
           "markers are deliveries or production under way.")

if require_tables(["transfers"]):
    view = deals_view(data_key(), active_filters(), dark_theme())
    if view.rows == 0:
        st.info("No transfer records match the filters.")
    else:
        # The map in a tab of its own (`?tab=Routes+and+sites`): deck.gl draws on the CPU where there is no
        # GPU, and drawn with the timeline it kept a new visitor's page busy for seconds (README, Performance).
        lanes, routes = page_tabs(["Programmes", "Routes and sites"])
        with lanes:
            if lanes.open:
                show_chart(view.timeline, key="deals_timeline")
        with routes:
            if routes.open:
                st.pydeck_chart(view.deck, key="deals_map", height=560)
                st.markdown(legend_markdown(["routes", "sites"]))
                st.caption(
                    f"{view.routes} routes and {view.sites} sites named by the records; hover for what the records "
                    "say and who reported it. Coordinates are approximate (city level). "
                    f"{source_note(['transfers'], view.as_of)} {BOUNDARY_NOTE}"
                )
