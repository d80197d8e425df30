"""View models: everything a page shows, as pure functions of the loaded tables, the contract, the filters
and the page's choices. The cached wrappers in `dashboard/ui/` only fetch the data and call these, so every
page's numbers are unit-tested without running Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from dashboard.charts import CATALOG, BuiltChart, Inputs, build, data_as_of
from dashboard.data.contract import DataPackage
from dashboard.data.geo import Boundaries
from dashboard.data.validation import LoadedData
from dashboard.figures.maps import (combined_map_deck, entity_map_deck, strike_legend, strike_map_deck,
                                    transfer_map_deck)
from dashboard.figures.style import ROLE_COLOURS
from dashboard.transforms.dossier import entities_citing, entity_dossier
from dashboard.transforms.filters import Filters
from dashboard.transforms.official import official_share
from dashboard.transforms.overview import (designations_by_jurisdiction, for_display, last_updated, latest_changes,
                                           search_rows, table_summary, transfers_each_way)
from dashboard.transforms.sanctions import entities, entity_locations, follow_summary
from dashboard.transforms.search import dossier_links, entity_link, search
from dashboard.transforms.strikes import biggest_nights, drone_headlines, quality_flags, strike_geography
from dashboard.transforms.transfers import largest_reported_quantities, route_geography, sources_for

HEADLINE_CHARTS = ("iranian-drones", "supplier-years", "designations")
OVERVIEW_CHARTS = (*HEADLINE_CHARTS, "records-per-year")


@dataclass(frozen=True)
class OverviewView:
    as_of: str
    drones_as_of: str
    summary: pd.DataFrame
    drones: dict[str, object]
    each_way: pd.DataFrame
    jurisdictions: pd.DataFrame
    changes: list[str]
    charts: tuple[str, ...]  # the slugs of the charts it can show: none whose table failed validation
    failed: frozenset[str]


def overview_model(loaded: LoadedData, package: DataPackage, filters: Filters) -> OverviewView:
    inputs = Inputs(loaded, package, filters)
    failed = frozenset(loaded.failed_tables)

    def usable(name: str, any_date: bool = False) -> pd.DataFrame:
        """A table for the headline numbers; an empty one when it failed validation."""
        frame = inputs.table(name, any_date=any_date)
        return frame.iloc[0:0] if name in failed else frame
    until = pd.Timestamp(filters.end) if filters.end else None
    return OverviewView(
        as_of=last_updated(loaded),
        drones_as_of=inputs.strikes_as_of,
        summary=table_summary(loaded, package),
        drones=drone_headlines(usable("strikes"), usable("strikes", any_date=True), until),
        each_way=transfers_each_way(usable("transfers")),
        jurisdictions=designations_by_jurisdiction(usable("sanctions")),
        changes=latest_changes(loaded),
        charts=tuple(slug for slug in OVERVIEW_CHARTS if not inputs.blocked(CATALOG[slug].tables)),
        failed=failed,
    )


def overview_chart(loaded: LoadedData, package: DataPackage, filters: Filters, slug: str) -> BuiltChart:
    """One of the Overview's charts, built on its own: the page shows one at a time, and building all
    four took most of a new server's first Overview."""
    return build(slug, Inputs(loaded, package, filters))


@dataclass(frozen=True)
class StrikesView:
    as_of: str
    filters_text: str
    rows: int
    drones: BuiltChart
    share: BuiltChart
    nights: pd.DataFrame  # as computed, for the CSV
    nights_shown: pd.DataFrame  # as read on screen: EW losses the Air Force no longer reports say so
    deck: pdk.Deck
    legend: str
    counting: BuiltChart
    quality: tuple[tuple[str, str, int], ...]  # code, meaning, rows flagged


