import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fixtures import write_package  # noqa: E402


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
