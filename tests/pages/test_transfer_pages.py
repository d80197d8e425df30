import json

import pytest

from apptest_helpers import first_fast, open_tab, run_app
from fixtures import fixture_rows, write_package


def test_suppliers_page_from_a_direction_and_evidence_link(monkeypatch, tmp_path):
    transfers = fixture_rows("transfers")
    transfers.append(dict(transfers[0], id="test-transfer-official", source_ids="test-source-b"))
    transfers.append(dict(transfers[0], id="test-transfer-nk", supplier="North Korea", source_ids="test-source-b"))
    directory = write_package(tmp_path / "data", {"transfers": transfers})
    params = {"from": "Iran", "to": "Russia", "evidence": "official"}
    app = run_app(monkeypatch, directory, params=params, page="views/suppliers.py")
    assert not app.exception
    assert not app.warning, [w.value for w in app.warning]
    records = [frame.value for frame in app.dataframe if "id" in frame.value.columns]
    assert records, "the page shows its record table"
    assert list(records[-1]["id"]) == ["test-transfer-official"]
    assert {name: app.query_params[name] for name in params} == params, "the link's filters stay in the URL"
    assert app.multiselect(key="filter_suppliers").value == ["Iran"]
    assert app.multiselect(key="filter_evidence").value == ["official"]
    subtitles = [json.loads(chart.proto.spec)["layout"]["title"]["subtitle"]["text"] for chart in app.get("plotly_chart")]
    assert subtitles and all("Iran → Russia; sources: official" in text for text in subtitles), subtitles
    app.button(key="filter_reset").click().run()
    assert not app.exception
    assert not set(params) & set(app.query_params), "Reset clears the direction and evidence params"
    assert app.multiselect(key="filter_recipients").value == [] and app.multiselect(key="filter_evidence").value == []
    records = [frame.value for frame in app.dataframe if "id" in frame.value.columns]
    assert len(records[-1]) == len(transfers)


@pytest.mark.parametrize("params", first_fast([{}, {"actors": "North Korea"}, {"status": "agreed,ordered"},
                                               {"start": "2024-01-01", "end": "2024-12-31"}]))
@pytest.mark.parametrize("page", ["views/suppliers.py", "views/deals.py"])
def test_transfer_pages_under_filters(monkeypatch, page, params):
    app = run_app(monkeypatch, params=params, page=page)
    assert not app.exception and not app.warning
    assert app.get("plotly_chart")
    for chart in app.get("plotly_chart"):
        subtitle = json.loads(chart.proto.spec)["layout"]["title"]["subtitle"]["text"]
        assert "Records behind this chart" in subtitle.replace("<br>", " ")
        assert '"scale": 2' in chart.proto.config or '"scale":2' in chart.proto.config


@pytest.mark.parametrize(("params", "charts", "maps"), [({}, 1, 0), ({"tab": "Routes and sites"}, 0, 1)])
def test_deals_page_draws_its_timeline_or_its_map_as_the_link_asks(monkeypatch, params, charts, maps):
    app = run_app(monkeypatch, params=params, page="views/deals.py")
    assert not app.exception and not app.warning
    assert [tab.label for tab in app.tabs] == ["Programmes", "Routes and sites"]
    assert open_tab(app) == params.get("tab", "Programmes")
    assert (len(app.get("plotly_chart")), len(app.get("deck_gl_json_chart"))) == (charts, maps)
    if maps:
        assert "routes and" in " ".join(caption.value for caption in app.caption), "the map keeps its counts and source"


@pytest.mark.slow
@pytest.mark.parametrize("page", ["views/suppliers.py", "views/deals.py"])
def test_transfer_pages_with_no_record_in_the_dates_say_so(monkeypatch, page):
    app = run_app(monkeypatch, params={"start": "2030-01-01"}, page=page)
    assert not app.exception and not app.warning
    assert app.info and not app.get("plotly_chart")


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


@pytest.mark.parametrize(("params", "expected", "entity"), first_fast([({"system": "fath-360"}, "Fath-360", "port-olya-3"),
                                                                       ({}, "Shahed-136", "alabuga-sez")]))
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


TRANSFER_FILTER_KEYS = {"filter_suppliers", "filter_recipients", "filter_evidence"}


def _drawn_multiselects(app) -> set[str]:
    return {widget.key for widget in app.sidebar.multiselect}


def test_the_transfer_filters_start_closed_and_open_for_a_link_that_sets_one(monkeypatch):
    plain = run_app(monkeypatch, page="views/suppliers.py")
    assert [expander.label for expander in plain.sidebar.expander] == ["Transfers: supplier, recipient, evidence"]
    assert _drawn_multiselects(plain) == {"filter_actors", "filter_status"}, "closed: not drawn at all"
    linked = run_app(monkeypatch, params={"evidence": "official"}, page="views/suppliers.py")
    drawn = _drawn_multiselects(linked)
    assert drawn == {"filter_actors", "filter_status"} | TRANSFER_FILTER_KEYS
    assert linked.multiselect(key="filter_evidence").value == ["official"]


def test_closing_the_transfer_filters_keeps_them_applied(monkeypatch):
    app = run_app(monkeypatch, params={"from": "North Korea"}, page="views/suppliers.py")
    shown = len(app.dataframe[-1].value)
    app.multiselect(key="filter_suppliers").set_value(["Iran"]).run()
    iran = len(app.dataframe[-1].value)
    assert app.query_params["from"] == "Iran" and iran != shown
    app.session_state["filter_transfers_open"] = False
    app.run()
    assert not app.exception
    assert _drawn_multiselects(app) == {"filter_actors", "filter_status"}
    assert app.query_params["from"] == "Iran", "the closed group's filter stays in the link"
    assert len(app.dataframe[-1].value) == iran, "and still filters the records"
    app.session_state["filter_transfers_open"] = True
    app.run()
    assert app.multiselect(key="filter_suppliers").value == ["Iran"], "reopened, it shows the choice"
