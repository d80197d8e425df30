"""System dossier: one weapon system's aliases, transfer records, strikes, the entities listed over it, sources."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.ui.shell import (active_filters, briefing_mode, page_choice, plain_markdown, record_table, require_tables,
                                show_chart)
from dashboard.ui.transfers_view import system_choices, system_view

DEFAULT_SYSTEM = "shahed-136"

st.title("Weapon systems")

if require_tables(["transfers", "strikes"]):
    choices = system_choices(data_key())
    default = DEFAULT_SYSTEM if DEFAULT_SYSTEM in choices else next(iter(choices))
    system_id = page_choice("System", choices, param="system", default=default, key="systems_pick", as_list=True)
    view = system_view(data_key(), active_filters(), system_id)
    system = view.system

    st.header(plain_markdown(system["name"]))
    facts = st.columns(4)
    facts[0].metric("Category", str(system["category"]))
    facts[1].metric("Country of design", str(system["design_country"]))
    facts[2].metric("Transfer records", f"{len(view.transfers):,}")
    facts[3].metric("Strike reports naming it", f"{view.strike_reports:,}")
    aliases = ", ".join(system["aliases"]) or "—"
    maker = system["maker"] if isinstance(system["maker"], str) else "unknown"
    st.markdown(f"**Also known as:** {plain_markdown(aliases)}  \n**Maker:** {plain_markdown(maker)}")

    if view.strikes:
        show_chart(view.strikes, key="systems_strikes")
    if briefing_mode():
        st.stop()  # the record and source tables are for readers of the page, not for a slide
    st.subheader("Transfer records")
    if len(view.transfers):
        record_table(view.transfers, key="systems_transfers", file_stem=f"transfers-{system_id}", as_of=view.as_of,
                     tables=("transfers",))
    else:
        st.caption("No transfer record names this system (with the current filters).")
    st.subheader("Sanctioned entities whose listings cite it")
    if len(view.entities):
        st.dataframe(view.entities[["dossier", "name", "jurisdictions", "first_announced"]], hide_index=True,
                     width="stretch", key="systems_entities", column_config={
                         "dossier": st.column_config.LinkColumn("Dossier", display_text="open dossier"),
                         "first_announced": st.column_config.DateColumn("First listed", format="YYYY-MM-DD"),
                     })
    else:
        st.caption("No sanctions listing cites this system.")
    st.subheader("Sources")
    record_table(view.sources[["publisher", "title", "published", "url", "kind"]], key="systems_sources",
                 file_stem=f"sources-{system_id}", as_of=view.as_of, tables=("sources",))