def strikes_model(loaded: LoadedData, package: DataPackage, filters: Filters, period: str, basis: str, top: int,
                  borders: Boundaries, dark: bool = False) -> StrikesView:
    inputs = Inputs(loaded, package, filters, period=period, basis=basis)
    strikes = inputs.table("strikes")
    nights = biggest_nights(strikes, top)
    geography = strike_geography(strikes, loaded.tables["places"])
    return StrikesView(
        as_of=inputs.strikes_as_of,
        filters_text=inputs.words,
        rows=len(strikes),
        drones=build("iranian-drones", inputs),
        share=build("launch-share", inputs),
        nights=nights,
        nights_shown=nights.drop(columns=["night", "all_sources"]).assign(
            lost_ew=nights["lost_ew"].map(lambda lost: "not reported" if pd.isna(lost) else f"{lost:,}")),
        deck=strike_map_deck(geography, borders, dark=dark),
        legend=strike_legend(geography),
        counting=build("counting-rule", inputs),
        quality=quality_flags(loaded.tables["strikes"]),
    )


@dataclass(frozen=True)
class TimelineView:
    chart: BuiltChart
    items: pd.DataFrame
    sources: pd.DataFrame
    left_out: tuple[str, ...]


def timeline_model(loaded: LoadedData, package: DataPackage, filters: Filters,
                   record_types: tuple[str, ...]) -> TimelineView:
    left_out = tuple(t for t in record_types if package.blocked_by((t,), loaded.failed_tables))
    usable = tuple(t for t in record_types if t not in left_out)
    chart = build("timeline", Inputs(loaded, package, filters, record_types=usable))
    items = chart.data.assign(source_ids=chart.data["source_ids"].map(lambda ids: ids.split(";") if ids else []))
    return TimelineView(chart, items, loaded.tables["sources"], left_out)


@dataclass(frozen=True)
class MapView:
    deck: pdk.Deck
    counts: dict[str, int]
    as_of: str
    left_out: tuple[str, ...]


# The table each layer of the combined map draws from.
LAYER_TABLES = {"routes": "transfers", "sites": "transfers", "launch": "strikes", "targets": "strikes",
                "entities": "sanctions"}


def map_model(loaded: LoadedData, package: DataPackage, filters: Filters, layers: tuple[str, ...],
              borders: Boundaries, dark: bool = False) -> MapView:
    inputs = Inputs(loaded, package, filters)
    places, sources = loaded.tables["places"], loaded.tables["sources"]
    transfers = route_geography(inputs.table("transfers"), places, sources, loaded.tables["systems"])
    strikes = strike_geography(inputs.table("strikes"), places)
    frames = {"routes": transfers["routes"], "sites": transfers["sites"], "launch": strikes["launch"],
              "targets": strikes["target"], "entities": entity_locations(inputs.table("sanctions"), places)}
    left_out = tuple(name for name in layers if inputs.blocked((LAYER_TABLES[name],)))
    chosen = {name: frame for name, frame in frames.items() if name in layers and name not in left_out}
    return MapView(combined_map_deck(chosen, borders, dark=dark), {name: len(frame) for name, frame in frames.items()},
                   data_as_of(loaded, package, tuple(dict.fromkeys(LAYER_TABLES[name] for name in layers))), left_out)


@dataclass(frozen=True)
class TableView:
    rows: pd.DataFrame
    total: int
    as_of: str


def table_model(loaded: LoadedData, package: DataPackage, filters: Filters, name: str, query: str) -> TableView:
    inputs = Inputs(loaded, package, filters)
    rows = search_rows(for_display(inputs.table(name)), query)
    return TableView(rows.reset_index(drop=True), len(loaded.tables[name]), data_as_of(loaded, package, (name,)))


def transfer_records(transfers: pd.DataFrame, systems: pd.DataFrame) -> pd.DataFrame:
    """Transfers for display and download: names instead of ids; the shell adds every source in words."""
    names = systems.set_index("id")["name"].astype("string")
    table = transfers.assign(
        system=transfers["system_id"].astype("string").map(names),
        source_ids=transfers["source_ids"].map(";".join),
    )
    columns = ["event_date", "date_precision", "supplier", "recipient", "system", "category", "kind", "status",
               "quantity_low", "quantity_high", "quantity_unit", "value_low", "value_high", "value_currency",
               "description", "confidence", "confidence_reason", "source_ids", "id"]
    return table[columns].sort_values("event_date").reset_index(drop=True)


@dataclass(frozen=True)
class SuppliersView:
    as_of: str
    rows: int
    per_year: BuiltChart
    breakdown: BuiltChart
    two_way: BuiltChart
    largest: pd.DataFrame
    records: pd.DataFrame


