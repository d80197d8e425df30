"""Slides and phones in a real browser: briefing mode draws no widget, the Overview's headline chart
fits a 390 px phone, and charts follow the dark theme."""

import re

import pytest
from playwright.sync_api import expect

from browser_support import streamlit_server, wait_until_idle

pytestmark = pytest.mark.browser

PAGE_PATHS = ["", "overview", "strikes", "suppliers", "deals", "sanctions", "sanctions?entity=alabuga-sez", "systems",
              "timeline", "map", "data", "search?q=shahed"]
WIDGET_TEST_IDS = ["stRadio", "stSelectbox", "stMultiSelect", "stSlider", "stTextInput", "stButton",
                   "stDownloadButton", "stDateInput", "stNumberInput", "stCheckbox", "stPopover"]


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


# A phone's own user agent ("Mobi"), as an iPhone 13 sends it: the server frames charts for a phone by it.
PHONE_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Version/15.0 Mobile/15E148 Safari/604.1")


def _open(browser, url: str, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    return context, page, errors


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_briefing_mode_shows_no_widget_on_any_page(server, browser, artifacts_dir, path):
    link = f"{server}/{path}{'&' if '?' in path else '?'}brief=1"
    context, page, errors = _open(browser, link, viewport={"width": 1600, "height": 900})
    try:
        if page.locator('[data-testid="stPlotlyChart"]').count():
            expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible(timeout=60_000)
        found = {test_id: page.locator(f'[data-testid="{test_id}"]').count() for test_id in WIDGET_TEST_IDS}
        assert not any(found.values()), found
        assert page.locator('[data-testid="stSidebar"]').is_hidden()
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(artifacts_dir / f"brief-nowidgets-{re.sub(r'[^a-z]+', '-', path) or 'root'}.png"))
        assert errors == []
    finally:
        context.close()


def test_overview_headline_chart_fits_a_phone(server, browser, artifacts_dir):
    from dashboard.data.store import data_dir
    from dashboard.data.validation import load_data

    last_year = load_data(data_dir()).tables["strikes"]["night"].max().year
    context, page, errors = _open(browser, f"{server}/overview", viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True, user_agent=PHONE_AGENT)
    try:
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)
        chart.scroll_into_view_if_needed()
        box = chart.locator(".main-svg").first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box

        def inside(element) -> None:
            part = element.bounding_box()
            assert part is not None
            assert box["x"] - 1 <= part["x"] and part["x"] + part["width"] <= box["x"] + box["width"] + 1, (part, box)
            assert box["y"] - 1 <= part["y"] and part["y"] + part["height"] <= box["y"] + box["height"] + 1, (part, box)
            assert part["x"] + part["width"] <= 390, part

        inside(chart.locator(".gtitle").first)
        inside(chart.locator("g.annotation").filter(has_text="Source:").first)
        inside(chart.locator("g.annotation").filter(has_text="1 —").first)  # the event key
        ticks = chart.locator(".xtick text").evaluate_all("nodes => nodes.map(node => node.textContent)")
        years = [int(year) for year in re.findall(r"\d{4}", " ".join(ticks))]
        assert years and max(years) <= last_year + 1, ticks
        # A viewport as tall as the chart, same width, and no fixed header over its top: the whole
        # chart in one picture.
        page.set_viewport_size({"width": 390, "height": int(box["height"]) + 200})
        page.add_style_tag(content='[data-testid="stHeader"] { display: none; }')
        chart.scroll_into_view_if_needed()
        chart.screenshot(path=str(artifacts_dir / "overview-headline-390px.png"))
        assert errors == []
    finally:
        context.close()


def test_charts_follow_the_dark_theme(server, browser, artifacts_dir):
    from dashboard.figures.style import DARK_BACKGROUND

    context, page, errors = _open(browser, f"{server}/strikes", viewport={"width": 1400, "height": 1000},
                                  color_scheme="dark")
    try:
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)
        background = chart.locator(".main-svg rect.bg").first
        # The first run of a session may not know the theme yet (streamlit#11920); the next run does.
        if DARK_BACKGROUND.lower()[1:] not in _fill(background):
            page.get_by_role("radio", name="Week").click(force=True)
            page.wait_for_timeout(300)
            wait_until_idle(page)
        expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)
        assert _fill(chart.locator(".main-svg rect.bg").first) in ("rgb(20, 23, 28)", "#14171c"), \
            "the chart's background is the dark theme's"
        chart.screenshot(path=str(artifacts_dir / "strikes-dark.png"))
        assert errors == []
    finally:
        context.close()


def _fill(element) -> str:
    return element.evaluate("node => getComputedStyle(node).fill").lower()
