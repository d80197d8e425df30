"""Strike figure builders on small hand-made frames: the frame and aggregates only, the EW break, one
period still a period wide, and the strike map."""

import pandas as pd
import pytest

from dashboard.data.geo import boundaries
from dashboard.figures.maps import strike_map_deck
from dashboard.figures.strikes import iranian_drones_figure, launch_share_figure
from dashboard.transforms.strikes import (BASIS_WORDS, EW_REPORTING_ENDS, interception_series, iranian_designed,
                                          launch_share, strike_geography)
from frames import PLACES, after_the_ew_break, strikes_frame


def test_figures_carry_furniture_and_aggregates_only():
    monthly = interception_series(iranian_designed(strikes_frame()), "month")
    annotations = pd.DataFrame({"date": [pd.Timestamp("2024-01-15")], "label": ["<b>Event</b>"],
                                "date_precision": ["day"], "kind": ["strike record"], "priority": [0]})
    fig = iranian_drones_figure(monthly, annotations, period="month", basis_words=BASIS_WORDS["night"],
                                ew_break=pd.Timestamp(EW_REPORTING_ENDS), ew_break_label="break")
    texts = [annotation.text for annotation in fig.layout.annotations]
    assert "1 — 15 Jan 2024 · &lt;b&gt;Event&lt;/b&gt;" in texts
    assert sum(len(trace.x) for trace in fig.data) == 4 * len(monthly)
    share = launch_share_figure(launch_share(strikes_frame(), "month"), period="month",
                                basis_words=BASIS_WORDS["night"])
    assert {trace.name for trace in share.data} >= {"Iran", "Russia or North Korea"}


def test_map_deck_uses_fixed_tooltip_and_no_token():
    deck = strike_map_deck(strike_geography(strikes_frame(), PLACES), boundaries())
    assert [layer.type for layer in deck.layers][-3:] == ["ArcLayer", "ScatterplotLayer", "ScatterplotLayer"]


def test_interception_chart_marks_the_ew_break_and_splits_the_rate():
    series = interception_series(after_the_ew_break(), "month")
    empty = pd.DataFrame(columns=["date", "title", "kind"])
    fig = iranian_drones_figure(series, empty, period="month", basis_words=BASIS_WORDS["report"],
                                ew_break=pd.Timestamp(EW_REPORTING_ENDS), ew_break_label="EW break")
    breaks = [shape for shape in fig.layout.shapes if shape.line.dash == "dash"]
    assert [pd.Timestamp(shape.x0) for shape in breaks] == [pd.Timestamp(EW_REPORTING_ENDS)]
    assert "EW break" in fig.layout.title.subtitle.text
    assert any("EW losses reported" in annotation.text for annotation in fig.layout.annotations)
    rates = [trace for trace in fig.data if trace.yaxis == "y2"]
    assert [len(trace.x) for trace in rates] == [1, 1] and rates[0].line.dash != rates[1].line.dash
    assert "by report date" in fig.layout.title.subtitle.text
    before = iranian_drones_figure(series.iloc[:1], empty, period="month", basis_words="x",
                                   ew_break=pd.Timestamp(EW_REPORTING_ENDS), ew_break_label="EW break")
    assert not [shape for shape in before.layout.shapes if shape.line.dash == "dash"]
    assert "EW break" not in before.layout.title.subtitle.text


def test_a_single_period_still_draws_bars_a_period_wide():
    series = interception_series(iranian_designed(strikes_frame()), "month").iloc[:1]
    empty = pd.DataFrame(columns=["date", "title", "kind"])
    fig = iranian_drones_figure(series, empty, period="month", basis_words="x",
                                ew_break=pd.Timestamp(EW_REPORTING_ENDS), ew_break_label="x")
    bars = [trace for trace in fig.data if trace.type == "bar"]
    assert bars and all(len(trace.x) == 1 for trace in bars)
    assert all(trace.width[0] == pytest.approx(0.9 * 31 * 86_400_000) for trace in bars)
    assert pd.Timestamp(bars[0].x[0]) == pd.Timestamp("2024-01-16 12:00")
    assert [pd.Timestamp(edge) for edge in fig.layout.xaxis.range] == [pd.Timestamp("2024-01-01"),
                                                                       pd.Timestamp("2024-02-01")]
    share = launch_share(strikes_frame(), "month")
    one_month = launch_share_figure(share[share["period"] == share["period"].min()], period="month",
                                    basis_words="x")
    assert {trace.type for trace in one_month.data} == {"bar"}
