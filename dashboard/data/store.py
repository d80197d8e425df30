"""Where the app finds its data, and the cached load Streamlit pages share."""

from __future__ import annotations

import os
import time
from pathlib import Path

import streamlit as st

from dashboard.data.checked_cache import load_checked
from dashboard.data.contract import DEFAULT_DATA_DIR, contract_path
from dashboard.data.validation import LoadedData, Problem

DATA_DIR_VARIABLE = "DASHBOARD_DATA_DIR"


def data_dir() -> Path:
    """The data folder: $DASHBOARD_DATA_DIR when set (tests, other releases), else the bundled data/."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    return Path(configured) if configured else DEFAULT_DATA_DIR


def _fingerprint(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times: editing a CSV invalidates the cache without a restart."""
    files = sorted(directory.glob("*.csv")) + [contract_path(directory)]
    return tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists())


# A resource, not cache_data: cache_data hands every caller an unpickled copy, which at 100x the
# bundled strikes cost about 2 s a call and several calls on a new server's first page. The tables
# are shared by every session and read only (tests/transforms/test_view_models.py checks that no
# view model writes to them).
@st.cache_resource(show_spinner="Loading and checking the data…", max_entries=4)
def _cached_load(directory: str, fingerprint: tuple[tuple[str, int, int], ...]) -> LoadedData:
    return load_checked(directory)


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_problems(directory: str, fingerprint: tuple[tuple[str, int, int], ...]) -> list[Problem]:
    return _cached_load(directory, fingerprint).problems


FINGERPRINT_TTL_SECONDS = 2.0
_recent_fingerprints: dict[str, tuple[float, tuple]] = {}


def data_key() -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """Identifies the data on disk; caches of anything derived from it take this as an argument.

    The files are looked at again at most every two seconds: under load, a stat of every file on
    every rerun of every session was a tenth of the server's time."""
    directory = str(data_dir())
    checked_at, fingerprint = _recent_fingerprints.get(directory, (0.0, ()))
    now = time.monotonic()
    if now - checked_at > FINGERPRINT_TTL_SECONDS:
        fingerprint = _fingerprint(Path(directory))
        _recent_fingerprints[directory] = (now, fingerprint)
    return directory, fingerprint


def loaded_data() -> LoadedData:
    """Every table, typed, shared by all sessions: never modify what it returns. Pages call this only
    when building a (cached) view; the shell asks `data_problems()` instead."""
    return _cached_load(*data_key())


def data_problems() -> list[Problem]:
    """Validation problems of the current data: small, so cheap to fetch on every rerun."""
    return _cached_problems(*data_key())
