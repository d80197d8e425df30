"""Transfer breakdowns: counts of sourced records (never summed quantities across claims)."""

from __future__ import annotations

import pandas as pd

from dashboard.transforms.wording import dated, plural

STATUS_ORDER = ("delivered", "in production", "ordered", "agreed", "reported", "alleged", "denied")


def to_russia(transfers: pd.DataFrame) -> pd.DataFrame:
    return transfers[transfers["recipient"].astype("string") == "Russia"]


def status_mix(frame: pd.DataFrame, column: str = "status") -> str:
    """'41 delivered, 30 reported, …' — the claim-status mix of the records behind a chart."""
    if frame.empty:
        return "no records"
    counts = frame[column].astype("string").value_counts()
    ordered = [s for s in STATUS_ORDER if s in counts.index] + sorted(set(counts.index) - set(STATUS_ORDER))
    return ", ".join(f"{int(counts[s])} {s}" for s in ordered)


def records_by(transfers: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Record counts by the given columns plus year, in long form (…, year, records)."""
    frame = transfers.assign(year=transfers["event_date"].dt.year)
    keys = [*columns, "year"]
    if frame.empty:
        return pd.DataFrame(columns=[*keys, "records"])
    counts = frame.groupby(keys, observed=True, dropna=False).size().rename("records").reset_index()
    counts["year"] = counts["year"].astype(int)
    return counts.sort_values(keys).reset_index(drop=True)


def breakdown(transfers: pd.DataFrame, systems: pd.DataFrame) -> pd.DataFrame:
    """Supplier → category → system record counts, with the system's display name."""
    names = systems.set_index("id")["name"].astype("string")
    frame = transfers.assign(system=transfers["system_id"].astype("string").map(names).fillna(transfers["system_id"]))
    if frame.empty:
        return pd.DataFrame(columns=["supplier", "category", "system", "records"])
    counts = frame.groupby(["supplier", "category", "system"], observed=True).size().rename("records").reset_index()
    return counts.sort_values("records", ascending=False).reset_index(drop=True)


def two_way_balance(transfers: pd.DataFrame) -> pd.DataFrame:
    """Iran→Russia and Russia→Iran records per category and status."""
    pairs = {("Iran", "Russia"): "Iran → Russia", ("Russia", "Iran"): "Russia → Iran"}
    direction = pd.Series(
        [pairs.get((s, r)) for s, r in zip(transfers["supplier"].astype(str), transfers["recipient"].astype(str))],
        index=transfers.index, dtype="string",
    )
    frame = transfers.assign(direction=direction).dropna(subset=["direction"])
    if frame.empty:
        return pd.DataFrame(columns=["direction", "category", "status", "records"])
    counts = frame.groupby(["direction", "category", "status"], observed=True).size().rename("records").reset_index()
    return counts.sort_values(["direction", "category"]).reset_index(drop=True)


def largest_reported_quantities(transfers: pd.DataFrame, systems: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The largest quantity claims, each with its own range, unit, status and sources — not added up,
    since claims overlap."""
    frame = transfers.dropna(subset=["quantity_low"])
    if frame.empty:
        return pd.DataFrame(columns=["supplier", "recipient", "system", "quantity", "unit", "status", "event_date",
                                     "source_ids", "id"])
    names = systems.set_index("id")["name"].astype("string")
    low, high = frame["quantity_low"].astype("Int64"), frame["quantity_high"].astype("Int64")
    quantity = [
        f"{lo:,}" if pd.isna(hi) or hi == lo else f"{lo:,}–{hi:,}" for lo, hi in zip(low, high)
    ]
    quantity = [q if not pd.isna(hi) else f"{q}+" for q, hi in zip(quantity, high)]
    table = pd.DataFrame({
        "supplier": frame["supplier"].astype("string"),
        "recipient": frame["recipient"].astype("string"),
        "system": frame["system_id"].astype("string").map(names),
        "quantity": quantity,
        "unit": frame["quantity_unit"].astype("string"),
        "status": frame["status"].astype("string"),
        "event_date": frame["event_date"],
        "source_ids": frame["source_ids"].map(";".join),
        "id": frame["id"].astype("string"),
        "_order": high.fillna(low),
    })
    return table.sort_values("_order", ascending=False).drop(columns="_order").head(top).reset_index(drop=True)


def programme_lanes(transfers: pd.DataFrame, systems: pd.DataFrame) -> pd.DataFrame:
    """One lane per programme (supplier → recipient, system), its records as dated milestones."""
    names = systems.set_index("id")["name"].astype("string")
    frame = transfers.assign(
        system=transfers["system_id"].astype("string").map(names).fillna(transfers["system_id"].astype("string")),
    )
    frame["lane"] = (frame["supplier"].astype(str) + " → " + frame["recipient"].astype(str) + ": "
                     + frame["system"].astype(str))
    columns = ["lane", "event_date", "date_precision", "kind", "status", "description", "id", "source_ids"]
    frame = frame[columns + ["supplier"]].sort_values(["supplier", "lane", "event_date"])
    return frame.drop(columns="supplier").reset_index(drop=True)


def sources_for(source_ids: pd.Series, sources: pd.DataFrame) -> pd.DataFrame:
    """The sources cited by a set of records, once each, newest first."""
    wanted = list(dict.fromkeys(i for ids in source_ids for i in ids))
    table = sources[sources["id"].astype("string").isin(wanted)]
    return table.sort_values("published", ascending=False, na_position="last").reset_index(drop=True)


MAX_TOOLTIP_RECORDS = 6
MAX_TOOLTIP_SOURCES = 5


def _describe_records(rows: pd.DataFrame, system_names: pd.Series, publishers: pd.Series) -> str:
    """What the records say, newest first, one line each: 'Iran → Russia · Shahed-136 · 2022-08 ·
    delivery: delivered · high confidence', then who published them. Names, never ids."""
    ordered = rows.sort_values("event_date", ascending=False)
    lines = [plural(len(rows), "record") + ":"]
    for row in ordered.head(MAX_TOOLTIP_RECORDS).itertuples():
        system = system_names.get(str(row.system_id), "unnamed system")
        lines.append(f"{row.supplier} → {row.recipient} · {system} · {dated(row.event_date, str(row.date_precision))} · "
                     f"{row.kind}: {row.status} · {row.confidence} confidence")
    if len(rows) > MAX_TOOLTIP_RECORDS:
        lines.append(f"… and {plural(len(rows) - MAX_TOOLTIP_RECORDS, 'more record')}")
    cited = sorted({str(publishers.get(i, "unlisted source")) for ids in rows["source_ids"] for i in ids})
    if cited:
        more = f" and {plural(len(cited) - MAX_TOOLTIP_SOURCES, 'other')}" if len(cited) > MAX_TOOLTIP_SOURCES else ""
        lines.append(f"Sources: {'; '.join(cited[:MAX_TOOLTIP_SOURCES])}{more}")
    return "\n".join(lines)


def route_geography(transfers: pd.DataFrame, places: pd.DataFrame, sources: pd.DataFrame,
                    systems: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Routes (origin → destination arcs) and sites, each with what the records naming them say."""
    located = places.dropna(subset=["lat", "lon"]).set_index("id")
    publishers = sources.set_index("id")["publisher"].astype("string")
    system_names = systems.set_index(systems["id"].astype(str))["name"].astype(str)

    def describe(rows: pd.DataFrame) -> str:
        return _describe_records(rows, system_names, publishers)

    routed = transfers.dropna(subset=["origin_place_id", "destination_place_id"])
    routes = []
    for (origin, destination), rows in routed.groupby(["origin_place_id", "destination_place_id"], observed=True):
        if origin in located.index and destination in located.index:
            routes.append({
                "name": f"{located.at[origin, 'name']} → {located.at[destination, 'name']}",
                "detail": describe(rows), "records": len(rows),
                "lon_from": float(located.at[origin, "lon"]), "lat_from": float(located.at[origin, "lat"]),
                "lon_to": float(located.at[destination, "lon"]), "lat_to": float(located.at[destination, "lat"]),
            })
    sites = []
    named = pd.concat([
        transfers.drop(columns=["destination_place_id"]).rename(columns={"origin_place_id": "place"}),
        transfers.drop(columns=["origin_place_id"]).rename(columns={"destination_place_id": "place"}),
    ]).dropna(subset=["place"]).drop_duplicates(subset=["place", "id"])
    for place, rows in named.groupby("place", observed=True):
        if place in located.index:
            sites.append({
                "name": str(located.at[place, "name"]), "kind": str(located.at[place, "kind"]),
                "detail": f"{located.at[place, 'kind']} · {describe(rows)}", "records": len(rows),
                "lat": float(located.at[place, "lat"]), "lon": float(located.at[place, "lon"]),
            })
    return {"routes": pd.DataFrame(routes, columns=["name", "detail", "records", "lon_from", "lat_from", "lon_to",
                                                    "lat_to"]),
            "sites": pd.DataFrame(sites, columns=["name", "kind", "detail", "records", "lat", "lon"])}
