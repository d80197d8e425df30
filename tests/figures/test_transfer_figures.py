"""Transfer figure builders: what each chart counts and its status mix, claim-status colours and
markers, and the routes map."""

import itertools
import math

import pytest

from dashboard.data.geo import boundaries
from dashboard.figures.maps import transfer_map_deck
from dashboard.figures.transfers import (STATUS_STYLE, breakdown_figure, programme_timeline_figure,
                                         records_per_year_figure, two_way_figure)
from dashboard.transforms.transfers import (breakdown, programme_lanes, records_by, route_geography, status_mix,
                                            to_russia, two_way_balance)
from frames import transfer_tables


@pytest.fixture
def tables(tmp_path):
    return transfer_tables(tmp_path)


def _cie_lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB hex → CIE L*a*b* (D65), written out here so the test does not trust the code it checks."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_figures_state_what_they_count_and_the_status_mix(tables):
    transfers = tables["transfers"]
    supplied = to_russia(transfers)
    mix = status_mix(supplied)
    for fig in (records_per_year_figure(records_by(supplied, "supplier"), mix=mix),
                breakdown_figure(breakdown(supplied, tables["systems"]), mix=mix),
                two_way_figure(two_way_balance(transfers), mix=mix),
                programme_timeline_figure(programme_lanes(transfers, tables["systems"]), mix=mix)):
        subtitle = fig.layout.title.subtitle.text
        assert "Records behind this chart: " + mix in subtitle
    timeline = programme_timeline_figure(programme_lanes(transfers, tables["systems"]), mix=mix)
    markers = {trace.name: trace.marker.symbol for trace in timeline.data if trace.mode == "markers"}
    # A claim not yet carried out is drawn hollow, a delivery filled: readable without colour.
    assert markers["agreed"].endswith("-open") and not markers["delivered"].endswith("-open")
    assert markers["agreed"].removesuffix("-open") == markers["delivered"], "the same shape, hollow or filled"
    delivered = next(trace for trace in timeline.data if trace.name == "delivered")
    assert delivered.customdata[0][3] == "Aug 2022", "hover dates at the record's precision"


def test_claim_statuses_have_clearly_different_colours():
    assert set(STATUS_STYLE) == {"delivered", "in production", "ordered", "agreed", "reported", "alleged", "denied"}
    colours = {status: style["colour"].upper() for status, style in STATUS_STYLE.items()}
    assert len(set(colours.values())) == len(colours)
    for first, second in itertools.combinations(colours, 2):
        delta_e = math.dist(_cie_lab(colours[first]), _cie_lab(colours[second]))
        assert delta_e > 20, f"{first} and {second} look alike (ΔE {delta_e:.1f})"
    white = _cie_lab("#FFFFFF")
    assert abs(white[0] - 100) < 0.1 and max(abs(white[1]), abs(white[2])) < 0.5, "the Lab conversion itself"
    open_markers = {status for status, style in STATUS_STYLE.items() if style["symbol"].endswith("-open")}
    assert {"agreed", "ordered"} <= open_markers and not open_markers & {"delivered", "in production"}


def test_transfer_map_deck(tables):
    deck = transfer_map_deck(route_geography(tables["transfers"], tables["places"], tables["sources"],
                                             tables["systems"]), boundaries())
    assert [layer.type for layer in deck.layers][-2:] == ["ArcLayer", "ScatterplotLayer"]
