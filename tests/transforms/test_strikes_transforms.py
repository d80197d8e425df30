"""Strike transforms on small hand-made frames: series, shares, biggest nights, counting rules,
geography, headlines, night labels, report dating and the EW break."""

import pandas as pd
import pytest

from dashboard.transforms.strikes import (biggest_nights, counting_rule_effect, drone_headlines, interception_series,
                                          iranian_designed, launch_share, night_label, strike_geography)
from frames import PLACES, after_the_ew_break, strikes_frame


def test_interception_series_by_month_and_week():
    monthly = interception_series(iranian_designed(strikes_frame()), "month")
    assert list(monthly["launched"]) == [150, 200]
    assert list(monthly["shot_down"]) == [120, 150] and list(monthly["lost_ew"]) == [15, 20]
    assert list(monthly["other"]) == [15, 30]
    assert monthly["interception_rate"].round(3).tolist() == [0.9, 0.85]
    weekly = interception_series(iranian_designed(strikes_frame()), "week")
    assert weekly["launched"].sum() == 350 and len(weekly) == 3
    with pytest.raises(ValueError):
        interception_series(strikes_frame(), "fortnight")


def test_launch_share_groups_combined_reports_honestly():
    share = launch_share(strikes_frame(), "month")
    february = share[share["period"] == pd.Timestamp("2024-02-01")].set_index("group")
    assert february.loc["Russia or North Korea", "launched"] == 4
    assert february["share"].sum() == pytest.approx(1.0)
    assert share.groupby("period")["share"].sum().round(6).eq(1).all()


def test_biggest_nights_sorted_with_sources():
    nights = biggest_nights(strikes_frame(), 2)
    assert list(nights["launched"]) == [200, 100]
    assert nights.iloc[1]["source_post"] == "https://e.org/1"
    assert nights.iloc[0]["all_sources"] == ["https://e.org/4"]


def test_counting_rule_effect_shows_difference():
    effect = counting_rule_effect(strikes_frame()).set_index("group")
    assert effect.loc["Iran", "every report"] == 357 and effect.loc["Iran", "counting rule"] == 350
    assert effect.loc["Iran", "difference"] == 7


def test_geography_counts_each_named_place_and_skips_unplaced():
    geography = strike_geography(strikes_frame(), PLACES)
    launch = geography["launch"].set_index("place_id")
    assert launch.loc["crimea", "launched"] == 250 and launch.loc["kursk", "launched"] == 150
    assert "nowhere" not in set(geography["target"]["place_id"])
    arcs = geography["arcs"].set_index(["launch_place_ids", "target_place_ids"])
    assert arcs.loc[("crimea", "odesa"), "launched"] == 250


def test_drone_headlines():
    headlines = drone_headlines(strikes_frame())
    assert headlines["launched"] == 350
    assert headlines["last_30"] == 250 and headlines["previous_30"] == 100
    assert headlines["interception_rate"] == pytest.approx((270 + 35) / 350)


def test_transforms_survive_an_empty_selection():
    empty = strikes_frame().iloc[0:0]
    assert interception_series(empty, "month").empty
    assert launch_share(empty, "month").empty
    assert biggest_nights(empty, 5).empty
    assert counting_rule_effect(empty).empty
    assert strike_geography(empty, PLACES)["arcs"].empty
    assert drone_headlines(empty)["launched"] == 0


@pytest.mark.parametrize(("night", "label"), [
    ("2026-02-05", "5–6 Feb 2026"),
    ("2026-01-31", "31 Jan–1 Feb 2026"),
    ("2025-12-31", "31 Dec 2025–1 Jan 2026"),
    ("2024-02-28", "28–29 Feb 2024"),
])
def test_night_label_reads_as_people_say_it(night, label):
    assert night_label(pd.Timestamp(night)) == label


def test_biggest_nights_are_labelled_with_their_window():
    nights = biggest_nights(strikes_frame(), 1)
    assert nights.loc[0, "night_label"] == "3–4 Feb 2024"
    assert nights.loc[0, "window"] == "2024-02-03 18:00 → 2024-02-04 08:00"


def test_a_daytime_report_after_a_night_attack_is_its_own_attack():
    frame = strikes_frame().iloc[[5, 5]].reset_index(drop=True)
    frame["night"] = pd.Timestamp("2026-05-12")
    frame["window_start"] = ["2026-05-12T18:00", "2026-05-13T08:00"]
    frame["window_end"] = ["2026-05-13T08:00", "2026-05-13T18:30"]
    frame["launched"] = pd.array([139, 753], dtype="Int64")
    attacks = biggest_nights(frame, 5)
    assert attacks[["night_label", "launched"]].values.tolist() == [["13 May 2026, from 08:00", 753],
                                                                    ["12–13 May 2026", 139]]
    regional_only = frame.assign(reporter="regional")
    assert biggest_nights(regional_only, 5)["launched"].tolist() == [892]


def test_report_date_moves_a_night_into_the_month_of_its_morning_report():
    frame = strikes_frame()
    frame.loc[frame["night"] == pd.Timestamp("2024-01-20"), ["night", "report_date"]] = [
        pd.Timestamp("2024-01-31"), pd.Timestamp("2024-02-01")]
    by_night = interception_series(iranian_designed(frame), "month", "night").set_index("period")["launched"]
    by_report = interception_series(iranian_designed(frame), "month", "report").set_index("period")["launched"]
    assert by_night.to_dict() == {pd.Timestamp("2024-01-01"): 150, pd.Timestamp("2024-02-01"): 200}
    assert by_report.to_dict() == {pd.Timestamp("2024-01-01"): 100, pd.Timestamp("2024-02-01"): 250}
    with pytest.raises(ValueError, match="unknown date basis"):
        interception_series(frame, "month", "published")


def test_ew_losses_after_the_break_are_not_reported_rather_than_zero():
    series = interception_series(after_the_ew_break(), "month")
    assert series["ew_reported"].tolist() == [True, False]
    assert series.loc[0, "lost_ew"] == 10 and pd.isna(series.loc[1, "lost_ew"])
    assert series["interception_rate"].round(2).tolist() == [0.9, 0.75]
    nights = biggest_nights(after_the_ew_break(), 2).set_index("night_label")
    assert pd.isna(nights.loc["10–11 Aug 2025", "lost_ew"]) and nights.loc["10–11 Jul 2025", "lost_ew"] == 10


def test_drone_headlines_compare_windows_the_date_filter_does_not_cut():
    frame = strikes_frame()
    only_february = frame[frame["night"] >= pd.Timestamp("2024-02-01")]
    headlines = drone_headlines(only_february, frame, until=pd.Timestamp("2024-02-29"))
    assert headlines["launched"] == 200
    assert (headlines["last_30"], headlines["previous_30"]) == (250, 100)
    assert headlines["window_end"] == pd.Timestamp("2024-02-03").date()
    january = drone_headlines(frame[frame["night"] < pd.Timestamp("2024-02-01")], frame,
                              until=pd.Timestamp("2024-01-31"))
    assert (january["last_30"], january["previous_30"], january["launched"]) == (150, 0, 150)
