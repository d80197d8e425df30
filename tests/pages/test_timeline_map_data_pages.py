"""The Timeline, Map and Data & sources pages: the views their links ask for, fallbacks with a note, and
the other pages still working when one table is broken."""

import csv
import json

import pandas as pd
import pytest

from apptest_helpers import first_fast, run_app
from fixtures import fixture_rows, write_package


@pytest.mark.parametrize("params", first_fast([{}, {"types": "sanctions,events", "actors": "Iran"}]))
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


@pytest.mark.parametrize("layers", first_fast([None, "routes,entities"]))
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


def test_a_broken_events_table_leaves_timeline_map_and_data_working(monkeypatch, tmp_path):
    rows = fixture_rows("events")
    rows[0]["date"] = "2023-13-13"
    directory = write_package(tmp_path / "bad", {"events": rows})
    for page in ("views/timeline.py", "views/map.py", "views/data.py", None):
        app = run_app(monkeypatch, directory, page=page)
        assert not app.exception, page
    with (directory / "events.csv").open() as handle:
        assert len(list(csv.reader(handle))) == 2
