"""Link parameters, parsed without Streamlit: every odd value a shared link can carry falls back to
the default with a note that names it, and every value a page offers is taken as it is."""

from datetime import date

import pytest

from dashboard.transforms.filters import Filters, parse_query
from dashboard.transforms.links import MAX_TEXT_PARAM, parse_choice, parse_multi, parse_number, parse_text
from odd_values import odd_values

PERIODS = {"night": "Night", "week": "Week", "month": "Month"}
LAYERS = {"routes": "Routes", "sites": "Sites", "launch": "Launch areas", "targets": "Targets"}
ACTORS = ["Iran", "Russia", "North Korea"]
STATUSES = ["delivered", "agreed", "reported"]
DIRECTIONS = {"supplier_options": ["Iran", "North Korea"], "recipient_options": ["Russia", "Iran"],
              "evidence_options": ["official", "media"]}
ODD = odd_values(20261202, 400)
LIST_PARAMS = {"actors", "status", "from", "to", "evidence"}


@pytest.mark.parametrize("value", ODD)
def test_an_odd_value_falls_back_with_a_note_naming_it(value):
    choice, note = parse_choice(value, PERIODS, param="period", default="month")
    assert (choice, note is None) == ("month", False)
    assert note.startswith("period=" + repr(value[:40])) and note.endswith("showing Month.")

    layers, note = parse_multi(value, LAYERS, param="layers", label="Layers")
    assert layers == tuple(LAYERS) and note.startswith("layers=" + repr(value[:40]))

    top, note = parse_number(value, param="top", default=10, low=1, high=50)
    assert top == 10 and note.endswith("is not a whole number from 1 to 50; showing 10.")

    assert parse_text(value) == value[:MAX_TEXT_PARAM]


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize("param", ["start", "end", "actors", "status", "from", "to", "evidence"])
def test_an_odd_global_filter_value_is_dropped_with_a_note(param, value):
    filters, notes = parse_query({param: value}, ACTORS, STATUSES, **DIRECTIONS)
    assert filters == Filters()
    if param in LIST_PARAMS and not value.strip(" ,"):
        assert notes == [], "an empty list is no request, so nothing was ignored"
    else:
        assert len(notes) == 1 and param in notes[0]


@pytest.mark.parametrize(("requested", "expected"), [
    (None, ("month", None)), ("week", ("week", None)), ("night", ("night", None)),
    ("Week", ("month", "period='Week' is not one of night, week, month; showing Month.")),
    ("", ("month", "period='' is not one of night, week, month; showing Month.")),
])
def test_choice(requested, expected):
    assert parse_choice(requested, PERIODS, param="period", default="month") == expected


def test_a_long_list_of_choices_is_counted_not_listed():
    options = {f"system-{i}": f"System {i}" for i in range(30)}
    assert parse_choice("nope", options, param="system", default="system-3") == (
        "system-3", "system='nope' is not one of the 30 listed choices; showing System 3.")


@pytest.mark.parametrize(("requested", "chosen", "noted"), [
    (None, tuple(LAYERS), False),
    ("routes", ("routes",), False),
    ("targets,routes", ("targets", "routes"), False),
    (" routes , sites ", ("routes", "sites"), False),
    ("routes,routes", ("routes",), False),
    ("routes,atlantis", tuple(LAYERS), True),
    (",", tuple(LAYERS), True),
    ("", tuple(LAYERS), True),
])
def test_multi(requested, chosen, noted):
    values, note = parse_multi(requested, LAYERS, param="layers", label="Layers")
    assert values == chosen and (note is not None) == noted


@pytest.mark.parametrize(("requested", "expected"), [
    (None, 10), ("1", 1), ("50", 50), ("07", 7), ("0", 10), ("51", 10), ("-5", 10), ("1e3", 10), ("ten", 10),
    ("²", 10), ("٣", 10), (" 5", 10), ("9" * 400, 10),
])
def test_number(requested, expected):
    value, note = parse_number(requested, param="top", default=10, low=1, high=50)
    assert value == expected
    assert (note is None) == (requested is None or requested in ("1", "50", "07"))


def test_a_valid_link_parses_to_exactly_its_filters():
    params = {"start": "2023-01-01", "end": "2024-06-30", "actors": "iran, RUSSIA", "status": "delivered",
              "from": "Iran", "to": "Russia", "evidence": "official,media"}
    filters, notes = parse_query(params, ACTORS, STATUSES, **DIRECTIONS)
    assert notes == []
    assert filters == Filters(date(2023, 1, 1), date(2024, 6, 30), ("Iran", "Russia"), ("delivered",), ("Iran",),
                              ("Russia",), ("official", "media"))
