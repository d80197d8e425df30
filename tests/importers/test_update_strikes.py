"""`update-strikes`: the download half with an injected downloader, the import half on real releases."""

import shutil
import subprocess
import sys

import pytest

from paths import SHARED_UPSTREAM
from dashboard.data.validation import load_data
from dashboard.importers.kaggle import DAILY_FILE, KAGGLE_DATASET, MODELS_FILE, DownloadError, update_strikes
from fixtures import write_package
from test_import_strikes import MODELS, ROWS, digest, read_strikes, write_upstream


def release_folder(tmp_path):
    folder = tmp_path / "release"
    folder.mkdir()
    write_upstream(folder / DAILY_FILE)
    write_upstream(folder / MODELS_FILE, MODELS[1:], MODELS[0])
    return folder


def test_a_download_is_imported(tmp_path):
    directory = write_package(tmp_path / "data", {"strikes": []})
    asked = []

    def download(handle):
        asked.append(handle)
        return release_folder(tmp_path)

    summary = update_strikes(directory, download, progress=None)
    assert asked == [KAGGLE_DATASET]
    assert len(summary.added) == len(ROWS) == len(read_strikes(directory))
    assert load_data(directory).problems == []


@pytest.mark.parametrize("failure", [ConnectionError("Max retries exceeded with url: /api/v1/datasets\nmore"),
                                     PermissionError("401 Unauthorized"), OSError("No space left on device")])
def test_a_failed_download_is_one_line_and_changes_nothing(tmp_path, failure):
    directory = write_package(tmp_path / "data")
    before = digest(directory)

    def download(handle):
        raise failure

    with pytest.raises(DownloadError) as error:
        update_strikes(directory, download, progress=None)
    message = str(error.value)
    assert "\n" not in message and KAGGLE_DATASET in message and type(failure).__name__ in message
    assert "data/ is unchanged" in message
    assert digest(directory) == before


def test_a_release_without_the_daily_file_is_refused(tmp_path):
    directory = write_package(tmp_path / "data")
    before = digest(directory)
    folder = tmp_path / "odd-release"
    folder.mkdir()
    (folder / "README.md").write_text("renamed files")
    with pytest.raises(DownloadError, match=f"no {DAILY_FILE} \\(found: README.md\\)"):
        update_strikes(directory, lambda handle: folder, progress=None)
    assert digest(directory) == before


def test_the_command_says_in_one_line_when_it_cannot_download(tmp_path):
    """Here there is no network (and usually no kagglehub): either way, one line and nothing written."""
    directory = write_package(tmp_path / "data")
    before = digest(directory)
    result = subprocess.run([sys.executable, "-m", "dashboard", "update-strikes", "--data-dir", str(directory)],
                            capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "KAGGLEHUB_CACHE": str(tmp_path / "cache"),
                                 "HOME": str(tmp_path)})
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    assert digest(directory) == before


@pytest.mark.upstream
def test_the_newest_real_release_imports_through_the_update_path(tmp_path):
    newest = SHARED_UPSTREAM / "releases" / "missile_attacks_daily_2026-05-17.csv"
    if not newest.exists():
        pytest.skip(f"the real upstream releases are not here ({newest}); CI has them")
    folder = tmp_path / "kaggle-cache"
    folder.mkdir()
    shutil.copy(newest, folder / DAILY_FILE)
    shutil.copy(SHARED_UPSTREAM / MODELS_FILE, folder / MODELS_FILE)
    directory = write_package(tmp_path / "data", {"strikes": []})
    summary = update_strikes(directory, lambda handle: folder, progress=None)
    assert summary.upstream_rows == 3701 and summary.gone == []
    assert load_data(directory).problems == []
