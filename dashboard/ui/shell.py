"""Streamlit pieces every page shares: the global filter bar, the data-problems panel, charts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.charts import BuiltChart
from dashboard.data.contract import DataPackage, load_contract
from dashboard.data.store import data_dir, data_key, data_problems, loaded_data
from dashboard.data.validation import LoadedData, Problem
from dashboard.export import browser_missing, render
from dashboard.figures.style import KNOWN_ACTORS, chart_config, themed
from dashboard.transforms.filters import FILTER_PARAMS, Filters, parse_query, to_query

FILTERS_KEY = "active_filters"
_DATES_KEY = "filter_dates"
_ACTORS_KEY = "filter_actors"
_STATUS_KEY = "filter_status"
_NOTES_KEY = "filter_notes"
MAX_TEXT_PARAM = 200


def contract() -> DataPackage:
    return load_contract(data_dir())


def actor_options(loaded: LoadedData, package: DataPackage) -> list[str]:
    """The known actors first, in a fixed order, then any other actor the data names."""
    found: set[str] = set()
    for table in package.tables:
        frame = loaded.tables[table.name]
        for name in table.actor_fields:
            for value in frame[name].dropna():
                found.update(value if isinstance(value, list) else [str(value)])
    others = sorted(found - set(KNOWN_ACTORS) - {"unknown"})
    return list(KNOWN_ACTORS) + others


def status_options(package: DataPackage) -> list[str]:
    options: list[str] = []
    for table in package.tables:
        if table.status_field:
            for value in table.field_by_name[table.status_field].enum or []:
                if value not in options:
                    options.append(value)
    return options


def date_bounds(loaded: LoadedData, package: DataPackage) -> tuple[date, date]:
    dates = [
        loaded.tables[t.name][t.date_field].dropna() for t in package.tables if t.date_field
    ]
    combined = pd.concat([d for d in dates if len(d)]) if any(len(d) for d in dates) else pd.Series([], dtype="datetime64[ns]")
    if combined.empty:
        today = date.today()
        return today, today
    return combined.min().date(), combined.max().date()


@st.cache_data(show_spinner=False, max_entries=4)
def _filter_choices(key: tuple) -> tuple[list[str], list[str], tuple[date, date]]:
    loaded, package = loaded_data(), load_contract(key[0])
    return actor_options(loaded, package), status_options(package), date_bounds(loaded, package)


BRIEF_PARAM = "brief"
_BRIEF_CSS = Path(__file__).with_name("brief.css")


def briefing_mode() -> bool:
    """`?brief=1`: charts and headline figures only. The filter bar and the page_* helpers then draw no
    widget and return what the link (or the default) asks for, so a slide cannot show a control."""
    return st.query_params.get(BRIEF_PARAM) == "1"


def apply_briefing_style() -> None:
    """Hide the chrome and enlarge type for slide screenshots. The stylesheet is a static file of
    the project; st.html applies a style-only block globally."""
    st.html(f"<style>{_BRIEF_CSS.read_text(encoding='utf-8')}</style>")


def dark_theme() -> bool:
    """The theme the viewer chose in Settings (or their system's); Streamlit reports it from the
    page, so the first run of a session and the run right after a switch may still see the old one."""
    return st.context.theme.type == "dark"


def filter_bar() -> Filters:
    """The one global filter, in the sidebar and mirrored in the URL."""
    actors, statuses, (lowest, highest) = _filter_choices(data_key())

    if FILTERS_KEY not in st.session_state:
        parsed, notes = parse_query(st.query_params.to_dict(), actors, statuses)
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

    with st.sidebar:
        st.subheader("Filters")
        chosen_dates = st.date_input(
            "Date range", key=_DATES_KEY, min_value=min(lowest, st.session_state[_DATES_KEY][0]),
            max_value=max(highest, st.session_state[_DATES_KEY][-1]), format="YYYY-MM-DD",
        )
        st.multiselect("Actors", actors, key=_ACTORS_KEY, placeholder="All actors")
        st.multiselect("Claim status", statuses, key=_STATUS_KEY, placeholder="All statuses",
                       help="Applies to transfers and events; sanctions and strikes are official records.")
        if st.button("Reset filters", key="filter_reset"):
            for key in (_DATES_KEY, _ACTORS_KEY, _STATUS_KEY, FILTERS_KEY):
                st.session_state.pop(key, None)
            for name in FILTER_PARAMS:
                st.query_params.pop(name, None)
            st.session_state[_NOTES_KEY] = []
            st.rerun()

    dates = tuple(chosen_dates) if isinstance(chosen_dates, (tuple, list)) else (chosen_dates,)
    # A bound equal to the data's own edge is no restriction: leave it out of the URL.
    start = dates[0] if dates and dates[0] and dates[0] != lowest else None
    end = dates[-1] if len(dates) > 1 and dates[-1] and dates[-1] != highest else None
    filters = Filters(start, end, tuple(st.session_state[_ACTORS_KEY]), tuple(st.session_state[_STATUS_KEY]))
    st.session_state[FILTERS_KEY] = filters
    _mirror_in_url(filters)
    _link_notes()
    return filters


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
    needed: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name not in needed:
            needed.add(name)
            pending.extend(package.table(name).needs)
    broken = sorted(needed & {Path(p.file).stem for p in data_problems()})
    if broken:
        st.error(
            f"This view needs {', '.join(sorted(needed))}; {', '.join(broken)} failed validation. "
            "The problems are listed at the top of the page and by `python -m dashboard validate`.",
            icon="🚫",
        )
        return False
    return True


def page_choice(label: str, options: dict[str, str], *, param: str, default: str, key: str,
                as_list: bool = False, help: str | None = None) -> str:
    """A page-level choice mirrored in the URL; an unknown value falls back to the default with a note.

    Radio buttons for a few options; a searchable select box for a long list (`as_list`)."""
    if key not in st.session_state:
        requested = st.query_params.get(param)
        if requested is not None and requested not in options:
            known = ", ".join(options) if len(options) <= 10 else f"the {len(options)} listed choices"
            st.warning(f"Link parameter ignored — {param}={plain_markdown(repr(requested[:40]))} is not one of "
                       f"{plain_markdown(known)}; showing {plain_markdown(options[default])}.", icon="⚠️")
        st.session_state[key] = requested if requested in options else default
    if briefing_mode():
        return st.session_state[key]
    if as_list:
        value = st.selectbox(label, list(options), format_func=options.get, key=key, help=help)
    else:
        value = st.radio(label, list(options), format_func=options.get, key=key, horizontal=True, help=help)
    _mirror_param(param, value, default)
    return value


def page_multi(label: str, options: dict[str, str], *, param: str, key: str) -> tuple[str, ...]:
    """Several page-level choices (default: all) mirrored in the URL as a comma-separated list."""
    if key not in st.session_state:
        requested = st.query_params.get(param)
        chosen = list(options)
        if requested is not None:
            wanted = [item.strip() for item in requested.split(",") if item.strip()]
            unknown = [item for item in wanted if item not in options]
            if unknown or not wanted:
                st.warning(f"Link parameter ignored — {param}={plain_markdown(repr(requested[:40]))} lists no known "
                           f"{label.lower()} ({', '.join(options)}); showing all.", icon="⚠️")
            else:
                chosen = wanted
        st.session_state[key] = chosen
    if briefing_mode():
        return tuple(st.session_state[key])
    values = st.multiselect(label, list(options), format_func=options.get, key=key) or list(options)
    _mirror_param(param, ",".join(values), ",".join(options))
    return tuple(values)


def page_text(label: str, *, param: str, key: str) -> str:
    """Free text (a search) mirrored in the URL."""
    if key not in st.session_state:
        st.session_state[key] = (st.query_params.get(param) or "")[:MAX_TEXT_PARAM]
    if briefing_mode():
        return st.session_state[key]
    value = st.text_input(label, key=key, max_chars=MAX_TEXT_PARAM)
    _mirror_param(param, value, "")
    return value


def page_number(label: str, *, param: str, default: int, low: int, high: int, key: str) -> int:
    """A whole number in [low, high] mirrored in the URL; anything else falls back with a note."""
    if key not in st.session_state:
        requested = st.query_params.get(param)
        value = default
        if requested is not None:
            if requested.isdigit() and low <= int(requested) <= high:
                value = int(requested)
            else:
                st.warning(f"Link parameter ignored — {param}={plain_markdown(repr(requested[:40]))} is not a whole number from "
                           f"{low} to {high}; showing {default}.", icon="⚠️")
        st.session_state[key] = value
    if briefing_mode():
        return st.session_state[key]
    chosen = st.slider(label, min_value=low, max_value=high, key=key)
    _mirror_param(param, str(chosen), str(default))
    return chosen


def _mirror_param(param: str, value: str, default: str) -> None:
    if value == default:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value


RECORD_COLUMNS = {
    "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "date_precision": st.column_config.TextColumn("Precision"),
    "quantity_low": st.column_config.NumberColumn("Qty (low)", format="%d"),
    "quantity_high": st.column_config.NumberColumn("Qty (high)", format="%d"),
    "value_low": st.column_config.NumberColumn("Value (low)", format="%.0f"),
    "value_high": st.column_config.NumberColumn("Value (high)", format="%.0f"),
    "source_url": st.column_config.LinkColumn("Source", display_text="open source"),
    "url": st.column_config.LinkColumn("URL", display_text="open"),
    "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
    "accessed": st.column_config.DateColumn("Accessed", format="YYYY-MM-DD"),
    "announced": st.column_config.DateColumn("Announced", format="YYYY-MM-DD"),
}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV of a table, made only when someone clicks download."""
    return frame.to_csv(index=False).encode()


def record_table(frame: pd.DataFrame, *, key: str, file_stem: str, as_of: str) -> None:
    """A browsable table whose source URLs are links, with the same rows as a CSV download."""
    st.dataframe(frame, hide_index=True, width="stretch", key=key,
                 column_config={k: v for k, v in RECORD_COLUMNS.items() if k in frame.columns})
    st.download_button(f"Download these {len(frame):,} rows (CSV)", partial(csv_bytes, frame),
                       file_name=f"{file_stem}_{as_of}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain_markdown(text: object) -> str:
    """Data text made inert for Streamlit's markdown elements (headers, captions, metric labels)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def show_chart(chart: BuiltChart, *, key: str, selectable: bool = False):
    """The chart (modebar PNG at slide size, scale 2), then its SVG and the CSV of exactly its data.

    With `selectable`, clicking a point reruns the page and the selection is returned."""
    if not chart.figure.get("data"):
        st.info(f"{chart.title}: nothing to chart for the current filters.")
        return None
    selection = {"on_select": "rerun", "selection_mode": "points"} if selectable else {}
    figure = themed(chart.figure, dark_theme())  # the SVG download below stays light
    event = st.plotly_chart(figure, key=key, config=chart_config(chart.slug, chart.as_of), theme=None,
                            width="stretch", **selection)
    with st.container(horizontal=True, key=f"{key}_exports"):
        st.download_button("Data behind this chart (CSV)", partial(csv_bytes, chart.data),
                           file_name=f"{chart.filename}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore",
                           icon=":material/table_view:")
        missing = browser_missing()  # a PATH lookup, about 1 ms
        st.download_button("Chart as SVG" if not missing else "Chart as SVG (needs Chromium)",
                           partial(render, chart.figure, "svg"), file_name=f"{chart.filename}.svg",
                           mime="image/svg+xml", key=f"{key}_svg", on_click="ignore", icon=":material/image:",
                           disabled=bool(missing), help=missing)
    return event if selectable else None
