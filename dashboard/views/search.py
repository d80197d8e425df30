"""Search: one query across every table, through the aliases of systems, entities and places."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.transforms.search import MIN_QUERY, fold
from dashboard.ui.search_view import search_view
from dashboard.ui.shell import column_config, page_text, plain_markdown

DOSSIER_COLUMN = {"dossier": st.column_config.LinkColumn("Dossier", display_text="open dossier",
                                                         help="The entity's or the weapon system's page")}

st.title("Search")
query = page_text("Search every table: names and aliases of systems, entities and places, ids, descriptions",
                  param="q", key="search_query")
st.caption("Case, accents, spaces, hyphens and punctuation are ignored (“fath 360” finds Fath-360), and a record "
           "is found under any alias of the system, place or sanctioned entity it names. The sidebar filters do "
           "not apply here: every record is searched.")

if len(fold(query)) < MIN_QUERY:
    st.info(f"Type at least {MIN_QUERY} letters or digits.")
else:
    found = [group for group in search_view(data_key(), query) if group.count]
    if not found:
        st.info(f"Nothing in any table matches {plain_markdown(repr(query))}.")
    else:
        st.caption(f"{sum(g.count for g in found):,} records in {len(found)} of the tables match.")
    for group in found:
        with st.expander(f"{group.title} — {group.count:,}", expanded=True):
            st.dataframe(group.rows, hide_index=True, width="stretch", key=f"search_{group.table}",
                         column_config={**column_config(group.rows), **DOSSIER_COLUMN})
