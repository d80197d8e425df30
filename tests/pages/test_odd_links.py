"""Each page opened from a link whose every parameter is garbage: no exception, one visible note per
ignored parameter, and the defaults in force. (The parsers meet 1,000+ odd values in
tests/transforms/test_links.py; here each page proves it shows what they decide.)"""

import pytest

from apptest_helpers import run_app
from dashboard.data.validation import load_data
from dashboard.transforms.filters import Filters
from dashboard.transforms.views import entity_labels

FIRST_ENTITY = next(iter(entity_labels(load_data().tables["sanctions"])))

# Each page's own link parameters: the widget key that holds the value, and its default.
PAGES = {
    None: {},
    "views/strikes.py": {"period": ("strikes_period", "month"), "top": ("strikes_top", 10)},
    "views/suppliers.py": {},
    "views/deals.py": {},
    "views/sanctions.py": {"entity": ("sanctions_entity", FIRST_ENTITY)},
    "views/systems.py": {"system": ("systems_pick", "shahed-136")},
    "views/timeline.py": {"types": ("timeline_types", ["transfers", "sanctions", "events", "strikes"])},
    "views/map.py": {"layers": ("map_layers", ["routes", "sites", "launch", "targets", "entities"])},
    "views/data.py": {"table": ("data_table", "transfers")},
}
GARBAGE = {"start": "2024-13-45", "end": "<img src=x onerror=alert(1)>", "actors": "Narnia,Atlantis",
           "status": "' OR 1=1 --", "from": "javascript:alert(1)", "to": "\u202e\u0000ж", "evidence": "9" * 700,
           "period": "fortnight", "top": "²", "entity": "../../etc/passwd", "system": "{name}{detail}",
           "types": "bogus", "layers": "%00%ff", "table": "secrets"}


@pytest.mark.parametrize("page", PAGES, ids=[page or "overview" for page in PAGES])
def test_a_link_of_garbage_falls_back_to_the_defaults_with_a_note_each(monkeypatch, page):
    params = {name: GARBAGE[name] for name in ("start", "end", "actors", "status", "from", "to", "evidence",
                                                *PAGES[page])}
    app = run_app(monkeypatch, params={**params, "utm_source": "newsletter"}, page=page)
    assert not app.exception
    notes = [warning.value.replace("\\", "") for warning in app.warning]  # as read, markdown escapes gone
    for name in params:
        assert sum(f"{name}=" in note or f"{name}:" in note for note in notes) >= 1, (name, notes)
    assert not any("utm_source" in note for note in notes), "parameters the app does not use are not noted"
    assert app.session_state["active_filters"] == Filters()
    for name, (key, default) in PAGES[page].items():
        assert app.session_state[key] == default, f"{name} did not fall back to its default"
