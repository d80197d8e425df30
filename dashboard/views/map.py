"""Map: every mapped table on one pydeck map, layer by layer."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.figures.maps import MAP_LAYERS
from dashboard.ui.explore_view import map_view
from dashboard.ui.shell import active_filters, page_multi

st.title("Map")
layers = page_multi("Layers", MAP_LAYERS, param="layers", key="map_layers")
view = map_view(data_key(), active_filters(), layers)
if view.left_out:
    st.error(f"Layers left out because their table failed validation: {', '.join(view.left_out)}.", icon="🚫")
st.pydeck_chart(view.deck, key="map_deck", height=640)
shown = ", ".join(f"{MAP_LAYERS[name].lower()}: {view.counts[name]}" for name in layers)
st.caption(
    f"Shown — {shown}. Hover any object for the records and sources behind it. Transfer routes run from origin "
    "(green) to destination (orange); strike circles are sized by weapons launched in the reports naming them; "
    "sanctioned entities are coloured by role and placed at their city. Coordinates are approximate (city or region "
    "centre). No map token is needed; without a network the base map is blank but every layer still draws. "
    f"Sources: curated tables (CC BY 4.0); strikes: Ukrainian Air Force via P. Ivaniuk, CC BY-NC-SA 4.0. "
    f"Data as of {view.as_of}."
)
