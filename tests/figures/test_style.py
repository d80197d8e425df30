import plotly.graph_objects as go

from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.figures.overview import records_per_year_figure
from dashboard.figures.style import (ACTOR_COLOURS, EXPORT_SCALE, actor_colour, chart_config, export_filename,
                                     frame_figure, with_units)
from dashboard.transforms.overview import last_updated, records_per_year, table_summary


def test_frame_stamps_furniture_inside_the_figure():
    fig = frame_figure(with_units(go.Figure(), "Units: drones"), title="T", source="S", as_of="2026-01-01",
                       filters_text="Filtered: actors: Iran")
    layout = fig.to_plotly_json()["layout"]
    assert layout["title"]["text"] == "T"
    assert layout["title"]["subtitle"]["text"] == "Units: drones<br>Filtered: actors: Iran"
    assert layout["annotations"][0]["text"] == "Source: S · Data as of 2026-01-01"


def test_chart_config_exports_png_at_scale_two_or_more():
    config = chart_config("Iranian-designed drones launched", "2026-02-28")
    options = config["toImageButtonOptions"]
    assert options["format"] == "png" and options["scale"] >= 2 == EXPORT_SCALE
    assert options["filename"] == "iranian-designed-drones-launched_2026-02-28"
    assert config["displaylogo"] is False
    assert export_filename("<b>!!</b>", "x") == "b-b_x"


def test_actor_colours_are_distinct_and_stable():
    assert len(set(ACTOR_COLOURS.values())) == len(ACTOR_COLOURS)
    assert actor_colour("Iran") == ACTOR_COLOURS["Iran"]
    assert actor_colour("Atlantis") not in ACTOR_COLOURS.values()


def test_overview_transforms_and_figure(package_dir):
    contract, loaded = load_contract(package_dir), load_data(package_dir)
    summary = table_summary(loaded, contract)
    assert list(summary["table"]) == contract.table_names
    assert summary.set_index("table").loc["transfers", "rows"] == 2
    per_year = records_per_year(loaded, contract)
    assert per_year["records"].sum() == 2 + 1 + 1 + 2  # transfers + sanctions + events + strikes
    assert last_updated(loaded) == "2026-11-02"
    fig = records_per_year_figure(per_year)
    assert {trace.name for trace in fig.data} == set(per_year["table"])
    assert sum(sum(trace.y) for trace in fig.data) == per_year["records"].sum()


def test_row_charts_grow_with_their_rows_past_the_frame():
    from dashboard.figures.style import FRAME_HEIGHT, height_for_rows

    assert height_for_rows(2, 26) == 420, "a short chart keeps a readable minimum"
    assert height_for_rows(20, 26) - FRAME_HEIGHT == 20 * 26, "every row gets its pixels after the frame"
