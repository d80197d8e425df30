"""Overview charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import PALETTE, finish_figure


def records_per_year_figure(per_year: pd.DataFrame, *, as_of: str, filters_text: str | None = None) -> go.Figure:
    """Stacked bars: dated records per year, one colour per table."""
    fig = go.Figure()
    for colour, (table, rows) in zip(PALETTE * 2, per_year.groupby("table", sort=True)):
        fig.add_trace(go.Bar(
            x=rows["year"].astype(int), y=rows["records"], name=str(table), marker_color=colour,
            hovertemplate="%{x}: %{y:,} records<extra>%{fullData.name}</extra>",
        ))
    fig.update_layout(barmode="stack", xaxis=dict(dtick=1, title=None), yaxis=dict(title="Records"))
    return finish_figure(
        fig,
        title="What the dashboard holds, year by year",
        subtitle="Dated records per year and table (number of rows)",
        source="Iran–Russia Arms Dashboard curated tables (CC BY 4.0); strikes: Ukrainian Air Force via P. Ivaniuk, Kaggle (CC BY-NC-SA 4.0)",
        as_of=as_of,
        filters_text=filters_text,
    )
