"""Streamlit pieces every page shares: the global filter bar, the data-problems panel, charts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.charts import BuiltChart, source_line
from dashboard.data.citation import load_work
from dashboard.data.contract import DataPackage, Table, load_contract
from dashboard.data.store import data_dir, data_key, data_problems, loaded_data
from dashboard.data.validation import Problem
from dashboard.export import browser_missing, data_zip, render, tables_for
from dashboard.figures.style import chart_config, export_height, themed
from dashboard.transforms.citation import (Citation, record_citation, record_name, source_citations, view_citation,
                                           with_sources)
from dashboard.transforms.filters import (FILTER_PARAMS, Filters, actor_options, date_bounds, direction_options,
                                         evidence_help, parse_query, status_options, to_query)
from dashboard.transforms.formatting import human_table, plain_markdown
from dashboard.transforms.links import MAX_TEXT_PARAM, parse_choice, parse_multi, parse_number, parse_text

FILTERS_KEY = "active_filters"
_DATES_KEY = "filter_dates"
_ACTORS_KEY = "filter_actors"
_STATUS_KEY = "filter_status"
_SUPPLIERS_KEY = "filter_suppliers"
_RECIPIENTS_KEY = "filter_recipients"
_EVIDENCE_KEY = "filter_evidence"
_TRANSFER_FILTERS_KEY = "filter_transfers_open"
_NOTES_KEY = "filter_notes"


def contract() -> DataPackage:
    return load_contract(data_dir())


@st.cache_data(show_spinner=False, max_entries=4)
def _filter_choices(key: tuple) -> tuple[list[str], list[str], tuple[date, date]]:
    loaded, package = loaded_data(), load_contract(key[0])
    return actor_options(loaded, package), status_options(package), date_bounds(loaded, package)


@st.cache_data(show_spinner=False, max_entries=4)
def _direction_choices(key: tuple) -> dict[str, list[str]]:
    """The options of the supplier, recipient and evidence filters, named as parse_query takes them."""
    return direction_options(loaded_data(), load_contract(key[0]))


BRIEF_PARAM = "brief"
# Read once: the style block is written on every rerun of every page.
_PAGE_CSS, _BRIEF_CSS = (Path(__file__).with_name(name).read_text(encoding="utf-8")
                         for name in ("page.css", "brief.css"))


def briefing_mode() -> bool:
    """`?brief=1`: charts and headline figures only. The filter bar and the page_* helpers then draw no
    widget and return what the link (or the default) asks for, so a slide cannot show a control."""
    return st.query_params.get(BRIEF_PARAM) == "1"


def apply_style(brief: bool) -> None:
    """The project's page rules, and in briefing mode those that hide the chrome and enlarge type for
    slide screenshots. Both stylesheets are static files of the project; st.html applies a style-only
    block globally."""
    st.html("<style>" + _PAGE_CSS + ("\n" + _BRIEF_CSS if brief else "") + "</style>")


def phone_screen() -> bool:
    """A phone's browser: its user agent says "Mobi" (MDN's advice for telling phones from other
    devices). Charts are then framed for a narrow screen; the server cannot see the window's width."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def dark_theme() -> bool:
    """The theme the viewer chose in Settings (or their system's); Streamlit reports it from the
    page, so the first run of a session and the run right after a switch may still see the old one."""
    return st.context.theme.type == "dark"


def read_filters() -> Filters:
    """The active filters, before any page is drawn: from the link on a first visit, from the filter bar's
    widgets after. Link notes are shown here, above the page."""
    actors, statuses, (lowest, highest) = _filter_choices(data_key())
    direction = _direction_choices(data_key())

    if FILTERS_KEY not in st.session_state:
        parsed, notes = parse_query(st.query_params.to_dict(), actors, statuses, **direction)
        st.session_state[_NOTES_KEY] = notes
        st.session_state[FILTERS_KEY] = parsed
    if briefing_mode():
        # A slide shows the view its link asks for, with no sidebar to change it.
        _link_notes()
        return st.session_state[FILTERS_KEY]
    # Each widget's state is restored from the active filters when Streamlit has dropped it (a rerun
    # that carries no widget states), so the bar never loses the view the URL asked for.
    active = st.session_state[FILTERS_KEY]
    if _DATES_KEY not in st.session_state:
        st.session_state[_DATES_KEY] = (active.start or lowest, active.end or highest)
    if _ACTORS_KEY not in st.session_state:
        st.session_state[_ACTORS_KEY] = list(active.actors)
    if _STATUS_KEY not in st.session_state:
        st.session_state[_STATUS_KEY] = list(active.statuses)
    for key, chosen in ((_SUPPLIERS_KEY, active.suppliers), (_RECIPIENTS_KEY, active.recipients),
                        (_EVIDENCE_KEY, active.evidence)):
        if key not in st.session_state:
            st.session_state[key] = list(chosen)

    chosen_dates = st.session_state[_DATES_KEY]
    dates = tuple(chosen_dates) if isinstance(chosen_dates, (tuple, list)) else (chosen_dates,)
    # A bound equal to the data's own edge is no restriction: leave it out of the URL.
    start = dates[0] if dates and dates[0] and dates[0] != lowest else None
    end = dates[-1] if len(dates) > 1 and dates[-1] and dates[-1] != highest else None
    filters = Filters(start, end, tuple(st.session_state[_ACTORS_KEY]), tuple(st.session_state[_STATUS_KEY]),
                      tuple(st.session_state[_SUPPLIERS_KEY]), tuple(st.session_state[_RECIPIENTS_KEY]),
                      tuple(st.session_state[_EVIDENCE_KEY]))
    st.session_state[FILTERS_KEY] = filters
    _mirror_in_url(filters)
    _link_notes()
    return filters


