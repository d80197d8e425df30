"""The Map page in a real browser: the bundled borders are drawn (pixels, not just a canvas)."""

import io
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from browser_support import streamlit_server, wait_until_idle
from dashboard.figures.maps import LIGHT_BASE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


def share_near(image: Image.Image, colour: list[int], tolerance: int = 8) -> float:
    pixels = list(image.convert("RGB").getdata())
    near = sum(1 for pixel in pixels if all(abs(a - b) <= tolerance for a, b in zip(pixel, colour[:3])))
    return near / len(pixels)


def line_share(image: Image.Image) -> float:
    """Grey pixels darker than land and sea: the country and oblast outlines."""
    pixels = list(image.convert("RGB").getdata())
    lines = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) <= 12 and 90 <= r <= 200)
    return lines / len(pixels)


def test_map_page_draws_borders_under_the_data(server, browser, artifacts_dir):
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
        shot.save(artifacts_dir / "map-canvas.png")
        page.screenshot(path=str(artifacts_dir / "map.png"), full_page=True)
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
