"""Sanctions: who was designated, by whom, when, and who moved first; an entity's dossier."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.transforms.search import system_link
from dashboard.figures.maps import BOUNDARY_NOTE, entity_legend
from dashboard.figures.style import ROLE_COLOURS
from dashboard.ui.sanctions_view import entity_choices, entity_view, sanctions_view
from dashboard.ui.shell import (active_filters, briefing_mode, dark_theme, page_choice, page_tabs, plain_markdown,
                                record_table, require_tables, show_chart, source_note)
from dashboard.ui.transfers_view import system_choices

ENTITY_PARAM = "entity"
ENTITY_KEY = "sanctions_entity"
DOSSIER_FIRST = "sanctions_dossier_first"
DOSSIER_TAB = "Entity dossier"


def entity_dossier(as_of: str) -> None:
    """One entity: who listed it, under which names, its sites and systems, and the records tied to it."""
    choices = entity_choices(data_key())
    if not choices:
        return
    heading = st.empty()  # the entity's name heads the section, above the box that chooses it
    entity_id = page_choice("Entity, person or vessel (type to search)", choices, param=ENTITY_PARAM,
                            default=next(iter(choices)), key=ENTITY_KEY, as_list=True)
    dossier = entity_view(data_key(), entity_id)
    heading.header(plain_markdown(dossier.name))
    linked = system_choices(data_key())
    systems = [f"[{plain_markdown(name)}]({system_link(system_id)})" if system_id in linked else plain_markdown(name)
               for system_id, name in dossier.systems.items()]
    st.markdown(f"**Also known as:** {plain_markdown('; '.join(dossier.names[1:]) or '—')}  \n"
                f"**Listed by:** {plain_markdown(', '.join(dossier.jurisdictions))}  \n"
                f"**Sites:** {plain_markdown(', '.join(dossier.sites.values()) or '—')}  \n"
                f"**Systems its listings cite:** {', '.join(systems) or '—'}")
    st.caption("Listings (official-list entries shown where there is a copy of the list):")
    record_table(dossier.listings, key="sanctions_entity_listings", file_stem=f"designations-{entity_id}",
                 as_of=as_of, tables=("sanctions",))
    st.caption("Related transfer records: cited by one of its listings, at one of its sites, naming it in the "
               "description, or moving a system it makes. A system its listings cite is not enough on its own.")
    record_table(dossier.transfers, key="sanctions_entity_transfers", file_stem=f"transfers-{entity_id}",
                 as_of=as_of, tables=("transfers",))
    st.caption("Sources:")
    record_table(dossier.sources, key="sanctions_entity_sources", file_stem=f"sources-{entity_id}", as_of=as_of,
                 tables=("sources",))


def has_designations(tab, rows: int) -> bool:
    """Whether an open tab has designations to draw; an open tab with none says so instead."""
    if not tab.open:
        return False
    if rows == 0:
        st.info("No designations match the filters.")
    return rows > 0


st.title("Sanctions")
if require_tables(["sanctions", "strikes"]):
    view = sanctions_view(data_key(), active_filters(), dark_theme())
    if DOSSIER_FIRST not in st.session_state:
        # Decided when the page opens, as page_choice reads the link: a link to an entity opens on its
        # dossier, and the tabs keep that default for the session (it is part of their identity).
        st.session_state[DOSSIER_FIRST] = ENTITY_PARAM in st.query_params
    st.caption(
        "Designations aimed at Iran–Russia military cooperation — drone and missile makers, their officials, "
        "component suppliers, shippers and airlines — across jurisdictions, dated by the original announcement. "
        "One entity listed by several jurisdictions is one entity with several designations."
    )
    if view.rows:
        st.caption(f"{view.official_share:.0%} of these designations cite an official source: for US (to May 2024), "
                   "UK and Australian rows, the entry on that government's own list (shown in each entity's "
                   "dossier). EU, Canadian, Swiss, Japanese and New Zealand rows rest on announcements and reporting.")
    # One section at a time, each named in the link (`?tab=Map`): drawing the map, the table and the
    # dossier's grids with the charts kept a new visitor's browser busy for seconds (README, Performance).
    designations, first_movers, against_strikes, where, dossier = page_tabs(
        ["Designations", "Who moved first", "Against strikes", "Map", DOSSIER_TAB],
        default=DOSSIER_TAB if st.session_state[DOSSIER_FIRST] else None)
    with designations:
        if has_designations(designations, view.rows):
            show_chart(view.over_time, key="sanctions_over_time")
            show_chart(view.targets, key="sanctions_targets")

    with first_movers:
        if has_designations(first_movers, view.rows):
            st.caption("First listings under any programme count, from the designations here and from the "
                       "official lists (OFAC SDN history, UK Sanctions List, DFAT Consolidated List), so a target "
                       "the US listed before 2021 shows the US first. Jurisdictions without a list copy here (EU, "
                       "Canada, Switzerland, Japan, New Zealand) count only the listings recorded in this table.")
            show_chart(view.first_movers, key="sanctions_first_movers")
            if not briefing_mode():
                st.dataframe(view.follow, hide_index=True, width="stretch", key="sanctions_follow", column_config={
                    "jurisdiction": st.column_config.TextColumn("Jurisdiction"),
                    "entities": st.column_config.NumberColumn("Shared targets", format="%d"),
                    "moved_first": st.column_config.NumberColumn("Moved first", format="%d"),
                    "followed": st.column_config.NumberColumn("Followed", format="%d"),
                    "median_lag_days": st.column_config.NumberColumn("Median lag when following (days)",
                                                                     format="%.0f"),
                })

    with against_strikes:
        if has_designations(against_strikes, view.rows):
            show_chart(view.versus_strikes, key="sanctions_vs_strikes")
            st.caption("Co-occurrence is not effect: launch volumes follow Russia's production and the war's "
                       "course; this chart only puts the two on one time axis.")

    with where:
        if has_designations(where, view.rows):
            st.subheader("Where the designated are")
            st.pydeck_chart(view.deck, key="sanctions_map", height=520)
            st.markdown(entity_legend(ROLE_COLOURS))
            st.caption(f"{view.located} of {view.entities} designated targets have a known city; colour shows "
                       f"the role. {source_note(['sanctions'], view.as_of)} {BOUNDARY_NOTE}")

    with dossier:
        if dossier.open:
            # Every entity, whatever the filters: a dossier is the entity's whole record.
            entity_dossier(view.as_of)
