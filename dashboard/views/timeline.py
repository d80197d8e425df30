"""Timeline: every dated record from every table on one zoomable axis."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.transforms.formatting import date_at_precision
from dashboard.transforms.timeline import RECORD_TYPES, item_details, item_sources
from dashboard.ui.explore_view import timeline_view
from dashboard.ui.shell import active_filters, briefing_mode, contract, page_choice, page_multi, record_table, show_chart

st.title("Timeline")
st.caption("Transfers, sanctions, diplomatic milestones and the biggest strike nights on one axis. The sidebar "
           "filters by date, actor and claim status; choose record types here. Click a marker, or pick a record "
           "below, to see its details and sources.")

record_types = page_multi("Record types", RECORD_TYPES, param="types", key="timeline_types")
view = timeline_view(data_key(), active_filters(), record_types)
if view.left_out:
    st.error(f"Left out because their table failed validation: {', '.join(view.left_out)}.", icon="🚫")
event = show_chart(view.chart, key="timeline_chart", selectable=True)

# A slide shows the chart; picking a record is for the page.
if not view.items.empty and not briefing_mode():
    keys = list(view.items["record_type"] + ":" + view.items["record_id"])
    labels = {k: f"{date_at_precision(date, precision)} · {label}"
              for k, date, precision, label in zip(keys, view.items["date"], view.items["date_precision"],
                                                   view.items["label"])}
    clicked = [p.get("customdata", [None])[0] for p in (event.selection.points if event else [])
               if isinstance(p.get("customdata"), (list, tuple))]
    if clicked and clicked[0] in labels:
        st.session_state["timeline_item"] = clicked[0]
    chosen = page_choice("Record", labels, param="item", default=keys[-1], key="timeline_item", as_list=True)
    item = view.items.iloc[keys.index(chosen)]

    st.subheader("Details")
    # A static table: its long details wrap, where a dataframe cell would cut them off.
    st.table(item_details(item, contract()), hide_index=True, hide_header=True, border="horizontal")
    record_table(item_sources(item, view.sources), key="timeline_item_sources", file_stem=f"sources-{item['record_id']}",
                 as_of=view.chart.as_of, tables=("sources",))
