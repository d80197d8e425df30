"""Sanctions aggregates: designations over time, who moved first, locations."""

from __future__ import annotations

import pandas as pd

from dashboard.transforms.wording import dated, plural

DESIGNATION = "designation"
OTHER_LISTING = "other listing"
NEW_REGIME = "new regime"


def designations(sanctions: pd.DataFrame) -> pd.DataFrame:
    return sanctions[sanctions["action"].astype("string") == DESIGNATION]


def monthly_by_jurisdiction(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Long form: month, jurisdiction, designations that month, and that jurisdiction's running total."""
    rows = designations(sanctions)
    columns = ["month", "jurisdiction", "designations", "cumulative"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({"month": rows["announced"].dt.to_period("M").dt.start_time,
                          "jurisdiction": rows["jurisdiction"].astype(str)})
    counts = frame.groupby(["jurisdiction", "month"]).size().rename("designations")
    months = pd.date_range(frame["month"].min(), frame["month"].max(), freq="MS")
    full = counts.unstack("jurisdiction", fill_value=0).reindex(months, fill_value=0)
    long = full.stack().rename("designations").reset_index()
    long.columns = ["month", "jurisdiction", "designations"]
    long["cumulative"] = long.groupby("jurisdiction")["designations"].cumsum()
    return long[columns].sort_values(["month", "jurisdiction"]).reset_index(drop=True)


def entities(sanctions: pd.DataFrame) -> pd.DataFrame:
    """One row per designated entity: name, country, role, jurisdictions, first designation."""
    rows = designations(sanctions).sort_values("announced")
    if rows.empty:
        return pd.DataFrame(columns=["entity_id", "name", "target_type", "target_country", "role", "jurisdictions",
                                     "first_announced", "designations"])
    grouped = rows.groupby("entity_id", observed=True, sort=False)
    table = grouped.agg(
        name=("target_name", "first"), target_type=("target_type", "first"), target_country=("target_country", "first"),
        role=("role", "first"), first_announced=("announced", "min"), designations=("id", "size"),
        jurisdictions=("jurisdiction", lambda values: sorted(set(map(str, values)))),
    ).reset_index()
    for column in ("target_type", "role"):
        table[column] = table[column].astype(str)
    return table.sort_values("first_announced").reset_index(drop=True)


def targets_by_country_and_role(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Designated entities (not designations) per target country and role."""
    table = entities(sanctions)
    if table.empty:
        return pd.DataFrame(columns=["target_country", "role", "entities"])
    table["target_country"] = table["target_country"].astype("string").fillna("unknown")
    counts = table.groupby(["target_country", "role"]).size().rename("entities").reset_index()
    return counts.sort_values("entities", ascending=False).reset_index(drop=True)


def listings(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Designations and other listings: every time a jurisdiction listed a target."""
    return sanctions[sanctions["action"].astype("string").isin([DESIGNATION, OTHER_LISTING])]


def first_movers(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Per entity and jurisdiction: that jurisdiction's first listing (a designation here, or an
    earlier or other listing the official list shows), the entity's first overall, and the gap in days
    (0 for the jurisdiction that moved first; ties all get 0). Only entities with a designation count."""
    rows = listings(sanctions)
    rows = rows[rows["entity_id"].isin(designations(sanctions)["entity_id"])]
    columns = ["entity_id", "name", "jurisdiction", "announced", "first_jurisdictions", "first_announced", "gap_days"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    per_jurisdiction = (rows.assign(jurisdiction=rows["jurisdiction"].astype(str))
                        .groupby(["entity_id", "jurisdiction"], observed=True)
                        .agg(announced=("announced", "min"), name=("target_name", "first")).reset_index())
    first = per_jurisdiction.groupby("entity_id")["announced"].transform("min")
    per_jurisdiction["first_announced"] = first
    per_jurisdiction["gap_days"] = (per_jurisdiction["announced"] - first).dt.days.astype(int)
    leaders = (per_jurisdiction[per_jurisdiction["gap_days"] == 0].groupby("entity_id")["jurisdiction"]
               .agg(lambda values: ", ".join(sorted(values))))
    per_jurisdiction["first_jurisdictions"] = per_jurisdiction["entity_id"].map(leaders)
    per_jurisdiction["name"] = per_jurisdiction["name"].astype(str)
    return per_jurisdiction[columns].sort_values(["first_announced", "entity_id", "gap_days"]).reset_index(drop=True)


def follow_summary(movers: pd.DataFrame) -> pd.DataFrame:
    """Per jurisdiction, over entities listed by two or more jurisdictions: how often it moved first,
    how often it followed, and its median lag when following."""
    shared = movers[movers.groupby("entity_id")["jurisdiction"].transform("size") > 1]
    columns = ["jurisdiction", "entities", "moved_first", "followed", "median_lag_days"]
    if shared.empty:
        return pd.DataFrame(columns=columns)
    summary = shared.groupby("jurisdiction").agg(
        entities=("entity_id", "nunique"),
        moved_first=("gap_days", lambda gaps: int((gaps == 0).sum())),
        followed=("gap_days", lambda gaps: int((gaps > 0).sum())),
        median_lag_days=("gap_days", lambda gaps: float(gaps[gaps > 0].median()) if (gaps > 0).any() else None),
    ).reset_index()
    return summary[columns].sort_values("entities", ascending=False).reset_index(drop=True)


def milestones(sanctions: pd.DataFrame, top: int = 6) -> pd.DataFrame:
    """Dates worth marking next to the strikes: new regimes (priority 0), then the days with most
    designations (priority 1 for the busiest, and so on)."""
    regimes = sanctions[sanctions["action"].astype("string") == NEW_REGIME]
    rows = [{"date": row.announced, "label": f"{row.jurisdiction}: new regime", "priority": 0}
            for row in regimes.itertuples()]
    busiest = (designations(sanctions).assign(jurisdiction=lambda f: f["jurisdiction"].astype(str))
               .groupby(["announced", "jurisdiction"]).size().rename("count").reset_index()
               .sort_values(["count", "announced"], ascending=[False, True]).head(top))
    rows += [{"date": row.announced, "label": f"{row.jurisdiction}: {row.count} designations", "priority": rank}
             for rank, row in enumerate(busiest.itertuples(), start=1)]
    marks = pd.DataFrame(rows, columns=["date", "label", "priority"]).assign(date_precision="day")
    return marks.sort_values("date").reset_index(drop=True)


def _first_listed(announced: pd.Timestamp, precision: str) -> str:
    if precision == "on or before":
        return f"first listed on or before {announced:%Y-%m-%d}"
    return f"first listed {dated(announced, precision)}"


def entity_locations(sanctions: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Designated entities placed at their city, with role, jurisdictions and a tooltip line (`detail`)."""
    table = entities(sanctions)
    rows = designations(sanctions).sort_values("announced")
    located = rows.dropna(subset=["place_id"]).groupby("entity_id", observed=True)["place_id"].first()
    first = rows.groupby("entity_id", observed=True)[["announced", "date_precision"]].first()
    table = table.assign(place_id=table["entity_id"].map(located)).dropna(subset=["place_id"])
    coordinates = places.set_index("id")[["name", "lat", "lon"]].rename(columns={"name": "place"})
    table = table.join(coordinates, on="place_id", how="inner").dropna(subset=["lat", "lon"])
    table["lat"] = table["lat"].astype(float)
    table["lon"] = table["lon"].astype(float)
    table["jurisdictions"] = table["jurisdictions"].map(", ".join)
    table["detail"] = [
        " · ".join([str(role), ", ".join(str(part) for part in (place, country) if pd.notna(part)),
                    f"{plural(int(count), 'designation')} by {jurisdictions}",
                    _first_listed(first.at[entity, "announced"], str(first.at[entity, "date_precision"]))])
        for entity, role, place, country, count, jurisdictions in zip(
            table["entity_id"], table["role"], table["place"], table["target_country"], table["designations"],
            table["jurisdictions"])]
    return table[["entity_id", "name", "role", "target_country", "jurisdictions", "place", "lat", "lon",
                  "detail"]].reset_index(drop=True)
