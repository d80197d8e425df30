"""Every download button on every page, clicked in a real browser against a runtime-only install.

The app runs from a `pip install .` of the project (not editable, no test extra), so a file the
package fails to ship, or an export dependency only the test extra brings, breaks this test the way
it would break a user's `make run`. With DEPLOYED_URL set, the buttons of that running deployment (the
Docker image) are clicked instead."""

import csv
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree
import zipfile

import pytest
from playwright.sync_api import expect

from browser_support import (ROOT, app_paths, chromium_path, deployed_or_served, installed_package, runtime_install,
                             streamlit_server, wait_until_idle)
from dashboard.data.contract import load_contract
from dashboard.data.store import DATA_DIR_VARIABLE

pytestmark = pytest.mark.browser

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_SIZE = (2400, 1350)  # EXPORT_WIDTH × EXPORT_HEIGHT at EXPORT_SCALE 2
# The map has no data download, and the search page only lists what a query finds.
PAGES_WITHOUT_DOWNLOADS = {"map", "search"}


# Tabs with downloads of their own beside each page's default view: the Sanctions page's sections
# were all on one page until they became tabs, and every button they hold is still clicked.
TABS_WITH_DOWNLOADS = ["sanctions?tab=Who+moved+first", "sanctions?tab=Against+strikes",
                       "sanctions?tab=Entity+dossier"]
PAGES = app_paths() + TABS_WITH_DOWNLOADS


def test_the_pages_are_read_from_the_app():
    assert "" in PAGES and "data" in PAGES and len(PAGES) == len(set(PAGES)) >= 8


@pytest.fixture(scope="module")
def runtime_server(tmp_path_factory):
    chromium_path()  # fails in CI, skips elsewhere, before the slow install
    if os.environ.get("DEPLOYED_URL"):
        # Every button of a running deployment (the Docker image, whose chromium draws the exports).
        with deployed_or_served() as url:
            yield url
        return
    directory = tmp_path_factory.mktemp("runtime-install")
    python = runtime_install(directory)
    workdir = directory / "run"
    workdir.mkdir()
    package = installed_package(python, workdir)
    assert directory / "venv" in package.parents, f"dashboard resolves to {package}, not the installed copy"
    without_tests = subprocess.run([str(python), "-c", "import pytest"], capture_output=True)
    assert without_tests.returncode != 0, "the runtime install must not carry the test extra"
    # The package does not ship data/: the app reads the checkout's, as a deployment points it at its data.
    with streamlit_server(env={DATA_DIR_VARIABLE: str(ROOT / "data")}, python=python, app=package / "app.py",
                          cwd=workdir, timeout=120) as url:
        yield url


def _check_png(blob: bytes) -> None:
    assert blob.startswith(PNG_SIGNATURE)
    assert len(blob) > 20_000, f"a {len(blob)}-byte PNG is too small to hold a chart"
    width, height = int.from_bytes(blob[16:20], "big"), int.from_bytes(blob[20:24], "big")
    # Slide width; slide height unless the chart is taller (an event key, many rows), never squeezed.
    assert width == PNG_SIZE[0] and height >= PNG_SIZE[1] and height % 2 == 0, (width, height)


def _check_svg(blob: bytes) -> None:
    assert ElementTree.fromstring(blob).tag.endswith("svg")


def _check_zip(blob: bytes, label: str) -> None:
    stated = re.search(r"\(([\d,]+) rows?, zip\)", label)
    assert stated, f"{label!r} does not state its rows"
    archive = zipfile.ZipFile(io.BytesIO(blob))
    names = archive.namelist()
    tables = [name for name in names if name.endswith(".csv")]
    assert len(tables) == 1 and {"datapackage.json", "CITATION.txt"} <= set(names), names
    rows = list(csv.reader(io.TextIOWrapper(archive.open(tables[0]), encoding="utf-8", newline="")))
    assert len(rows) - 1 == int(stated.group(1).replace(",", ""))
    fields = json.loads(archive.read("datapackage.json"))["resources"][0]["schema"]["fields"]
    assert [field["name"] for field in fields] == rows[0]
    assert "(APA)" in archive.read("CITATION.txt").decode("utf-8")


@pytest.mark.parametrize("path", PAGES, ids=[path or "home" for path in PAGES])
def test_every_download_yields_a_valid_file(runtime_server, browser, path, tmp_path):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{runtime_server}/{path}", wait_until="domcontentloaded")
        expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
        # A button with help text also renders a hidden copy of itself: click what a user can see.
        buttons = page.locator('[data-testid="stDownloadButton"] button:visible')
        if path not in PAGES_WITHOUT_DOWNLOADS:
            expect(buttons.first).to_be_visible(timeout=90_000)
        wait_until_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        # Each button by its widget key (Streamlit's st-key-… class), not by position: a tooltip or a
        # rerun can add or move buttons between one click and the next.
        keys = page.eval_on_selector_all(
            '[data-testid="stElementContainer"]:has([data-testid="stDownloadButton"])',
            'containers => containers.filter(c => c.checkVisibility())'
            '.map(c => [...c.classList].find(name => name.startsWith("st-key-")))')
        assert (len(keys) == 0) == (path in PAGES_WITHOUT_DOWNLOADS), f"{len(keys)} download buttons on /{path}"
        assert all(keys) and len(set(keys)) == len(keys), keys
        for key in keys:
            button = page.locator(f".{key} button:visible")
            label = button.inner_text().strip()
            assert button.is_enabled(), f"{label!r} is disabled"
            with page.expect_download(timeout=120_000) as download:
                button.click()
            target = tmp_path / download.value.suggested_filename
            download.value.save_as(target)
            blob = target.read_bytes()
            if "PNG" in label:
                assert target.suffix == ".png"
                _check_png(blob)
            elif "SVG" in label:
                assert target.suffix == ".svg"
                _check_svg(blob)
            else:
                assert target.suffix == ".zip", f"{label!r} gave {target.name}"
                _check_zip(blob, label)
    finally:
        context.close()


def test_a_picked_record_shows_its_citation(runtime_server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{runtime_server}/data?table=transfers", wait_until="domcontentloaded")
        grid = page.locator('[data-testid="stDataFrame"]').first
        expect(grid).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        box = grid.bounding_box()
        # The first row's selection box: left edge of the grid, below its header row.
        page.mouse.click(box["x"] + 18, box["y"] + 52)
        expect(page.get_by_text("Cite this record")).to_be_visible(timeout=30_000)
        apa, bibtex = (page.locator('[data-testid="stCode"]').nth(index).inner_text() for index in (0, 1))
        assert f"[{load_contract().table('transfers').title} record " in apa
        assert "Original sources: " in apa and "&q=" in apa
        assert bibtex.startswith("@misc{") and "Original sources: " in bibtex
    finally:
        context.close()
