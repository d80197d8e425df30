"""Event markers and their numbered key, milestones, text wrapped for a phone, and the dark theme
recolouring every piece of a chart's frame."""


import json
import re

import pandas as pd
import pytest

from dashboard.charts import CATALOG, Inputs, build
from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.transforms.filters import Filters


@pytest.fixture
def fixture_inputs(package_dir):
    return Inputs(load_data(package_dir), load_contract(package_dir), Filters())


def _drone_series(months: int) -> pd.DataFrame:
    periods = pd.date_range("2024-01-01", periods=months, freq="MS")
    return pd.DataFrame({"period": periods, "launched": 100, "shot_down": 80, "lost_ew": 10, "other": 10,
                         "interception_rate": 0.9, "ew_reported": True})

def _events(dates: list[str], labels: list[str] | None = None, priority: list[int] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(dates),
                         "label": labels or [f"Event number {i} with a long description of what happened"
                                             for i in range(len(dates))],
                         "date_precision": "day", "priority": priority or [0] * len(dates)})

def _drones_figure(series: pd.DataFrame, events: pd.DataFrame):
    from dashboard.figures.strikes import iranian_drones_figure
    from dashboard.figures.style import PHONE, frame_figure

    figure = iranian_drones_figure(series, events, period="month", basis_words="by night of attack",
                                   ew_break=pd.Timestamp("2030-01-01"), ew_break_label="break")
    return frame_figure(figure, title="Drones", filters_text="All records", source="S", as_of="2025-01-31",
                        screen=PHONE)

def _named(figure, name: str) -> list:
    return [annotation for annotation in figure.layout.annotations if annotation.name == name]


def test_event_markers_never_overlap_and_the_axis_ends_with_the_data():
    from dashboard.figures.style import MARKER_NAME, MARKER_ROW, MARKER_WIDTH, NARROWEST_PLOT

    series = _drone_series(13)
    # Three events in one week, two a fortnight apart, and one after the data ends.
    figure = _drones_figure(series, _events(["2024-03-01", "2024-03-03", "2024-03-07", "2024-09-01", "2024-09-15",
                                             "2026-06-01"]))
    start, end = (pd.Timestamp(bound) for bound in figure.layout.xaxis.range)
    assert end == series["period"].max() + pd.DateOffset(months=1), "the axis ends where the data does"
    assert figure.layout.xaxis.autorange is False
    markers = _named(figure, MARKER_NAME)
    assert [marker.text for marker in markers] == ["1", "2", "3", "4", "5"], "the event after the data has no marker"
    gap = (end - start) * (MARKER_WIDTH / NARROWEST_PLOT)
    for index, first in enumerate(markers):
        for second in markers[index + 1:]:
            apart = abs(pd.Timestamp(first.x) - pd.Timestamp(second.x)) >= gap
            stacked = abs((first.yshift or 0) - (second.yshift or 0)) >= MARKER_ROW
            assert apart or stacked, (first.text, second.text)
    assert len({marker.yshift for marker in markers[:3]}) == 3, "a week's events stack in three rows"
    assert all(start <= pd.Timestamp(marker.x) <= end for marker in markers)


def test_event_key_lists_every_event_in_full_and_escaped():
    from dashboard.figures.style import KEY_NAME, PHONE

    label = "Alabuga chief claims Geran output nine times original plan <img src=x onerror=alert(1)>"
    figure = _drones_figure(_drone_series(6), _events(["2024-02-10", "2024-04-20"], [label, "Second & last"]))
    (key,) = _named(figure, KEY_NAME)
    lines = key.text.split("<br>")
    assert all(len(line) <= PHONE.footnote_wrap for line in lines), "wrapped to fit a phone"
    text = " ".join(lines)
    assert ("1 — 10 Feb 2024 · Alabuga chief claims Geran output nine times original plan "
            "&lt;img src=x onerror=alert(1)&gt;") in text
    assert "2 — 20 Apr 2024 · Second &amp; last" in text
    source = next(a for a in figure.layout.annotations if a.text.startswith("Source:"))
    assert source.yshift <= key.yshift - 15 * len(lines), "the source line sits below the key"
    assert figure.layout.margin.b >= -source.yshift + 15 * (source.text.count("<br>") + 1)


def test_event_key_keeps_the_most_important_and_counts_the_rest():
    from dashboard.figures.sanctions import sanctions_vs_strikes_figure
    from dashboard.figures.style import KEY_LIMIT, KEY_NAME, MARKER_NAME

    dates = [f"2024-{month:02d}-10" for month in range(1, 11)]
    marks = _events(dates, [f"Milestone {month}" for month in range(1, 11)], priority=[5] * 9 + [0])
    launches = pd.DataFrame({"period": pd.date_range("2024-01-01", periods=12, freq="MS"), "launched": 5})
    figure = sanctions_vs_strikes_figure(launches, marks)
    assert len(_named(figure, MARKER_NAME)) == KEY_LIMIT
    (key,) = _named(figure, KEY_NAME)
    assert "Milestone 10" in key.text, "the top-priority milestone is kept"
    assert key.text.endswith(f"(+{10 - KEY_LIMIT} more on the Timeline page)")
    assert pd.Timestamp(figure.layout.xaxis.range[1]) == pd.Timestamp("2025-01-01")


