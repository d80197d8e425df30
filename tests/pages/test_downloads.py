"""Citable rows and downloads: the sources column, APA/BibTeX strings, the zip writer and CITATION.cff."""


from apptest_helpers import run_app


def test_no_download_for_zero_rows(monkeypatch, package_dir):
    app = run_app(monkeypatch, package_dir, params={"q": "matches-no-row-at-all"}, page="views/data.py")
    assert not app.exception
    assert not app.get("download_button")
    assert any("no rows to download" in caption.value for caption in app.caption)


def test_briefing_mode_shows_no_download_or_cite(monkeypatch, package_dir):
    app = run_app(monkeypatch, package_dir, params={"brief": "1"}, page="views/suppliers.py")
    assert not app.exception and app.get("plotly_chart")
    assert not app.get("download_button") and not app.get("popover")


def test_chart_downloads_and_cite_beside_each_chart(monkeypatch, package_dir):
    app = run_app(monkeypatch, package_dir, page="views/suppliers.py")
    labels = [button.proto.label for button in app.get("download_button")]
    charts = len(app.get("plotly_chart"))
    assert charts and labels.count("Chart as PNG") == charts and labels.count("Chart as SVG") == charts
    assert len(app.get("popover")) == charts
    tables = [frame.value for frame in app.dataframe]
    assert [label for label in labels if label.startswith("Download these rows")] == [
        f"Download these rows ({len(table)} row{'' if len(table) == 1 else 's'}, zip)" for table in tables]


def test_without_a_browser_the_image_buttons_say_what_is_missing(monkeypatch):
    from choreographer.browsers.chromium import Chromium

    from dashboard.export import NO_BROWSER, browser_missing

    monkeypatch.setattr(Chromium, "find_browser", staticmethod(lambda **_: None))
    assert browser_missing() == NO_BROWSER
    app = run_app(monkeypatch, page="views/strikes.py")
    assert not app.exception
    images = [button for button in app.get("download_button") if button.proto.label.startswith("Chart as")]
    assert {button.proto.label for button in images} == {"Chart as SVG (needs Chromium)", "Chart as PNG (needs Chromium)"}
    assert all(button.proto.disabled and NO_BROWSER in button.proto.help for button in images)