def filter_bar() -> None:
    """The one global filter, in the sidebar and mirrored in the URL; read_filters has already applied it.

    Drawn before the page. Drawing it after the page, or after the page's first chart, brought no chart
    sooner by the frame it is painted in, and held the filters back by up to a second on Strikes, Search
    and Data & sources (README, Performance)."""
    if briefing_mode():
        return
    actors, statuses, (lowest, highest) = _filter_choices(data_key())
    direction = _direction_choices(data_key())
    with st.sidebar:
        st.subheader("Filters")
        st.date_input(
            "Date range", key=_DATES_KEY, min_value=min(lowest, st.session_state[_DATES_KEY][0]),
            max_value=max(highest, st.session_state[_DATES_KEY][-1]), format="YYYY-MM-DD",
        )
        st.multiselect("Actors", actors, key=_ACTORS_KEY, placeholder="All actors")
        st.multiselect("Claim status", statuses, key=_STATUS_KEY, placeholder="All statuses",
                       help="Applies to transfers and events; sanctions and strikes are official records.")
        # The three filters that apply to transfers alone, grouped under that name and drawn only when open:
        # drawing them held a new visitor's first chart back by 0 to 0.2 s (README, Performance). A session
        # whose link sets one of them starts with the group open; after that it stays as the viewer leaves it.
        # (Label and `expanded` stay fixed: they are part of the widget's id.)
        if _TRANSFER_FILTERS_KEY not in st.session_state and any(
                st.session_state.get(key) for key in (_SUPPLIERS_KEY, _RECIPIENTS_KEY, _EVIDENCE_KEY)):
            st.session_state[_TRANSFER_FILTERS_KEY] = True
        transfers = st.expander("Transfers: supplier, recipient, evidence", key=_TRANSFER_FILTERS_KEY,
                                on_change="rerun")
        with transfers:
            if transfers.open:
                st.multiselect("Supplier (from)", direction["supplier_options"], key=_SUPPLIERS_KEY,
                               placeholder="Any supplier",
                               help="Applies to transfers: keeps records whose supplier is one of these.")
                st.multiselect("Recipient (to)", direction["recipient_options"], key=_RECIPIENTS_KEY,
                               placeholder="Any recipient",
                               help="Applies to transfers: keeps records whose recipient is one of these. With Iran as "
                                    "supplier and Russia as recipient only Iran → Russia records remain.")
                st.multiselect("Evidence", direction["evidence_options"], key=_EVIDENCE_KEY,
                               placeholder="Any kind of source", help=evidence_help(contract()))
        st.button("Reset filters", key="filter_reset", on_click=_reset_filters)


def _reset_filters() -> None:
    """Runs before the rerun the click starts, so read_filters then finds the link's defaults."""
    for key in (_DATES_KEY, _ACTORS_KEY, _STATUS_KEY, _SUPPLIERS_KEY, _RECIPIENTS_KEY, _EVIDENCE_KEY, FILTERS_KEY):
        st.session_state.pop(key, None)
    for name in FILTER_PARAMS:
        st.query_params.pop(name, None)
    st.session_state[_NOTES_KEY] = []


def _link_notes() -> None:
    for note in st.session_state.get(_NOTES_KEY, []):
        st.warning(f"Link parameter ignored — {plain_markdown(note)}", icon="⚠️")


def _mirror_in_url(filters: Filters) -> None:
    wanted = to_query(filters)
    for name in FILTER_PARAMS:
        if name in wanted:
            if st.query_params.get(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]


