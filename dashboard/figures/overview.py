"""Overview charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import PALETTE, count_axes, with_units


def records_per_year_figure(per_year: pd.DataFrame) -> go.Figure:
    """Stacked bars: dated records per year, one colour per table."""
    fig = go.Figure()
    for colour, (table, rows) in zip(PALETTE * 2, per_year.groupby("table", sort=True)):
        fig.add_trace(go.Bar(
            x=rows["year"].astype(int), y=rows["records"], name=str(table), marker_color=colour,
            hovertemplate="%{x}: %{y:,} records<extra>%{fullData.name}</extra>",
        ))
    fig.update_layout(barmode="stack", xaxis=dict(dtick=1, title=None), yaxis=dict(title="Records"))
    count_axes(fig, "yaxis")
    return with_units(fig, "Dated records per year and table (number of rows)")
