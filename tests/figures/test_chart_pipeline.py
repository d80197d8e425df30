"""The chart pipeline: every chart's frame comes from one place, its dependencies decide what a failed
table switches off (the same for pages, export, map and timeline), and table labels come from the contract."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.charts import CATALOG, PER_ITEM, UNFILTERED_WORDS, Inputs, build, source_line
from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.export import export_charts
from dashboard.figures.style import SOURCE_LINE
from dashboard.transforms.filters import Filters
from fixtures import fixture_rows, write_package


@pytest.fixture(scope="module")
def fixture_inputs(tmp_path_factory):
    directory = write_package(tmp_path_factory.mktemp("pipeline") / "data")
    return load_data(directory), load_contract(directory)


def _unwrapped(text: str) -> str:
    """Frame text as written, before frame_figure wrapped it into lines for a phone."""
    return text.replace("<br>", " ")


def _source_text(figure: dict) -> str:
    lines = [_unwrapped(a["text"]) for a in figure["layout"].get("annotations", []) if a.get("name") == SOURCE_LINE]
    assert len(lines) == 1, "exactly one source line per chart"
    return lines[0]


def _latest(loaded, package, tables) -> str:
    """The newest date in the tables' own date fields, computed apart from the pipeline."""
    dates = []
    for name in tables:
        field = package.table(name).date_field
        if field:
            dates += [value for value in loaded.tables[name][field].tolist() if pd.notna(value)]
    return max(dates).date().isoformat()


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_every_chart_carries_its_whole_frame(fixture_inputs, slug):
    loaded, package = fixture_inputs
    filters = Filters(start=date(2020, 1, 1), actors=("Iran", "Russia"))
    inputs = Inputs(loaded, package, filters, system_id="test-drone" if slug in PER_ITEM else None)
    chart = build(slug, inputs)
    layout = chart.figure["layout"]
    assert _unwrapped(layout["title"]["text"]) == chart.title
    if slug in PER_ITEM:
        assert "Test Drone" in chart.title and "{" not in chart.title
    subtitle = _unwrapped(layout["title"]["subtitle"]["text"])
    expected_words = inputs.words if CATALOG[slug].filtered else UNFILTERED_WORDS
    assert subtitle.endswith(expected_words), "the active filters close the subtitle"
    assert len(subtitle) > len(expected_words) + 10, "units come before the filters"
    source = _source_text(chart.figure)
    for name in CATALOG[slug].credited:
        table = package.table(name)
        assert table.attribution and table.attribution in source
        for licence in table.licenses:
            assert licence["name"].removeprefix("CC-").split("-")[0] in source
    assert source.endswith(f"Data as of {chart.as_of}")
    assert chart.as_of == _latest(loaded, package, CATALOG[slug].credited)


def test_the_source_line_is_built_from_the_contract_not_typed(fixture_inputs, tmp_path):
    _, package = fixture_inputs
    assert source_line(package, ("strikes",)) == package.table("strikes").credit
    assert "CC BY-NC-SA 4.0" in package.table("strikes").credit
    assert "CC BY 4.0" in package.table("transfers").credit
    assert source_line(package, ("transfers", "transfers")).count("CC BY 4.0") == 1, "a credit appears once"
    # Change the contract: the chart follows.
    directory = write_package(tmp_path / "data")
    text = (directory / "datapackage.json").read_text(encoding="utf-8")
    (directory / "datapackage.json").write_text(text.replace("curated transfer records", "hand-picked records"),
                                                encoding="utf-8")
    changed = build("supplier-years", Inputs(load_data(directory), load_contract(directory), Filters()))
    assert "hand-picked records" in _source_text(changed.figure)


