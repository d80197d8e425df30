"""The offline borders importer: Crimea taken out of Russia's outline (and a loud failure if it ever
is not there to take), oblasts simplified with shared borders kept shared, and the bundled files
exactly what the importer builds from ../shared/data/boundaries."""

import json

import pytest

from dashboard.data.geo import boundaries
from dashboard.importers import boundaries as importer
from geometry import in_feature
from paths import SHARED_BOUNDARIES

UPSTREAM_BOUNDARIES = SHARED_BOUNDARIES


def square(x, y, size=1.0):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]

def feature(name, *polygons):
    return {"type": "Feature", "properties": {"NAME": name},
            "geometry": {"type": "MultiPolygon", "coordinates": [[p] for p in polygons]}}

def synthetic_countries(russia_polygons):
    return {"type": "FeatureCollection", "features": [
        feature("Russia", *russia_polygons), feature("Ukraine", square(30, 47)),
        feature("Iran", square(50, 32)), feature("North Korea", square(126, 39)),
        feature("Chile", square(-72, -40)),
    ]}


def test_importer_takes_crimea_out_of_russia_and_keeps_the_region():
    crimea = [[square(33.0, 44.5, 2.0)]]
    built = importer.country_features(synthetic_countries([square(40, 50, 10), square(33.1, 44.6, 1.5)]), crimea)
    names = [f["properties"]["name"] for f in built]
    assert names == ["Iran", "North Korea", "Russia"], "Ukraine comes from the oblasts; Chile is out of the region"
    russia = built[names.index("Russia")]
    assert russia["geometry"]["type"] == "Polygon" and not in_feature((34.0, 45.3), russia)


def test_importer_fails_loudly_when_crimea_is_merged_into_russia():
    crimea = [[square(33.0, 44.5, 2.0)]]
    merged = [[40, 50], [50, 50], [50, 60], [33.2, 45.0], [40, 50]]
    with pytest.raises(ValueError, match="Crimean polygon"):
        importer.country_features(synthetic_countries([merged]), crimea)


def test_simplified_oblasts_keep_shared_borders_shared():
    # Two oblasts share an edge that wiggles below the tolerance and bulges once above it; each walks
    # it in its own direction, and both must keep exactly the same vertices on it.
    edge = [[1.2 if y == 5 else 1.0 + 0.01 * (y % 2), y / 10] for y in range(11)]
    west = {"type": "Feature", "properties": {"name": "W"},
            "geometry": {"type": "Polygon", "coordinates": [[[0, 0]] + edge + [[0, 1], [0, 0]]]}}
    east = {"type": "Feature", "properties": {"name": "E"},
            "geometry": {"type": "Polygon", "coordinates": [[[2, 1]] + edge[::-1] + [[2, 0], [2, 1]]]}}
    simplified = importer._simplify_features([west, east], tolerance=0.05)
    on_edge = [{tuple(p) for p in f["geometry"]["coordinates"][0] if 0.5 < p[0] < 1.5} for f in simplified]
    assert on_edge[0] == on_edge[1]
    assert {(1.0, 0.0), (1.2, 0.5), (1.0, 1.0)} <= on_edge[0] and len(on_edge[0]) < len(edge)
    assert not {(1.01, 0.1), (1.01, 0.9)} & on_edge[0], "wiggles below the tolerance are gone"


@pytest.mark.skipif(not UPSTREAM_BOUNDARIES.exists(), reason="../shared/data/boundaries is not here (fresh clone)")
def test_bundled_boundaries_are_what_the_importer_builds():
    countries, oblasts = importer.build(
        json.loads((UPSTREAM_BOUNDARIES / importer.COUNTRIES_FILE).read_text(encoding="utf-8")),
        json.loads((UPSTREAM_BOUNDARIES / importer.UKRAINE_FILE).read_text(encoding="utf-8")))
    assert boundaries().countries.geojson() == countries and boundaries().ukraine.geojson() == oblasts
