"""pydeck map builders. Tooltip templates are fixed text with quoted placeholders only: pydeck
escapes the values it fills in, but not the template itself."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

LAUNCH_COLOUR = [213, 94, 0, 180]
TARGET_COLOUR = [0, 114, 178, 180]
ARC_SOURCE_COLOUR = [213, 94, 0, 140]
ARC_TARGET_COLOUR = [0, 114, 178, 140]
UKRAINE_VIEW = pdk.ViewState(latitude=48.5, longitude=35.5, zoom=4.2, pitch=30)
STRIKE_TOOLTIP = {"text": "{name}\n{detail}"}
MAX_RADIUS_M = 60_000


def _radius(values: pd.Series) -> pd.Series:
    peak = max(float(values.max()), 1.0) if len(values) else 1.0
    return values.astype(float).map(lambda v: MAX_RADIUS_M * math.sqrt(v / peak) + 4_000)


def strike_map_deck(geography: dict[str, pd.DataFrame]) -> pdk.Deck:
    """Launch areas (orange) and targets (blue) sized by volume, with arcs where a report names both."""
    layers = []
    for key, role, colour in (("launch", "Launch area", LAUNCH_COLOUR), ("target", "Target", TARGET_COLOUR)):
        points = geography[key].copy()
        points["detail"] = [f"{role}: {launched:,} weapons launched in {reports:,} reports"
                            for launched, reports in zip(points["launched"], points["reports"])]
        points["radius"] = _radius(points["launched"])
        layers.append(pdk.Layer(
            "ScatterplotLayer", data=points[["name", "detail", "lat", "lon", "radius"]],
            id=f"strike-{key}", get_position=["lon", "lat"], get_radius="radius", get_fill_color=colour,
            pickable=True, stroked=True, get_line_color=[255, 255, 255], line_width_min_pixels=1,
        ))
    arcs = geography["arcs"].copy()
    if len(arcs):
        peak = max(float(arcs["launched"].max()), 1.0)
        arcs["width"] = arcs["launched"].astype(float).map(lambda v: 1 + 9 * math.sqrt(v / peak))
        arcs["name"] = arcs["from_name"] + " → " + arcs["to_name"]
        arcs["detail"] = arcs["launched"].map("{:,} weapons launched in reports naming both".format)
        layers.insert(0, pdk.Layer(
            "ArcLayer", data=arcs[["name", "detail", "lon_from", "lat_from", "lon_to", "lat_to", "width"]],
            id="strike-arcs", get_source_position=["lon_from", "lat_from"], get_target_position=["lon_to", "lat_to"],
            get_source_color=ARC_SOURCE_COLOUR, get_target_color=ARC_TARGET_COLOUR, get_width="width", pickable=True,
        ))
    return pdk.Deck(layers=layers, initial_view_state=UKRAINE_VIEW, map_style=None, tooltip=STRIKE_TOOLTIP)


SITE_COLOUR = [0, 158, 115, 200]
ROUTE_SOURCE_COLOUR = [0, 158, 115, 160]
ROUTE_TARGET_COLOUR = [213, 94, 0, 160]
TRANSFER_VIEW = pdk.ViewState(latitude=45.0, longitude=50.0, zoom=3.2, pitch=30)
TRANSFER_TOOLTIP = {"text": "{name}\n{detail}"}


def transfer_map_deck(geography: dict[str, pd.DataFrame]) -> pdk.Deck:
    """Transfer routes (arcs, green at the origin, orange at the destination) and the sites records name."""
    sites = geography["sites"].copy()
    sites["radius"] = sites["records"].astype(float).map(lambda n: 15_000 + 12_000 * math.sqrt(n))
    routes = geography["routes"].copy()
    routes["width"] = routes["records"].astype(float).map(lambda n: 2 + 2 * math.sqrt(n))
    layers = [
        pdk.Layer("ArcLayer", data=routes[["name", "detail", "lon_from", "lat_from", "lon_to", "lat_to", "width"]],
                  id="transfer-routes", get_source_position=["lon_from", "lat_from"],
                  get_target_position=["lon_to", "lat_to"], get_source_color=ROUTE_SOURCE_COLOUR,
                  get_target_color=ROUTE_TARGET_COLOUR, get_width="width", pickable=True),
        pdk.Layer("ScatterplotLayer", data=sites[["name", "detail", "lat", "lon", "radius"]], id="transfer-sites",
                  get_position=["lon", "lat"], get_radius="radius", get_fill_color=SITE_COLOUR, pickable=True,
                  stroked=True, get_line_color=[255, 255, 255], line_width_min_pixels=1),
    ]
    return pdk.Deck(layers=layers, initial_view_state=TRANSFER_VIEW, map_style=None, tooltip=TRANSFER_TOOLTIP)


ENTITY_VIEW = pdk.ViewState(latitude=38.0, longitude=60.0, zoom=2.3, pitch=0)


def _rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]


def entity_map_deck(locations: pd.DataFrame, role_colours: dict[str, str]) -> pdk.Deck:
    """Designated entities at their city, coloured by role; several at one city are drawn at the same point."""
    points = locations.copy()
    points["colour"] = points["role"].map(lambda role: _rgb(role_colours.get(role, "#8C8C8C")))
    points["detail"] = [f"{role} · {country} · listed by {jurisdictions}"
                        for role, country, jurisdictions in zip(points["role"], points["target_country"].astype(str),
                                                                 points["jurisdictions"])]
    layer = pdk.Layer("ScatterplotLayer", data=points[["name", "detail", "lat", "lon", "colour"]], id="entities",
                      get_position=["lon", "lat"], get_fill_color="colour", get_radius=30_000, radius_min_pixels=5,
                      pickable=True, stroked=True, get_line_color=[255, 255, 255], line_width_min_pixels=1)
    return pdk.Deck(layers=[layer], initial_view_state=ENTITY_VIEW, map_style=None, tooltip={"text": "{name}\n{detail}"})


MAP_LAYERS = {
    "routes": "Transfer routes",
    "sites": "Production, storage and transit sites",
    "launch": "Strike launch areas",
    "targets": "Strike target regions",
    "entities": "Sanctioned entities",
}
OVERVIEW_VIEW = pdk.ViewState(latitude=45.0, longitude=45.0, zoom=2.6, pitch=20)


def combined_map_deck(frames: dict[str, pd.DataFrame], role_colours: dict[str, str]) -> pdk.Deck:
    """Every mapped table on one deck; each layer present in `frames` is drawn, all share one tooltip."""
    layers: list[pdk.Layer] = []
    if "routes" in frames or "sites" in frames:
        transfer = transfer_map_deck({"routes": frames.get("routes", _EMPTY_ROUTES),
                                      "sites": frames.get("sites", _EMPTY_SITES)})
        layers += [layer for layer, name in zip(transfer.layers, ("routes", "sites")) if name in frames]
    if "launch" in frames or "targets" in frames:
        strike = strike_map_deck({"launch": frames.get("launch", _EMPTY_POINTS),
                                  "target": frames.get("targets", _EMPTY_POINTS), "arcs": _EMPTY_ARCS})
        layers += [layer for layer in strike.layers
                   if (layer.id == "strike-launch" and "launch" in frames)
                   or (layer.id == "strike-target" and "targets" in frames)]
    if "entities" in frames:
        layers += entity_map_deck(frames["entities"], role_colours).layers
    return pdk.Deck(layers=layers, initial_view_state=OVERVIEW_VIEW, map_style=None, tooltip={"text": "{name}\n{detail}"})


_EMPTY_ROUTES = pd.DataFrame(columns=["name", "detail", "records", "lon_from", "lat_from", "lon_to", "lat_to"])
_EMPTY_SITES = pd.DataFrame(columns=["name", "kind", "detail", "records", "lat", "lon"])
_EMPTY_POINTS = pd.DataFrame(columns=["place_id", "name", "lat", "lon", "launched", "reports"])
_EMPTY_ARCS = pd.DataFrame(columns=["launch_place_ids", "target_place_ids", "launched", "from_name", "lat_from",
                                    "lon_from", "to_name", "lat_to", "lon_to"])