def test_a_filtered_chart_always_says_so_and_an_unfiltered_one_says_filters_do_not_apply(fixture_inputs):
    loaded, package = fixture_inputs
    filtered = Inputs(loaded, package, Filters(actors=("Iran",)))
    # The counting-rule chart once lacked the filter words although it reads filtered strikes.
    assert "actors: Iran" in _unwrapped(build("counting-rule", filtered).figure["layout"]["title"]["subtitle"]["text"])
    everything = _unwrapped(build("records-per-year", filtered).figure["layout"]["title"]["subtitle"]["text"])
    assert UNFILTERED_WORDS in everything and "actors: Iran" not in everything
    plain = build("records-per-year", Inputs(loaded, package, Filters()))
    assert UNFILTERED_WORDS not in _unwrapped(plain.figure["layout"]["title"]["subtitle"]["text"])


def test_a_failed_table_switches_off_what_needs_it_and_only_that(tmp_path):
    events = fixture_rows("events")
    events[0]["status"] = "rumoured"
    directory = write_package(tmp_path / "bad", {"events": events})
    loaded, package = load_data(directory), load_contract(directory)
    assert loaded.failed_tables == {"events"}
    inputs = Inputs(loaded, package, Filters())
    blocked = {slug for slug, chart in CATALOG.items() if inputs.blocked(chart.tables)}
    assert blocked == {"iranian-drones", "timeline"}, "only the charts that draw events"
    assert package.blocked_by(["strikes"], loaded.failed_tables) == ()
    # Needs are followed through: sanctions need transfers, which need sources.
    assert package.blocked_by(["sanctions"], {"sources"}) == ("sources",)
    assert package.blocked_by(["sanctions"], {"official_listings"}) == ("official_listings",)


def test_export_skips_exactly_the_charts_the_pages_switch_off(tmp_path, monkeypatch):
    strikes = fixture_rows("strikes")
    strikes[0]["shot_down"] = "999999"
    directory = write_package(tmp_path / "bad", {"strikes": strikes})
    loaded, package = load_data(directory), load_contract(directory)
    assert loaded.failed_tables == {"strikes"}
    inputs = Inputs(loaded, package, Filters())
    monkeypatch.setattr("dashboard.export.browser_missing", lambda: None)
    monkeypatch.setattr("dashboard.export.render", lambda figure, image_format: b"image")
    export_charts(inputs, tmp_path / "out", formats=("svg",))
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    skipped = {slug for slug, chart in CATALOG.items() if slug not in PER_ITEM and inputs.blocked(chart.tables)}
    assert skipped and {"iranian-drones", "launch-share", "sanctions-vs-strikes"} <= skipped
    for slug in skipped:
        assert f"**{CATALOG[slug].title}**: skipped" in index
    assert "supplier-years" not in skipped and "**Who arms Russia" in index and "skipped" not in \
        index.split("**Who arms Russia")[1].splitlines()[0]


def test_table_labels_come_from_the_contract(fixture_inputs):
    from dashboard.ui.shell import column_labels

    _, package = fixture_inputs
    transfers = package.table("transfers")
    labels = column_labels(["event_date", "supplier", "kind", "source_url", "id", "some_new_column"])
    assert labels["event_date"] == (transfers.field_by_name["event_date"].title,
                                    transfers.field_by_name["event_date"].description)
    # "kind" and "id" exist in several tables: the frame's best-matching table (transfers) wins.
    assert labels["kind"][0] == transfers.field_by_name["kind"].title
    assert labels["id"][0] == transfers.field_by_name["id"].title
    assert labels["source_url"][0] == "Source"
    assert labels["some_new_column"][0] == "Some new column"
    for frame_columns in ([f.name for f in package.table(name).fields] for name in package.table_names):
        assert all("_" not in label for label, _ in column_labels(frame_columns).values())
    sources_labels = column_labels(["publisher", "title", "kind", "url"])
    assert sources_labels["kind"][0] == package.table("sources").field_by_name["kind"].title


def test_every_catalogued_chart_builds_with_its_data_and_furniture(fixture_inputs):
    inputs = Inputs(*fixture_inputs, Filters())
    for slug in CATALOG:
        chart = build(slug, inputs)
        assert isinstance(chart.data, pd.DataFrame), slug
        assert chart.filename.startswith(slug + "_")
        layout = chart.figure["layout"]
        assert layout["title"]["text"], slug
        assert any("Data as of" in a.get("text", "") for a in layout.get("annotations", [])), slug
