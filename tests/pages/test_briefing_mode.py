"""Briefing links (?brief=1) on every page: no widget, no sidebar, the view the link asks for; and the
dark theme reaching every chart and map a page draws."""

import json

import pytest

from apptest_helpers import first_fast, run_app


# Each page's briefing link, and the element its slide must still show.
BRIEF_LINKS = {
    None: ({}, "plotly_chart"),
    "views/strikes.py": ({}, "plotly_chart"),
    "views/suppliers.py": ({}, "plotly_chart"),
    "views/deals.py": ({}, "plotly_chart"),
    "views/sanctions.py": ({"entity": "alabuga-sez"}, "dataframe"),  # the entity's dossier: its listings
    "views/systems.py": ({"system": "shahed-136"}, "plotly_chart"),
    "views/timeline.py": ({}, "plotly_chart"),
    "views/map.py": ({}, "deck_gl_json_chart"),
    "views/data.py": ({}, "dataframe"),
    "views/search.py": ({"q": "shahed"}, "dataframe"),
}
WIDGETS = ("radio", "selectbox", "multiselect", "slider", "text_input", "button", "download_button", "date_input",
           "number_input", "checkbox", "toggle", "select_slider", "text_area", "popover")


@pytest.mark.parametrize("page", BRIEF_LINKS, ids=[page or "overview" for page in BRIEF_LINKS])
def test_briefing_mode_draws_no_widget_on_any_page(monkeypatch, page):
    params, shown = BRIEF_LINKS[page]
    app = run_app(monkeypatch, params={"brief": "1", **params}, page=page)
    assert not app.exception and not app.warning
    assert any("stSidebar" in element.proto.body for element in app.get("html")), "the briefing stylesheet is applied"
    drawn = {kind: len(app.get(kind)) for kind in WIDGETS}
    assert not any(drawn.values()), drawn
    assert not app.sidebar.children, "nothing is drawn in the sidebar"
    assert len(app.get(shown)) >= 1, f"the slide lost its {shown}"


def test_briefing_mode_keeps_the_view_the_link_asks_for(monkeypatch):
    app = run_app(monkeypatch, params={"brief": "1", "period": "week", "top": "7", "actors": "Iran"},
                  page="views/strikes.py")
    assert not app.exception and not app.warning
    headline = app.get("plotly_chart")[0].proto.spec
    assert "per week" in headline and "Iran" in headline
    assert app.query_params["period"] == "week" and app.query_params["brief"] == "1"
    nights = run_app(monkeypatch, params={"brief": "1", "top": "7", "tab": "Biggest nights"}, page="views/strikes.py")
    assert not nights.exception and not nights.warning
    assert len(nights.dataframe[0].value) == 7
    ignored = run_app(monkeypatch, params={"brief": "1", "table": "secrets"}, page="views/data.py")
    assert ignored.warning, "a link value briefing mode cannot use is still reported"


# Each page with a map, and the link that shows it (beside charts, a map has a tab of its own).
MAP_LINKS = {"views/strikes.py": {"tab": "Map"}, "views/deals.py": {"tab": "Routes and sites"},
             "views/sanctions.py": {"tab": "Map"}, "views/map.py": {}}


@pytest.mark.parametrize("page", first_fast(list(MAP_LINKS)))
def test_pages_draw_charts_and_maps_dark_when_the_theme_is_dark(monkeypatch, page):
    import dashboard.ui.shell as shell
    from dashboard.figures.maps import DARK_BASE, LIGHT_BASE
    from dashboard.figures.style import DARK_BACKGROUND

    monkeypatch.setattr(shell, "dark_theme", lambda: True)
    app = run_app(monkeypatch, page=page)
    assert not app.exception
    charts = app.get("plotly_chart")
    assert charts or page == "views/map.py", "the page's charts are drawn"
    for chart in charts:
        assert json.loads(chart.proto.spec)["layout"]["template"]["layout"]["paper_bgcolor"] == DARK_BACKGROUND
    app = run_app(monkeypatch, params=MAP_LINKS[page], page=page)
    (deck,) = app.get("deck_gl_json_chart")
    spec = json.dumps(json.loads(deck.proto.json))
    assert json.dumps(DARK_BASE.land) in spec and json.dumps(LIGHT_BASE.land) not in spec
