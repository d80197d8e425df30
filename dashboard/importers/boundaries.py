"""Build the boundary files bundled in dashboard/geo/ from the upstream copies, offline.

    python -m dashboard.importers.boundaries ../shared/data/boundaries

Reads Natural Earth 1:110m countries and geoBoundaries UKR ADM1 (simplified), and writes
`countries.geojson` (the countries the maps reach, name only) and `ukraine_adm1.geojson`
(oblasts, Kyiv, Crimea and Sevastopol: name and ISO code). Coordinates are rounded and the
oblast outlines simplified so that every map page stays light.

Natural Earth draws Crimea as a separate polygon of Russia. The project draws Crimea and
Sevastopol as Ukrainian territory under Russian occupation (UN General Assembly resolution
68/262), so that polygon is taken out of Russia and the geoBoundaries features draw the
peninsula. Ukraine itself is drawn from geoBoundaries only, never twice.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

COUNTRIES_FILE = "ne_110m_admin_0_countries.geojson"
UKRAINE_FILE = "geoBoundaries-UKR-ADM1_simplified.geojson"
OUT_DIR = Path(__file__).resolve().parent.parent / "geo"

# Every place in data/places.csv lies in 22–69°N, 24–137°E; the margin keeps the neighbours
# one pans to (western Europe, North Africa, South and South-East Asia) drawn too.
REGION = (-12.0, 12.0, 180.0, 85.0)  # west, south, east, north
COUNTRY_DECIMALS = 2  # 1:110m outlines carry no detail finer than ~1 km
OBLAST_DECIMALS = 3
# ~2 km: below a pixel at the Strikes map's zoom, and shared borders stay shared (see _simplify_features).
OBLAST_TOLERANCE = 0.02
CRIMEA_ISO = ("UA-43", "UA-40")  # Autonomous Republic of Crimea, Sevastopol


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"expected Polygon or MultiPolygon, got {geometry['type']}: has the upstream file changed?")


def _geometry(polygons: list) -> dict:
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def inside_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Even-odd ray casting; enough for the coarse tests made here."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def inside_polygons(lon: float, lat: float, polygons: list) -> bool:
    return any(inside_ring(lon, lat, polygon[0]) and not any(inside_ring(lon, lat, hole) for hole in polygon[1:])
               for polygon in polygons)


def _round_ring(ring: list[list[float]], decimals: int) -> list[list[float]]:
    rounded: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, decimals), round(lat, decimals)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def _bbox(polygons: list) -> tuple[float, float, float, float]:
    points = [point for polygon in polygons for point in polygon[0]]
    return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points),
            max(p[1] for p in points))


def _in_region(polygons: list) -> bool:
    west, south, east, north = _bbox(polygons)
    return east >= REGION[0] and west <= REGION[2] and north >= REGION[1] and south <= REGION[3]


def _segment_distance(point, start, end) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def _douglas_peucker(points: list[list[float]], tolerance: float) -> list[list[float]]:
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _segment_distance(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep) if kept]


def _simplify_run(run: list[list[float]], tolerance: float) -> list[list[float]]:
    # The same border run is walked in opposite directions by its two oblasts: simplify it in
    # one canonical direction so both get exactly the same vertices.
    if run[0] > run[-1]:
        return _douglas_peucker(run[::-1], tolerance)[::-1]
    return _douglas_peucker(run, tolerance)


def _simplify_features(features: list[dict], tolerance: float) -> list[dict]:
    """Douglas–Peucker per border run: a vertex where the set of features sharing it changes is
    kept, so neighbouring oblasts keep one common border with no gaps or overlaps."""
    owners: dict[tuple[float, float], set[int]] = {}
    for number, feature in enumerate(features):
        for polygon in _polygons(feature["geometry"]):
            for ring in polygon:
                for point in ring:
                    owners.setdefault(tuple(point), set()).add(number)
    simplified = []
    for feature in features:
        polygons = []
        for polygon in _polygons(feature["geometry"]):
            rings = []
            for ring in polygon:
                points = ring[:-1]
                fixed = [i for i, point in enumerate(points)
                         if owners[tuple(point)] != owners[tuple(points[i - 1])]
                         or owners[tuple(point)] != owners[tuple(points[(i + 1) % len(points)])]]
                if not fixed:
                    far = max(range(len(points)), key=lambda i: _segment_distance(points[i], points[0], points[0]))
                    fixed = [0, far]
                kept: list[list[float]] = []
                for start, end in zip(fixed, fixed[1:] + [fixed[0] + len(points)]):
                    run = [points[i % len(points)] for i in range(start, end + 1)]
                    kept += _simplify_run(run, tolerance)[:-1]
                kept.append(kept[0])
                if len(kept) >= 4:
                    rings.append(kept)
                elif not rings:
                    break  # a sliver part of a multipolygon: nothing left to draw at this scale
            if rings:
                polygons.append(rings)
        if not polygons:
            raise ValueError(f"{feature['properties']['name']}: outline collapsed when simplified")
        simplified.append({**feature, "geometry": _geometry(polygons)})
    return simplified


def ukraine_features(upstream: dict) -> list[dict]:
    features = []
    for feature in upstream["features"]:
        properties = feature["properties"]
        if not {"shapeName", "shapeISO"} <= properties.keys():
            raise ValueError("geoBoundaries features lack shapeName/shapeISO: has the upstream file changed?")
        polygons = [[_round_ring(ring, OBLAST_DECIMALS) for ring in polygon]
                    for polygon in _polygons(feature["geometry"])]
        features.append({"type": "Feature", "properties": {"name": properties["shapeName"],
                                                           "iso": properties["shapeISO"]},
                         "geometry": _geometry(polygons)})
    if len(features) != 27 or not set(CRIMEA_ISO) <= {f["properties"]["iso"] for f in features}:
        raise ValueError("expected Ukraine's 27 first-level divisions including Crimea (UA-43) and Sevastopol "
                         "(UA-40): has the upstream file changed?")
    return _simplify_features(features, OBLAST_TOLERANCE)


def _without_crimea(russia: list, crimea: list) -> list:
    """Russia's polygons less the one Natural Earth draws over Crimea."""
    kept = [polygon for polygon in russia
            if not all(inside_polygons(lon, lat, crimea) or _near(lon, lat, crimea) for lon, lat in polygon[0])]
    if len(russia) - len(kept) != 1:
        raise ValueError(f"expected exactly one Crimean polygon in Natural Earth's Russia, found {len(russia) - len(kept)}"
                         ": has the upstream file changed (Crimea merged into the mainland)? Clip it by hand.")
    return kept


