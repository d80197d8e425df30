"""Point-in-polygon for GeoJSON, written out here so tests of the borders do not trust the importer's
own geometry helpers."""


def in_ring(lon, lat, ring):
    """Ray casting."""
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def in_feature(point, feature):
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return any(in_ring(*point, polygon[0]) and not any(in_ring(*point, hole) for hole in polygon[1:])
               for polygon in polygons)
