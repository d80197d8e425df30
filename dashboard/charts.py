"""The chart catalogue: every headline chart as (figure, the data behind it), built from loaded
tables and the active filters. Pages, the export command and the briefing views all draw from
here, so a chart looks the same, and comes with the same CSV, wherever it appears."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from dashboard.data.contract import DataPackage
from dashboard.data.validation import LoadedData
from dashboard.figures.overview import records_per_year_figure
from dashboard.figures.sanctions import (designations_over_time_figure, first_movers_figure,
                                         sanctions_vs_strikes_figure, targets_figure)
from dashboard.figures.strikes import counting_rule_figure, iranian_drones_figure, launch_share_figure
from dashboard.figures.style import PHONE, WIDE, frame_figure, plain_text
from dashboard.figures.timeline import timeline_figure
from dashboard.figures.transfers import (breakdown_figure, programme_timeline_figure,
                                         records_per_year_figure as transfer_years_figure, system_strikes_figure,
                                         two_way_figure)
from dashboard.transforms.filters import Filters, apply_filters, describe
from dashboard.transforms.overview import last_updated, records_per_year
from dashboard.transforms.sanctions import (first_movers, milestones, monthly_by_jurisdiction,
                                            targets_by_country_and_role)
from dashboard.transforms.strikes import (BASIS_COLUMNS, BASIS_WORDS, DATE_BASES, EW_REPORTING_ENDS, counting_rule_effect,
                                          interception_series, iranian_designed, launch_share, night_label,
                                          strike_annotations, system_monthly)
from dashboard.transforms.timeline import RECORD_TYPES, unified_timeline
from dashboard.transforms.transfers import (breakdown, programme_lanes, records_by, status_mix, to_russia,
                                            two_way_balance)


EW_BREAK_LABEL = (f"Dashed line: from the night of {night_label(pd.Timestamp(EW_REPORTING_ENDS))} the Air Force no "
                  "longer reports drones lost to EW separately; rates either side are not like for like")
UNFILTERED_WORDS = "All records: the sidebar filters do not apply to this chart"


@dataclass(frozen=True)
class Chart:
    """One headline chart. `tables` are what it draws on: when any of them (or what they need) fails
    validation, the chart is off everywhere; their credits and licences make its source line. A chart
    that summarises whatever loads names the tables it credits in `credits` and needs none."""

    slug: str
    title: str
    tables: tuple[str, ...]
    build: Callable[["Inputs"], tuple[go.Figure, pd.DataFrame]]
    credits: tuple[str, ...] = ()
    filtered: bool = True

    @property
    def credited(self) -> tuple[str, ...]:
        return self.credits or self.tables


@dataclass(frozen=True)
class Inputs:
    """Filtered tables and the words and dates every chart stamps on itself."""

    loaded: LoadedData
    package: DataPackage
    filters: Filters
    period: str = "month"
    basis: str = "night"
    record_types: tuple[str, ...] = tuple(RECORD_TYPES)
    system_id: str | None = None

    def table(self, name: str, *, dates_only: bool = False, any_date: bool = False) -> pd.DataFrame:
        """The table under the active filters; only their dates (`dates_only`), or all but their dates (`any_date`)."""
        filters = self.filters
        if dates_only:
            filters = Filters(filters.start, filters.end)
        if any_date:
            filters = replace(filters, start=None, end=None)
        # Strikes dated by report date are filtered by it too, so a month holds that month's reports.
        date_field = BASIS_COLUMNS[self.basis] if name == "strikes" else None
        return apply_filters(self.loaded.tables[name], self.package.table(name), filters, date_field,
                             self.loaded.tables["sources"])

    @property
    def words(self) -> str:
        return describe(self.filters)

    @property
    def as_of(self) -> str:
        return last_updated(self.loaded)

    @property
    def strikes_as_of(self) -> str:
        """The last night in the strikes record, whatever the filter: "as of" dates the data, not the view."""
        return data_as_of(self.loaded, self.package, ("strikes",))

    def blocked(self, tables: tuple[str, ...]) -> tuple[str, ...]:
        return self.package.blocked_by(tables, self.loaded.failed_tables)


def data_as_of(loaded: LoadedData, package: DataPackage, tables: tuple[str, ...]) -> str:
    """The latest date in the tables' own date fields, unfiltered: a chart is "as of" its data, not its view."""
    latest = [loaded.tables[name][package.table(name).date_field].max() for name in tables
              if package.table(name).date_field]
    latest = [value for value in latest if pd.notna(value)]
    return max(latest).date().isoformat() if latest else last_updated(loaded)


