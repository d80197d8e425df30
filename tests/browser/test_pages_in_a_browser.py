"""The app in a real browser, as people open it, served as deployed (`python -m dashboard serve`: two
replicas behind nginx with the security headers): every page path the app links to draws its charts
and maps, keeps its filters and breaks no rule of the Content-Security-Policy; briefing links show no
widget; charts export from the modebar, fit a phone, follow the dark theme; the map draws its borders."""

import io
import re
import time

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from browser_support import app_paths, deployed_or_served, wait_until_idle
from dashboard.figures.maps import LIGHT_BASE

pytestmark = pytest.mark.browser
PAGE_PATHS = app_paths()
WIDGET_TEST_IDS = ["stRadio", "stSelectbox", "stMultiSelect", "stSlider", "stTextInput", "stButton",
                   "stDownloadButton", "stDateInput", "stNumberInput", "stCheckbox", "stPopover"]


@pytest.fixture(scope="module")
def server():
    # DEPLOYED_URL=http://host:8080 runs these against a running deployment (the Docker image) instead.
    with deployed_or_served(replicas=2) as url:
        yield url


# Records every CSP violation the page reports, before any of its own scripts run.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.add_init_script(CSP_LISTENER)
    yield page
    context.close()


def _open(browser, url: str, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    return context, page, errors


def _charts_drawn(page) -> None:
    """Every plotly chart has its SVG and every map its canvas: drawn, not just placed."""
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for index in range(charts.count()):
        expect(charts.nth(index).locator(".main-svg").first).to_be_attached(timeout=60_000)
    maps = page.locator('[data-testid="stDeckGlJsonChart"]')
    for index in range(maps.count()):
        expect(maps.nth(index).locator("canvas").first).to_be_attached(timeout=60_000)


def test_the_path_list_follows_the_app():
    assert {"", "strikes", "search", "data"} <= set(PAGE_PATHS) and len(PAGE_PATHS) >= 10


@pytest.mark.parametrize("path", PAGE_PATHS, ids=[path or "home" for path in PAGE_PATHS])
def test_every_page_opens_draws_and_keeps_its_filters(server, page, path):
    page.goto(f"{server}/{path}?actors=Iran", wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=60_000)
    _charts_drawn(page)
    assert page.locator('[role="dialog"]').count() == 0, "no 'Page not found' dialog"
    assert page.url.endswith(f"/{path}?actors=Iran")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, "the bundled data is valid"
    assert page.evaluate("window.__csp") == [], "nothing the Content-Security-Policy forbids"
    assert page.errors == []


def test_the_filter_bar_steers_the_page_and_resets(server, page):
    """Picking a filter in the sidebar reruns the page with it and puts it in the link; Reset takes both
    back."""
    page.goto(f"{server}/", wait_until="domcontentloaded")
    wait_until_idle(page)
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    expect(caption).to_contain_text("all records", timeout=60_000)
    actors = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Actors")
    actors.locator("input").click()
    page.get_by_role("option", name="North Korea", exact=True).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]actors=North(\+|%20)Korea"), timeout=60_000)
    expect(caption).to_contain_text("filtered: actors: north korea", timeout=60_000)
    wait_until_idle(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Reset filters").click()
    expect(caption).to_contain_text("all records", timeout=60_000)
    expect(page).not_to_have_url(re.compile(r"actors="))
    expect(actors.get_by_text("North Korea")).to_have_count(0)
    assert page.errors == []



def test_the_transfer_filters_open_on_click_and_steer_the_page(server, page):
    """The supplier, recipient and evidence filters wait in a closed group; opening it draws them, and a
    choice there filters the page and goes into the link."""
    page.goto(f"{server}/suppliers", wait_until="domcontentloaded")
    wait_until_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.locator('[data-testid="stMultiSelect"]')).to_have_count(2, timeout=60_000)
    sidebar.get_by_text("Transfers: supplier, recipient, evidence").click()
    supplier = sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Supplier (from)")
    expect(supplier).to_be_visible(timeout=60_000)
    supplier.locator("input").click()
    page.get_by_role("option", name="North Korea", exact=True).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]from=North(\+|%20)Korea"), timeout=60_000)
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []

