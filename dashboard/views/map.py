"""Map: every mapped table on one pydeck map, layer by layer."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.figures.maps import BOUNDARY_NOTE, MAP_LAYERS, legend_markdown
from dashboard.ui.explore_view import map_view
from dashboard.transforms.views import LAYER_TABLES
from dashboard.ui.shell import active_filters, dark_theme, page_multi, source_note

st.title("Map")
layers = page_multi("Layers", MAP_LAYERS, param="layers", key="map_layers")
view = map_view(data_key(), active_filters(), layers, dark_theme())
if view.left_out:
    st.error(f"Layers left out because their table failed validation: {', '.join(view.left_out)}.", icon="🚫")
st.pydeck_chart(view.deck, key="map_deck", height=640)
st.markdown(legend_markdown(name for name in layers if name not in view.left_out))
shown = ", ".join(f"{MAP_LAYERS[name].lower()}: {view.counts[name]}" for name in layers)
st.caption(
    f"Shown — {shown}. Hover any object for what the records say and who reported it. Strike circles are sized by "
    "weapons launched in the reports naming them; sanctioned entities are placed at their city. Coordinates are "
    "approximate (city or region centre). Borders are bundled with the dashboard: the map needs no token and no "
    f"network. {source_note(dict.fromkeys(LAYER_TABLES[name] for name in layers), view.as_of)} {BOUNDARY_NOTE}"
)
