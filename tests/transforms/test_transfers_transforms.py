"""Transfer transforms: status mix, records by supplier and year, breakdowns by system, the two-way
balance, largest quantities with their sources, programme lanes, routes."""
import pytest

from dashboard.transforms.transfers import (breakdown, largest_reported_quantities, programme_lanes, records_by,
                                            route_geography, sources_for, status_mix, to_russia, two_way_balance)
from frames import transfer_tables


@pytest.fixture
def tables(tmp_path):
    return transfer_tables(tmp_path)


def test_status_mix_lists_statuses_in_evidence_order(tables):
    assert status_mix(tables["transfers"]) == "1 delivered, 1 agreed, 1 reported, 1 denied"
    assert status_mix(tables["transfers"].iloc[0:0]) == "no records"


def test_records_by_supplier_and_year(tables):
    counts = records_by(to_russia(tables["transfers"]), "supplier")
    assert counts.to_dict("records") == [
        {"supplier": "Iran", "year": 2022, "records": 2},
        {"supplier": "North Korea", "year": 2023, "records": 1},
    ]


def test_breakdown_uses_system_names(tables):
    counts = breakdown(to_russia(tables["transfers"]), tables["systems"])
    assert set(counts["system"]) == {"Test Drone"}
    assert counts["records"].sum() == 3


def test_two_way_balance_only_iran_and_russia(tables):
    balance = two_way_balance(tables["transfers"])
    assert set(balance["direction"]) == {"Iran → Russia", "Russia → Iran"}
    assert balance["records"].sum() == 3


def test_largest_quantities_keep_each_claim_with_its_source(tables):
    largest = largest_reported_quantities(tables["transfers"], tables["systems"])
    assert list(largest["quantity"]) == ["500+", "10–20"]
    assert list(largest["source_ids"]) == ["test-source-b", "test-source-a"]


def test_programme_lanes_one_per_supplier_recipient_system(tables):
    lanes = programme_lanes(tables["transfers"], tables["systems"])
    assert lanes["lane"].nunique() == 3
    iran_lane = lanes[lanes["lane"] == "Iran → Russia: Test Drone"]
    assert list(iran_lane["event_date"].dt.strftime("%Y-%m")) == ["2022-08", "2022-10"]


def test_route_geography_lists_records_and_sources(tables):
    geography = route_geography(tables["transfers"], tables["places"], tables["sources"], tables["systems"])
    route = geography["routes"].iloc[0]
    assert route["name"] == "Port A → Port B" and route["records"] == 2
    assert route["detail"].startswith("2 records:\n")
    assert "Iran → Russia · Test Drone · 2022-08 · delivery: delivered · high confidence" in route["detail"]
    assert "Test Publisher" in route["detail"] and "test-transfer-1" not in route["detail"]
    sites = geography["sites"].set_index("name")
    assert sites.loc["Port B", "records"] == 3


def test_sources_for_deduplicates(tables):
    cited = sources_for(tables["transfers"]["source_ids"], tables["sources"])
    assert list(cited["id"]) == ["test-source-b", "test-source-a"]


