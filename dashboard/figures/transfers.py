"""Transfer charts. Bars count sourced records (one claim each), never weapons; every chart says so
and carries the claim-status mix of the records behind it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.style import PALETTE, actor_colour, count_axes, height_for_rows, with_units
from dashboard.transforms.formatting import human_column

STATUS_STYLE: dict[str, dict[str, str]] = {
    # Filled markers: it happened; open markers: agreed or ordered, nothing delivered yet; others: claims.
    # One Okabe–Ito colour per status, so the status reads from colour alone as well as from the marker.
    "delivered": {"colour": "#000000", "symbol": "circle"},
    "in production": {"colour": "#009E73", "symbol": "square"},
    "ordered": {"colour": "#0072B2", "symbol": "circle-open"},
    "agreed": {"colour": "#56B4E9", "symbol": "circle-open"},
    "reported": {"colour": "#E69F00", "symbol": "diamond"},
    "alleged": {"colour": "#D55E00", "symbol": "diamond-open"},
    "denied": {"colour": "#CC79A7", "symbol": "x"},
}
# Statuses of the other tables on shared axes: events and official listings.
OTHER_STATUS_STYLE: dict[str, dict[str, str]] = {
    "confirmed": {"colour": "#000000", "symbol": "star"},
    "official": {"colour": "#56B4E9", "symbol": "triangle-up"},
}


def _behind(mix: str) -> str:
    return f"Records behind this chart: {mix}"


def records_per_year_figure(counts: pd.DataFrame, *, mix: str) -> go.Figure:
    """Stacked bars: sourced records of arms supplied to Russia, per year and supplier."""
    fig = go.Figure()
    for supplier, rows in counts.groupby("supplier", sort=True, observed=True):
        fig.add_trace(go.Bar(x=rows["year"], y=rows["records"], name=str(supplier),
                             marker_color=actor_colour(str(supplier)),
                             hovertemplate="%{x}: %{y} records<extra>%{fullData.name}</extra>"))
    fig.update_layout(barmode="stack", xaxis=dict(dtick=1, title=None), yaxis=dict(title="Records"))
    count_axes(fig, "yaxis")
    return with_units(fig, f"Number of records (claims), not of weapons<br>{_behind(mix)}")


def breakdown_figure(counts: pd.DataFrame, *, mix: str) -> go.Figure:
    """Treemap supplier → category → system, sized by record count."""
    ids, labels, parents, values, colours = [], [], [], [], []
    for supplier, by_supplier in counts.groupby("supplier", sort=True, observed=True):
        ids.append(str(supplier)); labels.append(str(supplier)); parents.append("")
        values.append(int(by_supplier["records"].sum())); colours.append(actor_colour(str(supplier)))
        for category, by_category in by_supplier.groupby("category", sort=True, observed=True):
            category_id = f"{supplier}/{category}"
            ids.append(category_id); labels.append(str(category)); parents.append(str(supplier))
            values.append(int(by_category["records"].sum())); colours.append(actor_colour(str(supplier)))
            for row in by_category.itertuples():
                ids.append(f"{category_id}/{row.system}"); labels.append(str(row.system)); parents.append(category_id)
                values.append(int(row.records)); colours.append(actor_colour(str(supplier)))
    fig = go.Figure(go.Treemap(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
        marker=dict(colors=colours, line=dict(color="#FFFFFF", width=1)), textinfo="label+value",
        hovertemplate="%{label}: %{value} records<extra></extra>",
    ))
    return with_units(fig, f"Area = number of records (claims), not weapons<br>{_behind(mix)}", height=600)


def two_way_figure(balance: pd.DataFrame, *, mix: str) -> go.Figure:
    """Iran → Russia and Russia → Iran side by side: records per category, stacked by claim status."""
    # Each panel names its direction in its axis title: subplot titles would sit under the legend.
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04)
    categories = sorted(balance["category"].astype(str).unique())
    for column, direction in enumerate(("Iran → Russia", "Russia → Iran"), start=1):
        rows = balance[balance["direction"] == direction]
        for status, style in STATUS_STYLE.items():
            subset = rows[rows["status"].astype(str) == status].set_index("category")["records"]
            subset.index = subset.index.astype(str)
            fig.add_trace(go.Bar(
                y=categories, x=[int(subset.get(c, 0)) for c in categories], orientation="h", name=status,
                marker_color=style["colour"], legendgroup=status, showlegend=column == 1,
                hovertemplate="%{y}: %{x} records<extra>" + status + "</extra>",
            ), row=1, col=column)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="Records, Iran → Russia", row=1, col=1)
    fig.update_xaxes(title_text="Records, Russia → Iran", row=1, col=2)
    count_axes(fig, "xaxis", "xaxis2")
    return with_units(fig, f"Records per category, by claim status<br>{_behind(mix)}",
                      height=height_for_rows(len(categories), 26))


def programme_timeline_figure(lanes: pd.DataFrame, *, mix: str) -> go.Figure:
    """One lane per programme; each record a marker styled by status, joined in date order."""
    fig = go.Figure()
    order = list(dict.fromkeys(lanes["lane"]))
    for lane, rows in lanes.groupby("lane", sort=False):
        fig.add_trace(go.Scatter(x=rows["event_date"], y=[lane] * len(rows), mode="lines",
                                 line=dict(color="#BBBBBB", width=1), showlegend=False, hoverinfo="skip"))
    for status, style in STATUS_STYLE.items():
        rows = lanes[lanes["status"].astype(str) == status]
        if rows.empty:
            continue
        fig.add_trace(go.Scatter(
            x=rows["event_date"], y=rows["lane"], mode="markers", name=status,
            marker=dict(symbol=style["symbol"], color=style["colour"], size=11, line=dict(width=2, color=style["colour"])),
            customdata=list(zip(rows["kind"].astype(str), rows["id"].astype(str), rows["description"].astype(str).str[:140],
                                human_column(rows["event_date"], rows["date_precision"]))),
            hovertemplate="%{customdata[3]} · %{customdata[0]} · " + status
                          + "<br>%{customdata[2]}<br>record %{customdata[1]}<extra></extra>",
        ))
    fig.update_layout(yaxis=dict(categoryorder="array", categoryarray=order[::-1], title=None, automargin=True,
                                 rangemode=None),
                      xaxis=dict(title=None, showgrid=True, gridcolor="#EEEEEE"))
    fig = with_units(fig, "Each marker is a sourced record; filled = delivered or in production, open = agreed or "
                          f"ordered only,<br>diamond = reported or alleged, × = denied · {_behind(mix)}",
                     height=height_for_rows(len(order), 24, least=450))
    # Lane labels are long: the status legend goes to the right of the plot, not above it.
    fig.update_layout(legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top", title_text="Status"),
                      margin=dict(r=140))
    return fig


def system_strikes_figure(monthly: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Bar(x=monthly["period"], y=monthly["launched"], marker_color=PALETTE[0],
                           hovertemplate="%{x|%Y-%m}: %{y:,} launched<extra></extra>"))
    fig.update_layout(yaxis=dict(title="Launched"), xaxis=dict(title=None))
    count_axes(fig, "yaxis")
    return with_units(fig, "Weapons launched in reports naming this system (counting rule applied); combined "
                           "reports count in full for each system they name")
