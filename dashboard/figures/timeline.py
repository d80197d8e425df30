"""The unified timeline: every dated record in lanes, one marker each, styled by claim status."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import with_units
from dashboard.figures.transfers import OTHER_STATUS_STYLE, STATUS_STYLE
from dashboard.transforms.formatting import human_column

LANE_ORDER = ("Transfers · Iran → Russia", "Transfers · Russia → Iran", "Transfers · other suppliers",
              "Diplomacy and milestones", "Sanctions", "Strike peaks (Iranian-designed drones)")


def timeline_figure(items: pd.DataFrame) -> go.Figure:
    """Markers per lane, styled by status; customdata carries 'record_type:record_id' for selection."""
    fig = go.Figure()
    styles = {**STATUS_STYLE, **OTHER_STATUS_STYLE}
    for status, rows in items.groupby("status", sort=False):
        style = styles.get(str(status), {"colour": "#8C8C8C", "symbol": "circle"})
        fig.add_trace(go.Scatter(
            x=rows["date"], y=rows["lane"], mode="markers", name=str(status),
            marker=dict(symbol=style["symbol"], color=style["colour"], size=11, opacity=0.85,
                        line=dict(width=1.5, color=style["colour"])),
            customdata=list(zip(rows["record_type"] + ":" + rows["record_id"], rows["label"], rows["kind"],
                                human_column(rows["date"], rows["date_precision"]))),
            hovertemplate="%{customdata[3]} · %{customdata[2]}<br>%{customdata[1]}<extra>" + str(status) + "</extra>",
        ))
    lanes = [lane for lane in LANE_ORDER if lane in set(items["lane"])]
    fig.update_layout(
        yaxis=dict(categoryorder="array", categoryarray=lanes[::-1], title=None, rangemode=None),
        xaxis=dict(title=None, type="date"),
        legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top", title_text="Status"),
        margin=dict(r=140), hovermode="closest", dragmode="zoom",
    )
    return with_units(fig, "Transfers, sanctions, diplomatic events and strike peaks, one marker per record; drag to "
                           "zoom, click a marker for its sources", height=max(480, 220 + 60 * len(lanes)))