def active_filters() -> Filters:
    return st.session_state.get(FILTERS_KEY, Filters())


def source_note(tables: Iterable[str], as_of: str) -> str:
    """The source line of a map or a headline figure, as charts carry it: each table's credit and licence,
    from the contract, and the data's date."""
    return f"Source: {plain_markdown(source_line(contract(), tuple(tables)))}. Data as of {as_of}."


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    return pd.DataFrame([p.as_dict() for p in problems], columns=["file", "line", "column", "value", "reason"])


def problems_panel() -> None:
    """Say plainly what failed; every page that does not need a failed table still works."""
    problems = data_problems()
    if not problems:
        return
    files = sorted({p.file for p in problems})
    st.error(
        f"{len(problems)} data problem(s) in {', '.join(files)}. Views that need "
        "these tables are switched off until the problems are fixed; everything else works.",
        icon="🚫",
    )
    with st.expander("Show every problem (file, line, column, value, reason)"):
        st.dataframe(problems_frame(problems), hide_index=True, width="stretch")


def require_tables(names: Iterable[str]) -> bool:
    """True when every table a view needs (and what they need) passed validation; else explain."""
    package = contract()
    broken = package.blocked_by(names, {Path(p.file).stem for p in data_problems()})
    if broken:
        needed = sorted(package.table(name).title.lower() for name in package.needed_tables(names))
        failed = ", ".join(f"{package.table(name).title} ({package.table(name).path})" for name in broken)
        st.error(
            f"This view needs {', '.join(needed)}; {failed} failed validation. "
            "The problems are listed at the top of the page and by `python -m dashboard validate`.",
            icon="🚫",
        )
        return False
    return True


def choice_value(options: dict[str, str], *, param: str, default: str, key: str) -> str:
    """The choice `page_choice` shows, without its widget: a page that draws the widget further down (in a
    tab) needs the value first. Taken from the link on a session's first run, then from the session."""
    if key not in st.session_state:
        st.session_state[key], note = parse_choice(st.query_params.get(param), options, param=param, default=default)
        _ignored(note)
    return st.session_state[key]


def page_choice(label: str, options: dict[str, str], *, param: str, default: str, key: str,
                as_list: bool = False, help: str | None = None) -> str:
    """A page-level choice mirrored in the URL; an unknown value falls back to the default with a note.

    Radio buttons for a few options; a searchable select box for a long list (`as_list`)."""
    chosen = choice_value(options, param=param, default=default, key=key)
    if briefing_mode():
        return chosen
    if as_list:
        value = st.selectbox(label, list(options), format_func=options.get, key=key, help=help)
    else:
        value = st.radio(label, list(options), format_func=options.get, key=key, horizontal=True, help=help)
    _mirror_param(param, value, default)
    return value


def page_multi(label: str, options: dict[str, str], *, param: str, key: str) -> tuple[str, ...]:
    """Several page-level choices (default: all) mirrored in the URL as a comma-separated list."""
    if key not in st.session_state:
        chosen, note = parse_multi(st.query_params.get(param), options, param=param, label=label)
        st.session_state[key] = list(chosen)
        _ignored(note)
    if briefing_mode():
        return tuple(st.session_state[key])
    values = st.multiselect(label, list(options), format_func=options.get, key=key) or list(options)
    _mirror_param(param, ",".join(values), ",".join(options))
    return tuple(values)


def page_text(label: str, *, param: str, key: str) -> str:
    """Free text (a search) mirrored in the URL."""
    if key not in st.session_state:
        st.session_state[key] = parse_text(st.query_params.get(param))
    if briefing_mode():
        return st.session_state[key]
    value = st.text_input(label, key=key, max_chars=MAX_TEXT_PARAM)
    _mirror_param(param, value, "")
    return value


def number_value(*, param: str, default: int, low: int, high: int, key: str) -> int:
    """The number `page_number` shows, without its widget (see `choice_value`)."""
    if key not in st.session_state:
        st.session_state[key], note = parse_number(st.query_params.get(param), param=param, default=default, low=low,
                                                   high=high)
        _ignored(note)
    return st.session_state[key]


def page_number(label: str, *, param: str, default: int, low: int, high: int, key: str) -> int:
    """A whole number in [low, high] mirrored in the URL; anything else falls back with a note."""
    chosen = number_value(param=param, default=default, low=low, high=high, key=key)
    if briefing_mode():
        return chosen
    chosen = st.slider(label, min_value=low, max_value=high, key=key)
    _mirror_param(param, str(chosen), str(default))
    return chosen


TAB_PARAM = "tab"


