"""Sanctions transforms: entities across jurisdictions, first movers and ties, who follows whom,
monthly counts, targets, milestones and locations."""

import pandas as pd
import pytest

from dashboard.data.geo import boundaries
from dashboard.figures.maps import entity_map_deck
from dashboard.figures.style import ROLE_COLOURS
from dashboard.transforms.sanctions import (entities, entity_locations, first_movers, follow_summary, milestones,
                                            monthly_by_jurisdiction, targets_by_country_and_role)
from frames import listing, sanctions_frame


@pytest.fixture
def sanctions():
    return sanctions_frame()


def test_entities_group_listings_across_jurisdictions(sanctions):
    table = entities(sanctions).set_index("entity_id")
    assert set(table.index) == {"qods", "shipper", "lonely"}, "a new regime is not a designated entity"
    assert table.loc["qods", "jurisdictions"] == ["European Union", "United Kingdom", "United States"]
    assert table.loc["qods", "designations"] == 4
    assert table.loc["qods", "first_announced"] == pd.Timestamp("2022-09-08")


def test_first_movers_uses_each_jurisdictions_original_listing(sanctions):
    movers = first_movers(sanctions)
    qods = movers[movers["entity_id"] == "qods"].set_index("jurisdiction")
    assert qods.loc["United States", "gap_days"] == 0
    assert qods.loc["United States", "announced"] == pd.Timestamp("2022-09-08")
    assert qods.loc["European Union", "gap_days"] == 42
    assert qods.loc["United Kingdom", "first_jurisdictions"] == "United States"
    shipper = movers[movers["entity_id"] == "shipper"].set_index("jurisdiction")
    assert shipper.loc["Canada", "gap_days"] == 48


def test_ties_share_first_place():
    tied = pd.DataFrame([listing("x", "European Union", "2022-10-20"), listing("x", "United Kingdom", "2022-10-20")])
    movers = first_movers(tied)
    assert set(movers["gap_days"]) == {0}
    assert set(movers["first_jurisdictions"]) == {"European Union, United Kingdom"}


def test_follow_summary_counts_only_shared_targets(sanctions):
    summary = follow_summary(first_movers(sanctions)).set_index("jurisdiction")
    assert "Japan" not in summary.index
    assert summary.loc["United States", "moved_first"] == 1
    assert summary.loc["European Union", "moved_first"] == 1 and summary.loc["European Union", "followed"] == 1
    assert summary.loc["Canada", "median_lag_days"] == 48


def test_monthly_counts_and_running_totals(sanctions):
    monthly = monthly_by_jurisdiction(sanctions)
    us = monthly[monthly["jurisdiction"] == "United States"]
    assert us["designations"].sum() == 2 and us["cumulative"].iloc[-1] == 2
    assert monthly["month"].min() == pd.Timestamp("2022-09-01")
    assert monthly.groupby("jurisdiction")["cumulative"].apply(lambda c: c.is_monotonic_increasing).all()


def test_targets_count_entities_once(sanctions):
    counts = targets_by_country_and_role(sanctions).set_index(["target_country", "role"])["entities"]
    assert counts[("Iran", "manufacturer")] == 1
    assert counts.sum() == 3


def test_milestones_include_new_regimes(sanctions):
    marks = milestones(sanctions)
    assert "European Union: new regime" in set(marks["label"])
    assert marks["date"].is_monotonic_increasing


def test_locations_skip_places_without_coordinates(sanctions):
    places = pd.DataFrame({"id": ["tehran", "nowhere"], "name": ["Tehran", "Nowhere"], "lat": [35.69, None],
                           "lon": [51.39, None]})
    located = entity_locations(sanctions, places)
    assert list(located["entity_id"]) == ["qods"]
    deck = entity_map_deck(located, ROLE_COLOURS, boundaries())
    assert deck.layers[-1].data[0]["colour"][:3] == [0xD5, 0x5E, 0x00]


