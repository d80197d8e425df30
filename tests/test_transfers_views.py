"""Transfer breakdown transforms, figure builders and pages."""

import itertools
import json
import math

import pytest

from apptest_helpers import run_app
from dashboard.data.validation import load_data
from dashboard.data.geo import boundaries
from dashboard.figures.maps import TOOLTIP, transfer_map_deck
from dashboard.figures.transfers import (STATUS_STYLE, breakdown_figure, programme_timeline_figure,
                                         records_per_year_figure, two_way_figure)
from dashboard.transforms.transfers import (breakdown, largest_reported_quantities, programme_lanes, records_by,
                                            route_geography, sources_for, status_mix, to_russia, two_way_balance)
from fixtures import fixture_rows, write_package


@pytest.fixture
def tables(tmp_path):
    transfers = fixture_rows("transfers")
    transfers.append(dict(transfers[0], id="test-transfer-3", supplier="North Korea", status="reported",
                          quantity_low="500", quantity_high="", event_date="2023-05-01", origin_place_id="",
                          destination_place_id="test-port-b", source_ids="test-source-b"))
    transfers.append(dict(transfers[0], id="test-transfer-4", status="denied", quantity_low="", quantity_high="",
                          quantity_unit="", event_date="2022-10-01"))
    directory = write_package(tmp_path / "data", {"transfers": transfers})
    loaded = load_data(directory)
    assert loaded.problems == []
    return loaded.tables


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


def test_figures_state_what_they_count_and_the_status_mix(tables):
    transfers = tables["transfers"]
    supplied = to_russia(transfers)
    mix = status_mix(supplied)
    for fig in (records_per_year_figure(records_by(supplied, "supplier"), mix=mix),
                breakdown_figure(breakdown(supplied, tables["systems"]), mix=mix),
                two_way_figure(two_way_balance(transfers), mix=mix),
                programme_timeline_figure(programme_lanes(transfers, tables["systems"]), mix=mix)):
        subtitle = fig.layout.title.subtitle.text
        assert "Records behind this chart: " + mix in subtitle
    timeline = programme_timeline_figure(programme_lanes(transfers, tables["systems"]), mix=mix)
    markers = {trace.name: trace.marker.symbol for trace in timeline.data if trace.mode == "markers"}
    assert markers["agreed"] == STATUS_STYLE["agreed"]["symbol"] == "circle-open"
    assert markers["delivered"] == "circle"
    delivered = next(trace for trace in timeline.data if trace.name == "delivered")
    assert delivered.customdata[0][3] == "Aug 2022", "hover dates at the record's precision"


def _cie_lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB hex → CIE L*a*b* (D65), written out here so the test does not trust the code it checks."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_claim_statuses_have_clearly_different_colours():
    assert set(STATUS_STYLE) == {"delivered", "in production", "ordered", "agreed", "reported", "alleged", "denied"}
    colours = {status: style["colour"].upper() for status, style in STATUS_STYLE.items()}
    assert len(set(colours.values())) == len(colours)
    for first, second in itertools.combinations(colours, 2):
        delta_e = math.dist(_cie_lab(colours[first]), _cie_lab(colours[second]))
        assert delta_e > 20, f"{first} and {second} look alike (ΔE {delta_e:.1f})"
    white = _cie_lab("#FFFFFF")
    assert abs(white[0] - 100) < 0.1 and max(abs(white[1]), abs(white[2])) < 0.5, "the Lab conversion itself"
    open_markers = {status for status, style in STATUS_STYLE.items() if style["symbol"].endswith("-open")}
    assert {"agreed", "ordered"} <= open_markers and not open_markers & {"delivered", "in production"}


def test_transfer_map_deck(tables):
    deck = transfer_map_deck(route_geography(tables["transfers"], tables["places"], tables["sources"],
                                             tables["systems"]), boundaries())
    assert [layer.type for layer in deck.layers][-2:] == ["ArcLayer", "ScatterplotLayer"]
    assert deck._tooltip == TOOLTIP and TOOLTIP["text"] == "{name}\n{detail}"


def test_bundled_transfers_meet_the_curation_rules():
    loaded = load_data()
    transfers, sources = loaded.tables["transfers"], loaded.tables["sources"].set_index("id")
    assert len(transfers) >= 120
    for ids in transfers["source_ids"]:
        assert ids, "every record cites a source"
        for source_id in ids:
            assert str(sources.loc[source_id, "url"]).startswith(("http://", "https://"))
            assert str(sources.loc[source_id, "publisher"]).strip()


@pytest.mark.parametrize("params", [{}, {"actors": "North Korea"}, {"status": "agreed,ordered"},
                                    {"start": "2024-01-01", "end": "2024-12-31"}, {"start": "2030-01-01"}])
@pytest.mark.parametrize("page", ["views/suppliers.py", "views/deals.py"])
def test_transfer_pages_under_filters(monkeypatch, page, params):
    app = run_app(monkeypatch, params=params, page=page)
    assert not app.exception
    if params.get("start") == "2030-01-01":
        assert app.info and not app.get("plotly_chart")
        return
    assert app.get("plotly_chart")
    for chart in app.get("plotly_chart"):
        subtitle = json.loads(chart.proto.spec)["layout"]["title"]["subtitle"]["text"]
        assert "Records behind this chart" in subtitle.replace("<br>", " ")
        assert '"scale": 2' in chart.proto.config or '"scale":2' in chart.proto.config


def test_suppliers_page_links_sources(monkeypatch):
    app = run_app(monkeypatch, page="views/suppliers.py")
    records = app.dataframe[-1].value
    assert records["sources"].str.contains(r"https?://").all()


def test_suppliers_table_names_every_source_of_a_row(monkeypatch, package_dir):
    app = run_app(monkeypatch, package_dir, page="views/suppliers.py")
    records = app.dataframe[-1].value
    both = records[records["source_ids"] == "test-source-a;test-source-b"]["sources"]
    assert list(both) == ["Test Publisher (2023-01-10) https://example.org/test-source-a; "
                          "Test Ministry (2024-06-01) https://example.org/test-source-b"]


@pytest.mark.parametrize(("params", "expected", "entity"), [({"system": "fath-360"}, "Fath-360", "port-olya-3"),
                                                            ({}, "Shahed-136", "alabuga-sez")])
def test_system_page(monkeypatch, params, expected, entity):
    app = run_app(monkeypatch, params=params, page="views/systems.py")
    assert not app.exception and not app.warning
    assert app.header[0].value.replace("\\", "") == expected
    entities = next(table.value for table in app.dataframe if "dossier" in table.value.columns)
    assert entities["dossier"].str.startswith("sanctions?entity=").all()
    assert f"sanctions?entity={entity}" in set(entities["dossier"]), "the entities listed over it link to dossiers"


def test_system_page_garbage_falls_back(monkeypatch):
    app = run_app(monkeypatch, params={"system": "<script>"}, page="views/systems.py")
    assert not app.exception
    assert app.warning and app.header[0].value.replace("\\", "") == "Shahed-136"


def test_transfer_pages_with_broken_transfers(monkeypatch, tmp_path):
    transfers = fixture_rows("transfers")
    transfers[0]["source_ids"] = "no-such-source"
    directory = write_package(tmp_path / "bad", {"transfers": transfers})
    for page in ("views/suppliers.py", "views/deals.py", "views/systems.py"):
        app = run_app(monkeypatch, directory, page=page)
        assert not app.exception
        assert any("(transfers.csv) failed validation" in error.value for error in app.error)
