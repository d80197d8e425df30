"""The unified timeline (lanes, details, sources) and the Overview's transforms: directions, jurisdictions,
latest changes, plain-text row search."""


import pytest

from dashboard.charts import Inputs
from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.figures.timeline import timeline_figure
from dashboard.transforms.filters import Filters
from dashboard.transforms.overview import (designations_by_jurisdiction, for_display, latest_changes, search_rows,
                                           transfers_each_way)
from dashboard.transforms.timeline import item_details, item_sources, unified_timeline
from fixtures import fixture_rows, write_package


@pytest.fixture
def fixture_inputs(package_dir):
    return Inputs(load_data(package_dir), load_contract(package_dir), Filters())


def test_unified_timeline_puts_every_table_in_its_lane(fixture_inputs):
    tables = {name: fixture_inputs.table(name) for name in ("transfers", "sanctions", "events", "strikes")}
    items = unified_timeline(tables, ("transfers", "sanctions", "events", "strikes"))
    assert set(items["record_type"]) == {"transfers", "sanctions", "events", "strikes"}
    assert "Transfers · Iran → Russia" in set(items["lane"]) and "Transfers · Russia → Iran" in set(items["lane"])
    assert items["date"].is_monotonic_increasing
    only_events = unified_timeline(tables, ("events",))
    assert set(only_events["record_type"]) == {"events"}
    sources = fixture_inputs.loaded.tables["sources"]
    transfer = items[items["record_id"] == "test-transfer-2"].iloc[0]
    assert list(item_sources(transfer, sources)["url"]) == ["https://example.org/test-source-a",
                                                            "https://example.org/test-source-b"]
    peak = items[items["record_type"] == "strikes"].iloc[0]
    assert item_sources(peak, sources)["url"].iloc[0].startswith("https://example.org/post/")


def test_timeline_details_are_labelled_lines_with_the_id_last(fixture_inputs):
    tables = {name: fixture_inputs.table(name) for name in ("transfers", "sanctions", "events", "strikes")}
    items = unified_timeline(tables, ("transfers", "sanctions", "events", "strikes")).set_index("record_id",
                                                                                                drop=False)
    details = {record_id: item_details(items.loc[record_id], fixture_inputs.package).set_index("Field")["Value"]
               for record_id in ("test-transfer-1", "test-designation-1", "test-event-1")}
    assert details["test-transfer-1"].to_dict() == {
        "Record type": "Transfer", "Event date": "Aug 2022", "Kind": "delivery", "Claim status": "delivered",
        "Timeline lane": "Transfers · Iran → Russia", "Details": "Fixture delivery.", "Record id": "test-transfer-1"}
    assert details["test-designation-1"].to_dict() == {
        "Record type": "Sanctions action", "Record": "United States: Test Entity LLC", "Announced": "1 Mar 2023",
        "Action": "designation", "Status": "official", "Timeline lane": "Sanctions", "Details": "Fixture designation.",
        "Record id": "test-designation-1"}
    assert "Details" not in details["test-event-1"], "an empty description is left out"
    assert details["test-event-1"]["Record"] == "Fixture event"
    peak = item_details(items[items["record_type"] == "strikes"].iloc[0], fixture_inputs.package)
    assert list(peak["Field"]) == ["Record type", "Record", "Night of attack", "Kind", "Status", "Timeline lane",
                                   "Details", "Record id"]
    assert peak["Value"].iloc[2] == "1 Jan 2024"
    hover = {row[0]: row[3] for trace in timeline_figure(items).data for row in trace.customdata}
    assert hover["transfers:test-transfer-1"] == "Aug 2022" and hover["sanctions:test-designation-1"] == "1 Mar 2023"


def test_overview_transforms(fixture_inputs):
    each_way = transfers_each_way(fixture_inputs.table("transfers")).set_index("status")
    assert each_way.loc["delivered", "Iran → Russia"] == 1 and each_way.loc["agreed", "Russia → Iran"] == 1
    assert list(each_way.columns) == ["Iran → Russia", "Russia → Iran"]
    assert list(each_way.index) == ["delivered", "agreed"], "firmest claim first"
    jurisdictions = designations_by_jurisdiction(fixture_inputs.table("sanctions"))
    assert jurisdictions.to_dict("records") == [{"jurisdiction": "United States", "designations": 1, "entities": 1}]
    changes = latest_changes(fixture_inputs.loaded)
    assert changes[0].startswith("Strikes: the 2 Jan 2024 release added or revised 2 rows, nights of attack "
                                 "31 Dec 2023–1 Jan 2024 to 1–2 Jan 2024")
    assert "sha256" not in changes[0]
    assert "Curated tables: 1 source read on 2 Nov 2026, cited by" in changes[1]


def test_latest_changes_names_an_undated_release_as_written(package_dir):
    rows = [dict(row, upstream_release="manual-import") for row in fixture_rows("strikes")]
    changes = latest_changes(load_data(write_package(package_dir, {"strikes": rows})))
    assert changes[0].startswith("Strikes: release manual-import added or revised 2 rows")


def test_search_and_display_helpers(fixture_inputs):
    transfers = for_display(fixture_inputs.table("transfers"))
    assert transfers.loc[1, "source_ids"] == "test-source-a;test-source-b"
    assert list(search_rows(transfers, "AGREEMENT")["id"]) == ["test-transfer-2"]
    assert len(search_rows(transfers, "  ")) == 2
    assert search_rows(transfers, "(.*").empty, "the query is plain text, not a pattern"
