"""Issue 6: overview story, timeline, map, data & sources, exports and briefing mode."""

import csv
import json
import re
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


@pytest.mark.parametrize("params", [{}, {"types": "sanctions,events", "actors": "Iran"}])
def test_timeline_page_draws_one_chart_of_the_chosen_types(monkeypatch, params):
    app = run_app(monkeypatch, params=params, page="views/timeline.py")
    assert not app.exception and not app.warning
    assert len(app.get("plotly_chart")) == 1
    wanted = params.get("types", "transfers,sanctions,events,strikes").split(",")
    assert set(app.multiselect(key="timeline_types").value) == set(wanted)
    assert app.selectbox(key="timeline_item").value.split(":")[0] in wanted, "the default record is of a chosen type"


def test_timeline_page_opens_the_linked_record_with_its_sources(monkeypatch):
    item = "transfers:ir-ru-fath360-port-olya-3-2024-09"
    app = run_app(monkeypatch, params={"item": item}, page="views/timeline.py")
    assert not app.exception and not app.warning
    assert app.selectbox(key="timeline_item").value == item
    sources = app.dataframe[-1].value
    assert len(sources) and sources["url"].str.match(r"^https?://").all()
    details = app.table[0].value
    assert not details["Field"].str.contains("_").any(), "no snake_case labels"
    assert not details["Value"].isin(["None", "nan", "NaN", "<NA>", "NaT"]).any()
    assert details["Field"].iloc[-1] == "Record id"
    assert details["Value"].iloc[-1] == item.split(":", 1)[1]


@pytest.mark.parametrize("layers", [None, "routes,entities"])
def test_map_page_draws_one_layer_per_chosen_type(monkeypatch, layers):
    app = run_app(monkeypatch, params={"layers": layers} if layers else {}, page="views/map.py")
    assert not app.exception and not app.warning
    deck = app.get("deck_gl_json_chart")[0].proto
    wanted = (layers or "routes,sites,launch,targets,entities").split(",")
    drawn = [layer["@@type"] for layer in json.loads(deck.json)["layers"]]
    assert drawn.count("ScatterplotLayer") + drawn.count("ArcLayer") == len(wanted)
    assert "{name}" in deck.tooltip


def test_data_page_searches_the_chosen_table(monkeypatch):
    app = run_app(monkeypatch, params={"table": "sources", "q": "reuters"}, page="views/data.py")
    assert not app.exception and not app.warning
    rows = app.dataframe[0].value
    assert len(rows) and rows.apply(lambda r: "reuters" in " ".join(map(str, r)).lower(), axis=1).all()


def test_data_page_keeps_the_sidebar_dates(monkeypatch):
    app = run_app(monkeypatch, params={"table": "strikes", "start": "2025-07-01", "end": "2025-07-31"},
                  page="views/data.py")
    assert not app.exception and not app.warning
    nights = pd.to_datetime(app.dataframe[0].value["night"])
    assert len(nights) and nights.between("2025-07-01", "2025-07-31").all()


@pytest.mark.parametrize("params", [{"types": "bogus"}, {"layers": "<img src=x onerror=alert(1)>"},
                                    {"table": "secrets"}, {"item": "x" * 300}])
def test_new_pages_fall_back_on_garbage(monkeypatch, params):
    page = {"types": "views/timeline.py", "layers": "views/map.py", "table": "views/data.py",
            "item": "views/timeline.py"}[next(iter(params))]
    app = run_app(monkeypatch, params=params, page=page)
    assert not app.exception
    assert app.warning


BRIEF_PAGES = [None, "views/strikes.py", "views/suppliers.py", "views/deals.py", "views/sanctions.py",
               "views/systems.py", "views/timeline.py", "views/map.py", "views/data.py", "views/search.py"]
WIDGETS = ("radio", "selectbox", "multiselect", "slider", "text_input", "button", "download_button", "date_input",
           "number_input", "checkbox", "toggle", "select_slider", "text_area")


@pytest.mark.parametrize("page", BRIEF_PAGES)
def test_briefing_mode_draws_no_widget_on_any_page(monkeypatch, page):
    params = {"brief": "1", "q": "shahed"} if page == "views/search.py" else {"brief": "1"}
    app = run_app(monkeypatch, params=params, page=page)
    assert not app.exception
    assert any("stSidebar" in element.proto.body for element in app.get("html")), "the briefing stylesheet is applied"
    drawn = {kind: len(app.get(kind)) for kind in WIDGETS + ("popover",)}
    assert not any(drawn.values()), drawn
    assert not app.sidebar.children, "nothing is drawn in the sidebar"
    assert app.get("plotly_chart") or app.get("deck_gl_json_chart") or app.dataframe, \
        "the page still shows its charts or its headline table"


