"""Shared AppTest set-up: run the dashboard on a chosen data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data.store import DATA_DIR_VARIABLE

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def run_app(monkeypatch, data_dir: Path | None = None, params: dict[str, str] | None = None,
            page: str | None = None) -> AppTest:
    if data_dir is not None:
        monkeypatch.setenv(DATA_DIR_VARIABLE, str(data_dir))
    else:
        monkeypatch.delenv(DATA_DIR_VARIABLE, raising=False)
    app = AppTest.from_file(APP, default_timeout=60)
    for name, value in (params or {}).items():
        app.query_params[name] = value
    if page:
        # Straight to the page, as a link to it opens: a detour through the Overview would let its tabs
        # rewrite the link's `tab` first.
        app.switch_page(page)
    return app.run()


def leaves(node):
    """The elements of an AppTest block tree in page order (blocks flattened away)."""
    children = getattr(node, "children", None)
    if children is None:
        yield node
        return
    for child in children.values():
        yield from leaves(child)


def dataframe_headers(app: AppTest) -> list[str]:
    """The headers each st.dataframe shows: its column_config label, else the column's own name."""
    headers = []
    for frame in app.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        for column in map(str, frame.value.columns):
            if not config.get(column, {}).get("hidden"):
                headers.append(config.get(column, {}).get("label") or column)
    return headers


def first_fast(values: list) -> list:
    """Parametrize values of one page state: the first runs in the edit loop (`make test-fast`), the
    other variants only in `make test`."""
    return [value if index == 0 else pytest.param(*(value if isinstance(value, tuple) else (value,)),
                                                   marks=pytest.mark.slow)
            for index, value in enumerate(values)]


def open_tab(app: AppTest) -> str:
    """The label of the tab the page's (one) tab row shows open: the row's `default_tab_index` carries
    the current selection."""
    (row,) = [block for block in leaves_and_blocks(app.main) if getattr(block, "type", None) == "tab_container"]
    return [tab.label for tab in app.tabs][row.proto.tab_container.default_tab_index]


def leaves_and_blocks(node):
    """Every node of an AppTest block tree, blocks included, in page order."""
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from leaves_and_blocks(child)