def source_line(package: DataPackage, tables: tuple[str, ...]) -> str:
    """Each credited table's attribution and licence, as declared in datapackage.json."""
    return "; ".join(dict.fromkeys(package.table(name).credit for name in tables))


def _iranian_drones(inputs: Inputs):
    strikes = inputs.table("strikes")
    series = interception_series(iranian_designed(strikes), inputs.period, inputs.basis)
    marks = strike_annotations(inputs.loaded.tables["events"], strikes["night"].min(), strikes["night"].max()) \
        if len(strikes) else strike_annotations(inputs.loaded.tables["events"].iloc[0:0], None, None)
    figure = iranian_drones_figure(series, marks, period=inputs.period, basis_words=BASIS_WORDS[inputs.basis],
                                   ew_break=pd.Timestamp(EW_REPORTING_ENDS), ew_break_label=EW_BREAK_LABEL)
    return figure, series.assign(grouped_by=DATE_BASES[inputs.basis])


def _launch_share(inputs: Inputs):
    share = launch_share(inputs.table("strikes"), inputs.period, inputs.basis)
    figure = launch_share_figure(share, period=inputs.period, basis_words=BASIS_WORDS[inputs.basis])
    return figure, share.assign(grouped_by=DATE_BASES[inputs.basis])


def _counting_rule(inputs: Inputs):
    effect = counting_rule_effect(inputs.table("strikes"))
    return counting_rule_figure(effect), effect


def _system_launches(inputs: Inputs):
    monthly = system_monthly(inputs.table("strikes"), inputs.system_id or "")
    return system_strikes_figure(monthly), monthly


def _supplier_years(inputs: Inputs):
    supplied = to_russia(inputs.table("transfers"))
    counts = records_by(supplied, "supplier")
    return transfer_years_figure(counts, mix=status_mix(supplied)), counts


def _supplier_breakdown(inputs: Inputs):
    supplied = to_russia(inputs.table("transfers"))
    counts = breakdown(supplied, inputs.loaded.tables["systems"])
    return breakdown_figure(counts, mix=status_mix(supplied)), counts


def _two_way(inputs: Inputs):
    transfers = inputs.table("transfers")
    balance = two_way_balance(transfers)
    both = transfers[transfers["supplier"].astype(str).isin(["Iran", "Russia"])
                     & transfers["recipient"].astype(str).isin(["Iran", "Russia"])]
    return two_way_figure(balance, mix=status_mix(both)), balance


def _deal_timeline(inputs: Inputs):
    transfers = inputs.table("transfers")
    lanes = programme_lanes(transfers, inputs.loaded.tables["systems"])
    figure = programme_timeline_figure(lanes, mix=status_mix(transfers))
    return figure, lanes.assign(source_ids=lanes["source_ids"].map(";".join))


def _designations(inputs: Inputs):
    monthly = monthly_by_jurisdiction(inputs.table("sanctions"))
    return designations_over_time_figure(monthly), monthly


def _targets(inputs: Inputs):
    counts = targets_by_country_and_role(inputs.table("sanctions"))
    return targets_figure(counts), counts


def _first_movers(inputs: Inputs):
    movers = first_movers(inputs.table("sanctions"))
    return first_movers_figure(movers), movers


def _sanctions_vs_strikes(inputs: Inputs):
    launches = interception_series(iranian_designed(inputs.table("strikes", dates_only=True)), "month")
    marks = milestones(inputs.table("sanctions"))
    figure = sanctions_vs_strikes_figure(launches, marks)
    return figure, launches[["period", "launched"]].merge(
        marks[["date", "label"]].rename(columns={"date": "period"}), on="period", how="outer").sort_values("period")