def test_briefing_mode_keeps_the_view_the_link_asks_for(monkeypatch):
    app = run_app(monkeypatch, params={"brief": "1", "period": "week", "top": "7", "actors": "Iran"},
                  page="views/strikes.py")
    assert not app.exception and not app.warning
    assert len(app.dataframe[0].value) == 7
    headline = app.get("plotly_chart")[0].proto.spec
    assert "per week" in headline and "Iran" in headline
    assert app.query_params["period"] == "week" and app.query_params["brief"] == "1"
    ignored = run_app(monkeypatch, params={"brief": "1", "table": "secrets"}, page="views/data.py")
    assert ignored.warning, "a link value briefing mode cannot use is still reported"


def test_export_writes_valid_images_of_the_expected_size(tmp_path):
    pytest.importorskip("kaleido")
    from browser_support import chromium_path

    chromium_path()  # fail in CI, skip elsewhere, when there is no browser for kaleido
    from dashboard.charts import Inputs, build
    from dashboard.cli import main
    from dashboard.data.contract import load_contract
    from dashboard.data.validation import load_data
    from dashboard.transforms.filters import Filters

    inputs = Inputs(load_data(), load_contract(), Filters())

    out = tmp_path / "pack"
    assert main(["export", "--out", str(out), "--format", "png,svg"]) == 0
    pngs, svgs = sorted(out.glob("*.png")), sorted(out.glob("*.svg"))
    assert len(pngs) >= 8 and len(svgs) == len(pngs)
    for png in pngs:
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        chart = build(png.stem.rsplit("_", 1)[0], inputs)
        assert (width, height) == (2400, 2 * max(675, chart.figure["layout"]["height"])), png.name
        assert (out / f"{png.stem}.csv").exists()
        svg = (out / f"{png.stem}.svg").read_text()
        assert svg.lstrip().startswith("<svg") and 'width="1200"' in svg and f'height="{height // 2}"' in svg
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


def _drone_series(months: int) -> pd.DataFrame:
    periods = pd.date_range("2024-01-01", periods=months, freq="MS")
    return pd.DataFrame({"period": periods, "launched": 100, "shot_down": 80, "lost_ew": 10, "other": 10,
                         "interception_rate": 0.9, "ew_reported": True})


def _events(dates: list[str], labels: list[str] | None = None, priority: list[int] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(dates),
                         "label": labels or [f"Event number {i} with a long description of what happened"
                                             for i in range(len(dates))],
                         "date_precision": "day", "priority": priority or [0] * len(dates)})


def _drones_figure(series: pd.DataFrame, events: pd.DataFrame):
    from dashboard.figures.strikes import iranian_drones_figure
    from dashboard.figures.style import PHONE, frame_figure

    figure = iranian_drones_figure(series, events, period="month", basis_words="by night of attack",
                                   ew_break=pd.Timestamp("2030-01-01"), ew_break_label="break")
    return frame_figure(figure, title="Drones", filters_text="All records", source="S", as_of="2025-01-31",
                        screen=PHONE)


def _named(figure, name: str) -> list:
    return [annotation for annotation in figure.layout.annotations if annotation.name == name]


def test_event_markers_never_overlap_and_the_axis_ends_with_the_data():
    from dashboard.figures.style import MARKER_NAME, MARKER_ROW, MARKER_WIDTH, NARROWEST_PLOT

    series = _drone_series(13)
    # Three events in one week, two a fortnight apart, and one after the data ends.
    figure = _drones_figure(series, _events(["2024-03-01", "2024-03-03", "2024-03-07", "2024-09-01", "2024-09-15",
                                             "2026-06-01"]))
    start, end = (pd.Timestamp(bound) for bound in figure.layout.xaxis.range)
    assert end == series["period"].max() + pd.DateOffset(months=1), "the axis ends where the data does"
    assert figure.layout.xaxis.autorange is False
    markers = _named(figure, MARKER_NAME)
    assert [marker.text for marker in markers] == ["1", "2", "3", "4", "5"], "the event after the data has no marker"
    gap = (end - start) * (MARKER_WIDTH / NARROWEST_PLOT)
    for index, first in enumerate(markers):
        for second in markers[index + 1:]:
            apart = abs(pd.Timestamp(first.x) - pd.Timestamp(second.x)) >= gap
            stacked = abs((first.yshift or 0) - (second.yshift or 0)) >= MARKER_ROW
            assert apart or stacked, (first.text, second.text)
    assert len({marker.yshift for marker in markers[:3]}) == 3, "a week's events stack in three rows"
    assert all(start <= pd.Timestamp(marker.x) <= end for marker in markers)


