"""Issue 6: overview story, timeline, map, data & sources, exports and briefing mode."""

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from apptest_helpers import run_app
from dashboard.charts import CATALOG, Inputs, build
from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.figures.timeline import timeline_figure
from dashboard.transforms.filters import Filters
from dashboard.transforms.overview import (designations_by_jurisdiction, for_display, latest_changes, search_rows,
                                           transfers_each_way)
from dashboard.transforms.timeline import item_details, item_sources, unified_timeline
from fixtures import fixture_rows, write_package


@pytest.fixture
def fixture_inputs(package_dir):
    return Inputs(load_data(package_dir), load_contract(package_dir), Filters())


def test_every_catalogued_chart_builds_with_its_data_and_furniture(fixture_inputs):
    for slug in CATALOG:
        chart = build(slug, fixture_inputs)
        assert isinstance(chart.data, pd.DataFrame), slug
        assert chart.filename.startswith(slug + "_")
        layout = chart.figure["layout"]
        assert layout["title"]["text"], slug
        assert any("Data as of" in a.get("text", "") for a in layout.get("annotations", [])), slug


def test_unified_timeline_puts_every_table_in_its_lane(fixture_inputs):
    tables = {name: fixture_inputs.table(name) for name in ("transfers", "sanctions", "events", "strikes")}
    items = unified_timeline(tables, ("transfers", "sanctions", "events", "strikes"))
    assert set(items["record_type"]) == {"transfers", "sanctions", "events", "strikes"}
    assert "Transfers · Iran → Russia" in set(items["lane"]) and "Transfers · Russia → Iran" in set(items["lane"])
    assert items["date"].is_monotonic_increasing
    only_events = unified_timeline(tables, ("events",))
    assert set(only_events["record_type"]) == {"events"}
    sources = fixture_inputs.loaded.tables["sources"]
    transfer = items[items["record_id"] == "test-transfer-2"].iloc[0]
    assert list(item_sources(transfer, sources)["url"]) == ["https://example.org/test-source-a",
                                                            "https://example.org/test-source-b"]
    peak = items[items["record_type"] == "strikes"].iloc[0]
    assert item_sources(peak, sources)["url"].iloc[0].startswith("https://example.org/post/")


def test_timeline_details_are_labelled_lines_with_the_id_last(fixture_inputs):
    tables = {name: fixture_inputs.table(name) for name in ("transfers", "sanctions", "events", "strikes")}
    items = unified_timeline(tables, ("transfers", "sanctions", "events", "strikes")).set_index("record_id",
                                                                                                drop=False)
    details = {record_id: item_details(items.loc[record_id], fixture_inputs.package).set_index("Field")["Value"]
               for record_id in ("test-transfer-1", "test-designation-1", "test-event-1")}
    assert details["test-transfer-1"].to_dict() == {
        "Record type": "Transfer", "Event date": "Aug 2022", "Kind": "delivery", "Claim status": "delivered",
        "Timeline lane": "Transfers · Iran → Russia", "Details": "Fixture delivery.", "Record id": "test-transfer-1"}
    assert details["test-designation-1"].to_dict() == {
        "Record type": "Sanctions action", "Record": "United States: Test Entity LLC", "Announced": "1 Mar 2023",
        "Action": "designation", "Status": "official", "Timeline lane": "Sanctions", "Details": "Fixture designation.",
        "Record id": "test-designation-1"}
    assert "Details" not in details["test-event-1"], "an empty description is left out"
    assert details["test-event-1"]["Record"] == "Fixture event"
    peak = item_details(items[items["record_type"] == "strikes"].iloc[0], fixture_inputs.package)
    assert list(peak["Field"]) == ["Record type", "Record", "Night of attack", "Kind", "Status", "Timeline lane",
                                   "Details", "Record id"]
    assert peak["Value"].iloc[2] == "1 Jan 2024"
    hover = {row[0]: row[3] for trace in timeline_figure(items).data for row in trace.customdata}
    assert hover["transfers:test-transfer-1"] == "Aug 2022" and hover["sanctions:test-designation-1"] == "1 Mar 2023"


