"""The chart catalogue: every headline chart as (figure, the data behind it), built from loaded
tables and the active filters. Pages, the export command and the briefing views all draw from
here, so a chart looks the same, and comes with the same CSV, wherever it appears."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.data.contract import DataPackage
from dashboard.data.validation import LoadedData
from dashboard.figures.overview import records_per_year_figure
from dashboard.figures.sanctions import (designations_over_time_figure, first_movers_figure,
                                         sanctions_vs_strikes_figure, targets_figure)
from dashboard.figures.strikes import counting_rule_figure, iranian_drones_figure, launch_share_figure
from dashboard.figures.timeline import timeline_figure
from dashboard.figures.transfers import (breakdown_figure, programme_timeline_figure,
                                         records_per_year_figure as transfer_years_figure, two_way_figure)
from dashboard.transforms.filters import Filters, apply_filters, describe
from dashboard.transforms.overview import last_updated, records_per_year
from dashboard.transforms.sanctions import (first_movers, milestones, monthly_by_jurisdiction,
                                            targets_by_country_and_role)
from dashboard.transforms.strikes import (BASIS_COLUMNS, BASIS_WORDS, DATE_BASES, EW_REPORTING_ENDS, counting_rule_effect,
                                          interception_series, iranian_designed, launch_share, night_label,
                                          strike_annotations)
from dashboard.transforms.timeline import RECORD_TYPES, unified_timeline
from dashboard.transforms.transfers import (breakdown, programme_lanes, records_by, status_mix, to_russia,
                                            two_way_balance)


EW_BREAK_LABEL = (f"Dashed line: from the night of {night_label(pd.Timestamp(EW_REPORTING_ENDS))} the Air Force no "
                  "longer reports drones lost to EW separately; rates either side are not like for like")


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    tables: tuple[str, ...]
    build: Callable[["Inputs"], tuple[go.Figure, pd.DataFrame]]


@dataclass(frozen=True)
class Inputs:
    """Filtered tables and the words and dates every chart stamps on itself."""

    loaded: LoadedData
    package: DataPackage
    filters: Filters
    period: str = "month"
    basis: str = "night"
    record_types: tuple[str, ...] = tuple(RECORD_TYPES)

    def table(self, name: str, *, dates_only: bool = False, any_date: bool = False) -> pd.DataFrame:
        """The table under the active filters; only their dates (`dates_only`), or all but their dates (`any_date`)."""
        filters = self.filters
        if dates_only:
            filters = Filters(filters.start, filters.end)
        if any_date:
            filters = Filters(None, None, filters.actors, filters.statuses)
        # Strikes dated by report date are filtered by it too, so a month holds that month's reports.
        date_field = BASIS_COLUMNS[self.basis] if name == "strikes" else None
        return apply_filters(self.loaded.tables[name], self.package.table(name), filters, date_field)

    @property
    def words(self) -> str:
        return describe(self.filters)

    @property
    def as_of(self) -> str:
        return last_updated(self.loaded)

    @property
    def strikes_as_of(self) -> str:
        """The last night in the strikes record, whatever the filter: "as of" dates the data, not the view."""
        nights = self.loaded.tables["strikes"]["night"].dropna()
        return nights.max().date().isoformat() if len(nights) else self.as_of


def _iranian_drones(inputs: Inputs):
    strikes = inputs.table("strikes")
    series = interception_series(iranian_designed(strikes), inputs.period, inputs.basis)
    marks = strike_annotations(inputs.loaded.tables["events"], strikes["night"].min(), strikes["night"].max()) \
        if len(strikes) else strike_annotations(inputs.loaded.tables["events"].iloc[0:0], None, None)
    figure = iranian_drones_figure(series, marks, period=inputs.period, basis_words=BASIS_WORDS[inputs.basis],
                                   as_of=inputs.strikes_as_of, ew_break=pd.Timestamp(EW_REPORTING_ENDS),
                                   ew_break_label=EW_BREAK_LABEL, filters_text=inputs.words)
    return figure, series.assign(grouped_by=DATE_BASES[inputs.basis])


def _launch_share(inputs: Inputs):
    share = launch_share(inputs.table("strikes"), inputs.period, inputs.basis)
    return launch_share_figure(share, period=inputs.period, basis_words=BASIS_WORDS[inputs.basis],
                               as_of=inputs.strikes_as_of, filters_text=inputs.words), \
        share.assign(grouped_by=DATE_BASES[inputs.basis])


def _counting_rule(inputs: Inputs):
    effect = counting_rule_effect(inputs.table("strikes"))
    return counting_rule_figure(effect, as_of=inputs.strikes_as_of), effect


def _supplier_years(inputs: Inputs):
    supplied = to_russia(inputs.table("transfers"))
    counts = records_by(supplied, "supplier")
    return transfer_years_figure(counts, mix=status_mix(supplied), as_of=inputs.as_of,
                                 filters_text=inputs.words), counts


def _supplier_breakdown(inputs: Inputs):
    supplied = to_russia(inputs.table("transfers"))
    counts = breakdown(supplied, inputs.loaded.tables["systems"])
    return breakdown_figure(counts, mix=status_mix(supplied), as_of=inputs.as_of, filters_text=inputs.words), counts


def _two_way(inputs: Inputs):
    transfers = inputs.table("transfers")
    balance = two_way_balance(transfers)
    both = transfers[transfers["supplier"].astype(str).isin(["Iran", "Russia"])
                     & transfers["recipient"].astype(str).isin(["Iran", "Russia"])]
    return two_way_figure(balance, mix=status_mix(both), as_of=inputs.as_of, filters_text=inputs.words), balance


def _deal_timeline(inputs: Inputs):
    transfers = inputs.table("transfers")
    lanes = programme_lanes(transfers, inputs.loaded.tables["systems"])
    figure = programme_timeline_figure(lanes, mix=status_mix(transfers), as_of=inputs.as_of, filters_text=inputs.words)
    return figure, lanes.assign(source_ids=lanes["source_ids"].map(";".join))


def _designations(inputs: Inputs):
    monthly = monthly_by_jurisdiction(inputs.table("sanctions"))
    return designations_over_time_figure(monthly, as_of=inputs.as_of, filters_text=inputs.words), monthly


def _targets(inputs: Inputs):
    counts = targets_by_country_and_role(inputs.table("sanctions"))
    return targets_figure(counts, as_of=inputs.as_of, filters_text=inputs.words), counts


def _first_movers(inputs: Inputs):
    movers = first_movers(inputs.table("sanctions"))
    return first_movers_figure(movers, as_of=inputs.as_of, filters_text=inputs.words), movers


def _sanctions_vs_strikes(inputs: Inputs):
    launches = interception_series(iranian_designed(inputs.table("strikes", dates_only=True)), "month")
    marks = milestones(inputs.table("sanctions"))
    figure = sanctions_vs_strikes_figure(launches, marks, as_of=inputs.as_of, filters_text=inputs.words)
    return figure, launches[["period", "launched"]].merge(
        marks[["date", "label"]].rename(columns={"date": "period"}), on="period", how="outer").sort_values("period")


def _timeline(inputs: Inputs):
    tables = {name: inputs.table(name) for name in ("transfers", "sanctions", "events", "strikes")}
    items = unified_timeline(tables, inputs.record_types)
    figure = timeline_figure(items, as_of=inputs.as_of, filters_text=inputs.words)
    return figure, items.assign(source_ids=items["source_ids"].map(";".join))


def _records_per_year(inputs: Inputs):
    per_year = records_per_year(inputs.loaded, inputs.package)
    return records_per_year_figure(per_year, as_of=inputs.as_of), per_year


CATALOG: dict[str, Chart] = {chart.slug: chart for chart in (
    Chart("iranian-drones", "Iranian-designed drones launched, shot down and lost", ("strikes", "events"),
          _iranian_drones),
    Chart("launch-share", "What Russia launches, by country of design", ("strikes",), _launch_share),
    Chart("counting-rule", "How the counting rule changes the totals", ("strikes",), _counting_rule),
    Chart("supplier-years", "Who arms Russia, per year and supplier", ("transfers",), _supplier_years),
    Chart("supplier-breakdown", "What Russia gets, from whom", ("transfers",), _supplier_breakdown),
    Chart("two-way-trade", "The two-way Iran–Russia trade", ("transfers",), _two_way),
    Chart("deal-timeline", "Deals and deliveries, programme by programme", ("transfers",), _deal_timeline),
    Chart("designations", "Designations by jurisdiction", ("sanctions",), _designations),
    Chart("sanction-targets", "Sanctions targets by country and role", ("sanctions",), _targets),
    Chart("first-movers", "Who moved first on sanctions", ("sanctions",), _first_movers),
    Chart("sanctions-vs-strikes", "Sanctions milestones and drone launches", ("sanctions", "strikes"),
          _sanctions_vs_strikes),
    Chart("timeline", "Everything on one time axis", ("transfers", "sanctions", "events", "strikes"), _timeline),
    Chart("records-per-year", "What the dashboard holds, year by year", (), _records_per_year),
)}


@dataclass(frozen=True)
class BuiltChart:
    slug: str
    title: str
    figure: dict
    data: pd.DataFrame
    as_of: str

    @property
    def filename(self) -> str:
        return f"{self.slug}_{self.as_of}"


def build(slug: str, inputs: Inputs) -> BuiltChart:
    chart = CATALOG[slug]
    figure, data = chart.build(inputs)
    as_of = inputs.strikes_as_of if "strikes" in chart.tables and "sanctions" not in chart.tables else inputs.as_of
    return BuiltChart(slug, chart.title, figure.to_plotly_json(), data.reset_index(drop=True), as_of)
