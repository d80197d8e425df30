"""Small hand-made frames shared by the transform, figure and page tests of strikes, sanctions and
transfers. Every value is made up for testing."""

from pathlib import Path

import pandas as pd

from dashboard.data.validation import load_data
from fixtures import fixture_rows, write_package


def strikes_frame() -> pd.DataFrame:
    rows = [
        # night, design, countries, launched, shot_down, lost_ew, in_totals, launch ids, target ids, post
        ("2024-01-01", "Iran", ["Iran"], 100, 80, 10, True, ["kursk"], ["kyiv"], "https://e.org/1"),
        ("2024-01-01", "Russia", ["Russia"], 10, 8, None, True, [], ["kyiv"], "https://e.org/1"),
        ("2024-01-01", "Iran", ["Iran"], 7, 7, None, False, [], [], "https://e.org/2"),
        ("2024-01-20", "Iran", ["Iran"], 50, 40, 5, True, ["kursk", "crimea"], ["odesa"], "https://e.org/3"),
        ("2024-02-03", "unknown", ["Russia", "North Korea"], 4, 0, None, True, [], [], "https://e.org/4"),
        ("2024-02-03", "Iran", ["Iran"], 200, 150, 20, True, ["crimea"], ["odesa", "nowhere"], "https://e.org/4"),
    ]
    frame = pd.DataFrame(rows, columns=["night", "design_country", "design_countries", "launched", "shot_down",
                                        "lost_ew", "in_totals", "launch_place_ids", "target_place_ids", "source_post"])
    frame["night"] = pd.to_datetime(frame["night"])
    # Every window here starts at 18:00 on its night and is reported the next morning.
    frame["report_date"] = frame["night"] + pd.Timedelta(days=1)
    frame["window_start"] = frame["night"].dt.strftime("%Y-%m-%dT18:00")
    frame["window_end"] = frame["report_date"].dt.strftime("%Y-%m-%dT08:00")
    for column in ("launched", "shot_down", "lost_ew"):
        frame[column] = frame[column].astype("Int64")
    frame["in_totals"] = frame["in_totals"].astype("boolean")
    frame["upstream_status"] = "current"
    frame["reporter"] = "national"
    return frame


PLACES = pd.DataFrame({"id": ["kursk", "crimea", "kyiv", "odesa", "nowhere"],
                       "name": ["Kursk", "Crimea", "Kyiv", "Odesa", "Nowhere"],
                       "lat": [51.7, 44.9, 50.4, 46.5, None], "lon": [36.2, 34.1, 30.5, 30.7, None]})


def after_the_ew_break() -> pd.DataFrame:
    """Two Iranian-drone nights either side of the break: EW losses reported before, 0 after."""
    frame = strikes_frame().iloc[[0, 5]].reset_index(drop=True)
    frame["night"] = [pd.Timestamp("2025-07-10"), pd.Timestamp("2025-08-10")]
    frame["report_date"] = frame["night"] + pd.Timedelta(days=1)
    frame["lost_ew"] = pd.array([10, 0], dtype="Int64")
    return frame


def listing(entity, jurisdiction, announced, action="designation", role="manufacturer", country="Iran", place=None,
            systems=(), transfers=(), sources=("s1",)):
    return {"id": f"{jurisdiction[:2]}-{entity}-{announced}", "entity_id": entity, "announced": pd.Timestamp(announced),
            "date_precision": "day", "jurisdiction": jurisdiction, "action": action, "target_name": entity.title(),
            "target_aliases": [],
            "target_type": "entity", "target_country": country, "role": role, "place_id": place,
            "system_ids": list(systems), "transfer_ids": list(transfers), "source_ids": list(sources)}


def sanctions_frame() -> pd.DataFrame:
    return pd.DataFrame([
        listing("qods", "United States", "2022-09-08", systems=("drone",), place="tehran"),
        listing("qods", "European Union", "2022-10-20", sources=("s2",)),
        listing("qods", "United Kingdom", "2022-10-20"),
        listing("qods", "United States", "2023-01-06"),  # a later US listing: not the original
        listing("shipper", "European Union", "2024-10-14", role="shipper or airline", transfers=("t1",)),
        listing("shipper", "Canada", "2024-12-01", role="shipper or airline"),
        listing("lonely", "Japan", "2025-09-12", country="China", role="component supplier", place="nowhere"),
        listing("eu-regime", "European Union", "2023-07-20", action="new regime", role="other", country=None),
    ])


def transfer_tables(tmp_path: Path) -> dict[str, pd.DataFrame]:
    """The fixture package with two more transfers: a North Korean report and a denied claim."""
    transfers = fixture_rows("transfers")
    transfers.append(dict(transfers[0], id="test-transfer-3", supplier="North Korea", status="reported",
                          quantity_low="500", quantity_high="", event_date="2023-05-01", origin_place_id="",
                          destination_place_id="test-port-b", source_ids="test-source-b"))
    transfers.append(dict(transfers[0], id="test-transfer-4", status="denied", quantity_low="", quantity_high="",
                          quantity_unit="", event_date="2022-10-01"))
    directory = write_package(tmp_path / "data", {"transfers": transfers})
    loaded = load_data(directory)
    assert loaded.problems == []
    return loaded.tables
