"""The boundary outlines bundled in dashboard/geo/ (see its SOURCE.md), read once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple


@lru_cache(maxsize=None)
def _parsed(name: str) -> dict:
    return json.loads(resources.files("dashboard").joinpath("geo", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _compact(name: str) -> str:
    return json.dumps(_parsed(name), sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class BoundaryFile:
    """A bundled GeoJSON file by name. Decks hold this handle, not the ~70 kB of coordinates:
    st.cache_data pickles and unpickles a cached deck on every hit, and a handle costs nothing."""

    name: str

    def geojson(self) -> dict:
        """The FeatureCollection, shared by every caller: do not modify it."""
        return _parsed(self.name)

    def compact_json(self) -> str:
        return _compact(self.name)


class Boundaries(NamedTuple):
    countries: BoundaryFile  # the countries the maps reach, without Ukraine
    ukraine: BoundaryFile  # Ukraine's oblasts, Kyiv, Crimea and Sevastopol


def boundaries() -> Boundaries:
    return Boundaries(BoundaryFile("countries.geojson"), BoundaryFile("ukraine_adm1.geojson"))
