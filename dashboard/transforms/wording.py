"""Words for map tooltips and captions: counts with their noun, dates at their precision."""

from __future__ import annotations

import pandas as pd


def plural(count: int, noun: str) -> str:
    """'1 record', '3 records', '1,204 reports'."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def dated(when: pd.Timestamp, precision: str) -> str:
    """A date no more precise than it is known: '2022-07-11', '2022-08' or '2022'."""
    if pd.isna(when):
        return "undated"
    if precision == "year":
        return f"{when:%Y}"
    if precision == "month":
        return f"{when:%Y-%m}"
    return f"{when:%Y-%m-%d}"