def page_tabs(labels: Sequence[str], default: str | None = None) -> Sequence:
    """Tabs of which only the open one runs and reaches the browser: a map or a data grid costs a new
    visitor's browser seconds of work, so it waits until asked for. The open tab is in the link
    (`?tab=Map`); an unknown name opens `default` (else the first tab). `default` is part of the widget's
    identity, so a page keeps it for the whole session."""
    return st.tabs(list(labels), key=TAB_PARAM, bind="query-params", default=default)


def _ignored(note: str | None) -> None:
    if note:
        st.warning(f"Link parameter ignored — {plain_markdown(note)}", icon="⚠️")


def _mirror_param(param: str, value: str, default: str) -> None:
    if value == default:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value


# Columns that views derive (not fields of the contract): their labels, and which hold links.
DERIVED_LABELS = {"source_url": "Source", "system": "System", "quantity": "Quantity", "unit": "Unit",
                  "all_sources": "All sources", "record_type": "Record type", "label": "Record"}
LINK_COLUMNS = {"source_url", "source_post", "url"}


def column_labels(columns: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Label and help for each column: a contract field's `title` and `description`, a derived column's
    label, and otherwise the name in words, so no snake_case header reaches the screen."""
    columns = list(columns)
    fields = contract().fields_for(columns)
    labels = {}
    for column in columns:
        if column in fields:
            labels[column] = (fields[column].title, fields[column].description)
        else:
            labels[column] = (DERIVED_LABELS.get(column, str(column).replace("_", " ").capitalize()), "")
    return labels


def column_config(frame: pd.DataFrame) -> dict:
    """st.dataframe column settings from the contract: labels and help from each field, links as links,
    dates as dates, counts as whole numbers."""
    config = {}
    for column, (label, help_text) in column_labels(frame.columns).items():
        options = {"label": label, "help": help_text or None}
        values = frame[column]
        if column in LINK_COLUMNS:
            config[column] = st.column_config.LinkColumn(display_text="open", **options)
        elif pd.api.types.is_datetime64_any_dtype(values):
            config[column] = st.column_config.DateColumn(format="D MMM YYYY", **options)
        elif pd.api.types.is_integer_dtype(values):
            config[column] = st.column_config.NumberColumn(format="%d", **options)
        elif pd.api.types.is_float_dtype(values):
            config[column] = st.column_config.NumberColumn(**options)
        else:
            config[column] = st.column_config.Column(**options)
    return config


@st.cache_data(show_spinner=False, max_entries=4)
def _source_citations(key: tuple) -> dict[str, str]:
    return source_citations(loaded_data().tables["sources"])


def cited(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with a `sources` column naming every source they cite (see transforms.citation)."""
    if "source_ids" not in frame.columns and "source_post" not in frame.columns:
        return frame
    return with_sources(frame, _source_citations(data_key()))


def rows_label(count: int) -> str:
    return f"{count:,} row{'' if count == 1 else 's'}"


def page_url(query: dict[str, str] | None = None) -> str:
    """The link that reopens this view: the page's address with the current query (or `query`)."""
    params = st.query_params.to_dict() if query is None else query
    return (st.context.url or "/") + (f"?{urlencode(params)}" if params else "")


def _zip_bytes(frame: pd.DataFrame, citations: dict[str, str], name: str, title: str, as_of: str,
               table_names: tuple[str, ...], citation: Citation) -> bytes:
    """Made only when someone clicks: the rows with their sources, as a CSV with its description and citation."""
    rows = with_sources(frame, citations)
    package = contract()
    return data_zip(rows, name=name, title=title, as_of=as_of, package=package,
                    tables=tables_for(rows, package, table_names), citation=citation, message=load_work().message)


def citation_blocks(citation: Citation) -> None:
    st.caption("APA")
    st.code(citation.apa, language=None, wrap_lines=True)
    st.caption("BibTeX")
    st.code(citation.bibtex, language="latex")


def download_rows(frame: pd.DataFrame, *, label: str, key: str, name: str, title: str, as_of: str,
                  tables: Sequence[str] = (), kind: str = "Data table") -> None:
    """The one data download: a zip of the CSV, its datapackage.json and CITATION.txt; never for 0 rows,
    never in briefing mode."""
    if briefing_mode():
        return
    if frame.empty:
        st.caption(f"{label}: no rows to download.")
        return
    citation = view_citation(load_work(), kind=kind, title=title, slug=name, as_of=as_of, url=page_url(),
                             accessed=date.today())
    citations = _source_citations(data_key()) if "source_ids" in frame.columns or "source_post" in frame.columns else {}
    st.download_button(f"{label} ({rows_label(len(frame))}, zip)",
                       partial(_zip_bytes, frame, citations, name, title, as_of, tuple(tables), citation),
                       file_name=f"{name}.zip", mime="application/zip", key=key, on_click="ignore",
                       icon=":material/folder_zip:",
                       help="A zip of the CSV, its datapackage.json (columns, licences, sources) and CITATION.txt.")


@st.cache_data(show_spinner=False, max_entries=256)
def _cited_and_shown(frame: pd.DataFrame, key: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows with their sources in words, and the copy the screen shows (dates at their precision, no
    "None"); downloads keep the first. Made once per table and data version, not on every rerun."""
    rows = cited(frame)
    return rows, human_table(rows)


def record_table(frame: pd.DataFrame, *, key: str, file_stem: str, as_of: str, tables: Sequence[str] = (),
                 title: str | None = None, record_query: Callable[[str], dict[str, str]] | None = None) -> None:
    """A browsable table whose rows name all their sources, with the same rows as a download.

    With `record_query` (a record's first key value → the query that finds it), picking a row shows how to cite
    that record."""
    frame, shown = _cited_and_shown(frame, data_key())
    brief = briefing_mode()
    selection = {"on_select": "rerun", "selection_mode": "single-row"} if record_query and not brief else {}
    event = st.dataframe(shown, hide_index=True, width="stretch", key=key, column_config=column_config(shown),
                         **selection)
    if brief:
        return
    package = contract()
    chosen = tables_for(frame, package, tables)
    download_rows(frame, label="Download these rows", key=f"{key}_zip", name=f"{file_stem}_{as_of}",
                  title=title or ", ".join(t.title for t in chosen) or file_stem, as_of=as_of, tables=tables)
    if selection and chosen:
        _cite_record(frame, event.selection.rows, chosen[0], as_of, record_query)


def _cite_record(frame: pd.DataFrame, rows: list[int], table: Table, as_of: str,
                 record_query: Callable[[str], dict[str, str]]) -> None:
    if not rows:
        st.caption("Select a row (the box at its left) to cite that record.")
        return
    row = frame.iloc[rows[0]]
    # A record is named by its primary key: `id` in most tables, list reference and programme in some.
    keys = [str(row.get(name, "")) for name in table.primary_key or ("id",)]
    record_id = " / ".join(keys)
    sources = row.get("sources")
    citation = record_citation(load_work(), table_title=table.title, record_id=record_id, name=record_name(row),
                               sources=sources if isinstance(sources, str) else "", as_of=as_of,
                               url=page_url(record_query(keys[0])), accessed=date.today())
    st.markdown(f"**Cite this record** ({plain_markdown(record_id)})")
    citation_blocks(citation)


def show_chart(chart: BuiltChart, *, key: str, selectable: bool = False):
    """The chart, then (except in briefing mode) its SVG and PNG at slide size, the zip of exactly its data,
    and how to cite it.

    With `selectable`, clicking a point reruns the page and the selection is returned."""
    if not chart.figure.get("data"):
        st.info(f"{chart.title}: nothing to chart for the current filters.")
        return None
    selection = {"on_select": "rerun", "selection_mode": "points"} if selectable else {}
    framed = chart.phone_figure if phone_screen() and chart.phone_figure else chart.figure
    figure = themed(framed, dark_theme())  # the SVG download below stays light
    event = st.plotly_chart(figure, key=key, config=chart_config(chart.slug, chart.as_of, export_height(framed)),
                            theme=None,
                            width="stretch", **selection)
    if briefing_mode():
        return event if selectable else None
    with st.container(horizontal=True, key=f"{key}_exports"):
        download_rows(chart.data, label="Data behind this chart", key=f"{key}_zip", name=chart.filename,
                      title=chart.title, as_of=chart.as_of, kind="Chart data",
                      tables=chart.tables)
        missing = browser_missing()  # a PATH lookup, about 1 ms
        for image_format, mime in (("svg", "image/svg+xml"), ("png", "image/png")):
            label = f"Chart as {image_format.upper()}"
            st.download_button(label if not missing else f"{label} (needs Chromium)",
                               partial(render, chart.figure, image_format), file_name=f"{chart.filename}.{image_format}",
                               mime=mime, key=f"{key}_{image_format}", on_click="ignore", icon=":material/image:",
                               disabled=bool(missing), help=missing)
        with st.popover("Cite", icon=":material/format_quote:", key=f"{key}_cite"):
            citation_blocks(view_citation(load_work(), kind="Chart", title=chart.title, slug=chart.slug,
                                           as_of=chart.as_of, url=page_url(), accessed=date.today()))
    return event if selectable else None
