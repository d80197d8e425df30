"""What the data holds: rows, coverage, licences and freshness per table."""

from __future__ import annotations

import pandas as pd

from dashboard.data.contract import DataPackage
from dashboard.data.validation import LoadedData


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
