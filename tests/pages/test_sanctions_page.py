"""The Sanctions page: one tab at a time, each named in the link, the tables in words, a link opening an
entity's dossier tab, an empty date range, a garbage entity, and fixture and broken data."""


import pytest

from apptest_helpers import dataframe_headers, first_fast, open_tab, run_app
from fixtures import fixture_rows, write_package

PAGE = "views/sanctions.py"


# Each tab, the link that opens it, and what it draws: charts, maps and data grids.
TABS = {"Designations": ({}, 2, 0, 0), "Who moved first": ({"tab": "Who moved first"}, 1, 0, 1),
        "Against strikes": ({"tab": "Against strikes"}, 1, 0, 0), "Map": ({"tab": "Map"}, 0, 1, 0),
        "Entity dossier": ({"tab": "Entity dossier"}, 0, 0, 3)}


@pytest.mark.parametrize("params", first_fast([{}, {"actors": "China"}, {"start": "2024-01-01"}]))
def test_sanctions_page_opens_on_its_designations(monkeypatch, params):
    app = run_app(monkeypatch, params=params, page=PAGE)
    assert not app.exception and not app.warning
    assert [tab.label for tab in app.tabs] == list(TABS)
    assert open_tab(app) == "Designations"
    assert len(app.get("plotly_chart")) + len(app.info) == 2
    assert not app.get("deck_gl_json_chart") and not app.dataframe, "the map and the grids wait for their tabs"
    assert not app.header, "without a link to an entity, no dossier is drawn"


@pytest.mark.parametrize("tab", list(TABS))
def test_each_sanctions_tab_draws_only_its_own_section(monkeypatch, tab):
    params, charts, maps, grids = TABS[tab]
    app = run_app(monkeypatch, params=params, page=PAGE)
    assert not app.exception and not app.warning
    assert open_tab(app) == tab
    drawn = (len(app.get("plotly_chart")), len(app.get("deck_gl_json_chart")), len(app.dataframe))
    assert drawn == (charts, maps, grids)
    assert app.query_params.get("tab") == (None if tab == "Designations" else tab), "the default tab keeps the link clean"


def test_sanctions_tables_read_as_words(monkeypatch):
    app = run_app(monkeypatch, params={"tab": "Who moved first"}, page=PAGE)
    assert dataframe_headers(app)[:5] == ["Jurisdiction", "Shared targets", "Moved first", "Followed",
                                          "Median lag when following (days)"]


def test_a_link_to_an_entity_opens_on_its_dossier(monkeypatch):
    app = run_app(monkeypatch, params={"entity": "alabuga-sez"}, page=PAGE)
    assert not app.exception and not app.warning
    assert open_tab(app) == "Entity dossier"
    assert "tab" not in app.query_params, "for this session the dossier is the default tab"
    assert app.selectbox(key="sanctions_entity").value == "alabuga-sez"
    assert [header.value for header in app.header] == ["Special Economic Zone Alabuga"]
    assert not app.get("plotly_chart")
    listings, transfers = app.dataframe[0].value, app.dataframe[1].value
    assert set(listings["jurisdiction"]) == {"European Union", "United Kingdom", "United States", "Japan"}
    assert "ir-ru-alabuga-kits-stage-1" in set(transfers["id"])
    assert set(transfers["supplier"]) <= {"Iran", "North Korea"}, "no Belarus Shahed record"


@pytest.mark.slow
@pytest.mark.parametrize("tab", ["Designations", "Map"])
def test_sanctions_page_with_no_designation_in_the_dates_says_so(monkeypatch, tab):
    app = run_app(monkeypatch, params={"start": "2030-01-01", "tab": tab}, page=PAGE)
    assert not app.exception and not app.warning
    assert [info.value for info in app.info] == ["No designations match the filters."]
    assert not app.get("plotly_chart") and not app.get("deck_gl_json_chart")


def test_an_entity_dossier_ignores_the_filters(monkeypatch):
    app = run_app(monkeypatch, params={"start": "2030-01-01", "entity": "alabuga-sez"}, page=PAGE)
    assert not app.exception and not app.warning and not app.info
    assert [header.value for header in app.header] == ["Special Economic Zone Alabuga"]
    assert len(app.dataframe[0].value) == 6, "every listing, whatever the dates"


def test_sanctions_page_garbage_entity(monkeypatch):
    app = run_app(monkeypatch, params={"entity": "no-such-entity"}, page=PAGE)
    assert not app.exception and app.warning


def test_sanctions_page_on_fixture_and_broken_data(monkeypatch, package_dir, tmp_path):
    app = run_app(monkeypatch, package_dir, page=PAGE)
    assert not app.exception
    rows = fixture_rows("sanctions")
    rows[0]["announced"] = "2023-02-29"
    broken = write_package(tmp_path / "bad", {"sanctions": rows})
    app = run_app(monkeypatch, broken, page=PAGE)
    assert not app.exception
    assert any("(sanctions.csv) failed validation" in error.value for error in app.error)