BRIEF_PATHS = ["", "strikes", "sanctions?entity=alabuga-sez", "search?q=shahed"]


@pytest.mark.parametrize("path", BRIEF_PATHS)
def test_a_briefing_link_shows_no_widget_and_no_sidebar(server, browser, path):
    link = f"{server}/{path}{'&' if '?' in path else '?'}brief=1"
    context, page, errors = _open(browser, link, viewport={"width": 1600, "height": 900})
    try:
        _charts_drawn(page)
        found = {test_id: page.locator(f'[data-testid="{test_id}"]').count() for test_id in WIDGET_TEST_IDS}
        assert not any(found.values()), found
        assert page.locator('[data-testid="stSidebar"]').is_hidden()
        expect(page.locator('[role="tablist"]')).to_be_hidden()
        expect(page.locator('[data-testid="stExpandSidebarButton"]')).to_be_hidden(timeout=30_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert errors == []
    finally:
        context.close()


def test_chart_modebar_downloads_a_png(server, page, tmp_path):
    page.goto(f"{server}/strikes", wait_until="domcontentloaded")
    wait_until_idle(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)
    chart.hover()
    button = chart.locator('.modebar-btn[data-title^="Download plot"]')
    with page.expect_download(timeout=60_000) as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename.startswith("iranian-drones_") and download.suggested_filename.endswith(".png")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    header = target.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    from dashboard.charts import Inputs, build
    from dashboard.data.contract import load_contract
    from dashboard.data.validation import load_data
    from dashboard.transforms.filters import Filters

    shown = build("iranian-drones", Inputs(load_data(), load_contract(), Filters()))
    expected = (2400, 2 * max(675, shown.figure["layout"]["height"]))
    assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == expected


def test_strikes_page_shows_nights_of_attack_and_the_ew_break(server, page):
    page.goto(f"{server}/strikes", wait_until="domcontentloaded")
    wait_until_idle(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)
    expect(chart.get_by_text("EW losses reported · not reported")).to_be_visible(timeout=30_000)
    expect(chart.get_by_text("no longer reports drones lost to EW", exact=False)).to_be_visible()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0, "the nights wait in their tab"
    assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 0, "the map waits in its tab"

    page.get_by_role("tab", name="Biggest nights").click()
    nights = page.locator('[data-testid="stDataFrame"]').first
    expect(nights).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"[?&]tab=Biggest(\+|%20)nights"))
    nights.scroll_into_view_if_needed()
    cells = nights.locator('[role="gridcell"]')
    expect(cells.filter(has_text="6–7 Sep 2025")).to_have_count(1, timeout=30_000)
    expect(cells.filter(has_text="8–9 Jul 2025")).to_have_count(1)
    labels = [text for text in cells.all_inner_texts() if " 20" in text and "–" in text and "→" not in text]
    assert labels and all(re.fullmatch(r"\d{1,2}( [A-Z][a-z]{2})?–\d{1,2} [A-Z][a-z]{2} \d{4}", label)
                          or re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}–\d{1,2} [A-Z][a-z]{2} \d{4}", label)
                          for label in labels), labels

    page.get_by_role("tab", name="Map").click()
    expect(page.locator('[data-testid="stDeckGlJsonChart"] canvas').first).to_be_attached(timeout=60_000)
    expect(page).to_have_url(re.compile(r"[?&]tab=Map"))
    page.get_by_role("tab", name="Over time").click()
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible(timeout=60_000)
    assert "tab=" not in page.url, "the default tab leaves the link clean"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_sanctions_and_deals_maps_wait_in_their_tabs(server, page):
    """A link to an entity opens the Sanctions page on its dossier; the charts and the map are a click
    away, each named in the link. On Deals the routes map waits in its tab too."""
    page.goto(f"{server}/sanctions?entity=alabuga-sez", wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(page.get_by_role("tab", name="Entity dossier")).to_have_attribute("aria-selected", "true", timeout=60_000)
    expect(page.get_by_role("heading", name="Special Economic Zone Alabuga")).to_be_visible(timeout=60_000)
    charts, maps = page.locator('[data-testid="stPlotlyChart"]'), page.locator('[data-testid="stDeckGlJsonChart"]')
    assert charts.count() == 0 and maps.count() == 0

    page.get_by_role("tab", name="Designations").click()
    expect(page).to_have_url(re.compile(r"[?&]tab=Designations"), timeout=60_000)
    expect(charts).to_have_count(2, timeout=60_000)
    _charts_drawn(page)
    page.get_by_role("tab", name="Map").click()
    expect(page).to_have_url(re.compile(r"[?&]tab=Map"), timeout=60_000)
    expect(maps.locator("canvas").first).to_be_attached(timeout=60_000)
    expect(charts).to_have_count(0)

    page.goto(f"{server}/deals", wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(charts.locator(".main-svg").first).to_be_visible(timeout=60_000)
    assert maps.count() == 0, "the routes map waits in its tab"
    page.get_by_role("tab", name="Routes and sites").click()
    expect(page).to_have_url(re.compile(r"[?&]tab=Routes(\+|%20)and(\+|%20)sites"), timeout=60_000)
    expect(maps.locator("canvas").first).to_be_attached(timeout=60_000)
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.evaluate("window.__csp") == []
    assert page.errors == []


@pytest.mark.parametrize("link,viewport", [("", {"width": 1400, "height": 1000}),
                                           ("?brief=1", {"width": 1600, "height": 900})])
def test_overview_summary_tables_fit_their_columns(server, browser, link, viewport):
    """The two small summaries sit side by side: each stays inside its half of the page, on screen and
    on a slide's larger type, so neither is drawn over the other."""
    context, page, errors = _open(browser, f"{server}/{link}", viewport=viewport)
    try:
        columns = page.locator('[data-testid="stColumn"]').filter(has=page.locator("table"))
        expect(columns).to_have_count(2, timeout=60_000)
        boxes = []
        for index in range(2):
            column = columns.nth(index)
            column.scroll_into_view_if_needed()
            outer, table = column.bounding_box(), column.locator("table").bounding_box()
            assert table["x"] >= outer["x"] - 1 and table["x"] + table["width"] <= outer["x"] + outer["width"] + 1, \
                (index, table, outer)
            boxes.append(table)
        assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"], boxes
        assert errors == []
    finally:
        context.close()


def test_overview_charts_open_one_tab_at_a_time(server, page):
    page.goto(f"{server}/", wait_until="domcontentloaded")
    wait_until_idle(page)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts.locator(".main-svg").first).to_be_visible(timeout=60_000)
    expect(charts.first.locator(".gtitle")).to_contain_text("Iranian-designed drones")
    expect(charts).to_have_count(1)

    page.get_by_role("tab", name="Sanctions").click()
    expect(page).to_have_url(re.compile(r"[?&]tab=Sanctions"))
    expect(charts.first.locator(".gtitle")).to_contain_text("Designations aimed at", timeout=60_000)
    expect(charts).to_have_count(1)
    wait_until_idle(page)
    # Another page's tabs share the `tab` parameter: it opens on its own first tab, not on an error.
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Strikes").click()
    expect(page.get_by_role("tab", name="Over time")).to_have_attribute("aria-selected", "true", timeout=60_000)
    expect(charts.first.locator(".main-svg").first).to_be_visible(timeout=60_000)
    assert "tab=" not in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_one_month_by_report_date_draws_that_month(server, page):
    page.goto(f"{server}/strikes?start=2025-07-01&end=2025-07-31&dated=report", wait_until="domcontentloaded")
    wait_until_idle(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)
    expect(chart.get_by_text("by report date", exact=False)).to_be_visible(timeout=30_000)
    bars = chart.locator(".barlayer .point path")
    expect(bars.first).to_be_visible(timeout=30_000)
    widths = [box["width"] for box in (bar.bounding_box() for bar in bars.all()) if box]
    assert widths and min(widths) > 200, widths  # a month-wide bar, not a hairline
    assert page.errors == []


# A phone's own user agent ("Mobi"), as an iPhone 13 sends it: the server frames charts for a phone by it.
PHONE_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Version/15.0 Mobile/15E148 Safari/604.1")


def test_overview_headline_chart_fits_a_phone(server, browser):
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
        assert errors == []
    finally:
        context.close()


def test_a_wide_table_scrolls_sideways_on_a_phone(server, browser):
    """The Overview's table inventory has eight columns: on a phone it scrolls inside the page instead
    of running off the screen, and its last column can be brought into view."""
    context, page, errors = _open(browser, f"{server}/", viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True, user_agent=PHONE_AGENT)
    try:
        holder = page.locator('[data-testid="stMarkdownContainer"]').filter(
            has=page.locator("th", has_text="What it holds"))
        expect(holder).to_have_count(1, timeout=60_000)
        holder.scroll_into_view_if_needed()
        box = holder.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert holder.evaluate("node => node.scrollWidth > node.clientWidth"), "the table is wider than a phone"
        last = holder.locator("th").last
        assert last.bounding_box()["x"] > 390, "before scrolling, the last column is off screen"
        holder.evaluate("node => { node.scrollLeft = node.scrollWidth; }")
        seen = last.bounding_box()
        assert 0 <= seen["x"] and seen["x"] + seen["width"] <= 390 + 1, seen
        assert errors == []
    finally:
        context.close()


def test_charts_follow_the_dark_theme(server, browser):
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
        assert errors == []
    finally:
        context.close()


def _fill(element) -> str:
    return element.evaluate("node => getComputedStyle(node).fill").lower()


def _pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"), dtype=int).reshape(-1, 3)


def share_near(image: Image.Image, colour: list[int], tolerance: int = 8) -> float:
    return float((np.abs(_pixels(image) - np.asarray(colour[:3])) <= tolerance).all(axis=1).mean())


def line_share(image: Image.Image) -> float:
    """Grey pixels darker than land and sea: the country and oblast outlines."""
    pixels = _pixels(image)
    grey = pixels.max(axis=1) - pixels.min(axis=1) <= 12
    return float((grey & (pixels[:, 0] >= 90) & (pixels[:, 0] <= 200)).mean())


def test_map_page_draws_borders_under_the_data(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        # Sanctioned entities only: a few dots, so almost all of the canvas is geography.
        page.goto(f"{server}/map?layers=entities", wait_until="domcontentloaded")
        wait_until_idle(page)
        chart = page.locator('[data-testid="stDeckGlJsonChart"]')
        expect(chart.locator("canvas").first).to_be_attached(timeout=60_000)
        # deck.gl draws after the canvas appears: poll its pixels until the land shows, with a deadline.
        deadline = time.monotonic() + 30
        while True:
            shot = Image.open(io.BytesIO(chart.screenshot()))
            land, sea = share_near(shot, LIGHT_BASE.land), share_near(shot, LIGHT_BASE.water)
            if land > 0.2 or time.monotonic() > deadline:
                break
            page.wait_for_timeout(250)
        assert land > 0.2, f"land colour on {land:.1%} of the map: countries not drawn"
        assert sea > 0.05, f"sea colour on {sea:.1%} of the map: the sea layer not drawn"
        assert share_near(shot, [255, 255, 255], tolerance=2) < 0.05, "a blank (white) canvas shows through"
        assert line_share(shot) > 0.005, "no border lines drawn"
        expect(page.get_by_text("Crimea is drawn as Ukrainian territory under Russian occupation")).to_be_visible()
        expect(page.get_by_text("Sanctioned entities").last).to_be_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
        assert errors == []
    finally:
        context.close()
