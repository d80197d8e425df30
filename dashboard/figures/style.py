"""One look for every chart: a plotly template, one colour per actor, and the furniture
(title, units, source, as-of date) that lets a chart stand alone when cut out of the page."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE_NAME = "arms_dashboard"
FONT_FAMILY = "Inter, 'Source Sans Pro', Arial, sans-serif"
EXPORT_WIDTH = 1200
EXPORT_HEIGHT = 675
EXPORT_SCALE = 2
# The name of the annotation that carries a chart's source line, so export and tests can find it.
SOURCE_LINE = "source-line"

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
        margin=dict(l=60, r=30, t=120, b=110),
        xaxis=dict(showgrid=False, linecolor="#555555", ticks="outside", automargin=True),
        yaxis=dict(gridcolor="#E5E5E5", zeroline=False, automargin=True, rangemode="tozero"),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", title_text="",
                    font=dict(size=12)),
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


@dataclass(frozen=True)
class Screen:
    """How wide a framed chart is drawn. Plotly never wraps text, so the frame wraps it: lines of at most
    so many characters (title at 20 px, subtitle at 13 px, footnotes at 11 px) and a legend laid out in
    columns that fit `legend_width` px."""

    title_wrap: int
    subtitle_wrap: int
    footnote_wrap: int
    legend_width: int


# A desktop page and the exported image (1200 px wide).
WIDE = Screen(title_wrap=80, subtitle_wrap=120, footnote_wrap=150, legend_width=1000)
# A 390 px phone.
PHONE = Screen(title_wrap=34, subtitle_wrap=52, footnote_wrap=50, legend_width=290)
FOOTNOTE_LINE = 15  # px per line of 11 px text
FOOTNOTE_TOP = -62  # px below the plot: clear of the axis's tick labels and the EW break label
LEGEND_ROW = 21  # px per row of a horizontal legend


def legend_grid(fig: go.Figure, screen: Screen = PHONE) -> tuple[int, int]:
    """Columns and rows for a horizontal legend above the plot: as many equal columns as its widest
    entry allows on the screen (about 40 px of symbol and padding plus 6.5 px a character at 12 px).
    Fixed columns keep the rows, and so the room reserved for them, known before drawing.
    (0, 0) when the figure has no such legend."""
    legend = fig.layout.legend
    if fig.layout.showlegend is False or legend.orientation == "v" or (legend.y is not None and legend.y < 1):
        return 0, 0
    names = [trace.name for trace in fig.data if getattr(trace, "showlegend", None) is not False and trace.name]
    if len(names) < 2 and fig.layout.showlegend is not True:
        return 0, 0
    widest = max(40 + 6.5 * len(name) for name in names)
    columns = max(1, min(len(names), int(screen.legend_width // widest)))
    return columns, -(-len(names) // columns)


def wrap(text: str, width: int) -> str:
    """Break text into lines of at most `width` characters with <br>, keeping the breaks it has."""
    return "<br>".join(line for part in text.split("<br>")
                       for line in textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False) or [""])


def _source_line(source: str, as_of: str, width: int) -> str:
    """The source wrapped to `width`, "Data as of" kept in one piece so it reads as a date stamp."""
    lines = wrap(f"Source: {source}", width).split("<br>")
    stamp = f"Data as of {as_of}"
    if len(lines[-1]) + len(stamp) + 3 <= width:
        lines[-1] = f"{lines[-1]} · {stamp}"
    else:
        lines.append(f"· {stamp}")
    return "<br>".join(lines)


def with_units(fig: go.Figure, units: str, *, height: int = 520) -> go.Figure:
    """What a figure builder states about its own figure: what is plotted, in which units, and how tall it
    needs to be. The rest of the frame (title, filters, source, date) is stamped by `frame_figure`."""
    fig.update_layout(template=TEMPLATE_NAME, height=height, title=dict(subtitle=dict(text=units)))
    return fig


def count_axes(fig: go.Figure, *axes: str) -> go.Figure:
    """Mark axes that count things ("yaxis", "xaxis2", …): whole-number ticks with thousands separators.
    On a short axis Plotly steps by 0.5 or 0.2, and a filtered chart of three records read "2.5 records";
    when the tallest bar (stacks summed) or point stays under six, the step is one."""
    stacked = fig.layout.barmode in ("stack", "relative")
    for axis in axes:
        letter, number = axis[0], axis[len("yaxis"):]
        tallest, stacks = 0.0, {}
        for trace in fig.data:
            if (getattr(trace, f"{letter}axis", None) or letter) != letter + number:
                continue
            if trace.type == "bar" and ("x" if trace.orientation == "h" else "y") != letter:
                continue  # the bars' categories run along this axis, not their counts
            plotted, keys = getattr(trace, letter), getattr(trace, "y" if letter == "x" else "x")
            values = [] if plotted is None else [float("nan") if value is None else float(value) for value in plotted]
            if trace.type == "bar" and stacked and keys is not None:
                for key, value in zip(keys, values):
                    stacks[key] = stacks.get(key, 0.0) + (value if value == value else 0.0)
            else:
                tallest = max([tallest, *(value for value in values if value == value)])
        tallest = max([tallest, *stacks.values()])
        fig.update_layout({axis: dict(tickformat=",d", **({"dtick": 1} if tallest < 6 else {}))})
    return fig


def frame_figure(fig: go.Figure, *, title: str, filters_text: str, source: str, as_of: str,
                 screen: Screen = WIDE) -> go.Figure:
    """Stamp the title, the units subtitle with the active filters beneath, and the source + as-of line
    into the figure itself, so a screenshot or exported image keeps them. Long lines are wrapped for the
    screen, and the figure grows by what wrapping, the legend's rows and an event key add, so the plot
    keeps its height."""
    units = fig.layout.title.subtitle.text or ""
    subtitle = "<br>".join(part for part in (units, filters_text) if part)
    title_text = wrap(title, screen.title_wrap)
    wrapped_subtitle = wrap(subtitle, screen.subtitle_wrap)
    source_text = _source_line(source, as_of, screen.footnote_wrap)
    columns, rows = legend_grid(fig, screen)
    extra_legend_rows = max(rows - 1, 0)
    if columns:
        # "normal" order: legend groups would otherwise each start a block of their own.
        fig.update_layout(legend=dict(entrywidthmode="fraction", entrywidth=1 / columns, traceorder="normal"))
    # An event key (add_event_markers) sits where the source line would; the source goes below it.
    keys = [a for a in fig.layout.annotations if a.name == KEY_NAME]
    for key in keys:
        key.text = wrap(key.text, screen.footnote_wrap)
    key_block = FOOTNOTE_LINE * (keys[0].text.count("<br>") + 1) + 6 if keys else 0
    added = (24 * title_text.count("<br>") + 18 * (wrapped_subtitle.count("<br>") - subtitle.count("<br>"))
             + FOOTNOTE_LINE * source_text.count("<br>") + LEGEND_ROW * extra_legend_rows + key_block)
    # Room for the title, each subtitle line and the legend rows above the plot.
    top = 70 + 24 * title_text.count("<br>") + 18 * (wrapped_subtitle.count("<br>") + 1) + 40 \
        + LEGEND_ROW * extra_legend_rows
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=(fig.layout.height or 520) + added,
        margin=dict(t=top, b=110 + FOOTNOTE_LINE * source_text.count("<br>") + key_block),
        title=dict(text=title_text, subtitle=dict(text=wrapped_subtitle, font=dict(size=13, color="#555555"))),
    )
    fig.add_annotation(
        text=source_text, name=SOURCE_LINE,
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=FOOTNOTE_TOP - key_block,
        showarrow=False, align="left", font=dict(size=11, color="#555555"),
    )
    return fig


def export_filename(title: str, as_of: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "chart"
    return f"{stem}_{as_of}"


def export_height(figure: dict) -> int:
    """Slide height, or the chart's own when it is taller: an event key or many rows are never squeezed."""
    return max(EXPORT_HEIGHT, int(figure.get("layout", {}).get("height") or 0))


