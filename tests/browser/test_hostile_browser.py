"""Hostile text in every free-text field: render the pages that show it in each kind of element
(charts, maps, tables, dossier, timeline details, search results) in a real browser, hover charts and
map objects, click links, and prove no payload runs and no javascript: link reaches the page.
Escaping in each builder is unit-tested; this is the end-to-end proof."""

import pytest
from playwright.sync_api import expect

from browser_support import streamlit_server, wait_until_idle
from fixtures import write_hostile_package

pytestmark = pytest.mark.browser
PAGES = ["", "sanctions?entity=test-entity", "timeline", "map", "data?table=sources", "search?q=fixture"]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    directory = write_hostile_package(tmp_path_factory.mktemp("hostile") / "data")
    with streamlit_server(env={"DASHBOARD_DATA_DIR": str(directory)}) as url:
        yield url


def _sweep(page, locator, columns=10, rows=3):
    """Move the mouse over a grid of points inside each element, firing every hover handler."""
    for index in range(locator.count()):
        element = locator.nth(index)
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        if not box:
            continue
        for row in range(rows):
            for column in range(columns):
                page.mouse.move(box["x"] + box["width"] * (column + 0.5) / columns,
                                box["y"] + box["height"] * (row + 0.5) / rows)


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_executes(hostile_server, browser, path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script("window.__pwned = undefined;")
    page.goto(f"{hostile_server}/{path}", wait_until="domcontentloaded")
    wait_until_idle(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, "the hostile package is valid data"

    _sweep(page, page.locator('[data-testid="stPlotlyChart"] .nsewdrag'))
    _sweep(page, page.locator('[data-testid="stDeckGlJsonChart"] canvas'), columns=16, rows=8)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], hrefs
    for link in page.locator('[data-testid="stMain"] a[href]:not([href^="#"])').all()[:10]:
        if link.is_visible():
            link.click(modifiers=["Control"], no_wait_after=True, force=True, timeout=5_000)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("script:text('window.__pwned')").count() == 0
    context.close()
