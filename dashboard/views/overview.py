"""Overview: the relationship at a glance, and what the data holds."""

import pandas as pd
import streamlit as st

from dashboard.data.store import data_key
from dashboard.transforms.filters import describe
from dashboard.transforms.formatting import markdown_table
from dashboard.transforms.strikes import night_label
from dashboard.ui.overview_view import overview_chart_view, overview_view
from dashboard.ui.shell import active_filters, briefing_mode, page_tabs, plain_markdown, show_chart, source_note

CHART_TABS = {"iranian-drones": "Drones at Ukraine", "supplier-years": "Russia's suppliers",
              "designations": "Sanctions", "records-per-year": "Records per year"}

filters = active_filters()
view = overview_view(data_key(), filters)

st.title("Iran–Russia arms relationship")
st.caption(
    "Sourced records of arms flowing between Iran and Russia, Russia's other suppliers, the sanctions aimed at that "
    f"trade, and the strikes on Ukraine that use it. Curated data as of {view.as_of}; "
    f"{plain_markdown(describe(filters).lower())}."
)

if "strikes" not in view.failed:
    drones = view.drones
    first, second, third = st.columns(3)
    first.metric("Iranian-designed drones launched at Ukraine", f"{drones['launched']:,}",
                 help=f"Shahed/Geran family and Mohajer-6, counting rule applied. "
                      f"{source_note(['strikes'], view.drones_as_of)}")
    first.caption(f"Through the night of {night_label(pd.Timestamp(drones['latest_night']))}"
                  if drones["latest_night"] else "No nights match")
    second.metric("Last 30 nights", f"{drones['last_30']:,}",
                  delta=f"{drones['last_30'] - drones['previous_30']:+,} vs the 30 nights before", delta_color="off",
                  help="Iranian-designed drones launched in the 30 nights of attack up to the last night shown, "
                       "against the 30 nights before; the date filter's start never cuts the comparison short.")
    second.caption(f"30 nights to {night_label(pd.Timestamp(drones['window_end']))}" if drones["window_end"]
                   else "No nights match")
    rate = drones["interception_rate"]
    third.metric("Interception rate", "–" if rate is None else f"{rate:.0%}",
                 help="(shot down + lost to electronic warfare) / launched")

# One chart at a time, each with its own link (`?tab=Sanctions`): a new visitor's browser draws one plotly
# chart instead of four before the page is usable, and a slide shows the chart its link names.
for tab, slug in zip(page_tabs([CHART_TABS[slug] for slug in view.charts]), view.charts):
    with tab:
        if tab.open:
            show_chart(overview_chart_view(data_key(), filters, slug), key=f"overview_{slug}")

left, right = st.columns(2)
with left:
    st.markdown("**Transfer records each way, by claim status**")
    if "transfers" in view.failed or view.each_way.empty:
        st.caption("No transfer records to show.")
    else:
        st.markdown(markdown_table(view.each_way, {"status": "Claim status",
                                                   **{way: way for way in view.each_way.columns[1:]}}))
with right:
    st.markdown("**Sanctions designations by jurisdiction**")
    if "sanctions" in view.failed or view.jurisdictions.empty:
        st.caption("No designations to show.")
    else:
        st.markdown(markdown_table(view.jurisdictions, {"jurisdiction": "Jurisdiction",
                                                        "designations": "Designations", "entities": "Distinct targets"}))

# A slide keeps the charts and headline figures; the update notes and the table inventory stay on the page.
if not briefing_mode():
    st.subheader("What changed in the last update")
    for note in view.changes:
        st.markdown(f"- {plain_markdown(note)}")

    st.subheader("What the data holds")
    st.markdown(markdown_table(view.summary, {"table": "Table", "title": "What it holds", "rows": "Rows",
                                              "from": "From", "to": "To", "licence": "Licence",
                                              "problems": "Problems", "valid": "Valid"}))
