"""The Sanctions page: its overview, the tables in words, a link opening an entity's dossier, an empty
date range, a garbage entity, and fixture and broken data."""


import pytest

from apptest_helpers import dataframe_headers, first_fast, leaves, run_app
from fixtures import fixture_rows, write_package

PAGE = "views/sanctions.py"


@pytest.mark.parametrize("params", first_fast([{}, {"actors": "China"}, {"start": "2024-01-01"}]))
def test_sanctions_page_opens_on_its_overview(monkeypatch, params):
    app = run_app(monkeypatch, params=params, page=PAGE)
    assert not app.exception and not app.warning
    assert len(app.get("plotly_chart")) + len(app.info) == 4
    assert len(app.get("deck_gl_json_chart")) == 1
    elements = list(leaves(app.main))
    after_title = elements[[element.type for element in elements].index("title") + 1]
    assert after_title.type != "header", "without a link the page opens on its overview, not a dossier"


def test_sanctions_tables_read_as_words(monkeypatch):
    app = run_app(monkeypatch, page=PAGE)
    assert dataframe_headers(app)[:5] == ["Jurisdiction", "Shared targets", "Moved first", "Followed",
                                          "Median lag when following (days)"]


def test_a_link_to_an_entity_opens_on_its_dossier(monkeypatch):
    app = run_app(monkeypatch, params={"entity": "alabuga-sez"}, page=PAGE)
    assert not app.exception and not app.warning
    assert app.selectbox(key="sanctions_entity").value == "alabuga-sez"
    elements = list(leaves(app.main))
    after_title = elements[[element.type for element in elements].index("title") + 1]
    assert (after_title.type, after_title.value) == ("header", "Special Economic Zone Alabuga")
    listings, transfers = app.dataframe[0].value, app.dataframe[1].value
    assert set(listings["jurisdiction"]) == {"European Union", "United Kingdom", "United States", "Japan"}
    assert "ir-ru-alabuga-kits-stage-1" in set(transfers["id"])
    assert set(transfers["supplier"]) <= {"Iran", "North Korea"}, "no Belarus Shahed record"


@pytest.mark.slow
def test_sanctions_page_with_no_designation_in_the_dates_says_so(monkeypatch):
    app = run_app(monkeypatch, params={"start": "2030-01-01"}, page=PAGE)
    assert not app.exception and not app.warning
    assert app.info and not app.get("plotly_chart")


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
