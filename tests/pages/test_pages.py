
import json
from pathlib import Path

import pytest

from apptest_helpers import APP, first_fast, run_app
from dashboard.data.contract import load_contract
from fixtures import fixture_rows, write_package


def test_overview_runs_on_bundled_data(monkeypatch):
    app = run_app(monkeypatch)
    assert not app.exception
    assert app.title[0].value == "Iran–Russia arms relationship"
    assert len(app.metric) == 3
    assert [tab.label for tab in app.tabs] == ["Drones at Ukraine", "Russia's suppliers", "Sanctions",
                                               "Records per year"]
    (chart,) = app.get("plotly_chart")
    assert json.loads(chart.proto.spec)["layout"]["title"]["text"].startswith("Iranian-designed drones")
    assert not app.error
    assert not app.dataframe, "the overview's summaries are static tables: no data grid to load"
    tables = [block.value for block in app.markdown if block.value.startswith("| ")]
    headers = [cell.strip() for table in tables for cell in table.splitlines()[0].strip("| ").split(" | ")]
    assert {"Claim status", "Iran → Russia", "Russia → Iran", "Jurisdiction", "Distinct targets",
            "What it holds"} <= set(headers)
    assert not [h for h in headers if "_" in h or h != h.strip()], "every table header reads as words"
    inventory = next(table for table in tables if "What it holds" in table)
    assert "| strikes | Strikes on Ukraine \\(Ukrainian Air Force reports\\) |" in inventory


@pytest.mark.parametrize("brief", [False, True])
@pytest.mark.parametrize(("tab", "title"), [("Russia's suppliers", "Who arms Russia"),
                                            ("Sanctions", "Designations aimed at Iran–Russia"),
                                            ("Records per year", "What the dashboard holds")])
def test_an_overview_link_opens_its_chart(monkeypatch, tab, title, brief):
    """Only the open tab's chart is built and sent; the link names it, for the page and for a slide."""
    app = run_app(monkeypatch, params={"tab": tab, **({"brief": "1"} if brief else {})})
    assert not app.exception and not app.warning
    (chart,) = app.get("plotly_chart")
    assert json.loads(chart.proto.spec)["layout"]["title"]["text"].startswith(title)
    assert app.query_params["tab"] in (tab, [tab])


def test_data_page_has_a_dictionary_entry_per_table(monkeypatch):
    app = run_app(monkeypatch, page="views/data.py")
    assert not app.exception
    documented = [frame.value for frame in app.dataframe if "column" in frame.value.columns]
    tables = load_contract().tables
    assert len(documented) == len(tables)
    for frame, table in zip(documented, tables):
        assert list(frame["column"]) == table.column_names


def test_filters_round_trip_through_query_params(monkeypatch, package_dir):
    params = {"start": "2023-01-01", "end": "2024-12-31", "actors": "Iran,Russia", "status": "delivered"}
    app = run_app(monkeypatch, package_dir, params)
    assert not app.exception and not app.warning
    assert app.query_params["start"] == ["2023-01-01"] or app.query_params["start"] == "2023-01-01"
    assert app.multiselect(key="filter_actors").value == ["Iran", "Russia"]
    assert app.multiselect(key="filter_status").value == ["delivered"]
    app.multiselect(key="filter_actors").set_value(["North Korea"]).run()
    assert not app.exception
    assert _param(app, "actors") == "North Korea"
    assert _param(app, "start") == "2023-01-01"


def test_a_link_with_an_empty_list_is_no_request(monkeypatch, package_dir):
    app = run_app(monkeypatch, package_dir, {"actors": ",,,", "status": " , "})
    assert not app.exception and not app.warning
    assert app.multiselect(key="filter_actors").value == []
    assert app.multiselect(key="filter_status").value == []


def test_bad_data_shows_error_panel_and_other_pages_still_work(monkeypatch, tmp_path):
    transfers = fixture_rows("transfers")
    transfers[0].update(event_date="2022-13-01", quantity_low="-4", system_id="ghost")
    directory = write_package(tmp_path / "bad", {"transfers": transfers})
    app = run_app(monkeypatch, directory)
    assert not app.exception
    assert "transfers.csv" in app.error[0].value
    problems = app.dataframe[0].value
    assert {"event_date", "quantity_low", "system_id"} <= set(problems["column"])
    assert len(app.metric) == 3, "the overview still renders"
    dictionary = app.switch_page("views/data.py").run()
    assert not dictionary.exception


def _param(app, name):
    value = app.query_params[name]
    return value[-1] if isinstance(value, list) else value



# The Timeline first: the one page that leaves out a section when nothing matches.
PAGES = sorted((path.relative_to(Path(APP).parent).as_posix() for path in (Path(APP).parent / "views").glob("*.py")),
               key=lambda page: (page != "views/timeline.py", page))


@pytest.mark.parametrize("page", first_fast(PAGES))
def test_every_page_keeps_its_filter_bar_when_nothing_matches(monkeypatch, page):
    """Whatever a page does when nothing matches, the filter bar stays: it is the way back."""
    app = run_app(monkeypatch, params={"start": "1990-01-01", "end": "1990-12-31"}, page=page)
    assert not app.exception
    assert [widget.key for widget in app.sidebar.date_input] == ["filter_dates"]
    assert [widget.key for widget in app.sidebar.multiselect] == ["filter_actors", "filter_status"]
    assert [expander.label for expander in app.sidebar.expander] == ["Transfers: supplier, recipient, evidence"]
    assert [button.key for button in app.sidebar.button] == ["filter_reset"]
    assert app.query_params["start"] in ("1990-01-01", ["1990-01-01"])
