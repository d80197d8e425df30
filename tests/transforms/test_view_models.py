"""Every page's view model as a plain function of the data: checked here without running Streamlit, with
each number compared to one computed another way from the fixture package."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.data.contract import load_contract
from dashboard.data.geo import boundaries
from dashboard.data.validation import load_data
from dashboard.figures.style import SOURCE_LINE
from dashboard.transforms.citation import source_citations, with_sources
from dashboard.transforms.filters import Filters, actor_options, date_bounds, direction_options
from dashboard.transforms.search import search_index
from dashboard.transforms.views import (HEADLINE_CHARTS, deals_model, entity_labels, entity_model, map_model,
                                        overview_chart, overview_model, sanctions_model, search_model, strikes_model, suppliers_model,
                                        system_labels, system_model, table_model, timeline_model)
from fixtures import fixture_rows, write_package


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    directory = write_package(tmp_path_factory.mktemp("views") / "data")
    return load_data(directory), load_contract(directory)


def _layer_ids(deck) -> list[str]:
    return [layer.id for layer in deck.layers]


def test_overview_counts_match_the_tables(data):
    loaded, package = data
    view = overview_model(loaded, package, Filters())
    transfers = loaded.tables["transfers"]
    pairs = transfers[transfers["supplier"].isin(["Iran", "Russia"]) & transfers["recipient"].isin(["Iran", "Russia"])]
    assert int(view.each_way.drop(columns="status").to_numpy().sum()) == len(pairs)
    designations = loaded.tables["sanctions"]
    assert int(view.jurisdictions["designations"].sum()) == int((designations["action"] == "designation").sum())
    assert view.charts == (*HEADLINE_CHARTS, "records-per-year")
    assert view.failed == frozenset()


def test_overview_builds_each_chart_on_its_own(data):
    loaded, package = data
    filters = Filters(actors=("Iran",))
    for slug in overview_model(loaded, package, filters).charts:
        chart = overview_chart(loaded, package, filters, slug)
        assert chart.slug == slug and chart.figure["data"], slug
        subtitle = chart.figure["layout"]["title"]["subtitle"]["text"]
        expected = "Iran" if slug in HEADLINE_CHARTS else "the sidebar filters do not apply"
        assert expected in subtitle, (slug, subtitle)


def test_overview_leaves_out_the_headlines_of_a_failed_table(tmp_path):
    events = fixture_rows("events")
    events[0]["status"] = "rumoured"
    directory = write_package(tmp_path / "bad", {"events": events})
    view = overview_model(load_data(directory), load_contract(directory), Filters())
    assert view.charts == ("supplier-years", "designations", "records-per-year")
    assert view.failed == frozenset({"events"})


def test_strikes_model_sums_and_frames(data):
    loaded, package = data
    view = strikes_model(loaded, package, Filters(), "month", "night", 10, boundaries())
    counted = loaded.tables["strikes"]
    assert view.rows == len(counted)
    assert int(view.nights["launched"].sum()) <= int(counted["launched"].sum())
    assert view.drones.slug == "iranian-drones" and view.share.slug == "launch-share"
    assert any(a.get("name") == SOURCE_LINE for a in view.drones.figure["layout"]["annotations"])
    assert _layer_ids(view.deck)[:3] == ["base-water", "base-countries", "base-ukraine"]
    assert {"strike-launch", "strike-target"} <= set(_layer_ids(view.deck))
    after_everything = strikes_model(loaded, package, Filters(start=date(2099, 1, 1)), "month", "night", 10,
                                     boundaries())
    assert after_everything.rows == 0


def test_suppliers_and_deals_models(data):
    loaded, package = data
    suppliers = suppliers_model(loaded, package, Filters(suppliers=("Iran",), recipients=("Russia",)))
    transfers = loaded.tables["transfers"]
    iran_to_russia = transfers[(transfers["supplier"] == "Iran") & (transfers["recipient"] == "Russia")]
    assert suppliers.rows == len(iran_to_russia) and list(suppliers.records["id"]) == list(iran_to_russia["id"])
    names = dict(zip(loaded.tables["systems"]["id"], loaded.tables["systems"]["name"]))
    assert list(suppliers.records["system"]) == [names[s] for s in iran_to_russia["system_id"]]
    deals = deals_model(loaded, package, Filters(), boundaries())
    assert deals.rows == len(transfers) and deals.timeline.slug == "deal-timeline"


def test_system_model_and_labels(data):
    loaded, package = data
    labels = system_labels(loaded)
    assert "test-drone" in labels and "TD-1" in labels["test-drone"]
    view = system_model(loaded, package, Filters(), "test-drone")
    transfers = loaded.tables["transfers"]
    assert len(view.transfers) == int((transfers["system_id"] == "test-drone").sum())
    # The fixture's strikes name the test drone once, so its system page has a launches chart.
    assert view.strikes is not None and view.strikes.title.startswith("Test Drone")
    assert view.strike_reports == int(loaded.tables["strikes"]["system_ids"].map(lambda ids: "test-drone" in ids).sum())
    missile = system_model(loaded, package, Filters(), "test-missile")
    assert set(missile.transfers["id"]) == set(transfers.loc[transfers["system_id"] == "test-missile", "id"])
    assert set(missile.transfers["id"]).isdisjoint(view.transfers["id"])


def test_sanctions_and_entity_models(data):
    loaded, package = data
    sanctions = loaded.tables["sanctions"]
    view = sanctions_model(loaded, package, Filters(), boundaries())
    assert view.rows == len(sanctions) and view.entities == sanctions["entity_id"].nunique()
    assert 0 <= view.official_share <= 1
    labels = entity_labels(sanctions)
    assert set(labels) == set(sanctions["entity_id"].astype(str))
    entity_id = next(iter(labels))
    dossier = entity_model(loaded, entity_id)
    assert len(dossier.listings) == int((sanctions["entity_id"].astype(str) == entity_id).sum())


def test_timeline_map_and_table_models(data):
    loaded, package = data
    timeline = timeline_model(loaded, package, Filters(), ("transfers", "events"))
    assert set(timeline.items["record_type"]) <= {"transfers", "events"} and timeline.left_out == ()
    assert len(timeline.items) == len(loaded.tables["transfers"]) + len(loaded.tables["events"])
    shown = map_model(loaded, package, Filters(), ("routes", "entities"), boundaries())
    assert shown.left_out == () and set(shown.counts) == {"routes", "sites", "launch", "targets", "entities"}
    rows = table_model(loaded, package, Filters(), "sources", "ministry")
    assert rows.total == len(loaded.tables["sources"]) and list(rows.rows["id"]) == ["test-source-b"]
    assert isinstance(rows.rows, pd.DataFrame)


def test_no_view_model_writes_to_the_shared_tables(tmp_path):
    """The loaded tables are one object shared by every session (st.cache_resource): building every page's
    view, the filter options, the search index and the citations must leave them exactly as loaded."""
    directory = write_package(tmp_path / "data")
    loaded, package = load_data(directory), load_contract(directory)
    before = {name: frame.copy(deep=True) for name, frame in loaded.tables.items()}
    filters = Filters(start=date(2022, 1, 1), actors=("Iran", "Russia"))
    borders = boundaries()
    system_id = next(iter(system_labels(loaded)))
    entity_id = next(iter(entity_labels(loaded.tables["sanctions"])))
    for slug in overview_model(loaded, package, filters).charts:
        overview_chart(loaded, package, filters, slug)
    strikes_model(loaded, package, filters, "week", "report", 5, borders, dark=True)
    timeline_model(loaded, package, filters, ("transfers", "sanctions", "events", "strikes"))
    map_model(loaded, package, filters, ("routes", "sites", "launch", "targets", "entities"), borders)
    for name in loaded.tables:
        table_model(loaded, package, filters, name, "a")
    suppliers_model(loaded, package, filters)
    deals_model(loaded, package, filters, borders)
    system_model(loaded, package, filters, system_id)
    sanctions_model(loaded, package, filters, borders)
    entity_model(loaded, entity_id)
    index = search_index(loaded.tables)
    search_model(loaded, package, index, "shahed", set(system_labels(loaded)))
    actor_options(loaded, package), date_bounds(loaded, package), direction_options(loaded, package)
    for name, frame in loaded.tables.items():
        with_sources(frame, source_citations(loaded.tables["sources"]))
        pd.testing.assert_frame_equal(frame, before[name], obj=name)