def test_event_key_lists_every_event_in_full_and_escaped():
    from dashboard.figures.style import KEY_NAME, PHONE

    label = "Alabuga chief claims Geran output nine times original plan <img src=x onerror=alert(1)>"
    figure = _drones_figure(_drone_series(6), _events(["2024-02-10", "2024-04-20"], [label, "Second & last"]))
    (key,) = _named(figure, KEY_NAME)
    lines = key.text.split("<br>")
    assert all(len(line) <= PHONE.footnote_wrap for line in lines), "wrapped to fit a phone"
    text = " ".join(lines)
    assert ("1 — 10 Feb 2024 · Alabuga chief claims Geran output nine times original plan "
            "&lt;img src=x onerror=alert(1)&gt;") in text
    assert "2 — 20 Apr 2024 · Second &amp; last" in text
    source = next(a for a in figure.layout.annotations if a.text.startswith("Source:"))
    assert source.yshift <= key.yshift - 15 * len(lines), "the source line sits below the key"
    assert figure.layout.margin.b >= -source.yshift + 15 * (source.text.count("<br>") + 1)


def test_event_key_keeps_the_most_important_and_counts_the_rest():
    from dashboard.figures.sanctions import sanctions_vs_strikes_figure
    from dashboard.figures.style import KEY_LIMIT, KEY_NAME, MARKER_NAME

    dates = [f"2024-{month:02d}-10" for month in range(1, 11)]
    marks = _events(dates, [f"Milestone {month}" for month in range(1, 11)], priority=[5] * 9 + [0])
    launches = pd.DataFrame({"period": pd.date_range("2024-01-01", periods=12, freq="MS"), "launched": 5})
    figure = sanctions_vs_strikes_figure(launches, marks)
    assert len(_named(figure, MARKER_NAME)) == KEY_LIMIT
    (key,) = _named(figure, KEY_NAME)
    assert "Milestone 10" in key.text, "the top-priority milestone is kept"
    assert key.text.endswith(f"(+{10 - KEY_LIMIT} more on the Timeline page)")
    assert pd.Timestamp(figure.layout.xaxis.range[1]) == pd.Timestamp("2025-01-01")


def test_milestones_rank_new_regimes_first():
    from dashboard.transforms.sanctions import milestones

    sanctions = pd.DataFrame({
        "announced": pd.to_datetime(["2023-01-01", "2023-02-01", "2023-02-01", "2023-03-01"]),
        "jurisdiction": ["European Union", "United States", "United States", "Canada"],
        "action": ["new regime", "designation", "designation", "designation"],
        "entity_id": ["eu", "a", "b", "c"],
    })
    marks = milestones(sanctions, top=2).set_index("label")
    assert marks.loc["European Union: new regime", "priority"] == 0
    assert marks.loc["United States: 2 designations", "priority"] < marks.loc["Canada: 1 designations", "priority"]


