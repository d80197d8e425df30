"""The boundary outlines bundled in dashboard/geo/ (see its SOURCE.md), read once per process."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import NamedTuple


class Boundaries(NamedTuple):
    countries: dict  # GeoJSON FeatureCollection: countries the maps reach, without Ukraine
    ukraine: dict  # GeoJSON FeatureCollection: Ukraine's oblasts, Kyiv, Crimea and Sevastopol


def _read(name: str) -> dict:
    return json.loads(resources.files("dashboard").joinpath("geo", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    """Shared by every map: callers must not modify the returned collections."""
    return Boundaries(_read("countries.geojson"), _read("ukraine_adm1.geojson"))
