"""Every dated record from every table on one time axis, in lanes."""

from __future__ import annotations

import pandas as pd

from dashboard.data.contract import DataPackage
from dashboard.transforms.formatting import date_at_precision
from dashboard.transforms.strikes import biggest_nights

RECORD_TYPES = {"transfers": "Transfers", "sanctions": "Sanctions", "events": "Events", "strikes": "Strike peaks"}
COLUMNS = ["date", "date_precision", "lane", "record_type", "label", "kind", "status", "record_id", "source_ids",
           "detail"]
STRIKE_PEAKS = 15
# One record of each type, as the details panel names it.
RECORD_TYPE_NAMES = {"transfers": "Transfer", "sanctions": "Sanctions action", "events": "Event",
                     "strikes": "Strike peak"}
# The contract field behind each timeline column, per record type: its title labels the detail.
SOURCE_FIELDS = {
    "transfers": {"date": "event_date", "kind": "kind", "status": "status"},
    "sanctions": {"date": "announced", "kind": "action"},
    "events": {"date": "date", "kind": "kind", "status": "status"},
    "strikes": {"date": "night"},
}
DETAIL_LABELS = {"record_type": "Record type", "label": "Record", "date": "Date", "kind": "Kind", "status": "Status",
                 "lane": "Timeline lane", "detail": "Details", "record_id": "Record id"}


def _lane_for_transfer(supplier: str, recipient: str) -> str:
    if (supplier, recipient) in {("Iran", "Russia"), ("Russia", "Iran")}:
        return f"Transfers · {supplier} → {recipient}"
    return "Transfers · other suppliers"


def unified_timeline(tables: dict[str, pd.DataFrame], record_types: tuple[str, ...]) -> pd.DataFrame:
    """Long table of dated items; `tables` are already filtered. Strike peaks are the biggest nights
    for Iranian-designed drones within the filtered strikes."""
    parts = []
    if "transfers" in record_types and len(tables["transfers"]):
        t = tables["transfers"]
        parts.append(pd.DataFrame({
            "date": t["event_date"], "date_precision": t["date_precision"].astype(str),
            "lane": [_lane_for_transfer(str(s), str(r)) for s, r in zip(t["supplier"], t["recipient"])],
            "record_type": "transfers",
            "label": t["description"].astype(str).str.slice(0, 120),
            "kind": t["kind"].astype(str), "status": t["status"].astype(str), "record_id": t["id"].astype(str),
            "source_ids": t["source_ids"], "detail": t["description"].astype(str),
        }))
    if "sanctions" in record_types and len(tables["sanctions"]):
        s = tables["sanctions"]
        parts.append(pd.DataFrame({
            "date": s["announced"], "date_precision": s["date_precision"].astype(str), "lane": "Sanctions", "record_type": "sanctions",
            "label": s["jurisdiction"].astype(str) + ": " + s["target_name"].astype(str),
            "kind": s["action"].astype(str), "status": "official", "record_id": s["id"].astype(str),
            "source_ids": s["source_ids"], "detail": s["description"].astype("string").fillna("").astype(str),
        }))
    if "events" in record_types and len(tables["events"]):
        e = tables["events"]
        parts.append(pd.DataFrame({
            "date": e["date"], "date_precision": e["date_precision"].astype(str), "lane": "Diplomacy and milestones", "record_type": "events",
            "label": e["title"].astype(str), "kind": e["kind"].astype(str), "status": e["status"].astype(str),
            "record_id": e["id"].astype(str), "source_ids": e["source_ids"],
            "detail": e["description"].astype("string").fillna("").astype(str),
        }))
    if "strikes" in record_types and len(tables["strikes"]):
        nights = biggest_nights(tables["strikes"], STRIKE_PEAKS)
        parts.append(pd.DataFrame({
            "date": nights["night"], "date_precision": "day", "lane": "Strike peaks (Iranian-designed drones)", "record_type": "strikes",
            "label": nights["night_label"] + ": " + nights["launched"].map("{:,} drones launched".format),
            "kind": "strike peak",
            "status": "reported", "record_id": nights["night"].dt.strftime("%Y-%m-%d") + "/" + nights["window"],
            "source_ids": nights["all_sources"], "detail": [
                f"Night of {label}: {launched:,} launched, {down:,} shot down, "
                + ("EW losses not reported separately" if pd.isna(lost) else f"{lost:,} lost to EW")
                + f" in {reports} reports"
                for label, launched, down, lost, reports in zip(nights["night_label"], nights["launched"],
                                                                nights["shot_down"], nights["lost_ew"],
                                                                nights["reports"])],
        }))
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    combined = pd.concat(parts, ignore_index=True)[COLUMNS].dropna(subset=["date"])
    return combined.sort_values(["date", "lane"]).reset_index(drop=True)


def item_sources(item: pd.Series, sources: pd.DataFrame) -> pd.DataFrame:
    """The sources of one timeline item: source records, or the Air Force posts of a strike peak."""
    ids = list(item["source_ids"])
    if item["record_type"] == "strikes":
        return pd.DataFrame({"publisher": "Air Force of the Armed Forces of Ukraine", "title": "Nightly report",
                             "published": pd.NaT, "url": ids, "kind": "official"})
    return sources[sources["id"].astype(str).isin(ids)][["publisher", "title", "published", "url", "kind"]]


def item_details(item: pd.Series, package: DataPackage) -> pd.DataFrame:
    """One timeline item as labelled lines for the details panel: human labels (the contract's field
    titles where the column comes from a field), the date at its precision, the id last. Empty lines
    are left out, and so is the label when the details start with it (it is their first 120 characters)."""
    fields = SOURCE_FIELDS.get(str(item["record_type"]), {})
    table = package.table(str(item["record_type"])) if str(item["record_type"]) in package.table_names else None

    def label(column: str) -> str:
        field = table.field_by_name.get(fields.get(column, "")) if table is not None else None
        return field.title if field is not None else DETAIL_LABELS[column]

    values = {
        "record_type": RECORD_TYPE_NAMES.get(str(item["record_type"]), str(item["record_type"])),
        "label": "" if str(item["detail"]).startswith(str(item["label"])) else str(item["label"]),
        "date": date_at_precision(item["date"], item["date_precision"]),
        "kind": "" if pd.isna(item["kind"]) else str(item["kind"]),
        "status": "" if pd.isna(item["status"]) else str(item["status"]),
        "lane": str(item["lane"]),
        "detail": "" if pd.isna(item["detail"]) else str(item["detail"]),
        "record_id": str(item["record_id"]),
    }
    return pd.DataFrame([{"Field": label(column), "Value": value} for column, value in values.items() if value])
