"""Sanctions: who was designated, by whom, when, and who moved first."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.ui.sanctions_view import entity_choices, entity_view, sanctions_view
from dashboard.ui.shell import active_filters, briefing_mode, page_choice, record_table, require_tables, show_chart

st.title("Sanctions")
st.caption(
    "Designations aimed at Iran–Russia military cooperation — drone and missile makers, their officials, "
    "component suppliers, shippers and airlines — across jurisdictions, dated by the original announcement. "
    "One entity listed by several jurisdictions is one entity with several designations."
)

if require_tables(["sanctions", "strikes"]):
    view = sanctions_view(data_key(), active_filters())
    if view.rows == 0:
        st.info("No designations match the filters.")
    else:
        st.caption(f"{view.official_share:.0%} of these designations cite an official source: for US (to May 2024), "
                   "UK and Australian rows, the entry on that government's own list (shown in the entity lookup "
                   "below). EU, Canadian, Swiss, Japanese and New Zealand rows rest on announcements and reporting.")
        show_chart(view.over_time, key="sanctions_over_time")
        show_chart(view.targets, key="sanctions_targets")

        st.subheader("Who moved first")
        st.caption("First listings under any programme count, from the designations here and from the official "
                   "lists (OFAC SDN history, UK Sanctions List, DFAT Consolidated List), so a target the US listed "
                   "before 2021 shows the US first. Jurisdictions without a list copy here (EU, Canada, Switzerland, "
                   "Japan, New Zealand) count only the listings recorded in this table.")
        show_chart(view.first_movers, key="sanctions_first_movers")
        if not briefing_mode():
            st.dataframe(view.follow, hide_index=True, width="stretch", key="sanctions_follow", column_config={
                "entities": st.column_config.NumberColumn("Shared targets", format="%d"),
                "moved_first": st.column_config.NumberColumn("Moved first", format="%d"),
                "followed": st.column_config.NumberColumn("Followed", format="%d"),
                "median_lag_days": st.column_config.NumberColumn("Median lag when following (days)", format="%.0f"),
            })

        st.subheader("Sanctions and strikes on one time axis")
        show_chart(view.versus_strikes, key="sanctions_vs_strikes")
        st.caption("Co-occurrence is not effect: launch volumes follow Russia's production and the war's "
                   "course; this chart only puts the two on one time axis.")

        st.subheader("Where the designated are")
        st.pydeck_chart(view.deck, key="sanctions_map", height=520)
        st.caption(f"{view.located} of {view.entities} designated targets have a known city; colour shows the role. "
                   f"Source: curated designations (CC BY 4.0). Data as of {view.as_of}.")

    if briefing_mode():
        st.stop()  # the entity lookup is a search, not a slide
    st.subheader("Look up an entity")
    choices = entity_choices(data_key())
    if choices:
        entity_id = page_choice("Entity, person or vessel (type to search)", choices, param="entity",
                                default=next(iter(choices)), key="sanctions_entity", as_list=True)
        profile = entity_view(data_key(), entity_id)
        record_table(profile["listings"], key="sanctions_entity_listings", file_stem=f"designations-{entity_id}",
                     as_of=view.as_of)
        st.caption("Related transfer records (tied to the listing or naming a system it cites):")
        record_table(profile["transfers"], key="sanctions_entity_transfers", file_stem=f"transfers-{entity_id}",
                     as_of=view.as_of)
        st.caption("Sources:")
        record_table(profile["sources"], key="sanctions_entity_sources", file_stem=f"sources-{entity_id}",
                     as_of=view.as_of)
