"""Sanctions charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.style import (JURISDICTION_COLOURS, ROLE_COLOURS, UNKNOWN_COLOUR, add_event_markers, count_axes,
                                     height_for_rows, with_units)

MILESTONE_COLOUR = "#555555"
CAVEAT = "Co-occurrence is not effect: sanctions and launch volumes both follow the war's course."


def designations_over_time_figure(monthly: pd.DataFrame) -> go.Figure:
    """Two panels on one time axis: monthly designation bars stacked by jurisdiction above, each
    jurisdiction's running total below. One axis per panel, both from zero: a second axis overlaid on the
    bars made readers take the running total (41, 51, 61…) for monthly counts."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.5, 0.5])
    for jurisdiction, rows in monthly.groupby("jurisdiction", sort=True):
        colour = JURISDICTION_COLOURS.get(str(jurisdiction), UNKNOWN_COLOUR)
        fig.add_trace(go.Bar(x=rows["month"], y=rows["designations"], name=str(jurisdiction), marker_color=colour,
                             legendgroup=str(jurisdiction),
                             hovertemplate="%{x|%b %Y}: %{y} designations<extra>%{fullData.name}</extra>"),
                      row=1, col=1)
        fig.add_trace(go.Scatter(x=rows["month"], y=rows["cumulative"], name=f"{jurisdiction} (total)",
                                 mode="lines", line=dict(color=colour, width=2, shape="hv"), legendgroup=str(jurisdiction),
                                 showlegend=False,
                                 hovertemplate="%{x|%b %Y}: %{y} in total<extra>" + str(jurisdiction) + "</extra>"),
                      row=2, col=1)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text="Designations per month", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Running total (designations)", rangemode="tozero", row=2, col=1)
    count_axes(fig, "yaxis", "yaxis2")
    fig.update_xaxes(title_text=None)
    # Two panels need more room than one.
    return with_units(fig, "Designations per month (bars) and each jurisdiction's running total (lines), original "
                           "announcement dates", height=680)


def targets_figure(counts: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars: designated entities per target country, by role."""
    totals = counts.groupby("target_country")["entities"].sum().sort_values()
    fig = go.Figure()
    for role, colour in ROLE_COLOURS.items():
        rows = counts[counts["role"] == role].set_index("target_country")["entities"]
        fig.add_trace(go.Bar(y=list(totals.index), x=[int(rows.get(c, 0)) for c in totals.index], orientation="h",
                             name=role, marker_color=colour,
                             hovertemplate="%{y}: %{x} entities<extra>" + role + "</extra>"))
    fig.update_layout(barmode="stack", xaxis=dict(title="Designated entities and people"), yaxis=dict(title=None))
    count_axes(fig, "xaxis")
    return with_units(fig, "Distinct entities, people and vessels (each counted once, however many listings)",
                      height=height_for_rows(len(totals), 28))


def first_movers_figure(movers: pd.DataFrame) -> go.Figure:
    """Each later listing of a shared target as a dot: days after the first jurisdiction listed it."""
    later = movers[movers["gap_days"] > 0]
    fig = go.Figure()
    for jurisdiction, rows in later.groupby("jurisdiction", sort=True):
        fig.add_trace(go.Scatter(
            x=rows["gap_days"], y=[str(jurisdiction)] * len(rows), mode="markers", name=str(jurisdiction),
            marker=dict(size=10, color=JURISDICTION_COLOURS.get(str(jurisdiction), UNKNOWN_COLOUR), opacity=0.75),
            customdata=list(zip(rows["name"], rows["first_jurisdictions"])), showlegend=False,
            hovertemplate="%{customdata[0]}: %{x} days after %{customdata[1]}<extra>%{y}</extra>",
        ))
    fig.update_layout(xaxis=dict(title="Days after the first jurisdiction's listing", rangemode="tozero"),
                      yaxis=dict(title=None))
    count_axes(fig, "xaxis")
    return with_units(fig, "Each dot: a target already listed by another jurisdiction (days of delay), first listings "
                           "under any programme<br>OFAC listings already in its first saved list (2021-08-18) count as "
                           "of that date, so their lead is a lower bound")


def sanctions_vs_strikes_figure(launches: pd.DataFrame, marks: pd.DataFrame) -> go.Figure:
    """Monthly Iranian-designed drone launches with sanctions milestones, numbered and keyed under the plot,
    on the same time axis."""
    fig = go.Figure(go.Bar(x=launches["period"], y=launches["launched"], name="Iranian-designed drones launched",
                           marker_color="#009E73", hovertemplate="%{x|%Y-%m}: %{y:,} launched<extra></extra>"))
    # The axis spans the months plotted (the milestones when no launch matches), never more.
    spanned = launches["period"] if len(launches) else marks["date"]
    x_range = [spanned.min(), spanned.max() + pd.DateOffset(months=1)] if len(spanned) else None
    fig.update_layout(yaxis=dict(title="Drones launched per month"), showlegend=False,
                      xaxis=dict(title=None, range=x_range, autorange=x_range is None))
    count_axes(fig, "yaxis")
    fig = with_units(fig, f"Drones launched per month (counting rule); dotted lines: sanctions milestones<br>{CAVEAT}")
    return add_event_markers(fig, marks, *x_range, MILESTONE_COLOUR) if x_range else fig
