"""One look for every chart: a plotly template, one colour per actor, and the furniture
(title, units, source, as-of date) that lets a chart stand alone when cut out of the page."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE_NAME = "arms_dashboard"
FONT_FAMILY = "Inter, 'Source Sans Pro', Arial, sans-serif"
EXPORT_WIDTH = 1200
EXPORT_HEIGHT = 675
EXPORT_SCALE = 2
# The name of the annotation that carries a chart's source line, so export and tests can find it.
SOURCE_LINE = "source-line"
# Bottom margin of a framed chart: tick labels, an axis title, then the source line.
SOURCE_LINE_MARGIN = 110

# Okabe & Ito's colour-blind-safe palette; each actor keeps its colour on every page.
ACTOR_COLOURS: dict[str, str] = {
    "Iran": "#009E73",
    "Russia": "#D55E00",
    "North Korea": "#0072B2",
    "Belarus": "#CC79A7",
    "China": "#E69F00",
    "Ukraine": "#56B4E9",
    "Russia or North Korea": "#8E6AA8",
}
UNKNOWN_COLOUR = "#8C8C8C"
JURISDICTION_COLOURS: dict[str, str] = {
    "United States": "#0072B2",
    "European Union": "#E69F00",
    "United Kingdom": "#CC79A7",
    "Canada": "#D55E00",
    "Australia": "#009E73",
    "Japan": "#56B4E9",
    "Switzerland": "#000000",
    "New Zealand": "#F0E442",
    "Ukraine": "#999999",
}
ROLE_COLOURS: dict[str, str] = {
    "manufacturer": "#D55E00",
    "component supplier": "#E69F00",
    "shipper or airline": "#0072B2",
    "financier": "#009E73",
    "official": "#CC79A7",
    "other": "#8C8C8C",
}
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
KNOWN_ACTORS = ("Iran", "Russia", "North Korea", "Belarus", "China", "Ukraine")

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=dict(
        font=dict(family=FONT_FAMILY, size=14, color="#222222"),
        title=dict(font=dict(size=20), x=0, xanchor="left", y=0.97, yanchor="top", pad=dict(l=4)),
        colorway=PALETTE,
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        margin=dict(l=60, r=30, t=120, b=SOURCE_LINE_MARGIN),
        xaxis=dict(showgrid=False, linecolor="#555555", ticks="outside", automargin=True),
        yaxis=dict(gridcolor="#E5E5E5", zeroline=False, automargin=True, rangemode="tozero"),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", title_text=""),
        hoverlabel=dict(font=dict(family=FONT_FAMILY)),
    )
)


def actor_colour(actor: str) -> str:
    return ACTOR_COLOURS.get(actor, UNKNOWN_COLOUR)


# Title, subtitle lines, legend row and the source line take about this many pixels of a chart's height.
FRAME_HEIGHT = 320


def height_for_rows(rows: int, per_row: int, *, least: int = 420) -> int:
    """A chart tall enough that each of `rows` categories gets `per_row` pixels, so no label is skipped."""
    return max(least, FRAME_HEIGHT + per_row * rows)


def with_units(fig: go.Figure, units: str, *, height: int = 520) -> go.Figure:
    """What a figure builder states about its own figure: what is plotted, in which units, and how tall it
    needs to be. The rest of the frame (title, filters, source, date) is stamped by `frame_figure`."""
    fig.update_layout(template=TEMPLATE_NAME, height=height, title=dict(subtitle=dict(text=units)))
    return fig


def frame_figure(fig: go.Figure, *, title: str, filters_text: str, source: str, as_of: str) -> go.Figure:
    """Stamp the title, the units subtitle with the active filters beneath, and the source + as-of line
    into the figure itself, so a screenshot or exported image keeps them."""
    units = fig.layout.title.subtitle.text or ""
    subtitle = "<br>".join(part for part in (units, filters_text) if part)
    # Room for the title, each subtitle line and a legend row above the plot.
    top = 70 + 18 * (subtitle.count("<br>") + 1) + 40
    fig.update_layout(
        template=TEMPLATE_NAME,
        margin=dict(t=top),
        title=dict(text=title, subtitle=dict(text=subtitle, font=dict(size=13, color="#555555"))),
    )
    # At the foot of the figure, below tick labels and axis titles, whatever the plot's height.
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else SOURCE_LINE_MARGIN
    fig.add_annotation(
        text=f"Source: {source} · Data as of {as_of}", name=SOURCE_LINE,
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="bottom", yshift=-bottom + 6,
        showarrow=False, align="left", font=dict(size=11, color="#555555"),
    )
    fig.update_layout(margin=dict(b=bottom))
    return fig


def export_filename(title: str, as_of: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "chart"
    return f"{stem}_{as_of}"


def chart_config(name: str, as_of: str) -> dict:
    """plotly config: a modebar PNG at slide size and scale 2, named after the chart and date."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": export_filename(name, as_of),
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
            "scale": EXPORT_SCALE,
        },
    }


def plain_text(text: object) -> str:
    """Data text for plotly annotations: plotly reads a few HTML-like tags there, data must not."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
