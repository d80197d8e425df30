"""Strike transforms and figure builders on small hand-made frames; the Strikes page in AppTest."""


import pytest

from apptest_helpers import dataframe_headers, first_fast, run_app
from dashboard.data.validation import load_data
from fixtures import fixture_rows, write_package

STRIKES_PAGE = "views/strikes.py"


@pytest.mark.parametrize("params", first_fast([
    {},
    {"actors": "Iran", "period": "night"},
    {"start": "2024-06-01", "end": "2025-06-30", "period": "week", "top": "20"},
    {"actors": "North Korea"},
]))
def test_strikes_page_under_filters(monkeypatch, params):
    app = run_app(monkeypatch, params=params, page=STRIKES_PAGE)
    assert not app.exception
    assert not app.warning
    charts = app.get("plotly_chart")
    assert len(charts) == 2, "the open tab's two charts; the methodology's chart waits until it is opened"
    assert not app.get("deck_gl_json_chart") and not app.dataframe, "closed tabs send nothing"
    spec = charts[0].proto.spec
    assert "Iranian-designed drones" in spec and "Data as of" in spec
    assert len(spec) < 1_000_000
    assert app.radio(key="strikes_period").value == params.get("period", "month")


@pytest.mark.slow
def test_strikes_page_with_no_attack_in_the_dates_says_so(monkeypatch):
    app = run_app(monkeypatch, params={"start": "2019-01-01", "end": "2019-12-31"}, page=STRIKES_PAGE)
    assert not app.exception and not app.warning
    assert not app.get("plotly_chart") and app.info


def test_strikes_page_falls_back_on_garbage(monkeypatch):
    app = run_app(monkeypatch, params={"period": "fortnight", "top": "9999"}, page=STRIKES_PAGE)
    assert not app.exception
    assert len(app.warning) == 2
    assert app.radio(key="strikes_period").value == "month"
    assert app.session_state["strikes_top"] == 10
    nights = run_app(monkeypatch, params={"top": "9999", "tab": "Biggest nights"}, page=STRIKES_PAGE)
    assert nights.slider(key="strikes_top").value == 10 and len(nights.dataframe[0].value) == 10


# Each tab, opened from its link: what it draws, and that nothing of the other tabs is sent.
TABS = {
    "Over time": {"plotly_chart": 2, "deck_gl_json_chart": 0, "dataframe": 0, "radio": 2, "slider": 0},
    "Biggest nights": {"plotly_chart": 0, "deck_gl_json_chart": 0, "dataframe": 1, "radio": 0, "slider": 1},
    "Map": {"plotly_chart": 0, "deck_gl_json_chart": 1, "dataframe": 0, "radio": 0, "slider": 0},
}


@pytest.mark.parametrize("tab", TABS)
def test_each_strikes_tab_opens_from_its_link_and_sends_only_its_own_content(monkeypatch, tab):
    app = run_app(monkeypatch, params={"tab": tab, "top": "7"}, page=STRIKES_PAGE)
    assert not app.exception and not app.warning
    assert [t.label for t in app.tabs] == list(TABS)
    assert {kind: len(app.get(kind)) for kind in TABS[tab]} == TABS[tab]
    # The first tab is the page's default, which Streamlit keeps out of the link.
    assert app.query_params.get("tab") == (None if tab == "Over time" else tab)
    if tab == "Biggest nights":
        assert len(app.dataframe[0].value) == 7


def test_an_unknown_tab_in_a_link_opens_the_first(monkeypatch):
    app = run_app(monkeypatch, params={"tab": "Secrets"}, page=STRIKES_PAGE)
    assert not app.exception
    assert len(app.get("plotly_chart")) == 2 and "tab" not in app.query_params


def test_the_methodology_runs_when_opened(monkeypatch):
    app = run_app(monkeypatch, page=STRIKES_PAGE)
    assert len(app.get("plotly_chart")) == 2
    app.session_state["strikes_methodology"] = True
    app.run()
    assert not app.exception
    specs = [chart.proto.spec for chart in app.get("plotly_chart")]
    assert len(specs) == 3 and "counting rule" in specs[2].lower()
    assert "Country of design" in dataframe_headers(app)


def test_strikes_page_with_broken_strikes_table(monkeypatch, tmp_path):
    strikes = fixture_rows("strikes")
    strikes[0]["shot_down"] = "999"
    directory = write_package(tmp_path / "bad", {"strikes": strikes})
    assert load_data(directory).failed_tables == {"strikes"}
    app = run_app(monkeypatch, directory, page=STRIKES_PAGE)
    assert not app.exception
    assert any("(strikes.csv) failed validation" in error.value for error in app.error)
    assert not app.get("plotly_chart")


def test_strikes_page_on_fixture_data(monkeypatch, package_dir):
    app = run_app(monkeypatch, package_dir, page=STRIKES_PAGE)
    app.session_state["strikes_methodology"] = True
    app.run()
    assert not app.exception
    assert len(app.get("plotly_chart")) == 3
    headers = dataframe_headers(app)
    assert "Country of design" in headers and not [h for h in headers if "_" in h]
