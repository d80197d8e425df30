"""A handful of real-browser checks: the app renders, its charts draw, nothing errors."""

import re

import pytest
from playwright.sync_api import expect

from browser_support import ROOT, streamlit_server, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()


def test_overview_renders_with_chart(server, page, artifacts_dir):
    page.goto(f"{server}/?actors=Iran", wait_until="domcontentloaded")
    wait_until_idle(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    page.screenshot(path=str(artifacts_dir / "overview.png"), full_page=True)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(3, timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "actors=Iran" in page.url
    assert page.errors == []


def test_strikes_page_renders_charts_and_map(server, page, artifacts_dir):
    page.goto(f"{server}/strikes?period=week&actors=Iran", wait_until="domcontentloaded")
    wait_until_idle(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=60_000)
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "period=week" in page.url
    page.screenshot(path=str(artifacts_dir / "strikes.png"), full_page=True)
    assert page.errors == []


def test_suppliers_page_renders(server, page, artifacts_dir):
    page.goto(f"{server}/suppliers", wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(3, timeout=30_000)
    page.screenshot(path=str(artifacts_dir / "suppliers.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_sanctions_page_renders(server, page, artifacts_dir):
    page.goto(f"{server}/sanctions?entity=shahed-aviation-industries", wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible(timeout=60_000)
    # One map, drawn (deck.gl may use more than one canvas for it).
    expect(page.locator('[data-testid="stDeckGlJsonChart"]')).to_have_count(1, timeout=60_000)
    expect(page.locator('[data-testid="stDeckGlJsonChart"] canvas').first).to_be_attached(timeout=60_000)
    page.screenshot(path=str(artifacts_dir / "sanctions.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


BRIEF_PAGES = ["", "strikes", "suppliers", "deals", "sanctions", "systems", "timeline", "map", "data"]


@pytest.mark.parametrize("path", BRIEF_PAGES)
def test_every_page_renders_in_briefing_mode(server, page, artifacts_dir, path):
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"{server}/{path}?brief=1", wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stExpandSidebarButton"]')).to_be_hidden(timeout=30_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=60_000)
    if page.locator('[data-testid="stPlotlyChart"]').count():
        expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible(timeout=60_000)
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(artifacts_dir / f"brief-{path or 'overview'}.png"))
    assert page.errors == []


def test_chart_modebar_downloads_a_png(server, page, artifacts_dir):
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
    target = artifacts_dir / download.suggested_filename
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


def test_strikes_page_shows_nights_of_attack_and_the_ew_break(server, page, artifacts_dir):
    page.goto(f"{server}/strikes", wait_until="domcontentloaded")
    wait_until_idle(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)
    expect(chart.get_by_text("EW losses reported · not reported")).to_be_visible(timeout=30_000)
    expect(chart.get_by_text("no longer reports drones lost to EW", exact=False)).to_be_visible()
    chart.screenshot(path=str(artifacts_dir / "strikes-interception-ew-break.png"))

    nights = page.locator('[data-testid="stDataFrame"]').first
    nights.scroll_into_view_if_needed()
    cells = nights.locator('[role="gridcell"]')
    expect(cells.filter(has_text="6–7 Sep 2025")).to_have_count(1, timeout=30_000)
    expect(cells.filter(has_text="8–9 Jul 2025")).to_have_count(1)
    labels = [text for text in cells.all_inner_texts() if " 20" in text and "–" in text and "→" not in text]
    assert labels and all(re.fullmatch(r"\d{1,2}( [A-Z][a-z]{2})?–\d{1,2} [A-Z][a-z]{2} \d{4}", label)
                          or re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}–\d{1,2} [A-Z][a-z]{2} \d{4}", label)
                          for label in labels), labels
    nights.screenshot(path=str(artifacts_dir / "strikes-biggest-nights.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_one_month_by_report_date_draws_that_month(server, page, artifacts_dir):
    page.goto(f"{server}/strikes?start=2025-07-01&end=2025-07-31&dated=report", wait_until="domcontentloaded")
    wait_until_idle(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)
    expect(chart.get_by_text("by report date", exact=False)).to_be_visible(timeout=30_000)
    bars = chart.locator(".barlayer .point path")
    expect(bars.first).to_be_visible(timeout=30_000)
    widths = [box["width"] for box in (bar.bounding_box() for bar in bars.all()) if box]
    assert widths and min(widths) > 200, widths  # a month-wide bar, not a hairline
    chart.screenshot(path=str(artifacts_dir / "strikes-one-month-report-date.png"))
    assert page.errors == []


def app_paths() -> list[str]:
    """Every path the app links to (read from app.py, so a new page is covered): "" for the default page,
    which Streamlit serves at the root whatever its url_path, and every other page's url_path."""
    source = (ROOT / "dashboard" / "app.py").read_text(encoding="utf-8")
    pages = re.findall(r"st\.Page\(([^)]*)\)", source)
    return [""] + [re.search(r'url_path="([^"]+)"', page)[1] for page in pages if "default=True" not in page]


PAGE_PATHS = app_paths()


def test_the_path_list_follows_the_app():
    assert {"overview", "strikes", "search", "data"} <= set(PAGE_PATHS) and len(PAGE_PATHS) >= 11


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_page_path_opens_without_a_dialog_and_keeps_its_filters(server, page, path):
    page.goto(f"{server}/{path}?actors=Iran", wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    page.wait_for_timeout(500)
    assert page.locator('[role="dialog"]').count() == 0
    assert page.url.endswith(f"/{path}?actors=Iran")
    assert page.errors == []