def test_titles_subtitles_and_sources_wrap_for_a_phone():
    import plotly.graph_objects as go

    from dashboard.figures.style import (PHONE, WIDE, frame_figure,
                                         legend_grid, with_units, wrap)

    assert wrap("aaa bbb ccc<br>dd", 7) == "aaa bbb<br>ccc<br>dd"
    long = "Iranian-designed drones launched at Ukraine, and how many were stopped"
    figure = go.Figure([go.Bar(x=[1], y=[1], name="Lost to electronic warfare"),
                        go.Bar(x=[1], y=[1], name="Not reported downed or lost"),
                        go.Bar(x=[1], y=[1], name="Shot down")])
    short = frame_figure(with_units(go.Figure(figure), "S"), title="T", filters_text="", source="X",
                         as_of="2026-01-01", screen=PHONE)
    wrapped = frame_figure(with_units(go.Figure(figure), long), title=long, filters_text=long, source=long + long,
                           as_of="2026-01-01", screen=PHONE)
    wide = frame_figure(with_units(go.Figure(figure), long), title=long, filters_text=long, source=long + long,
                        as_of="2026-01-01", screen=WIDE)
    assert wide.layout.title.text == long, "a desktop or exported chart keeps its title on one line"
    assert wide.layout.height < wrapped.layout.height
    assert legend_grid(figure, WIDE) == (3, 1), "on a wide screen the legend is one row"
    assert max(map(len, wrapped.layout.title.text.split("<br>"))) <= PHONE.title_wrap
    assert max(map(len, wrapped.layout.title.subtitle.text.split("<br>"))) <= PHONE.subtitle_wrap
    source = wrapped.layout.annotations[0].text
    assert max(map(len, source.split("<br>"))) <= PHONE.footnote_wrap and long in source.replace("<br>", " ")
    assert legend_grid(figure) == (1, 3), "three long entries take a row each on a phone"
    assert legend_grid(go.Figure([go.Bar(name=name) for name in ("Iran", "Russia", "North Korea")])) == (2, 2)
    assert legend_grid(go.Figure([go.Bar(name="Iran")])) == (0, 0), "plotly shows no legend for one trace"
    assert wrapped.layout.legend.entrywidth == 1 and wrapped.layout.legend.entrywidthmode == "fraction"
    assert wrapped.layout.margin.t > short.layout.margin.t and wrapped.layout.height > short.layout.height
    assert wrapped.layout.margin.b > short.layout.margin.b


def test_dark_theme_recolours_every_piece_of_furniture_and_leaves_the_cached_figure_alone(fixture_inputs):
    import json

    from dashboard.figures.style import DARK_BACKGROUND, DARK_SWAPS, themed

    events = _events(["2024-03-01"], ["A milestone"])
    light = _drones_figure(_drone_series(6), events).to_plotly_json()
    before = json.dumps(light, default=str)
    assert themed(light, False) is light
    dark = themed(light, True)
    assert json.dumps(light, default=str) == before, "the light figure is not changed"
    template = dark["layout"]["template"]["layout"]
    assert template["paper_bgcolor"] == template["plot_bgcolor"] == DARK_BACKGROUND
    assert template["font"]["color"] == DARK_SWAPS["#222222"]
    assert template["yaxis"]["gridcolor"] == DARK_SWAPS["#E5E5E5"]
    assert dark["layout"]["title"]["subtitle"]["font"]["color"] == DARK_SWAPS["#555555"]
    for annotation in dark["layout"]["annotations"]:  # source line, key, markers, the EW break label
        assert annotation["font"]["color"] not in DARK_SWAPS, annotation["text"]
        assert "255,255,255" not in annotation.get("bgcolor", "").replace(" ", ""), annotation["text"]
    light_colours = {colour.lower() for colour in DARK_SWAPS}
    leftovers = [c for c in re.findall(r"#[0-9a-fA-F]{6}", json.dumps(dark, default=str)) if c.lower() in light_colours]
    assert not leftovers
    assert [trace["marker"]["color"] for trace in dark["data"][:3]] == \
        [trace["marker"]["color"] for trace in light["data"][:3]], "data colours keep their meaning"
    for slug in CATALOG:
        assert themed(build(slug, fixture_inputs).figure, True)["layout"]["template"]["layout"]["paper_bgcolor"] \
            == DARK_BACKGROUND


@pytest.mark.parametrize("page", ["views/strikes.py", "views/deals.py", "views/sanctions.py", "views/map.py"])
def test_pages_draw_charts_and_maps_dark_when_the_theme_is_dark(monkeypatch, page):
    import dashboard.ui.shell as shell
    from dashboard.figures.maps import DARK_BASE, LIGHT_BASE
    from dashboard.figures.style import DARK_BACKGROUND

    monkeypatch.setattr(shell, "dark_theme", lambda: True)
    app = run_app(monkeypatch, page=page)
    assert not app.exception
    for chart in app.get("plotly_chart"):
        assert json.loads(chart.proto.spec)["layout"]["template"]["layout"]["paper_bgcolor"] == DARK_BACKGROUND
    (deck,) = app.get("deck_gl_json_chart")
    spec = json.dumps(json.loads(deck.proto.json))
    assert json.dumps(DARK_BASE.land) in spec and json.dumps(LIGHT_BASE.land) not in spec
