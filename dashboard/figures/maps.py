"""pydeck map builders. Tooltip templates are fixed text with quoted placeholders only: pydeck
escapes the values it fills in, but not the template itself.

Every deck draws its geography from the bundled boundaries (sea, countries, Ukraine's oblasts)
under the data layers, so maps need no token and no network. Every data layer has its own
Okabe–Ito colour, the same on every map, and `legend_markdown` draws the key from the same
constants."""

from __future__ import annotations

import json
import math
import uuid
from typing import Iterable, NamedTuple

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from dashboard.data.geo import Boundaries, BoundaryFile

# One colour per layer kind (Okabe & Ito), kept on every map so a colour means one thing.
LAYER_COLOURS: dict[str, str] = {
    "routes": "#E69F00",
    "sites": "#009E73",
    "launch": "#D55E00",
    "targets": "#0072B2",
    "strike_arcs": "#56B4E9",
    "entities": "#CC79A7",
}
MAP_LAYERS = {
    "routes": "Transfer routes",
    "sites": "Production, storage and transit sites",
    "launch": "Strike launch areas",
    "targets": "Strike target regions",
    "entities": "Sanctioned entities",
}
LEGEND_LABELS = {**MAP_LAYERS, "routes": "Transfer routes (faint at the origin, solid at the destination)",
                 "strike_arcs": "Launch area → target, where one report names both"}
BOUNDARY_NOTE = ("Crimea is drawn as Ukrainian territory under Russian occupation (UN General Assembly resolution "
                 "68/262). Borders: Natural Earth (public domain); Ukraine's oblasts: geoBoundaries, © OpenStreetMap "
                 "contributors (ODbL).")
# Wrapped at a readable width: a route or site lists several records.
TOOLTIP = {"text": "{name}\n{detail}", "style": {"maxWidth": "34rem", "whiteSpace": "pre-wrap"}}
# Decks are built with `map_provider=None`: pydeck then sends no base map, and Streamlit draws none.
# (`map_style=None` would make Streamlit fetch CARTO's style and tiles from the viewer's browser.)
# The geography is the bundled outlines in `base_layers`, so a map needs no network and no token.
MAX_RADIUS_M = 60_000


class BaseColours(NamedTuple):
    water: list[int]
    land: list[int]
    border: list[int]
    oblast: list[int]
    outline: list[int]  # around data dots, to lift them off the land


LIGHT_BASE = BaseColours(water=[214, 228, 238, 255], land=[247, 245, 240, 255], border=[128, 128, 128, 255],
                         oblast=[178, 178, 178, 255], outline=[255, 255, 255, 255])
DARK_BASE = BaseColours(water=[17, 28, 40, 255], land=[44, 48, 56, 255], border=[132, 139, 150, 255],
                        oblast=[88, 95, 106, 255], outline=[14, 17, 23, 255])
_WORLD = [[-180, -85], [180, -85], [180, 85], [-180, 85]]

UKRAINE_VIEW = pdk.ViewState(latitude=48.5, longitude=35.5, zoom=4.2, pitch=30)
TRANSFER_VIEW = pdk.ViewState(latitude=45.0, longitude=50.0, zoom=3.2, pitch=30)
ENTITY_VIEW = pdk.ViewState(latitude=38.0, longitude=60.0, zoom=2.3, pitch=0)
OVERVIEW_VIEW = pdk.ViewState(latitude=45.0, longitude=45.0, zoom=2.6, pitch=20)


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation, with the bundled boundaries spliced in.

    Streamlit sends `to_json()` as is, and pydeck indents by level with one number a line: the
    boundaries would weigh ~6 times more. Base layers hold a `BoundaryFile` handle, written out
    here from its once-serialised text."""

    def to_json(self) -> str:
        spliced: dict[str, str] = {}

        def serialise(value):
            if isinstance(value, BoundaryFile):
                # A marker no data text can contain, replaced by the file's JSON below.
                marker = f"@@bundled:{value.name}:{uuid.uuid4().hex}"
                spliced[json.dumps(marker)] = value.compact_json()
                return marker
            return default_serialize(value)

        text = json.dumps(self, sort_keys=True, default=serialise, separators=(",", ":"))
        for marker, geojson in spliced.items():
            text = text.replace(marker, geojson, 1)
        return text


def rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]


def base_layers(boundaries: Boundaries, *, dark: bool = False) -> list[pdk.Layer]:
    """Sea, countries and Ukraine's oblasts (Crimea and Sevastopol among them), never pickable."""
    colours = DARK_BASE if dark else LIGHT_BASE
    return [
        pdk.Layer("SolidPolygonLayer", data=[{"polygon": _WORLD}], id="base-water", get_polygon="polygon",
                  get_fill_color=colours.water, pickable=False),
        pdk.Layer("GeoJsonLayer", data=boundaries.countries, id="base-countries", filled=True, stroked=True,
                  get_fill_color=colours.land, get_line_color=colours.border, line_width_units="'pixels'",
                  get_line_width=1, pickable=False),
        pdk.Layer("GeoJsonLayer", data=boundaries.ukraine, id="base-ukraine", filled=True, stroked=True,
                  get_fill_color=colours.land, get_line_color=colours.oblast, line_width_units="'pixels'",
                  get_line_width=0.8, pickable=False),
    ]