def test_overview_transforms(fixture_inputs):
    each_way = transfers_each_way(fixture_inputs.table("transfers")).set_index("direction")
    assert each_way.loc["Iran → Russia", "delivered"] == 1 and each_way.loc["Russia → Iran", "agreed"] == 1
    jurisdictions = designations_by_jurisdiction(fixture_inputs.table("sanctions"))
    assert jurisdictions.to_dict("records") == [{"jurisdiction": "United States", "designations": 1, "entities": 1}]
    changes = latest_changes(fixture_inputs.loaded)
    assert changes[0].startswith("Strikes: the 2 Jan 2024 release added or revised 2 rows, nights of attack "
                                 "31 Dec 2023–1 Jan 2024 to 1–2 Jan 2024")
    assert "sha256" not in changes[0]
    assert "Curated tables: 1 source read on 2 Nov 2026, cited by" in changes[1]


def test_latest_changes_names_an_undated_release_as_written(package_dir):
    rows = [dict(row, upstream_release="manual-import") for row in fixture_rows("strikes")]
    changes = latest_changes(load_data(write_package(package_dir, {"strikes": rows})))
    assert changes[0].startswith("Strikes: release manual-import added or revised 2 rows")


def test_search_and_display_helpers(fixture_inputs):
    transfers = for_display(fixture_inputs.table("transfers"))
    assert transfers.loc[1, "source_ids"] == "test-source-a;test-source-b"
    assert list(search_rows(transfers, "AGREEMENT")["id"]) == ["test-transfer-2"]
    assert len(search_rows(transfers, "  ")) == 2
    assert search_rows(transfers, "(.*").empty, "the query is plain text, not a pattern"


@pytest.mark.parametrize(("page", "params"), [
    ("views/timeline.py", {}),
    ("views/timeline.py", {"types": "sanctions,events", "actors": "Iran"}),
    ("views/timeline.py", {"item": "transfers:ir-ru-fath360-port-olya-3-2024-09"}),
    ("views/map.py", {}),
    ("views/map.py", {"layers": "routes,entities"}),
    ("views/data.py", {"table": "sources", "q": "reuters"}),
    ("views/data.py", {"table": "strikes", "start": "2025-07-01", "end": "2025-07-31"}),
])
def test_new_pages(monkeypatch, page, params):
    app = run_app(monkeypatch, params=params, page=page)
    assert not app.exception and not app.warning
    if page == "views/timeline.py":
        assert len(app.get("plotly_chart")) == 1
        if "item" in params:
            assert app.selectbox(key="timeline_item").value == params["item"]
            sources = app.dataframe[-1].value
            assert sources["url"].str.match(r"^https?://").all() and len(sources)
            details = app.table[0].value
            assert not details["Field"].str.contains("_").any(), "no snake_case labels"
            assert not details["Value"].isin(["None", "nan", "NaN", "<NA>", "NaT"]).any()
            assert details["Field"].iloc[-1] == "Record id"
            assert details["Value"].iloc[-1] == params["item"].split(":", 1)[1]
    if page == "views/map.py":
        deck = app.get("deck_gl_json_chart")[0].proto
        wanted = params.get("layers", "routes,sites,launch,targets,entities").split(",")
        drawn = [layer["@@type"] for layer in json.loads(deck.json)["layers"]]
        assert drawn.count("ScatterplotLayer") + drawn.count("ArcLayer") == len(wanted)
        assert '"text": "{name}\\n{detail}"' in deck.tooltip or "{name}" in deck.tooltip
    if page == "views/data.py":
        rows = app.dataframe[0].value
        if params["table"] == "sources":
            assert len(rows) and rows.apply(lambda r: "reuters" in " ".join(map(str, r)).lower(), axis=1).all()
        else:
            assert pd.to_datetime(rows["night"]).between("2025-07-01", "2025-07-31").all()


@pytest.mark.parametrize("params", [{"types": "bogus"}, {"layers": "<img src=x onerror=alert(1)>"},
                                    {"table": "secrets"}, {"item": "x" * 300}])
