"""Suppliers: who arms Russia, and the two-way Iran–Russia trade."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.ui.shell import active_filters, briefing_mode, record_table, require_tables, show_chart
from dashboard.ui.transfers_view import suppliers_view

st.title("Who arms Russia")
st.caption(
    "Each record is one sourced claim — a delivery, an agreement, a production figure, a denial — with its "
    "claim status. Charts count records, not weapons: reported quantities overlap and disagree, so they are "
    "listed claim by claim below rather than added up."
)

if require_tables(["transfers"]):
    view = suppliers_view(data_key(), active_filters())
    if view.rows == 0:
        st.info("No transfer records match the filters.")
    else:
        show_chart(view.per_year, key="suppliers_per_year")
        show_chart(view.breakdown, key="suppliers_breakdown")
        show_chart(view.two_way, key="suppliers_two_way")
        if briefing_mode():
            st.stop()  # the claim-by-claim tables are for readers of the page, not for a slide

        st.subheader("Largest reported quantities, claim by claim")
        st.caption("Each figure is one source's claim; claims overlap (a total and its parts) and disagree, so "
                   "they are not summed. A trailing + means 'more than'.")
        record_table(view.largest, key="suppliers_largest", file_stem="largest-reported-quantities", as_of=view.as_of,
                     tables=("transfers",), title="Largest reported quantities, claim by claim")

        st.subheader("Every transfer record")
        record_table(view.records, key="suppliers_records", file_stem="transfers", as_of=view.as_of,
                     tables=("transfers",))
