import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from paths import SHARED_UPSTREAM
from dashboard.data.validation import load_data
from dashboard.importers.strikes import (UpstreamError, import_strikes, night_of, reporter_of, shot_down_details,
                                         slugify, source_url, window_ends_before_start, _parse_timestamp)
from fixtures import write_package

HEADER = ["time_start", "time_end", "model", "launch_place", "target", "target_main", "launched", "destroyed",
          "not_reach_goal", "still_attacking", "border_crossing", "source"]
ROWS = [
    ["2024-07-08 18:00", "2024-07-09 08:00", "Shahed-136/131", "Kursk oblast and Chauda, Crimea", "Ukraine", "", "100.0",
     "80.0", "15.0", "2.0", "{}", "kpszsu/posts/aaa"],
    ["2024-07-08 18:00", "2024-07-09 08:00", "X-101/X-555 and Kalibr", "Saratov oblast and Black Sea", "Kyiv oblast", "",
     "20.0", "18.0", "", "", "{}", "kpszsu/posts/aaa"],
    ["2024-07-08 18:00", "2024-07-09 08:00", "Iskander-M/KN-23", "Kursk oblast", "Kharkiv oblast", "", "4.0", "0.0", "",
     "", "{}", "kpszsu/posts/aaa"],
    ["2024-07-09", "2024-07-09", "Shahed-136/131", "", "south", "", "12.0", "12.0", "", "", "{}", "PvKPivden/posts/bbb"],
    ["2024-07-09", "2024-07-09", "Shahed-136/131", "", "south", "", "5.0", "5.0", "", "", "{}", "PvKPivden/posts/bbb"],
    ["2024-07-10 3:30", "2024-07-10 06:00 ", "Молнія", "", "Zaporizhzhia oblast", "", "3.0", "3.0", "", "", "{}",
     "PvKPivden/posts/ccc"],
    ["2024-07-11", "2024-07-11 14:00", "Mohajer-6", "Crimea", "Odesa oblast", "", "1.0", "1.0", "", "", "{}",
     "https://t.me/kpszsu/123"],
]
MODELS = [
    ["model", "category", "national_origin", "type", "name", "name_NATO", "manufacturer"],
    ["Shahed-136/131", "UAV", "iran", "loitering munition", "", "", "Shahed Aviation Industries"],
    ["X-101/X-555", "cruise missile", "russia", "air-launched", "Kh-101/Kh-555", "Kent-C", ""],
    ["Kalibr", "cruise missile", "russia", "", "Kalibr", "SS-N-27 Sizzler", ""],
    ["Iskander-M/KN-23", "ballistic missile", "russia/north korea", "", "", "", ""],
    ["Молнія", "UAV", "russia", "", "", "", "Kronstadt Group"],
    ["Mohajer-6", "UAV", "iran", "multirole ISTAR", "", "", "Qods Aviation Industry Company"],
]


