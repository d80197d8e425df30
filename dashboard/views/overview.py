"""Overview: what the data holds."""

import streamlit as st

from dashboard.figures.overview import records_per_year_figure
from dashboard.transforms.filters import describe
from dashboard.transforms.overview import last_updated, records_per_year, table_summary
from dashboard.ui.shell import active_filters, contract, data, show_chart

loaded, package = data(), contract()
as_of = last_updated(loaded)

st.title("Iran–Russia arms relationship")
st.caption(
    "Sourced records of arms flowing between Iran and Russia, Russia's other suppliers, the "
    f"sanctions aimed at that trade, and the strikes on Ukraine that use it. Data as of {as_of}."
)

summary = table_summary(loaded, package)
columns = st.columns(len(summary))
for column, row in zip(columns, summary.itertuples()):
    column.metric(row.title, f"{row.rows:,}", help=f"Rows in {row.table}.csv")

st.subheader("Tables")
st.dataframe(
    summary,
    hide_index=True,
    width="stretch",
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

filters = active_filters()
per_year = records_per_year(loaded, package)
title = "What the dashboard holds, year by year"
show_chart(records_per_year_figure(per_year, as_of=as_of), key="overview_records_per_year", title=title, as_of=as_of)
st.caption(
    f"Last update: {as_of} (latest source read or latest night imported). "
    f"The chart shows every record, whatever the filters ({describe(filters).lower()})."
)
