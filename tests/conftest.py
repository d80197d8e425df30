import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fixtures import write_package  # noqa: E402


def pytest_collection_modifyitems(items):
    """Real upstream files take seconds, so they count as slow; browser tests share one worker (and its
    servers and chromium) under `pytest -n 2 --dist loadgroup`, leaving the other core to everything else."""
    for item in items:
        if item.get_closest_marker("upstream"):
            item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session", autouse=True)
def checked_cache_in_a_temp_folder(tmp_path_factory):
    """The app's disk cache of validated tables goes to a folder of this run (servers started by tests
    inherit it), never to the user's ~/.cache."""
    from dashboard.data.checked_cache import CACHE_DIR_VARIABLE

    os.environ[CACHE_DIR_VARIABLE] = str(tmp_path_factory.mktemp("checked-cache"))


@pytest.fixture
def package_dir(tmp_path: Path) -> Path:
    return write_package(tmp_path / "data")


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for every real-browser test (each test opens its own context)."""
    from browser_support import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