def write_upstream(path: Path, rows=ROWS, header=HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def upstream(tmp_path):
    models = tmp_path / "missiles_and_uavs.csv"
    with models.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(MODELS)
    return write_upstream(tmp_path / "missile_attacks_daily.csv"), models


@pytest.fixture
def empty_strikes_dir(tmp_path):
    directory = write_package(tmp_path / "data", {"strikes": []})
    return directory


def read_strikes(directory: Path) -> pd.DataFrame:
    return pd.read_csv(directory / "strikes.csv", dtype=str, keep_default_na=False)


def digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.csv"))}


def test_every_upstream_row_becomes_one_valid_row(upstream, empty_strikes_dir):
    daily, models = upstream
    summary = import_strikes(daily, empty_strikes_dir, models)
    strikes = read_strikes(empty_strikes_dir)
    assert len(strikes) == len(ROWS) == len(summary.added)
    assert strikes["launched"].astype(int).sum() == 145
    assert load_data(empty_strikes_dir).problems == []
    combined = strikes[strikes["model_reported"] == "X-101/X-555 and Kalibr"].iloc[0]
    assert combined["system_ids"] == "x-101-x-555;kalibr" and combined["launched"] == "20"
    mixed = strikes[strikes["model_reported"] == "Iskander-M/KN-23"].iloc[0]
    assert (mixed["design_country"], mixed["design_countries"], mixed["system_ids"]) == (
        "unknown", "Russia;North Korea", "iskander-m;kn-23")
    shahed = strikes[strikes["model_reported"] == "Shahed-136/131"].iloc[0]
    assert shahed["system_ids"] == "shahed-136;shahed-131" and shahed["design_country"] == "Iran"
    assert shahed["launch_areas"] == "Kursk oblast;Chauda, Crimea"
    assert shahed["launch_place_ids"] == "kursk-oblast;chauda-crimea"
    assert shahed["lost_ew"] == "15" and shahed["still_airborne"] == "2"


def test_repeated_keys_are_kept_as_distinct_rows(upstream, empty_strikes_dir):
    import_strikes(upstream[0], empty_strikes_dir, upstream[1])
    strikes = read_strikes(empty_strikes_dir)
    repeats = strikes[strikes["source_post"].str.endswith("/bbb")]
    assert len(repeats) == 2 and repeats["id"].is_unique
    assert sorted(repeats["launched"]) == ["12", "5"]


def test_counting_rule_prefers_national_reports(upstream, empty_strikes_dir):
    import_strikes(upstream[0], empty_strikes_dir, upstream[1])
    counted = read_strikes(empty_strikes_dir).query("in_totals == 'true'")
    # night 2024-07-08 has national rows: the regional rows of that night are left out of totals
    assert set(counted[counted["night"] == "2024-07-08"]["reporter"]) == {"national"}
    # night 2024-07-09 has only a regional report: it counts
    assert list(counted[counted["night"] == "2024-07-09"]["reporter"]) == ["regional"]


def test_reimport_changes_nothing(upstream, empty_strikes_dir):
    import_strikes(upstream[0], empty_strikes_dir, upstream[1])
    before = digest(empty_strikes_dir)
    summary = import_strikes(upstream[0], empty_strikes_dir, upstream[1])
    assert digest(empty_strikes_dir) == before
    assert (summary.added, summary.changed, summary.gone, summary.unchanged) == ([], [], [], len(ROWS))


def test_newer_release_reports_additions_changes_and_keeps_removed_rows(upstream, empty_strikes_dir, tmp_path):
    import_strikes(upstream[0], empty_strikes_dir, upstream[1])
    newer_rows = [list(row) for row in ROWS[1:]]  # first row gone upstream
    newer_rows[0][6] = "21.0"  # a corrected count
    newer_rows.append(["2024-07-12 18:00", "2024-07-13 08:00", "Shahed-136/131", "Kursk oblast", "Ukraine", "", "50.0",
                       "45.0", "3.0", "0.0", "{}", "kpszsu/posts/ddd"])
    newer = write_upstream(tmp_path / "newer.csv", newer_rows)
    summary = import_strikes(newer, empty_strikes_dir, upstream[1])
    assert len(summary.added) == 1 and len(summary.gone) == 1
    assert [changes for _, changes in summary.changed] == [{"launched": ("20", "21")}]
    strikes = read_strikes(empty_strikes_dir)
    assert len(strikes) == len(ROWS) + 1, "nothing is lost"
    gone = strikes[strikes["id"] == summary.gone[0]].iloc[0]
    assert gone["upstream_status"] == "removed" and gone["in_totals"] == "false"
    assert load_data(empty_strikes_dir).problems == []

    summary = import_strikes(newer, empty_strikes_dir, upstream[1], allow_removals=True)
    assert summary.removed == [gone["id"]]
    assert len(read_strikes(empty_strikes_dir)) == len(ROWS)


def test_older_release_without_optional_columns_imports(empty_strikes_dir, tmp_path):
    keep = ["time_start", "time_end", "model", "launched", "destroyed", "source"]
    rows = [[row[HEADER.index(name)] for name in keep] for row in ROWS]
    older = write_upstream(tmp_path / "older.csv", rows, keep)
    summary = import_strikes(older, empty_strikes_dir)
    strikes = read_strikes(empty_strikes_dir)
    assert len(strikes) == len(ROWS) == len(summary.added)
    assert set(strikes["lost_ew"]) == {""} and set(strikes["launch_areas"]) == {""}
    assert load_data(empty_strikes_dir).problems == []


def test_missing_required_column_is_named(empty_strikes_dir, tmp_path):
    header = [name for name in HEADER if name != "destroyed"]
    rows = [[value for name, value in zip(HEADER, row) if name != "destroyed"] for row in ROWS]
    broken = write_upstream(tmp_path / "broken.csv", rows, header)
    with pytest.raises(UpstreamError, match="required column\\(s\\) missing: destroyed"):
        import_strikes(broken, empty_strikes_dir)


def test_bad_values_fail_with_line_and_column_and_leave_data_unchanged(upstream, empty_strikes_dir, tmp_path):
    before = digest(empty_strikes_dir)
    rows = [list(row) for row in ROWS]
    rows[2][6] = "4.5"
    rows[4][0] = "yesterday"
    broken = write_upstream(tmp_path / "broken.csv", rows)
    with pytest.raises(UpstreamError) as error:
        import_strikes(broken, empty_strikes_dir, upstream[1])
    assert "broken.csv:4: launched: not a whole, non-negative count ('4.5')" in str(error.value)
    assert "broken.csv:6: time_start: not a date or date-time ('yesterday')" in str(error.value)
    assert digest(empty_strikes_dir) == before


def test_cli_reports_a_summary_and_user_errors_without_traceback(upstream, empty_strikes_dir, tmp_path):
    command = [sys.executable, "-m", "dashboard", "import-strikes", str(upstream[0]), "--models", str(upstream[1]),
               "--data-dir", str(empty_strikes_dir)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"added: {len(ROWS)}" in result.stdout
    missing = subprocess.run(command[:4] + [str(tmp_path / "nope.csv"), "--data-dir", str(empty_strikes_dir)],
                             capture_output=True, text=True)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr and "no such file" in missing.stderr


@pytest.mark.parametrize(("start", "end", "night"), [
    # A timed start decides: from noon on D to before noon on D+1 is the night of D.
    ("2024-07-08 18:00", "2024-07-09 08:00", "2024-07-08"),
    ("2024-07-09 12:00", "2024-07-09 14:00", "2024-07-09"),
    ("2024-07-09 11:59", "2024-07-09 14:00", "2024-07-08"),
    ("2024-07-09 03:30", "2024-07-09 06:00", "2024-07-08"),
    # Windows ending after noon stay with the evening they began (the 5–6 Feb 2026 and 10–11 Jul 2025 cases).
    ("2026-02-05 18:00", "2026-02-06 12:30", "2026-02-05"),
    ("2025-07-10 22:30", "2025-07-11 13:00", "2025-07-10"),
    # A bare-date start falls back on the end, kept within the two nights that day touches.
    ("2024-07-09", "2024-07-09", "2024-07-08"),
    ("2024-07-09", "2024-07-10", "2024-07-09"),
    ("2024-07-09", "2024-07-10 08:00", "2024-07-09"),
    ("2024-07-09", "2024-07-09 14:00", "2024-07-09"),
    ("2024-07-09", "2024-07-10 13:00", "2024-07-09"),
    ("2024-07-09", "2024-07-12 08:00", "2024-07-09"),
    # A bare end means some time that day: not before a start earlier that day.
    ("2023-03-30 21:10", "2023-03-30", "2023-03-30"),
    # An end before the start: the end decides.
    ("2023-03-30 21:10", "2023-03-30 01:30", "2023-03-29"),
    ("2023-09-18", "2023-09-17 08:00", "2023-09-16"),
])
def test_night_of_attack(start, end, night):
    assert night_of(_parse_timestamp(start), _parse_timestamp(end)).isoformat() == night


@pytest.mark.parametrize(("start", "end", "inverted"), [
    ("2023-03-30 21:10", "2023-03-30", False),
    ("2023-03-30", "2023-03-30", False),
    ("2023-03-30 21:10", "2023-03-30 01:30", True),
    ("2023-09-18", "2023-09-17 08:00", True),
    ("2023-09-18 00:00", "2023-09-17", False),
])
def test_window_order_reads_a_bare_end_as_that_whole_day(start, end, inverted):
    assert window_ends_before_start(_parse_timestamp(start), _parse_timestamp(end)) is inverted


def test_timestamp_quirks():
    assert _parse_timestamp("2023-05-16 3:30")[0] == "2023-05-16T03:30"
    assert _parse_timestamp("2025-03-06 21:00 ")[0] == "2025-03-06T21:00"
    assert _parse_timestamp("2024-05-16 ")[0] == "2024-05-16"
    assert _parse_timestamp("2024-02-30") is None
    assert _parse_timestamp("16/05/2024") is None


def test_sources_and_reporters():
    assert source_url("kpszsu/posts/x") == "https://www.facebook.com/kpszsu/posts/x"
    assert source_url("GeneralStaff.ua/posts/x") == "https://www.facebook.com/GeneralStaff.ua/posts/x"
    assert source_url("watch/?v=1") == "https://www.facebook.com/watch/?v=1"
    assert source_url("kharkivoda.gov.ua/news/1") == "https://kharkivoda.gov.ua/news/1"
    assert source_url("https://t.me/kpszsu/1") == "https://t.me/kpszsu/1"
    assert reporter_of("https://t.me/kpszsu/1") == "national"
    assert reporter_of("PvkZahid/posts/x") == "regional"
    assert reporter_of("GeneralStaff.ua/posts/x") == "other"
    assert slugify("Молнія") == "molniia" and slugify("Chauda, Crimea") == "chauda-crimea"


@pytest.mark.upstream
def test_real_release_matches_an_independent_sum(tmp_path):
    daily = SHARED_UPSTREAM / "missile_attacks_daily.csv"
    if not daily.exists():
        pytest.skip(f"the real upstream release is not here ({SHARED_UPSTREAM}); CI has it")
    directory = write_package(tmp_path / "data", {"strikes": []})
    import_strikes(daily, directory, SHARED_UPSTREAM / "missiles_and_uavs.csv")
    assert load_data(directory).problems == []

    upstream = pd.read_csv(daily)
    strikes = pd.read_csv(directory / "strikes.csv")
    assert len(strikes) == len(upstream)
    in_range = upstream["time_start"].str.strip().str[:10].between("2022-09-01", "2026-02-28")
    mine_in_range = strikes["window_start"].str[:10].between("2022-09-01", "2026-02-28")
    pairs = {"launched": "launched", "destroyed": "shot_down", "not_reach_goal": "lost_ew"}
    for upstream_column, column in pairs.items():
        assert upstream.loc[in_range, upstream_column].sum() == strikes.loc[mine_in_range, column].sum(), column
        shahed_upstream = upstream.loc[in_range & upstream["model"].str.contains("Shahed"), upstream_column].sum()
        shahed_mine = strikes.loc[mine_in_range & strikes["system_ids"].str.contains("shahed-136"), column].sum()
        assert shahed_upstream == shahed_mine, column


def test_a_window_ending_before_it_starts_is_kept_counted_and_flagged(upstream, empty_strikes_dir, tmp_path):
    rows = [list(row) for row in ROWS]
    rows[0][1] = "2024-07-08 07:00"  # ends eleven hours before it starts: an upstream typo
    flagged = write_upstream(tmp_path / "flagged.csv", rows)
    summary = import_strikes(flagged, empty_strikes_dir, upstream[1])
    assert [(line, note) for line, note, *_ in summary.quality] == [(2, "end-before-start")]
    strikes = read_strikes(empty_strikes_dir)
    row = strikes[strikes["window_end"] == "2024-07-08T07:00"].iloc[0]
    assert (row["quality"], row["in_totals"], row["night"]) == ("end-before-start", "true", "2024-07-07")
    assert set(strikes.loc[strikes["window_end"] != "2024-07-08T07:00", "quality"]) == {""}
    assert load_data(empty_strikes_dir).problems == []


def test_a_staging_problem_names_the_upstream_file_and_its_line(upstream, empty_strikes_dir, tmp_path):
    before = digest(empty_strikes_dir)
    rows = [list(row) for row in ROWS]
    rows[3][7] = "99.0"  # more shot down than launched (12)
    broken = write_upstream(tmp_path / "broken.csv", rows)
    with pytest.raises(UpstreamError) as error:
        import_strikes(broken, empty_strikes_dir, upstream[1])
    assert "broken.csv:5: shot_down: shot_down must not exceed launched" in str(error.value)
    assert "strikes.csv:" not in str(error.value)
    assert digest(empty_strikes_dir) == before


def test_a_revised_row_is_changed_not_removed_and_added(upstream, empty_strikes_dir, tmp_path):
    import_strikes(upstream[0], empty_strikes_dir, upstream[1])
    first_id = read_strikes(empty_strikes_dir).query("model_reported == 'Shahed-136/131' and reporter == 'national'")["id"]
    rows = [list(row) for row in ROWS]
    rows[0][1] = "2024-07-09 09:30"  # the same post, model and start, with a corrected end
    rows[0][7] = "81.0"
    revised = write_upstream(tmp_path / "revised.csv", rows)
    summary = import_strikes(revised, empty_strikes_dir, upstream[1])
    assert (summary.added, summary.gone) == ([], [])
    assert summary.changed == [(first_id.iloc[0], {"window_end": ("2024-07-09T08:00", "2024-07-09T09:30"),
                                                   "shot_down": ("80", "81")})]
    strikes = read_strikes(empty_strikes_dir)
    assert len(strikes) == len(ROWS) and set(strikes["upstream_status"]) == {"current"}
    before = digest(empty_strikes_dir)
    again = import_strikes(revised, empty_strikes_dir, upstream[1])
    assert digest(empty_strikes_dir) == before and again.changed == [] and again.unchanged == len(ROWS)


@pytest.mark.parametrize(("raw", "kept"), [
    ("", ""),
    ("{}", ""),
    ("{'south': 49, 'east': NaN, 'north': NaN}", "south: 49"),
    ("{'south': 49.0, 'east': 87, 'north': NaN}", "south: 49; east: 87"),
    ("{'Odesa oblast and Kherson oblast ': 6}", "Odesa oblast and Kherson oblast: 6"),
    ("south 49", None),
    ("{'south': many}", None),
])
def test_shot_down_details(raw, kept):
    assert shot_down_details(raw) == kept


def test_an_unreadable_breakdown_is_named_by_line(upstream, empty_strikes_dir, tmp_path):
    header = HEADER + ["destroyed_details"]
    rows = [list(row) + [""] for row in ROWS]
    rows[1][-1] = "south 49"
    broken = write_upstream(tmp_path / "broken.csv", rows, header)
    with pytest.raises(UpstreamError, match=r"broken.csv:3: destroyed_details"):
        import_strikes(broken, empty_strikes_dir, upstream[1])


RELEASES = (SHARED_UPSTREAM / "releases" / "missile_attacks_daily_2023-11-26.csv",
            SHARED_UPSTREAM / "missile_attacks_daily.csv",
            SHARED_UPSTREAM / "releases" / "missile_attacks_daily_2026-05-17.csv")


@pytest.mark.upstream
def test_every_real_release_imports_in_turn_into_one_data_dir(tmp_path):
    missing = [str(path) for path in RELEASES if not path.exists()]
    if missing:
        pytest.skip(f"the real upstream releases are not here ({', '.join(missing)}); CI has them")
    directory = write_package(tmp_path / "data", {"strikes": []})
    models = SHARED_UPSTREAM / "missiles_and_uavs.csv"
    oldest = import_strikes(RELEASES[0], directory, models)
    assert len(oldest.added) == 545
    assert [note for _, note, *_ in oldest.quality] == ["end-before-start"] * 4
    import_strikes(RELEASES[1], directory, models)
    newest = import_strikes(RELEASES[2], directory, models)
    assert load_data(directory).problems == []
    assert newest.gone == [] and len(newest.added) == 233
    # The newest release revises 7 rows' per-command breakdown; each is a change, none is gone.
    assert len(newest.changed) == 7
    assert all(set(changes) == {"shot_down_details"} for _, changes in newest.changed)

    upstream = pd.read_csv(RELEASES[2])
    strikes = pd.read_csv(directory / "strikes.csv")
    current = strikes[strikes["upstream_status"] == "current"]
    assert len(current) == len(upstream)
    for upstream_column, column in {"launched": "launched", "destroyed": "shot_down",
                                    "not_reach_goal": "lost_ew"}.items():
        assert current[column].sum() == upstream[upstream_column].sum(), column

    before = digest(directory)
    again = import_strikes(RELEASES[2], directory, models)
    assert digest(directory) == before
    assert (again.added, again.changed, again.gone) == ([], [], [])