def suppliers_model(loaded: LoadedData, package: DataPackage, filters: Filters) -> SuppliersView:
    inputs = Inputs(loaded, package, filters)
    transfers = inputs.table("transfers")
    systems = loaded.tables["systems"]
    return SuppliersView(
        as_of=data_as_of(loaded, package, ("transfers",)),
        rows=len(transfers),
        per_year=build("supplier-years", inputs),
        breakdown=build("supplier-breakdown", inputs),
        two_way=build("two-way-trade", inputs),
        largest=largest_reported_quantities(transfers, systems),
        records=transfer_records(transfers, systems),
    )


@dataclass(frozen=True)
class DealsView:
    as_of: str
    rows: int
    timeline: BuiltChart
    deck: pdk.Deck
    routes: int
    sites: int


def deals_model(loaded: LoadedData, package: DataPackage, filters: Filters, borders: Boundaries,
                dark: bool = False) -> DealsView:
    inputs = Inputs(loaded, package, filters)
    transfers = inputs.table("transfers")
    geography = route_geography(transfers, loaded.tables["places"], loaded.tables["sources"], loaded.tables["systems"])
    return DealsView(
        as_of=data_as_of(loaded, package, ("transfers",)),
        rows=len(transfers),
        timeline=build("deal-timeline", inputs),
        deck=transfer_map_deck(geography, borders, dark=dark),
        routes=len(geography["routes"]),
        sites=len(geography["sites"]),
    )


@dataclass(frozen=True)
class SystemView:
    as_of: str
    system: dict
    transfers: pd.DataFrame
    strikes: BuiltChart | None
    strike_reports: int
    sources: pd.DataFrame
    entities: pd.DataFrame


def system_model(loaded: LoadedData, package: DataPackage, filters: Filters, system_id: str) -> SystemView:
    inputs = Inputs(loaded, package, filters, system_id=system_id)
    systems = loaded.tables["systems"]
    system = systems[systems["id"].astype(str) == system_id].iloc[0]
    transfers = inputs.table("transfers")
    transfers = transfers[transfers["system_id"].astype(str) == system_id]
    chart = build("system-launches", inputs)
    monthly = chart.data
    cited = pd.concat([transfers["source_ids"], pd.Series([system["source_ids"]])], ignore_index=True)
    return SystemView(
        as_of=data_as_of(loaded, package, ("transfers",)),
        system={name: system[name] for name in systems.columns},
        transfers=transfer_records(transfers, systems),
        strikes=chart if len(monthly) else None,
        strike_reports=int(monthly["reports"].sum()) if len(monthly) else 0,
        sources=sources_for(cited, loaded.tables["sources"]),
        entities=entities_citing(loaded.tables["sanctions"], system_id).assign(
            dossier=lambda f: f["entity_id"].map(entity_link)),
    )


def system_labels(loaded: LoadedData) -> dict[str, str]:
    """System id → label with its aliases, for the systems a transfer or a strike names."""
    systems = loaded.tables["systems"]
    used = set(loaded.tables["transfers"]["system_id"].astype(str))
    used |= {i for ids in loaded.tables["strikes"]["system_ids"] for i in ids}
    labels = {}
    for row in systems.sort_values("name").itertuples():
        if str(row.id) in used:
            aliases = f" ({', '.join(row.aliases)})" if row.aliases else ""
            labels[str(row.id)] = f"{row.name}{aliases}"
    return labels


@dataclass(frozen=True)
class SanctionsView:
    as_of: str
    rows: int
    over_time: BuiltChart
    targets: BuiltChart
    first_movers: BuiltChart
    follow: pd.DataFrame
    versus_strikes: BuiltChart
    deck: pdk.Deck
    located: int
    entities: int
    official_share: float


def sanctions_model(loaded: LoadedData, package: DataPackage, filters: Filters, borders: Boundaries,
                    dark: bool = False) -> SanctionsView:
    inputs = Inputs(loaded, package, filters)
    sanctions = inputs.table("sanctions")
    movers = build("first-movers", inputs)
    locations = entity_locations(sanctions, loaded.tables["places"])
    return SanctionsView(
        as_of=data_as_of(loaded, package, ("sanctions",)),
        rows=len(sanctions),
        over_time=build("designations", inputs),
        targets=build("sanction-targets", inputs),
        first_movers=movers,
        follow=follow_summary(movers.data),
        versus_strikes=build("sanctions-vs-strikes", inputs),
        deck=entity_map_deck(locations, ROLE_COLOURS, borders, dark=dark),
        located=len(locations),
        entities=len(entities(sanctions)),
        official_share=official_share(sanctions, loaded.tables["sources"]),
    )