def legend_markdown(kinds: Iterable[str]) -> str:
    """The key to the data layers as Streamlit markdown: a square in each layer's colour, no HTML."""
    return colour_key((LEGEND_LABELS[kind], LAYER_COLOURS[kind]) for kind in kinds)


def colour_key(entries: Iterable[tuple[str, str]]) -> str:
    return " \u2003".join(f':color[■]{{foreground="{colour}"}} {label}' for label, colour in entries)


def _radius(values: pd.Series) -> pd.Series:
    peak = max(float(values.max()), 1.0) if len(values) else 1.0
    return values.astype(float).map(lambda v: round(MAX_RADIUS_M * math.sqrt(v / peak) + 4_000))


def _dots(points: pd.DataFrame, *, layer_id: str, fill, radius, outline: list[int], **extra) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", data=points, id=layer_id, get_position=["lon", "lat"], get_radius=radius,
                     get_fill_color=fill, pickable=True, stroked=True, get_line_color=outline,
                     line_width_min_pixels=1, **extra)


def _arcs(arcs: pd.DataFrame, *, layer_id: str, colour: str) -> pdk.Layer:
    # One hue per layer; the direction reads from faint (origin) to solid (destination).
    return pdk.Layer("ArcLayer", data=arcs, id=layer_id, get_source_position=["lon_from", "lat_from"],
                     get_target_position=["lon_to", "lat_to"], get_source_color=rgb(colour, 70),
                     get_target_color=rgb(colour, 235), get_width="width", pickable=True)


def _strike_points(points: pd.DataFrame, kind: str, layer_id: str, outline: list[int]) -> pdk.Layer:
    points = points.assign(radius=_radius(points["launched"]))
    return _dots(points[["name", "detail", "lat", "lon", "radius"]], layer_id=layer_id,
                 fill=rgb(LAYER_COLOURS[kind], 190), radius="radius", outline=outline)


def _strike_arcs(arcs: pd.DataFrame) -> pdk.Layer:
    peak = max(float(arcs["launched"].max()), 1.0) if len(arcs) else 1.0
    arcs = arcs.assign(width=arcs["launched"].astype(float).map(lambda v: round(1 + 9 * math.sqrt(v / peak), 1)),
                       name=arcs["from_name"] + " → " + arcs["to_name"])
    return _arcs(arcs[["name", "detail", "lon_from", "lat_from", "lon_to", "lat_to", "width"]],
                 layer_id="strike-arcs", colour=LAYER_COLOURS["strike_arcs"])


def strike_map_deck(geography: dict[str, pd.DataFrame], boundaries: Boundaries, *, dark: bool = False) -> pdk.Deck:
    """Launch areas and targets sized by volume, with arcs where a report names both."""
    outline = (DARK_BASE if dark else LIGHT_BASE).outline
    layers = [_strike_points(geography["launch"], "launch", "strike-launch", outline),
              _strike_points(geography["target"], "targets", "strike-target", outline)]
    if len(geography["arcs"]):
        layers.insert(0, _strike_arcs(geography["arcs"]))
    return CompactDeck(layers=base_layers(boundaries, dark=dark) + layers, initial_view_state=UKRAINE_VIEW,
                    map_provider=None, tooltip=TOOLTIP)


