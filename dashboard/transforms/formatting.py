"""Values as a reader expects them on screen: dates at the precision they are known to, lists as text,
nothing shown for a missing value. Downloads keep the machine-readable rows; these are display copies."""

from __future__ import annotations

import re

import pandas as pd
from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_float_dtype, is_integer_dtype

LIST_SEPARATOR = "; "
# Date columns whose row-wise precision sits in another column of the same table (data/datapackage.json).
PRECISION_COLUMNS = {
    "event_date": "date_precision",
    "date": "date_precision",
    "announced": "date_precision",
    "listed": "date_precision",
    "official_listed": "official_date_precision",
}


def _day(timestamp: pd.Timestamp) -> str:
    return f"{timestamp.day} {timestamp:%b %Y}"


def date_at_precision(timestamp: object, precision: object = None) -> str:
    """"2022" (year), "Dec 2023" (month), "5 Dec 2023" (day), "on or before 18 Aug 2021"; "" when missing.

    Without a precision a timestamp shows its day, and its time of day when it has one. A precision the
    contract does not know shows the full day: saying more than is known is worse than saying the day."""
    moment = pd.NaT if pd.isna(timestamp) else pd.Timestamp(timestamp)
    if pd.isna(moment):
        return ""
    precision = None if pd.isna(precision) else str(precision)
    if precision == "year":
        return f"{moment.year}"
    if precision == "month":
        return f"{moment:%b %Y}"
    if precision == "on or before":
        return f"on or before {_day(moment)}"
    if precision is None and (moment.hour, moment.minute) != (0, 0):
        return f"{_day(moment)}, {moment:%H:%M}"
    return _day(moment)


def release_date(release: str) -> str:
    """'2026-05-16/sha256:4fe9b4c407c2' → '16 May 2026'; '' when the label does not start with a date."""
    moment = pd.to_datetime(str(release).split("/")[0], format="%Y-%m-%d", errors="coerce")
    return date_at_precision(moment, "day")


def _cell(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return date_at_precision(value)
    return str(value)


def _number(value: object) -> str:
    if pd.isna(value):
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _dates(column: pd.Series, precision: pd.Series | None) -> pd.Series:
    """date_at_precision over a whole column at once (the strikes table has thousands of rows)."""
    day = column.dt.day.astype("Int64").astype("string") + column.dt.strftime(" %b %Y")
    if precision is None:
        has_time = (column.dt.hour != 0) | (column.dt.minute != 0)
        text = day.where(~has_time, day + column.dt.strftime(", %H:%M"))
    else:
        precision = precision.astype("string").fillna("")
        text = day.where(precision != "month", column.dt.strftime("%b %Y"))
        text = text.where(precision != "year", column.dt.strftime("%Y"))
        text = text.where(precision != "on or before", "on or before " + day)
    return text.fillna("").astype(object)


def human_column(column: pd.Series, precision: pd.Series | None = None) -> pd.Series:
    """One column as display text; `precision` gives each row's date precision."""
    if is_datetime64_any_dtype(column):
        return _dates(column, precision)
    if is_bool_dtype(column):
        return column.map(lambda v: "" if pd.isna(v) else ("yes" if v else "no")).astype(object)
    if is_integer_dtype(column) or is_float_dtype(column):
        return column.map(_number).astype(object)
    return column.astype(object).map(_cell)


def human_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A display copy of table rows: dates at their row's precision, lists joined with '; ', yes/no for
    booleans, whole numbers with thousands separators, '' for every missing value; enum values as written."""
    shown = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        precision_column = PRECISION_COLUMNS.get(name)
        precision = frame[precision_column] if precision_column in frame.columns else None
        shown[name] = human_column(frame[name], precision)
    return shown


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain_markdown(text: object) -> str:
    """Data text made inert for Streamlit's markdown elements (headers, captions, metric labels, tables)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def markdown_table(frame: pd.DataFrame, headers: dict[str, str]) -> str:
    """A small summary as a static markdown table: the columns of `headers` under their labels, cells as
    `human_column` writes them and made inert, numbers aligned right. Static, because a summary of a few
    rows needs no grid, and the browser then loads no grid code for it."""
    columns = list(headers)
    cells = pd.DataFrame({name: human_column(frame[name]) for name in columns}, index=frame.index)
    numeric = [pd.api.types.is_numeric_dtype(frame[name]) and not is_bool_dtype(frame[name]) for name in columns]

    def row(values) -> str:
        return "| " + " | ".join(plain_markdown(" ".join(str(value).split())) for value in values) + " |"

    rule = "|" + "|".join("---:" if right else ":---" for right in numeric) + "|"
    return "\n".join([row(headers[name] for name in columns), rule, *(row(values) for values in cells.itertuples(index=False))])