def test_milestones_rank_new_regimes_first():
    from dashboard.transforms.sanctions import milestones

    sanctions = pd.DataFrame({
        "announced": pd.to_datetime(["2023-01-01", "2023-02-01", "2023-02-01", "2023-03-01"]),
        "jurisdiction": ["European Union", "United States", "United States", "Canada"],
        "action": ["new regime", "designation", "designation", "designation"],
        "entity_id": ["eu", "a", "b", "c"],
    })
    marks = milestones(sanctions, top=2).set_index("label")
    assert marks.loc["European Union: new regime", "priority"] == 0
    assert marks.loc["United States: 2 designations", "priority"] < marks.loc["Canada: 1 designations", "priority"]


def test_titles_subtitles_and_sources_wrap_for_a_phone():
    import plotly.graph_objects as go

    from dashboard.figures.style import PHONE, WIDE, frame_figure, legend_grid, with_units, wrap

    assert wrap("aaa bbb ccc<br>dd", 7) == "aaa bbb<br>ccc<br>dd"
    long = "Iranian-designed drones launched at Ukraine, and how many were stopped"
    figure = go.Figure([go.Bar(x=[1], y=[1], name="Lost to electronic warfare"),
                        go.Bar(x=[1], y=[1], name="Not reported downed or lost"),
                        go.Bar(x=[1], y=[1], name="Shot down")])
    short = frame_figure(with_units(go.Figure(figure), "S"), title="T", filters_text="", source="X",
                         as_of="2026-01-01", screen=PHONE)
    wrapped = frame_figure(with_units(go.Figure(figure), long), title=long, filters_text=long, source=long + long,
                           as_of="2026-01-01", screen=PHONE)
    wide = frame_figure(with_units(go.Figure(figure), long), title=long, filters_text=long, source=long + long,
                        as_of="2026-01-01", screen=WIDE)
    assert wide.layout.title.text == long, "a desktop or exported chart keeps its title on one line"
    assert wide.layout.height < wrapped.layout.height
    assert legend_grid(figure, WIDE) == (3, 1), "on a wide screen the legend is one row"
    assert max(map(len, wrapped.layout.title.text.split("<br>"))) <= PHONE.title_wrap
    assert max(map(len, wrapped.layout.title.subtitle.text.split("<br>"))) <= PHONE.subtitle_wrap
    source = wrapped.layout.annotations[0].text
    assert max(map(len, source.split("<br>"))) <= PHONE.footnote_wrap and long in source.replace("<br>", " ")
    assert legend_grid(figure) == (1, 3), "three long entries take a row each on a phone"
    assert legend_grid(go.Figure([go.Bar(name=name) for name in ("Iran", "Russia", "North Korea")])) == (2, 2)
    assert legend_grid(go.Figure([go.Bar(name="Iran")])) == (0, 0), "plotly shows no legend for one trace"
    assert wrapped.layout.legend.entrywidth == 1 and wrapped.layout.legend.entrywidthmode == "fraction"
    assert wrapped.layout.margin.t > short.layout.margin.t and wrapped.layout.height > short.layout.height
    assert wrapped.layout.margin.b > short.layout.margin.b


def test_dark_theme_recolours_every_piece_of_furniture_and_leaves_the_cached_figure_alone(fixture_inputs):

    from dashboard.figures.style import DARK_BACKGROUND, DARK_SWAPS, themed

    events = _events(["2024-03-01"], ["A milestone"])
    light = _drones_figure(_drone_series(6), events).to_plotly_json()
    before = json.dumps(light, default=str)
    assert themed(light, False) is light
    dark = themed(light, True)
    assert json.dumps(light, default=str) == before, "the light figure is not changed"
    template = dark["layout"]["template"]["layout"]
    assert template["paper_bgcolor"] == template["plot_bgcolor"] == DARK_BACKGROUND
    assert template["font"]["color"] == DARK_SWAPS["#222222"]
    assert template["yaxis"]["gridcolor"] == DARK_SWAPS["#E5E5E5"]
    assert dark["layout"]["title"]["subtitle"]["font"]["color"] == DARK_SWAPS["#555555"]
    for annotation in dark["layout"]["annotations"]:  # source line, key, markers, the EW break label
        assert annotation["font"]["color"] not in DARK_SWAPS, annotation["text"]
        assert "255,255,255" not in annotation.get("bgcolor", "").replace(" ", ""), annotation["text"]
    light_colours = {colour.lower() for colour in DARK_SWAPS}
    leftovers = [c for c in re.findall(r"#[0-9a-fA-F]{6}", json.dumps(dark, default=str)) if c.lower() in light_colours]
    assert not leftovers
    assert [trace["marker"]["color"] for trace in dark["data"][:3]] == \
        [trace["marker"]["color"] for trace in light["data"][:3]], "data colours keep their meaning"
    for slug in CATALOG:
        assert themed(build(slug, fixture_inputs).figure, True)["layout"]["template"]["layout"]["paper_bgcolor"] \
            == DARK_BACKGROUND