def strike_legend(geography: dict[str, pd.DataFrame]) -> str:
    return legend_markdown(["launch", "targets"] + (["strike_arcs"] if len(geography["arcs"]) else []))


def _routes(routes: pd.DataFrame) -> pdk.Layer:
    routes = routes.assign(width=routes["records"].astype(float).map(lambda n: round(2 + 2 * math.sqrt(n), 1)))
    return _arcs(routes[["name", "detail", "lon_from", "lat_from", "lon_to", "lat_to", "width"]],
                 layer_id="transfer-routes", colour=LAYER_COLOURS["routes"])


def _sites(sites: pd.DataFrame, outline: list[int]) -> pdk.Layer:
    sites = sites.assign(radius=sites["records"].astype(float).map(lambda n: round(15_000 + 12_000 * math.sqrt(n))))
    return _dots(sites[["name", "detail", "lat", "lon", "radius"]], layer_id="transfer-sites",
                 fill=rgb(LAYER_COLOURS["sites"], 210), radius="radius", outline=outline)


def transfer_map_deck(geography: dict[str, pd.DataFrame], boundaries: Boundaries, *, dark: bool = False) -> pdk.Deck:
    """Transfer routes (arcs from origin to destination) and the sites records name."""
    outline = (DARK_BASE if dark else LIGHT_BASE).outline
    layers = [_routes(geography["routes"]), _sites(geography["sites"], outline)]
    return CompactDeck(layers=base_layers(boundaries, dark=dark) + layers, initial_view_state=TRANSFER_VIEW,
                    map_provider=None, tooltip=TOOLTIP)


def _entities(locations: pd.DataFrame, fill, outline: list[int]) -> pdk.Layer:
    """`fill`: one colour for the layer, or a Series of colours (one per entity)."""
    points = locations[["name", "detail", "lat", "lon"]]
    if isinstance(fill, pd.Series):
        points, fill = points.assign(colour=fill), "colour"
    return _dots(points, layer_id="entities", fill=fill, radius=30_000, outline=outline, radius_min_pixels=5)


def entity_map_deck(locations: pd.DataFrame, role_colours: dict[str, str], boundaries: Boundaries, *,
                    dark: bool = False) -> pdk.Deck:
    """Designated entities at their city, coloured by role; several at one city are drawn at the same point."""
    outline = (DARK_BASE if dark else LIGHT_BASE).outline
    colours = locations["role"].map(lambda role: rgb(role_colours.get(role, "#8C8C8C")))
    return CompactDeck(layers=base_layers(boundaries, dark=dark) + [_entities(locations, colours, outline)],
                    initial_view_state=ENTITY_VIEW, map_provider=None, tooltip=TOOLTIP)


def entity_legend(role_colours: dict[str, str]) -> str:
    return colour_key((role.capitalize(), colour) for role, colour in role_colours.items())


def combined_map_deck(frames: dict[str, pd.DataFrame], boundaries: Boundaries, *, dark: bool = False) -> pdk.Deck:
    """Every mapped table on one deck, one colour per layer; each layer present in `frames` is drawn."""
    outline = (DARK_BASE if dark else LIGHT_BASE).outline
    layers: list[pdk.Layer] = []
    if "routes" in frames:
        layers.append(_routes(frames["routes"]))
    if "sites" in frames:
        layers.append(_sites(frames["sites"], outline))
    if "launch" in frames:
        layers.append(_strike_points(frames["launch"], "launch", "strike-launch", outline))
    if "targets" in frames:
        layers.append(_strike_points(frames["targets"], "targets", "strike-target", outline))
    if "entities" in frames:
        layers.append(_entities(frames["entities"], rgb(LAYER_COLOURS["entities"]), outline))
    return CompactDeck(layers=base_layers(boundaries, dark=dark) + layers, initial_view_state=OVERVIEW_VIEW,
                    map_provider=None, tooltip=TOOLTIP)