def chart_config(name: str, as_of: str, height: int = EXPORT_HEIGHT) -> dict:
    """plotly config: a modebar PNG at slide width and scale 2, named after the chart and date."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": export_filename(name, as_of),
            "width": EXPORT_WIDTH,
            "height": height,
            "scale": EXPORT_SCALE,
        },
    }


def plain_text(text: object) -> str:
    """Data text for plotly annotations: plotly reads a few HTML-like tags there, data must not."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Event markers: numbered boxes along the top of the plot, their text in a key under it.
MARKER_NAME = "event-marker"
KEY_NAME = "event-key"
MARKER_WIDTH = 20  # px, a two-digit number in its box
MARKER_ROW = 18  # px from one row of markers to the next
NARROWEST_PLOT = 240  # px, the plot area of a 390 px phone: markers apart there are apart on any wider screen
KEY_LIMIT = 8
# Dates at their precision, as the tables show them ("5 Dec 2023", "Dec 2023", "2023").
PRECISION_FORMATS = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def marker_rows(dates: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> list[int]:
    """A row for each marker (0 at the top, dates in order) so that markers sharing a row are at least
    one marker width apart on the narrowest plot."""
    gap = (end - start) * (MARKER_WIDTH / NARROWEST_PLOT)
    last_in_row: list[pd.Timestamp] = []
    rows = []
    for date in dates:
        row = next((i for i, last in enumerate(last_in_row) if date - last >= gap), len(last_in_row))
        if row == len(last_in_row):
            last_in_row.append(date)
        last_in_row[row] = date
        rows.append(row)
    return rows


def key_events(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> tuple[pd.DataFrame, int]:
    """The events inside [start, end] worth a marker, by date: the KEY_LIMIT with the lowest `priority`
    (the earliest when there is none); and how many more were left out."""
    if events.empty:
        return events, 0
    inside = events[(events["date"] >= start) & (events["date"] <= end)]
    kept = inside.sort_values(["priority", "date"] if "priority" in inside else ["date"], kind="stable").head(KEY_LIMIT)
    return kept.sort_values("date", kind="stable").reset_index(drop=True), len(inside) - len(kept)


def add_event_markers(fig: go.Figure, events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp,
                      colour: str) -> go.Figure:
    """Number each event (`date`, `label`; optional `date_precision`, `priority`) with a dotted line and a small
    box at the top of the plot, and list them in full in a key under the plot, inside the figure so an
    exported image keeps it; frame_figure puts the source line below the key."""
    shown, more = key_events(events, start, end)
    if shown.empty:
        return fig
    lines = []
    for number, (event, row) in enumerate(zip(shown.itertuples(), marker_rows(shown["date"], start, end)), start=1):
        fig.add_shape(type="line", x0=event.date, x1=event.date, xref="x", y0=0, y1=1, yref="paper",
                      line=dict(color=colour, width=1, dash="dot"))
        fig.add_annotation(x=event.date, y=1, yref="paper", yanchor="top", xanchor="center", yshift=-MARKER_ROW * row,
                           text=str(number), name=MARKER_NAME, showarrow=False, bgcolor="#FFFFFF",
                           bordercolor=colour, borderwidth=1, borderpad=1, font=dict(size=10, color=colour))
        precision = str(getattr(event, "date_precision", "day"))
        when = pd.Timestamp(event.date).strftime(PRECISION_FORMATS.get(precision, PRECISION_FORMATS["day"]))
        lines.append(f"{number} — {when} · {plain_text(event.label)}")
    if more:
        lines.append(f"(+{more} more on the Timeline page)")
    fig.add_annotation(text="<br>".join(lines), name=KEY_NAME, xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=FOOTNOTE_TOP, showarrow=False, align="left",
                       font=dict(size=11, color=colour))
    return fig


# The dark theme: the light look with its furniture colours swapped, so both stay one design.
DARK_TEMPLATE_NAME = "arms_dashboard_dark"
DARK_BACKGROUND = "#14171C"  # .streamlit/config.toml [theme.dark] backgroundColor
DARK_SWAPS = {
    "#FFFFFF": DARK_BACKGROUND,  # paper, plot, marker boxes
    "#222222": "#E8E8E8",  # text, the EW break line
    "#555555": "#B8B8B8",  # subtitles, source lines, event markers, axis lines
    "#E5E5E5": "#343A42",  # gridlines
    "#EEEEEE": "#2A2F36",  # lane gridlines
    "#BBBBBB": "#5C636D",  # lane guide lines
    "#000000": "#E8E8E8",  # a black series would vanish on the dark background
}
_TRANSLUCENT_WHITE = re.compile(r"rgba\(\s*255\s*,\s*255\s*,\s*255\s*,\s*([0-9.]+)\s*\)")


def _to_dark(value: object) -> object:
    if isinstance(value, dict):
        return {key: _to_dark(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_to_dark(item) for item in value]
    if isinstance(value, str):
        swapped = DARK_SWAPS.get(value.upper())
        if swapped:
            return swapped
        return _TRANSLUCENT_WHITE.sub(r"rgba(20, 23, 28, \1)", value)
    return value


pio.templates[DARK_TEMPLATE_NAME] = go.layout.Template(_to_dark(pio.templates[TEMPLATE_NAME].to_plotly_json()))


def themed(figure: dict, dark: bool) -> dict:
    """A built figure (plotly JSON) for the page's theme: unchanged for light; for dark, the dark
    template and every furniture colour the figure sets itself (subtitle, source, markers, key,
    annotation backgrounds) swapped. A new dict: the cached figure is never changed."""
    if not dark:
        return figure
    dark_figure = _to_dark(figure)
    dark_figure.setdefault("layout", {})["template"] = pio.templates[DARK_TEMPLATE_NAME].to_plotly_json()
    return dark_figure
