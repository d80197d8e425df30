"""500 garbage query strings across every page: no exception, defaults applied, a visible note."""

import random
import string

import pytest

from apptest_helpers import run_app
from dashboard.transforms.filters import Filters

PAGES = {
    None: {},
    "views/strikes.py": {"period": ("strikes_period", "month"), "top": ("strikes_top", 10)},
    "views/suppliers.py": {},
    "views/deals.py": {},
    "views/sanctions.py": {"entity": ("sanctions_entity", None)},
    "views/systems.py": {"system": ("systems_pick", "shahed-136")},
    "views/timeline.py": {"types": ("timeline_types", ["transfers", "sanctions", "events", "strikes"])},
    "views/map.py": {"layers": ("map_layers", ["routes", "sites", "launch", "targets", "entities"])},
    "views/data.py": {"table": ("data_table", "transfers")},
}
GLOBAL = ("start", "end", "actors", "status", "from", "to", "evidence")
CASES = 500


def garbage(rng: random.Random, key: str) -> str:
    makers = [
        lambda: "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 60))).strip() or "~",
        lambda: "<img src=x onerror=alert(1)>",
        lambda: "javascript:alert(document.cookie)",
        lambda: "' OR 1=1 --",
        lambda: "%00%ff%fe" * rng.randint(1, 5),
        lambda: "\u202e\u0000\ufeff" + "ж" * rng.randint(1, 30),
        lambda: "9" * rng.randint(30, 700),
        lambda: f"{rng.randint(-9999, 9999)}-{rng.randint(13, 99)}-{rng.randint(32, 99)}",
        lambda: ",".join("Narnia" for _ in range(rng.randint(1, 5))),
        lambda: "x" * rng.randint(600, 3000),
        lambda: "{name}{detail}",
        lambda: "../../etc/passwd",
    ]
    value = rng.choice(makers)()
    if key in ("top",):
        return rng.choice(["-5", "0", "51", "1e3", "ten", value])
    return value


def cases():
    rng = random.Random(20261125)
    pages = list(PAGES)
    for index in range(CASES):
        page = pages[index % len(pages)]
        keys = list(GLOBAL) + list(PAGES[page])
        chosen = rng.sample(keys, rng.randint(1, min(4, len(keys))))
        params = {key: garbage(rng, key) for key in chosen}
        if rng.random() < 0.3:
            params["utm_" + "".join(rng.choices(string.ascii_lowercase, k=5))] = "ignored"
        yield pytest.param(page, params, id=f"{index:03d}-{page or 'overview'}")


@pytest.mark.parametrize(("page", "params"), list(cases()))
def test_garbage_query_strings(monkeypatch, page, params):
    app = run_app(monkeypatch, params=params, page=page)
    assert not app.exception
    assert app.warning, f"no visible note for {params!r}"
    assert app.session_state["active_filters"] == Filters(), "global filters fall back to defaults"
    for param, (key, default) in PAGES[page].items():
        if param in params and default is not None:
            assert app.session_state[key] == default, f"{param} did not fall back to its default"
