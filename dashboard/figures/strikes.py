"""Strike charts: built from the aggregates in transforms.strikes, never from raw rows."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import (ACTOR_COLOURS, UNKNOWN_COLOUR, actor_colour, add_event_markers, count_axes,
                                     plain_text, with_units)

SHOT_DOWN_COLOUR = "#0072B2"
LOST_EW_COLOUR = "#56B4E9"
OTHER_COLOUR = "#D9D9D9"
RATE_COLOUR = "#D55E00"
EVENT_COLOUR = "#555555"
PERIOD_NAMES = {"night": "night", "week": "week (Monday to Sunday)", "month": "month"}


BREAK_COLOUR = "#222222"
PERIOD_HOVER = {"night": "night of %{customdata|%d %b %Y}", "week": "week of %{customdata|%d %b %Y}",
                "month": "%{customdata|%B %Y}"}
PERIOD_LENGTHS = {"night": pd.DateOffset(days=1), "week": pd.DateOffset(days=7), "month": pd.DateOffset(months=1)}


def _period_marks(periods: pd.Series, period: str) -> dict:
    """Each mark centred in its period and (for bars) nearly as wide: plotly cannot infer a width
    from a lone date, and a lone month must still read as a month."""
    starts = pd.to_datetime(periods)
    ends = starts + PERIOD_LENGTHS[period]
    return dict(x=starts + (ends - starts) / 2, customdata=starts,
                width=((ends - starts).dt.total_seconds() * 1000 * 0.9).tolist())


def _period_range(periods: pd.Series, period: str) -> list | None:
    if periods.empty:
        return None
    starts = pd.to_datetime(periods)
    return [starts.min(), starts.max() + PERIOD_LENGTHS[period]]


def iranian_drones_figure(series: pd.DataFrame, annotations: pd.DataFrame, *, period: str, basis_words: str,
                          ew_break: pd.Timestamp, ew_break_label: str) -> go.Figure:
    """Stacked bars summing to launched (shot down, lost to EW, the rest), the interception rate as
    a line on a second axis, key events as numbered markers with a key under the plot, and the break
    after which the Air Force no longer reports EW losses on their own."""
    fig = go.Figure()
    hover = PERIOD_HOVER[period] + ": %{y:,}<extra>%{fullData.name}</extra>"
    ew_reported = series["ew_reported"].astype(bool)
    breaks = bool(ew_reported.any() and not ew_reported.all())
    for column, name, colour in (("shot_down", "Shot down", SHOT_DOWN_COLOUR),
                                 ("lost_ew", "Lost to electronic warfare", LOST_EW_COLOUR),
                                 ("other", "Not reported downed or lost", OTHER_COLOUR)):
        values = series[column].astype("Float64").astype(float)
        fig.add_trace(go.Bar(y=values, name=name, marker_color=colour, marker_line_width=0, hovertemplate=hover,
                             **_period_marks(series["period"], period)))
    rate = series["interception_rate"].astype(float)
    # Legend names short enough for a phone; the subtitle defines the rate.
    for reported, name, dash in ((True, "Interception rate (right axis)", "solid"),
                                 (False, "Rate, EW losses not reported (right)", "dot")):
        part = series[ew_reported == reported]
        if part.empty:
            continue
        marks = _period_marks(part["period"], period)
        del marks["width"]
        fig.add_trace(go.Scatter(
            y=rate[part.index], name=name, yaxis="y2", mode="lines+markers" if len(part) == 1 else "lines",
            line=dict(color=RATE_COLOUR, width=2, dash=dash),
            hovertemplate=PERIOD_HOVER[period] + ": %{y:.0%}<extra>Interception rate</extra>", **marks,
        ))
    if breaks:
        fig.add_shape(type="line", x0=ew_break, x1=ew_break, xref="x", y0=0, y1=1, yref="paper",
                      line=dict(color=BREAK_COLOUR, width=2, dash="dash"))
        # Below the axis, where no bar or event label can cover it.
        fig.add_annotation(x=ew_break, y=0, yref="paper", yshift=-36, text="◀ EW losses reported · not reported ▶",
                           showarrow=False, xanchor="center", yanchor="top", bgcolor="rgba(255,255,255,0.9)",
                           font=dict(size=11, color=BREAK_COLOUR))
    # The axis ends where the data does, whatever is marked on it.
    x_range = _period_range(series["period"], period)
    fig.update_layout(
        barmode="stack", bargap=0.1,
        yaxis=dict(title="Drones launched"),
        yaxis2=dict(title="Interception rate", overlaying="y", side="right", range=[0, 1.0], dtick=0.25, tickformat=".0%",
                    showgrid=False, rangemode="tozero"),
        xaxis=dict(title=None, range=x_range, autorange=False),
    )
    count_axes(fig, "yaxis")
    fig = with_units(
        fig, f"Shahed/Geran family and Mohajer-6, drones per {PERIOD_NAMES[period]}, {plain_text(basis_words)}"
             "<br>Interception rate = (shot down + lost to EW) / launched"
             + (f"<br>{ew_break_label}" if breaks else ""))
    return add_event_markers(fig, annotations, *x_range, EVENT_COLOUR) if x_range else fig


def launch_share_figure(share: pd.DataFrame, *, period: str, basis_words: str) -> go.Figure:
    """Stacked areas: each country of design's share of the weapons launched per period."""
    fig = go.Figure()
    # One period cannot be drawn as an area: it becomes one stacked bar.
    single = share["period"].nunique() == 1
    for group, rows in share.groupby("group", sort=False):
        colour = actor_colour(str(group)) if str(group) in ACTOR_COLOURS else UNKNOWN_COLOUR
        common = dict(y=rows["share"].astype(float), name=str(group), text=rows["launched"].map("{:,}".format))
        if single:
            fig.add_trace(go.Bar(marker_color=colour, marker_line_width=0, textposition="none",
                                 hovertemplate=PERIOD_HOVER[period] + ": %{y:.0%} (%{text} launched)"
                                 "<extra>%{fullData.name}</extra>", **_period_marks(rows["period"], period), **common))
        else:
            fig.add_trace(go.Scatter(x=rows["period"], stackgroup="share", mode="lines",
                                     line=dict(width=0.5, color=colour), fillcolor=colour,
                                     hovertemplate="%{x|%Y-%m-%d}: %{y:.0%} (%{text} launched)"
                                     "<extra>%{fullData.name}</extra>", **common))
    fig.update_layout(barmode="stack", xaxis=dict(range=_period_range(share["period"], period) if single else None))
    fig.update_layout(yaxis=dict(title="Share of weapons launched", tickformat=".0%", range=[0, 1]),
                      xaxis=dict(title=None))
    return with_units(
        fig, f"Share of missiles and drones launched per {PERIOD_NAMES[period]} (%), {plain_text(basis_words)}"
             "<br>Iskander-M/KN-23 are reported together")


def counting_rule_figure(effect: pd.DataFrame) -> go.Figure:
    """Grouped bars: weapons launched per design group, every report vs the counting rule."""
    fig = go.Figure()
    for column, colour in (("every report", OTHER_COLOUR), ("counting rule", SHOT_DOWN_COLOUR)):
        fig.add_trace(go.Bar(x=effect["group"], y=effect[column], name=column.capitalize(), marker_color=colour,
                             hovertemplate="%{x}: %{y:,}<extra>%{fullData.name}</extra>"))
    fig.update_layout(barmode="group", yaxis=dict(title="Weapons launched", type="log"), xaxis=dict(title=None))
    return with_units(fig, "Weapons launched, all reports vs national reports where a night has one (log scale)")
