"""Axes that count things show whole numbers: a filtered chart of three records must not read "2.5"."""

import re

import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from dashboard.figures.style import count_axes
from dashboard.figures.transfers import records_per_year_figure, two_way_figure


def test_a_short_stacked_axis_steps_by_one_judged_by_the_tallest_stack():
    # Each key's stack is at most 4, though the traces' maxima add up to 7: the step follows the stacks.
    fig = go.Figure([go.Bar(x=[2022, 2023], y=[3, 0]), go.Bar(x=[2022, 2023], y=[0, 4])])
    fig.update_layout(barmode="stack")
    axis = count_axes(fig, "yaxis").layout.yaxis
    assert (axis.dtick, axis.tickformat) == (1, ",d")


def test_a_tall_axis_keeps_plotlys_step_with_thousands_separators():
    fig = go.Figure([go.Bar(x=[2022, 2023], y=[3, 2]), go.Bar(x=[2022, 2023], y=[1, 4])])
    fig.update_layout(barmode="stack")
    assert count_axes(fig, "yaxis").layout.yaxis.dtick is None, "stacks of 4 + 2 = 6 reach six"
    grouped = go.Figure([go.Bar(x=["a"], y=[5]), go.Scatter(x=["a"], y=[1500])])
    axis = count_axes(grouped, "yaxis").layout.yaxis
    assert axis.dtick is None and axis.tickformat == ",d"


def test_each_named_axis_is_judged_by_its_own_traces():
    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Bar(y=["x"], x=[2], orientation="h"), row=1, col=1)
    fig.add_trace(go.Bar(y=["x"], x=[40], orientation="h"), row=1, col=2)
    count_axes(fig, "xaxis", "xaxis2")
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis2.dtick) == (1, None)
    assert fig.layout.yaxis.tickformat is None, "an axis not named is left alone"


def test_points_count_on_either_axis_and_bar_categories_never_do():
    days = go.Figure(go.Scatter(x=[12, 340], y=["EU", "UK"], mode="markers"))
    assert count_axes(days, "xaxis").layout.xaxis.dtick is None, "340 days: Plotly's own step"
    bars = go.Figure(go.Bar(x=[2000, 3000], y=["a", "b"], orientation="h"))
    assert count_axes(bars, "xaxis").layout.xaxis.dtick is None


def test_missing_values_are_no_bar():
    fig = go.Figure([go.Bar(x=[1, 2, 3], y=[None, 2, float("nan")]), go.Bar(x=[1, 2, 3], y=[1, 1, 1])])
    fig.update_layout(barmode="stack")
    assert count_axes(fig, "yaxis").layout.yaxis.dtick == 1


def _small_records_per_year() -> go.Figure:
    counts = pd.DataFrame({"year": [2021, 2022], "supplier": ["Iran", "Iran"], "records": [3, 1]})
    return records_per_year_figure(counts, mix="3 delivered, 1 reported")


def test_the_transfer_charts_count_in_whole_records():
    assert _small_records_per_year().layout.yaxis.dtick == 1
    balance = pd.DataFrame({"direction": ["Iran → Russia", "Russia → Iran"], "category": ["Drones", "Aircraft"],
                            "status": ["delivered", "ordered"], "records": [2, 1]})
    layout = two_way_figure(balance, mix="").layout
    assert (layout.xaxis.dtick, layout.xaxis2.dtick) == (1, 1)


@pytest.mark.slow
def test_an_exported_small_chart_labels_only_whole_numbers():
    from browser_support import chromium_path

    chromium_path()  # kaleido draws with the system chromium: a failure in CI, a skip elsewhere
    from dashboard.export import render

    svg = render(_small_records_per_year().to_plotly_json(), "svg").decode("utf-8")
    labels = re.findall(r'<g class="ytick">.*?<text[^>]*>([^<]*)</text>', svg)
    assert labels, "the SVG has y-axis tick labels"
    # Whole numbers, each once: a step of 0.5 printed as integers would repeat them ("0, 1, 1, 2, 2, 3").
    assert labels == [str(number) for number in range(len(labels))], labels
