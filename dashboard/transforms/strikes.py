"""Strike aggregates: everything the strikes views plot is computed here, before plotting."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.transforms.wording import plural

IRAN = "Iran"
RUSSIA_OR_NORTH_KOREA = "Russia or North Korea"
DESIGN_GROUPS = ("Iran", "Russia", "North Korea", RUSSIA_OR_NORTH_KOREA, "unknown")
PERIODS = {"night": "Night", "week": "Week", "month": "Month"}
# Two honest ways to date a report: the night the attack began, or the morning report that closes it
# (how the Air Force, AFP and Ukrainian agencies total days and months).
DATE_BASES = {"night": "Night of attack", "report": "Report date"}
BASIS_COLUMNS = {"night": "night", "report": "report_date"}
BASIS_WORDS = {"night": "by night of attack (the evening the attack began)",
               "report": "by report date (the morning report that closes the attack, as the Air Force and AFP count)"}
# The first night of attack on which the Air Force's national reports stopped giving drones
# "locationally lost" (to electronic warfare) as a figure of their own: from then on the upstream
# column is 0 on all but two nights, so a fall to zero is a change of reporting, not of war.
EW_REPORTING_ENDS = date(2025, 7, 23)
COUNT_COLUMNS = ["launched", "shot_down", "lost_ew"]
ANNOTATED_EVENT_KINDS = ("military milestone", "strike record", "production milestone")


QUALITY_NOTES = {
    "end-before-start": "the window's end precedes its start in the upstream file (an upstream typo, usually in the "
                        "start's day); the row is kept and counted, and its night is taken from its end",
}


def quality_flags(strikes: pd.DataFrame) -> tuple[tuple[str, str, int], ...]:
    """Each quality flag the importer can set, what it means, and how many rows carry it."""
    notes = strikes["quality"].astype("string").fillna("").str.split(";")
    return tuple((code, meaning, int(notes.map(lambda flags: code in flags).sum())) for code, meaning in QUALITY_NOTES.items())


def counted(strikes: pd.DataFrame) -> pd.DataFrame:
    """Rows the counting rule counts in totals (see the strikes table description)."""
    return strikes[strikes["in_totals"].fillna(False).astype(bool)]


def iranian_designed(strikes: pd.DataFrame) -> pd.DataFrame:
    return strikes[strikes["design_country"].astype("string") == IRAN]


def _check_basis(basis: str) -> str:
    if basis not in BASIS_COLUMNS:
        raise ValueError(f"unknown date basis {basis!r}; expected one of {', '.join(BASIS_COLUMNS)}")
    return BASIS_COLUMNS[basis]


def period_start(nights: pd.Series, period: str) -> pd.Series:
    if period == "night":
        return nights
    if period == "week":
        return nights.dt.to_period("W-SUN").dt.start_time
    if period == "month":
        return nights.dt.to_period("M").dt.start_time
    raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")


def interception_series(strikes: pd.DataFrame, period: str, basis: str = "night") -> pd.DataFrame:
    """Per period: launched, shot down, lost to EW, the rest, and (shot down + lost) / launched.

    Counts are summed over rows counted in totals; a missing count adds nothing. Periods made only
    of nights after the Air Force stopped reporting EW losses get no EW figure (missing, not 0), and
    `ew_reported` says which periods those are.
    """
    column = _check_basis(basis)
    rows = counted(strikes)
    columns = ["period", *COUNT_COLUMNS, "other", "interception_rate", "reports", "ew_reported"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    frame = rows[COUNT_COLUMNS].astype("Float64").fillna(0)
    frame["period"] = period_start(rows[column], period)
    frame["ew_reported"] = rows["night"] < pd.Timestamp(EW_REPORTING_ENDS)
    grouped = frame.groupby("period", sort=True)
    series = grouped[COUNT_COLUMNS].sum()
    series["reports"] = grouped.size()
    series["ew_reported"] = grouped["ew_reported"].any()
    series = series.reset_index()
    stopped = series["shot_down"] + series["lost_ew"]
    series["other"] = (series["launched"] - stopped).clip(lower=0)
    series["interception_rate"] = (stopped / series["launched"].where(series["launched"] > 0)).astype("Float64")
    for name in ["launched", "shot_down", "other"]:
        series[name] = series[name].astype("int64")
    series["lost_ew"] = _unreported_as_missing(series["lost_ew"], series["ew_reported"])
    return series[columns]


def _unreported_as_missing(lost_ew: pd.Series, ew_reported: pd.Series) -> pd.Series:
    """After the EW reporting break a 0 means "not reported", so it becomes missing; the few EW
    figures still reported after it stay."""
    return lost_ew.astype("Int64").where(ew_reported | (lost_ew > 0))


def design_group(strikes: pd.DataFrame) -> pd.Series:
    """Country of design, with Iskander-M/KN-23 (reported together) as its own honest group."""
    group = strikes["design_country"].astype("string").fillna("unknown")
    mixed = strikes["design_countries"].map(lambda c: sorted(c) == ["North Korea", "Russia"]).astype(bool)
    return group.mask(mixed & (group == "unknown"), RUSSIA_OR_NORTH_KOREA)


def launch_share(strikes: pd.DataFrame, period: str, basis: str = "night") -> pd.DataFrame:
    """Long form: period, design group, launched, and that group's share of the period's launches."""
    column = _check_basis(basis)
    rows = counted(strikes)
    columns = ["period", "group", "launched", "share"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({
        "period": period_start(rows[column], period),
        "group": design_group(rows),
        "launched": rows["launched"].astype("Float64").fillna(0),
    })
    totals = frame.groupby(["period", "group"], sort=True)["launched"].sum().unstack(fill_value=0)
    totals = totals.reindex(columns=[g for g in DESIGN_GROUPS if g in totals.columns])
    share = totals.div(totals.sum(axis=1).where(lambda s: s > 0), axis=0)
    long = totals.stack().rename("launched").to_frame().join(share.stack().rename("share")).reset_index()
    long.columns = columns
    long["launched"] = long["launched"].astype("int64")
    return long


def night_label(night: pd.Timestamp) -> str:
    """A night as people say it: "5–6 Feb 2026", "31 Jan–1 Feb 2026", "31 Dec 2025–1 Jan 2026"."""
    following = night + pd.Timedelta(days=1)
    if night.year != following.year:
        return f"{night.day} {night:%b %Y}–{following.day} {following:%b %Y}"
    if night.month != following.month:
        return f"{night.day} {night:%b}–{following.day} {following:%b %Y}"
    return f"{night.day}–{following.day} {following:%b %Y}"


def attack_label(night: pd.Timestamp, window_start: str) -> str:
    """The night as people say it; a report window opening in the morning (06:00–11:59) is a
    daytime attack, named by its day and start time."""
    if len(window_start) == 16 and 6 <= int(window_start[11:13]) < 12:
        start = pd.Timestamp(window_start)
        return f"{start.day} {start:%b %Y}, from {start:%H:%M}"
    return night_label(night)


def biggest_nights(strikes: pd.DataFrame, top: int) -> pd.DataFrame:
    """The largest attacks of Iranian-designed drones: one row per Air Force report window (on a
    night without a national report, the night's reports together, as the counting rule has it).

    Each window belongs to the one night its attack began in, and a daytime report after a night
    attack stays its own row, so two attacks never add up to one record."""
    rows = counted(iranian_designed(strikes))
    columns = ["night", "night_label", "launched", "shot_down", "lost_ew", "interception_rate", "reports",
               "window", "source_post", "all_sources"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    counts = rows[COUNT_COLUMNS].astype("Float64").fillna(0)
    counts["night"] = rows["night"]
    counts["source_post"] = rows["source_post"].astype(str)
    counts["window_start"] = rows["window_start"].astype(str)
    counts["window_end"] = rows["window_end"].astype(str)
    national = rows["reporter"].astype(str) == "national"
    counts["attack"] = (counts["window_start"] + "|" + counts["window_end"]).where(national, "")
    attacks = counts.groupby(["night", "attack"]).agg(
        launched=("launched", "sum"), shot_down=("shot_down", "sum"), lost_ew=("lost_ew", "sum"),
        reports=("launched", "size"), source_post=("source_post", "first"),
        all_sources=("source_post", lambda posts: list(dict.fromkeys(posts))),
        window_start=("window_start", "min"), window_end=("window_end", "max"),
    )
    attacks = attacks.sort_values(["launched", "window_start"], ascending=[False, True]).head(top).reset_index()
    attacks["night_label"] = [attack_label(night, start) for night, start in zip(attacks["night"], attacks["window_start"])]
    attacks["window"] = (attacks["window_start"].str.replace("T", " ") + " → "
                         + attacks["window_end"].str.replace("T", " "))
    attacks["interception_rate"] = ((attacks["shot_down"] + attacks["lost_ew"])
                                    / attacks["launched"].where(attacks["launched"] > 0))
    for column in ["launched", "shot_down"]:
        attacks[column] = attacks[column].astype("int64")
    attacks["lost_ew"] = _unreported_as_missing(attacks["lost_ew"],
                                                attacks["night"] < pd.Timestamp(EW_REPORTING_ENDS))
    return attacks[columns]


def counting_rule_effect(strikes: pd.DataFrame) -> pd.DataFrame:
    """Launched, shot down and lost per design group: every report vs the counting rule."""
    current = strikes[strikes["upstream_status"].astype("string") == "current"]
    frames = []
    for label, rows in (("every report", current), ("counting rule", counted(current))):
        totals = rows[COUNT_COLUMNS].astype("Float64").fillna(0).groupby(design_group(rows)).sum()
        totals["rows"] = rows.groupby(design_group(rows)).size()
        totals["basis"] = label
        frames.append(totals)
    combined = pd.concat(frames).rename_axis("group").reset_index()
    wide = combined.pivot(index="group", columns="basis", values="launched")
    wide = wide.reindex(columns=["every report", "counting rule"]).fillna(0)
    wide["difference"] = wide["every report"] - wide["counting rule"]
    wide["difference_pct"] = (wide["difference"] / wide["every report"].where(wide["every report"] > 0) * 100).round(1)
    order = [g for g in DESIGN_GROUPS if g in wide.index]
    return wide.reindex(order).reset_index()[["group", "every report", "counting rule", "difference", "difference_pct"]]


def strike_annotations(events: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    """Events worth marking on the drone timeline, within the plotted range, all of one priority."""
    rows = events[events["kind"].astype("string").isin(ANNOTATED_EVENT_KINDS)]
    if start is not None:
        rows = rows[rows["date"] >= start]
    if end is not None:
        rows = rows[rows["date"] <= end]
    marks = rows[["date", "title", "date_precision", "kind"]].rename(columns={"title": "label"}).assign(priority=0)
    return marks.sort_values("date").reset_index(drop=True)


def _span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    return f"night of {first:%Y-%m-%d}" if first == last else f"nights of {first:%Y-%m-%d} to {last:%Y-%m-%d}"


def _launch_words(launched: int, reports: int, first: pd.Timestamp, last: pd.Timestamp) -> str:
    return f"{plural(launched, 'weapon')} launched in {plural(reports, 'report')}, {_span(first, last)}"


def _points(strikes: pd.DataFrame, places: pd.DataFrame, id_column: str, role: str) -> pd.DataFrame:
    exploded = strikes[[id_column, "launched", "night"]].explode(id_column).dropna(subset=[id_column])
    exploded["launched"] = exploded["launched"].astype("Float64").fillna(0)
    totals = exploded.groupby(id_column).agg(launched=("launched", "sum"), reports=("launched", "size"),
                                             first_night=("night", "min"), last_night=("night", "max"))
    located = places.set_index("id")[["name", "lat", "lon"]].join(totals, how="inner").dropna(subset=["lat", "lon"])
    located = located.reset_index().rename(columns={"index": "place_id", "id": "place_id"})
    located["launched"] = located["launched"].astype("int64")
    located["lat"] = located["lat"].astype(float)
    located["lon"] = located["lon"].astype(float)
    located["detail"] = [f"{role} · {_launch_words(*values)}" for values in
                         zip(located["launched"], located["reports"], located["first_night"], located["last_night"])]
    return located.sort_values("launched", ascending=False).reset_index(drop=True)


def strike_geography(strikes: pd.DataFrame, places: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Launch areas and targets with the weapons launched in reports naming them, and the arcs
    between them where a report names both, each with a tooltip line (`detail`). A report naming
    several places counts in full at each; the upstream record gives no split."""
    rows = counted(strikes)
    launch = _points(rows, places, "launch_place_ids", "Launch area")
    target = _points(rows, places, "target_place_ids", "Target")
    pairs = rows[["launch_place_ids", "target_place_ids", "launched", "night"]].explode(
        "launch_place_ids").explode("target_place_ids")
    pairs = pairs.dropna(subset=["launch_place_ids", "target_place_ids"])
    pairs["launched"] = pairs["launched"].astype("Float64").fillna(0)
    arcs = pairs.groupby(["launch_place_ids", "target_place_ids"]).agg(
        launched=("launched", "sum"), reports=("launched", "size"), first_night=("night", "min"),
        last_night=("night", "max")).reset_index()
    coordinates = places.set_index("id")[["name", "lat", "lon"]].dropna(subset=["lat", "lon"]).astype({"lat": float, "lon": float})
    arcs = arcs.join(coordinates.add_suffix("_from"), on="launch_place_ids", how="inner").join(
        coordinates.add_suffix("_to"), on="target_place_ids", how="inner")
    arcs = arcs.rename(columns={"name_from": "from_name", "name_to": "to_name"})
    arcs["launched"] = arcs["launched"].astype("int64")
    arcs["detail"] = [f"Reports naming both · {_launch_words(*values)}" for values in
                      zip(arcs["launched"], arcs["reports"], arcs["first_night"], arcs["last_night"])]
    return {"launch": launch, "target": target, "arcs": arcs.reset_index(drop=True)}


def drone_headlines(strikes: pd.DataFrame, recent_rows: pd.DataFrame | None = None,
                    until: pd.Timestamp | None = None) -> dict[str, object]:
    """Iranian-designed drones under the counting rule: launched and the interception rate over
    `strikes`, and the 30 nights up to the last night (no later than `until`) vs the 30 before,
    taken from `recent_rows` so that a date filter never cuts the comparison short."""
    rows = counted(iranian_designed(strikes))
    window = counted(iranian_designed(strikes if recent_rows is None else recent_rows))
    if until is not None:
        window = window[window["night"] <= until]
    counts = rows[COUNT_COLUMNS].astype("Float64").fillna(0)
    launched = int(counts["launched"].sum())
    stopped = float(counts["shot_down"].sum() + counts["lost_ew"].sum())
    headlines: dict[str, object] = {
        "launched": launched,
        "interception_rate": stopped / launched if launched else None,
        "latest_night": rows["night"].max().date() if len(rows) else None,
        "last_30": 0, "previous_30": 0, "window_end": None,
    }
    if len(window):
        latest = window["night"].max()
        nights = window["night"]
        window_launched = window["launched"].astype("Float64").fillna(0)
        recent = nights > latest - pd.Timedelta(days=30)
        previous = (nights <= latest - pd.Timedelta(days=30)) & (nights > latest - pd.Timedelta(days=60))
        headlines.update(last_30=int(window_launched[recent].sum()), previous_30=int(window_launched[previous].sum()),
                         window_end=latest.date())
    return headlines


def system_monthly(strikes: pd.DataFrame, system_id: str) -> pd.DataFrame:
    """Weapons launched per month in counted reports that name `system_id`."""
    rows = counted(strikes)
    rows = rows[rows["system_ids"].map(lambda ids: system_id in ids).astype(bool)]
    if rows.empty:
        return pd.DataFrame(columns=["period", "launched", "reports"])
    frame = pd.DataFrame({"period": period_start(rows["night"], "month"),
                          "launched": rows["launched"].astype("Float64").fillna(0)})
    monthly = frame.groupby("period").agg(launched=("launched", "sum"), reports=("launched", "size")).reset_index()
    monthly["launched"] = monthly["launched"].astype("int64")
    return monthly
