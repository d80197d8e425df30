"""What the data holds: rows, coverage, licences and freshness per table."""

from __future__ import annotations

import pandas as pd

from dashboard.data.contract import DataPackage
from dashboard.data.validation import LoadedData
from dashboard.transforms.formatting import date_at_precision, release_date
from dashboard.transforms.strikes import night_label


def table_summary(data: LoadedData, contract: DataPackage) -> pd.DataFrame:
    """One row per table: rows, date coverage, licences, problems."""
    failed = data.failed_tables
    problem_counts = pd.Series([p.file for p in data.problems], dtype="string").value_counts()
    rows = []
    for table in contract.tables:
        frame = data.tables[table.name]
        dates = frame[table.date_field].dropna() if table.date_field else pd.Series([], dtype="datetime64[ns]")
        rows.append({
            "table": table.name,
            "title": table.title,
            "rows": len(frame),
            "from": dates.min() if len(dates) else pd.NaT,
            "to": dates.max() if len(dates) else pd.NaT,
            "licence": ", ".join(licence["name"] for licence in table.licenses),
            "problems": int(problem_counts.get(table.path, 0)),
            "valid": table.name not in failed,
        })
    return pd.DataFrame(rows)


def records_per_year(data: LoadedData, contract: DataPackage) -> pd.DataFrame:
    """Dated records per calendar year and table (long form: year, table, records)."""
    parts = []
    for table in contract.tables:
        if not table.date_field:
            continue
        years = data.tables[table.name][table.date_field].dropna().dt.year
        counts = years.value_counts().rename_axis("year").reset_index(name="records")
        counts["table"] = table.title
        parts.append(counts)
    if not parts:
        return pd.DataFrame({"year": [], "table": [], "records": []})
    combined = pd.concat(parts, ignore_index=True)
    return combined.sort_values(["year", "table"]).reset_index(drop=True)


def last_updated(data: LoadedData) -> str:
    """The latest date the project read a source or the latest night in the strikes record."""
    candidates = []
    sources = data.tables.get("sources")
    if sources is not None and len(sources):
        candidates.append(sources["accessed"].max())
    strikes = data.tables.get("strikes")
    if strikes is not None and len(strikes):
        candidates.append(strikes["night"].max())
    candidates = [c for c in candidates if pd.notna(c)]
    return max(candidates).date().isoformat() if candidates else "no data"


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists joined with ';' as in the CSV, so downloads read the way the files do (the screen shows
    formatting.human_table of these rows)."""
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].dtype == object and len(shown) and isinstance(shown[column].iloc[0], list):
            shown[column] = shown[column].map(";".join)
    return shown


def search_rows(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where any cell contains `query` (case-insensitive, plain text, not a pattern)."""
    query = query.strip().casefold()
    if not query:
        return frame
    text = frame.astype(str).apply(lambda column: column.str.casefold().str.contains(query, regex=False))
    return frame[text.any(axis=1)]


def transfers_each_way(transfers: pd.DataFrame) -> pd.DataFrame:
    """Records per claim status (rows, firmest claim first) and direction (columns Iran → Russia and
    Russia → Iran): two narrow columns, so the table fits beside another on a page or a slide."""
    pairs = transfers[transfers["supplier"].astype(str).isin(["Iran", "Russia"])
                      & transfers["recipient"].astype(str).isin(["Iran", "Russia"])]
    if pairs.empty:
        return pd.DataFrame()
    direction = pairs["supplier"].astype(str) + " → " + pairs["recipient"].astype(str)
    table = pd.crosstab(pairs["status"].astype(str), direction).rename_axis(index="status", columns=None)
    known = [s for s in ("delivered", "in production", "ordered", "agreed", "reported", "alleged", "denied")
             if s in table.index]
    directions = [d for d in ("Iran → Russia", "Russia → Iran") if d in table.columns]
    return table.loc[known + sorted(set(table.index) - set(known)), directions].reset_index()


def designations_by_jurisdiction(sanctions: pd.DataFrame) -> pd.DataFrame:
    rows = sanctions[sanctions["action"].astype(str) == "designation"]
    counts = rows["jurisdiction"].astype(str).value_counts().rename_axis("jurisdiction").reset_index(name="designations")
    counts["entities"] = counts["jurisdiction"].map(rows.groupby(rows["jurisdiction"].astype(str))["entity_id"].nunique())
    return counts


def latest_changes(data: LoadedData) -> list[str]:
    """Plain sentences on what the last update brought: the newest strikes release and the newest reading."""
    notes = []
    strikes = data.tables.get("strikes")
    if strikes is not None and strikes["night"].notna().any():
        strikes = strikes.dropna(subset=["night", "upstream_release"])
        releases = strikes["upstream_release"].astype(str)
        # Over the distinct labels: a few releases, not one label per row (370,000 at 100x).
        latest = max(releases.unique(), key=lambda label: label.split("/")[0])
        newest = strikes[releases == latest]
        removed = int((strikes["upstream_status"].astype(str) == "removed").sum())
        last_night = strikes["night"].max()
        released = release_date(latest)
        release = f"the {released} release" if released else f"release {latest}"
        notes.append(f"Strikes: {release} added or revised {len(newest):,} rows, nights of attack "
                     f"{night_label(newest['night'].min())} to {night_label(newest['night'].max())}; the record "
                     f"runs to the night of {night_label(last_night)}"
                     + (f"; {removed:,} rows gone upstream are kept, flagged removed." if removed else "."))
    sources = data.tables.get("sources")
    if sources is not None and sources["accessed"].notna().any():
        newest_read = sources["accessed"].max()
        read = set(sources.loc[sources["accessed"] == newest_read, "id"].astype(str))
        citing = {name: int(frame["source_ids"].map(lambda ids: bool(read.intersection(ids))).sum())
                  for name, frame in data.tables.items() if name in ("transfers", "sanctions", "events")}
        notes.append(f"Curated tables: {len(read):,} source{'' if len(read) == 1 else 's'} read on {date_at_precision(newest_read, 'day')}, cited by "
                     + ", ".join(f"{count:,} {name}" for name, count in citing.items()) + ".")
    return notes
