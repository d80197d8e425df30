"""The bundled strikes record against figures published independently of it.

The nightly totals are those the Air Force announced and wire services reported, as collected in
issue 10 (e.g. 728 on 8–9 Jul 2025, the Air Force's figure in the NYT report reprinted at
https://www.overviewpress.com/articleExpanded/9AUmXDTBCCRYKde6C8rWy4/7-9-2025-21/by-fall-russia-will-regularly-launch-over-1-000-drones-in-a-single-attack-on-ukraine-nyt).
Months by report date are checked against AFP's tallies from the Air Force's reports: 6,297
long-range drones in July 2025 (https://www.daily8.com/en/article/6240c65cc92e962cd4bbadf5443230b7)
and 4,132 in August 2025. These read the committed data/, so they run on a fresh clone too.
"""

import pandas as pd
import pytest

from dashboard.charts import Inputs, build
from dashboard.cli import build_parser
from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.transforms.filters import Filters
from dashboard.transforms.strikes import (EW_REPORTING_ENDS, biggest_nights, counted, interception_series,
                                          iranian_designed)


@pytest.fixture(scope="module")
def bundled():
    loaded = load_data()
    assert loaded.problems == []
    return loaded


@pytest.fixture(scope="module")
def nights(bundled):
    return biggest_nights(bundled.tables["strikes"], 10_000).set_index("night_label")


@pytest.mark.parametrize(("label", "launched"), [
    ("6–7 Sep 2025", 810),
    ("8–9 Jul 2025", 728),
    ("11–12 Jul 2025", 597),
    ("22–23 Feb 2025", 267),
    # The three nights the old end-date rule merged with the next evening's attack.
    ("5–6 Feb 2026", 328),
    ("6–7 Feb 2026", 408),
    ("10–11 Jul 2025", 79),
    # A night attack and the daytime attack reported after it stay apart.
    ("12–13 May 2026", 139),
    ("13 May 2026, from 08:00", 753),
])
def test_nights_of_attack_match_the_air_force(nights, label, launched):
    assert nights.loc[label, "launched"] == launched


def test_no_row_of_the_biggest_nights_adds_two_reports(bundled):
    table = biggest_nights(bundled.tables["strikes"], 50)
    national = table[table["night"] >= pd.Timestamp("2024-01-01")]
    assert len(national) == 50
    rows = counted(iranian_designed(bundled.tables["strikes"]))
    for _, attack in national.iterrows():
        start, end = (text.replace(" ", "T") for text in attack["window"].split(" → "))
        behind = rows[(rows["night"] == attack["night"]) & (rows["window_start"] == start)
                      & (rows["window_end"] == end)]
        assert behind["launched"].sum() == attack["launched"], attack["night_label"]


def test_no_night_adds_two_attacks(bundled):
    """Every counted national window of a night starts within that night (noon to noon)."""
    rows = counted(bundled.tables["strikes"])
    rows = rows[(rows["reporter"] == "national") & rows["window_start"].str.len().eq(16)
                & rows["quality"].isna()]
    start = pd.to_datetime(rows["window_start"])
    assert ((start >= rows["night"] + pd.Timedelta(hours=12))
            & (start < rows["night"] + pd.Timedelta(hours=36))).all()


@pytest.mark.parametrize(("month", "afp"), [("2025-07-01", 6297), ("2025-08-01", 4132)])
def test_months_by_report_date_match_afp(bundled, month, afp):
    series = interception_series(iranian_designed(bundled.tables["strikes"]), "month", "report").set_index("period")
    assert series.loc[pd.Timestamp(month), "launched"] == pytest.approx(afp, rel=0.01)


def test_ew_losses_stop_being_reported_at_the_break(bundled):
    rows = counted(iranian_designed(bundled.tables["strikes"]))
    lost = rows.groupby("night")["lost_ew"].sum()
    before = lost[(lost.index >= pd.Timestamp("2025-05-01")) & (lost.index < pd.Timestamp(EW_REPORTING_ENDS))]
    after = lost[lost.index >= pd.Timestamp(EW_REPORTING_ENDS)]
    assert (before > 0).mean() > 0.9
    assert (after > 0).sum() <= 3 and len(after) > 200


def test_charts_are_dated_by_the_data_not_the_filter(bundled):
    inputs = Inputs(bundled, load_contract(), Filters(pd.Timestamp("2025-07-01").date(), pd.Timestamp("2025-07-31").date()))
    chart = build("iranian-drones", inputs)
    last_night = bundled.tables["strikes"]["night"].max().date().isoformat()
    assert chart.as_of == last_night != "2025-07-31"
    assert f"Data as of {last_night}" in str(chart.figure["layout"]["annotations"])
    assert chart.data["grouped_by"].unique().tolist() == ["Night of attack"]
    assert len(chart.data) == 1 and chart.data.loc[0, "launched"] > 6000


def test_export_offers_both_datings(bundled):
    args = build_parser().parse_args(["export", "--out", "pack", "--dated", "report"])
    july = Filters(pd.Timestamp("2025-07-01").date(), pd.Timestamp("2025-07-31").date())
    chart = build("iranian-drones", Inputs(bundled, load_contract(), july, basis=args.dated))
    assert chart.data["grouped_by"].tolist() == ["Report date"]
    assert chart.data.loc[0, "launched"] == pytest.approx(6297, rel=0.01)
    assert "by report date" in chart.figure["layout"]["title"]["subtitle"]["text"]
    assert build_parser().parse_args(["export", "--out", "pack"]).dated == "night"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--out", "pack", "--dated", "published"])