def _timeline(inputs: Inputs):
    tables = {name: inputs.table(name) for name in ("transfers", "sanctions", "events", "strikes")}
    items = unified_timeline(tables, inputs.record_types)
    return timeline_figure(items), items.assign(source_ids=items["source_ids"].map(";".join))


def _records_per_year(inputs: Inputs):
    per_year = records_per_year(inputs.loaded, inputs.package)
    return records_per_year_figure(per_year), per_year


CATALOG: dict[str, Chart] = {chart.slug: chart for chart in (
    Chart("iranian-drones", "Iranian-designed drones launched at Ukraine, and how many were stopped",
          ("strikes", "events"), _iranian_drones),
    Chart("launch-share", "What Russia launches at Ukraine, by country of design", ("strikes",), _launch_share),
    Chart("counting-rule", "How the counting rule changes the totals", ("strikes",), _counting_rule),
    Chart("system-launches", "{system}: launched at Ukraine per month", ("strikes", "systems"), _system_launches),
    Chart("supplier-years", "Who arms Russia: sourced records per year and supplier", ("transfers",), _supplier_years),
    Chart("supplier-breakdown", "What Russia gets, from whom: supplier → category → system", ("transfers",),
          _supplier_breakdown),
    Chart("two-way-trade", "The two-way trade: what flows each way, and how sure we are", ("transfers",), _two_way),
    Chart("deal-timeline", "Deals and deliveries, programme by programme", ("transfers",), _deal_timeline),
    Chart("designations", "Designations aimed at Iran–Russia military cooperation", ("sanctions", "official_listings"),
          _designations),
    Chart("sanction-targets", "Who is sanctioned: targets by country and role", ("sanctions", "official_listings"),
          _targets),
    Chart("first-movers", "Who moved first: how long others took to follow", ("sanctions", "official_listings"),
          _first_movers),
    Chart("sanctions-vs-strikes", "Sanctions milestones and Iranian-designed drone launches", ("strikes", "sanctions"),
          _sanctions_vs_strikes),
    Chart("timeline", "Everything on one time axis", ("transfers", "sanctions", "events", "strikes"), _timeline),
    Chart("records-per-year", "What the dashboard holds, year by year", (), _records_per_year,
          credits=("transfers", "sanctions", "events", "strikes"), filtered=False),
)}
# Charts drawn for one item (a system's page), not part of the chart pack.
PER_ITEM = frozenset({"system-launches"})


@dataclass(frozen=True)
class BuiltChart:
    slug: str
    title: str
    figure: dict
    data: pd.DataFrame
    as_of: str
    tables: tuple[str, ...] = ()
    # The same chart framed for a 390 px phone: text wrapped narrower, legend in fewer columns.
    phone_figure: dict | None = None

    @property
    def filename(self) -> str:
        return f"{self.slug}_{self.as_of}"


def _title(chart: Chart, inputs: Inputs) -> str:
    if inputs.system_id is None:
        return chart.title
    systems = inputs.loaded.tables["systems"]
    names = systems.loc[systems["id"].astype(str) == inputs.system_id, "name"]
    return chart.title.format(system=plain_text(names.iloc[0] if len(names) else inputs.system_id))


def _filter_words(chart: Chart, inputs: Inputs) -> str:
    if chart.filtered or inputs.filters.is_default:
        return inputs.words
    return UNFILTERED_WORDS


def build(slug: str, inputs: Inputs) -> BuiltChart:
    """The chart with its whole frame — title, units, filters in words, source line and licences, data as of —
    stamped in this one place."""
    chart = CATALOG[slug]
    figure, data = chart.build(inputs)
    as_of = data_as_of(inputs.loaded, inputs.package, chart.credited)
    title = _title(chart, inputs)
    frame = dict(title=title, filters_text=_filter_words(chart, inputs),
                 source=source_line(inputs.package, chart.credited), as_of=as_of)
    phone = frame_figure(go.Figure(figure), screen=PHONE, **frame).to_plotly_json()
    wide = frame_figure(figure, screen=WIDE, **frame).to_plotly_json()
    stem = slug if inputs.system_id is None else f"{slug}-{inputs.system_id}"
    return BuiltChart(stem, title, wide, data.reset_index(drop=True), as_of, chart.credited, phone)
