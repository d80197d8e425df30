"""The search across all tables: folding, aliases, grouping, dossier links, and the Search page."""


from apptest_helpers import run_app


def test_search_page_groups_results_from_the_link(monkeypatch):
    app = run_app(monkeypatch, params={"q": "Fateh-360"}, page="views/search.py")
    assert not app.exception and not app.warning
    labels = [expander.label for expander in app.expander]
    assert labels[:3] == ["Weapon systems — 1", "Sanctions designations — 2", "Arms transfers — 8"]
    systems, transfers = app.dataframe[0].value, app.dataframe[2].value
    assert list(systems["dossier"]) == ["systems?system=fath-360"]
    assert set(transfers["dossier"]) == {"systems?system=fath-360"}
    assert app.query_params["q"] == "Fateh-360"
