"""Overview: what the data holds."""

import streamlit as st

from dashboard.data.store import data_key
from dashboard.transforms.filters import describe
from dashboard.ui.overview_view import overview_view
from dashboard.ui.shell import active_filters, plain_markdown, show_chart

filters = active_filters()
view = overview_view(data_key(), filters)

st.title("Iran–Russia arms relationship")
st.caption(
    "Sourced records of arms flowing between Iran and Russia, Russia's other suppliers, the "
    f"sanctions aimed at that trade, and the strikes on Ukraine that use it. Data as of {view.as_of}."
)

if view.strikes_valid:
    drones = view.drones
    st.subheader("Iranian-designed drones launched at Ukraine")
    first, second, third = st.columns(3)
    first.metric("Launched", f"{drones['launched']:,}", help="Shahed/Geran family and Mohajer-6, counting rule "
                 "applied; " + plain_markdown(describe(filters)))
    first.caption(f"Through the night of {drones['latest_night']}" if drones["latest_night"] else "No nights match")
    second.metric("Last 30 nights of the record", f"{drones['last_30']:,}",
                  delta=f"{drones['last_30'] - drones['previous_30']:+,} vs the 30 before", delta_color="off")
    rate = drones["interception_rate"]
    third.metric("Interception rate", "–" if rate is None else f"{rate:.0%}",
                 help="(shot down + lost to electronic warfare) / launched")
    st.caption("Source: Ukrainian Air Force via P. Ivaniuk, 'Massive Missile Attacks on Ukraine' (Kaggle), "
               "CC BY-NC-SA 4.0.")

st.subheader("What the data holds")
columns = st.columns(len(view.summary))
for column, row in zip(columns, view.summary.itertuples()):
    column.metric(row.title, f"{row.rows:,}", help=f"Rows in {row.table}.csv")

st.dataframe(
    view.summary,
    hide_index=True,
    width="stretch",
    key="overview_tables",
    column_config={
        "table": st.column_config.TextColumn("Table"),
        "title": st.column_config.TextColumn("What it holds"),
        "rows": st.column_config.NumberColumn("Rows", format="%d"),
        "from": st.column_config.DateColumn("From", format="YYYY-MM-DD"),
        "to": st.column_config.DateColumn("To", format="YYYY-MM-DD"),
        "licence": st.column_config.TextColumn("Licence"),
        "problems": st.column_config.NumberColumn("Problems", format="%d"),
        "valid": st.column_config.CheckboxColumn("Valid"),
    },
)
show_chart(view.per_year, key="overview_records_per_year")
st.caption(
    f"Last update: {view.as_of} (latest source read or latest night imported). The table and chart count every "
    "record, whatever the filters."
)
