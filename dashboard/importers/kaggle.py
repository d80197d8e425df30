"""Fetch the newest release of the upstream strikes dataset from Kaggle and import it.

The download is one injectable function, so the import half runs (and is tested) on files
already on disk, and the download half is tested without a network.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dashboard.importers.strikes import ImportSummary, import_strikes, print_progress

KAGGLE_DATASET = "piterfm/massive-missile-attacks-on-ukraine"
DAILY_FILE = "missile_attacks_daily.csv"
MODELS_FILE = "missiles_and_uavs.csv"


class DownloadError(Exception):
    """The release could not be fetched; data/ was not touched."""


def kaggle_download(handle: str) -> Path:
    """The folder kagglehub downloads (or has cached) the latest version of `handle` into."""
    try:
        import kagglehub
    except ImportError as error:
        raise DownloadError("kagglehub is not installed; install the update extra: pip install -e '.[update]'") from error
    return Path(kagglehub.dataset_download(handle))


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200]}" if text else type(error).__name__


def update_strikes(data_dir: Path, download: Callable[[str], Path] = kaggle_download, allow_removals: bool = False,
                   progress: Callable[[int, int], None] | None = print_progress) -> ImportSummary:
    """Download the newest release and import it into `data_dir`; on any download failure raise
    DownloadError with one line and leave `data_dir` as it was."""
    try:
        folder = download(KAGGLE_DATASET)
    except DownloadError:
        raise
    except Exception as error:  # network, authentication, quota, disk: all mean "no new release today"
        raise DownloadError(f"could not download {KAGGLE_DATASET} ({_one_line(error)}); data/ is unchanged") from error
    daily = folder / DAILY_FILE
    if not daily.is_file():
        found = ", ".join(sorted(p.name for p in folder.iterdir())) if folder.is_dir() else "nothing"
        raise DownloadError(f"the downloaded release has no {DAILY_FILE} (found: {found or 'nothing'}); "
                            "data/ is unchanged")
    models = folder / MODELS_FILE
    return import_strikes(daily, data_dir, models if models.is_file() else None, allow_removals=allow_removals,
                          progress=progress)