def entity_labels(sanctions: pd.DataFrame) -> dict[str, str]:
    """Entity id → name with other spellings and its jurisdictions, for a searchable select box."""
    labels = {}
    for entity_id, rows in sanctions.sort_values("target_name").groupby("entity_id", sort=False, observed=True):
        names = list(dict.fromkeys([str(rows["target_name"].iloc[0])]
                                   + [alias for aliases in rows["target_aliases"] for alias in aliases]))
        jurisdictions = ", ".join(sorted(set(rows["jurisdiction"].astype(str))))
        labels[str(entity_id)] = f"{' / '.join(names)} — {jurisdictions}"
    return labels


@dataclass(frozen=True)
class EntityDossier:
    name: str
    names: list[str]
    jurisdictions: list[str]
    sites: dict[str, str]
    systems: dict[str, str]
    listings: pd.DataFrame
    transfers: pd.DataFrame
    sources: pd.DataFrame


def entity_model(loaded: LoadedData, entity_id: str) -> EntityDossier:
    tables = loaded.tables
    dossier = entity_dossier(tables["sanctions"], entity_id, tables["transfers"], tables["systems"],
                             tables["official_listings"], tables["sources"])
    listings = dossier["listings"].assign(
        system_ids=lambda f: f["system_ids"].map(";".join), transfer_ids=lambda f: f["transfer_ids"].map(";".join),
        target_aliases=lambda f: f["target_aliases"].map("; ".join), source_ids=lambda f: f["source_ids"].map(";".join),
    )
    place_names = tables["places"].set_index("id")["name"].astype(str)
    system_names = tables["systems"].set_index("id")["name"].astype(str)
    transfers = dossier["transfers"].assign(source_ids=lambda f: f["source_ids"].map(";".join),
                                            system=lambda f: f["system_id"].astype(str).map(system_names))
    return EntityDossier(
        name=str(listings["target_name"].iloc[0]) if len(listings) else entity_id,
        names=dossier["names"],
        jurisdictions=sorted(set(listings["jurisdiction"].astype(str))),
        sites={site: place_names.get(site, site) for site in dossier["sites"]},
        systems={system: system_names.get(system, system) for system in dossier["systems"]},
        listings=listings[["announced", "date_precision", "jurisdiction", "authority", "action", "target_name",
                           "target_aliases", "target_type", "target_country", "role", "programme", "list_ref",
                           "official_name", "list_programme", "official_listed", "official_date_precision",
                           "official_listed_after", "list_note", "system_ids", "transfer_ids", "description",
                           "source_ids", "id"]],
        # Names first for reading; the ids last, for citing and joining.
        transfers=transfers[["event_date", "related_by", "supplier", "recipient", "system", "kind", "status",
                             "description", "source_ids", "system_id", "id"]],
        sources=dossier["sources"][["publisher", "title", "published", "url", "kind"]],
    )


@dataclass(frozen=True)
class FoundTable:
    table: str
    title: str
    count: int
    rows: pd.DataFrame


def search_model(loaded: LoadedData, package: DataPackage, index: dict[str, pd.Series], query: str,
                 with_dossier: set[str]) -> list[FoundTable]:
    """One group per table of the contract, in reading order, each with its matching rows ready to show:
    a dossier link first where the row has one (`with_dossier`: the systems that have a page), list cells
    joined as in the CSV."""
    tables = loaded.tables
    titles = {table.name: table.title for table in package.tables}
    found = []
    for group in search(index, tables, query):
        rows = for_display(group.rows)
        links = dossier_links(group.table, group.rows, tables["sanctions"], with_dossier)
        if links.notna().any():
            rows.insert(0, "dossier", links)
        found.append(FoundTable(group.table, titles.get(group.table, group.table), group.count,
                                rows.reset_index(drop=True)))
    return found
