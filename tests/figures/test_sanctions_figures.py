"""Sanctions figure builders: designations over time from zero, and each chart's frame and caveat."""

import pandas as pd
import pytest

from dashboard.figures.sanctions import (CAVEAT, designations_over_time_figure, first_movers_figure,
                                         sanctions_vs_strikes_figure, targets_figure)
from dashboard.transforms.sanctions import (first_movers, milestones, monthly_by_jurisdiction,
                                            targets_by_country_and_role)
from frames import sanctions_frame


@pytest.fixture
def sanctions():
    return sanctions_frame()


def test_designations_over_time_is_two_panels_from_zero(sanctions):
    fig = designations_over_time_figure(monthly_by_jurisdiction(sanctions))
    bars = [t for t in fig.data if t.type == "bar"]
    lines = [t for t in fig.data if t.type == "scatter"]
    assert {t.yaxis for t in bars} == {"y"} and {t.yaxis for t in lines} == {"y2"}
    assert fig.layout.yaxis2.overlaying is None, "the running total has its own panel, not a second axis on the bars"
    assert fig.layout.xaxis.matches == "x2" or fig.layout.xaxis2.matches == "x", "one shared time axis"
    assert fig.layout.yaxis.title.text == "Designations per month"
    assert fig.layout.yaxis2.title.text == "Running total (designations)"
    for axis in (fig.layout.yaxis, fig.layout.yaxis2):
        assert axis.rangemode == "tozero" and axis.tickformat == ",d"
    designations = int((sanctions["action"] == "designation").sum())
    assert sum(int(line.y[-1]) for line in lines) == designations, "the running totals end at all designations"


def test_figures(sanctions):
    monthly = designations_over_time_figure(monthly_by_jurisdiction(sanctions))
    assert {t.name for t in monthly.data if t.type == "bar"} == {"United States", "European Union", "United Kingdom",
                                                                  "Canada", "Japan"}
    assert "Distinct entities" in targets_figure(targets_by_country_and_role(sanctions)).layout.title.subtitle.text
    movers = first_movers_figure(first_movers(sanctions))
    assert sum(len(t.x) for t in movers.data) == 3, "one dot per later listing"
    launches = pd.DataFrame({"period": pd.to_datetime(["2022-09-01", "2022-10-01"]), "launched": [10, 20]})
    versus = sanctions_vs_strikes_figure(launches, milestones(sanctions))
    assert CAVEAT in versus.layout.title.subtitle.text
