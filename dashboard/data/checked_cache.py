"""Validated tables kept on disk between server starts, keyed by the content they were checked from.

Validating every table is most of a fresh server's first page (8.6 s of 9.5 s with 100 times the
bundled strikes). The result depends only on the CSV files, the contract and the code that checks
them, so it is stored under a SHA-256 of all three and read back on the next start when none has
changed. `python -m dashboard validate` never uses it: the command always checks the files.

The cache is a pickle, so it is read only from a folder this user owns and nobody else may write
to; anything else is ignored and the data validated afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path

from dashboard.data.contract import contract_path
from dashboard.data.validation import LoadedData, load_data

CACHE_DIR_VARIABLE = "DASHBOARD_CACHE_DIR"
# The code whose behaviour the cached result depends on.
_CHECKING_CODE = ("validation.py", "contract.py", "checked_cache.py")
_KEEP = 4  # newest entries kept; a server has one data folder, tests and benchmarks a few


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "iran-russia-dashboard"


def content_key(directory: Path) -> str:
    """SHA-256 over the contract, every CSV of the folder (name and bytes) and the checking code."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    files = [contract_path(directory), *sorted(directory.glob("*.csv")), *(here / name for name in _CHECKING_CODE)]
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def _private(folder: Path) -> bool:
    """Owned by this user and writable by nobody else: a pickle from here is one this user wrote."""
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load_checked(directory: Path | str) -> LoadedData:
    """What `load_data(directory)` returns, from the disk cache when the files are unchanged."""
    directory = Path(directory)
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        usable = _private(folder)
        key = content_key(directory)
    except OSError:
        return load_data(directory)
    entry = folder / f"{key}.pickle"
    cached = _read(entry) if usable and entry.is_file() else None
    if cached is not None:
        return cached
    loaded = load_data(directory)
    if usable:
        _store(folder, entry, loaded)
    return loaded


def _read(entry: Path) -> LoadedData | None:
    """The entry, or None when it is truncated or written by other library versions: then the files are
    checked again and the entry replaced."""
    try:
        with entry.open("rb") as handle:
            cached = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError,
            ValueError):
        return None
    return cached if isinstance(cached, LoadedData) else None


def _store(folder: Path, entry: Path, loaded: LoadedData) -> None:
    """Write the entry whole or not at all (a reader never sees half of one), and keep the newest few.
    A full or read-only disk only costs the next start a validation."""
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(loaded, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
        entries = sorted(folder.glob("*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in entries[_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