def _near(lon: float, lat: float, polygons: list, distance: float = 0.3) -> bool:
    """Within ~30 km of the outline: 1:110m coastlines run off the detailed ones by that much."""
    return any(_segment_distance((lon, lat), a, b) <= distance
               for polygon in polygons for a, b in zip(polygon[0], polygon[0][1:]))


def country_features(upstream: dict, crimea: list) -> list[dict]:
    features = []
    names = {feature["properties"].get("NAME") for feature in upstream["features"]}
    if not {"Russia", "Ukraine", "Iran", "North Korea"} <= names:
        raise ValueError("Natural Earth countries lack NAME or a country the maps need: has the upstream file changed?")
    for feature in upstream["features"]:
        name = feature["properties"]["NAME"]
        polygons = _polygons(feature["geometry"])
        if name == "Ukraine":
            continue
        if name == "Russia":
            polygons = _without_crimea(polygons, crimea)
        if not _in_region(polygons):
            continue
        rounded = [[_round_ring(ring, COUNTRY_DECIMALS) for ring in polygon] for polygon in polygons]
        rounded = [[ring for ring in polygon if len(ring) >= 4] for polygon in rounded]
        features.append({"type": "Feature", "properties": {"name": name},
                         "geometry": _geometry([polygon for polygon in rounded if polygon])})
    return sorted(features, key=lambda f: f["properties"]["name"])


def build(countries: dict, ukraine: dict) -> tuple[dict, dict]:
    oblasts = ukraine_features(ukraine)
    crimea = [polygon for feature in oblasts if feature["properties"]["iso"] in CRIMEA_ISO
              for polygon in _polygons(feature["geometry"])]
    return ({"type": "FeatureCollection", "features": country_features(countries, crimea)},
            {"type": "FeatureCollection", "features": oblasts})


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m dashboard.importers.boundaries UPSTREAM_DIR", file=sys.stderr)
        return 2
    source = Path(args[0])
    countries, oblasts = build(json.loads((source / COUNTRIES_FILE).read_text(encoding="utf-8")),
                               json.loads((source / UKRAINE_FILE).read_text(encoding="utf-8")))
    for name, collection in (("countries.geojson", countries), ("ukraine_adm1.geojson", oblasts)):
        path = OUT_DIR / name
        path.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{path}: {len(collection['features'])} features, {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