def test_new_pages_fall_back_on_garbage(monkeypatch, params):
    page = {"types": "views/timeline.py", "layers": "views/map.py", "table": "views/data.py",
            "item": "views/timeline.py"}[next(iter(params))]
    app = run_app(monkeypatch, params=params, page=page)
    assert not app.exception
    assert app.warning


@pytest.mark.parametrize("page", [None, "views/strikes.py", "views/suppliers.py", "views/deals.py",
                                  "views/sanctions.py", "views/systems.py", "views/timeline.py", "views/map.py",
                                  "views/data.py"])
def test_briefing_mode_renders_every_page(monkeypatch, page):
    app = run_app(monkeypatch, params={"brief": "1"}, page=page)
    assert not app.exception
    styles = [element for element in app.get("html")]
    assert styles, "briefing mode injects its stylesheet"


def test_export_writes_valid_images_of_the_expected_size(tmp_path):
    pytest.importorskip("kaleido")
    from browser_support import chromium_path

    chromium_path()  # fail in CI, skip elsewhere, when there is no browser for kaleido
    from dashboard.cli import main

    out = tmp_path / "pack"
    assert main(["export", "--out", str(out), "--format", "png,svg"]) == 0
    pngs, svgs = sorted(out.glob("*.png")), sorted(out.glob("*.svg"))
    assert len(pngs) >= 8 and len(svgs) == len(pngs)
    for png in pngs:
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (2400, 1350), png.name
        assert (out / f"{png.stem}.csv").exists()
    for svg in svgs:
        text = svg.read_text()
        assert text.lstrip().startswith("<svg") and 'width="1200"' in text and 'height="675"' in text
    index = (out / "index.md").read_text()
    assert index.count(".png") == len(pngs) and "Source:" in index


def test_export_refuses_bad_options(tmp_path, capsys):
    from dashboard.cli import main

    assert main(["export", "--out", str(tmp_path), "--format", "gif"]) == 2
    assert main(["export", "--out", str(tmp_path), "--charts", "nope"]) == 2
    assert main(["export", "--out", str(tmp_path), "--start", "yesterday"]) == 2
    assert "error:" in capsys.readouterr().err


def test_citation_file_is_valid_cff():
    text = (Path(__file__).resolve().parents[1] / "CITATION.cff").read_text()
    assert text.startswith("cff-version: 1.2.0")
    for key in ("title:", "message:", "authors:", "license:", "version:"):
        assert key in text


def test_broken_table_keeps_other_new_pages_working(monkeypatch, tmp_path):
    rows = fixture_rows("events")
    rows[0]["date"] = "2023-13-13"
    directory = write_package(tmp_path / "bad", {"events": rows})
    for page in ("views/timeline.py", "views/map.py", "views/data.py", None):
        app = run_app(monkeypatch, directory, page=page)
        assert not app.exception, page
    with (directory / "events.csv").open() as handle:
        assert len(list(csv.reader(handle))) == 2


def test_without_a_browser_the_image_buttons_say_what_is_missing(monkeypatch):
    from choreographer.browsers.chromium import Chromium

    from dashboard.export import NO_BROWSER, browser_missing

    monkeypatch.setattr(Chromium, "find_browser", staticmethod(lambda **_: None))
    assert browser_missing() == NO_BROWSER
    app = run_app(monkeypatch, page="views/strikes.py")
    assert not app.exception
    images = [button for button in app.get("download_button") if button.proto.label.startswith("Chart as")]
    assert {button.proto.label for button in images} == {"Chart as SVG (needs Chromium)", "Chart as PNG (needs Chromium)"}
    assert all(button.proto.disabled and NO_BROWSER in button.proto.help for button in images)


def test_export_without_a_browser_is_one_line(monkeypatch, tmp_path, capsys):
    from choreographer.browsers.chromium import Chromium

    from dashboard.cli import main

    monkeypatch.setattr(Chromium, "find_browser", staticmethod(lambda **_: None))
    assert main(["export", "--out", str(tmp_path / "pack"), "--charts", "designations"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: Static images need Chromium") and "\n" not in error
    assert not (tmp_path / "pack").exists()
