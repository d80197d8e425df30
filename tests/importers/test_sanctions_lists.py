"""The official-list importer and the check of curated rows against it: small fixtures cut from the
real lists, the bundled data, and (when ../shared is here) the real lists."""

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.validation import load_data
from dashboard.importers.sanctions_lists import (ListError, candidates, import_lists, read_dfat, read_ofac_history,
                                                 read_uk)
from dashboard.transforms.official import disagreements, name_key, official_share
from dashboard.transforms.sanctions import first_movers
from fixtures import fixture_rows, write_package
from list_fixtures import AU_HEADER, UK_TABLES, write_dfat_workbook, write_lists, write_ofac_bundle, write_uk_tables
from paths import ROOT, SHARED_LISTS


def by_key(listings):
    return {(listing.list_ref, listing.programme): listing for listing in listings}


def test_ofac_history_dates_each_entry_and_each_programme_tag_added_later(tmp_path):
    listings = by_key(read_ofac_history(write_ofac_bundle(tmp_path)))
    qai = listings[("OFAC-SDN:16418", "NPWMD")]
    assert (qai.listed, qai.listed_after, qai.date_precision) == ("2021-08-18", "", "on or before")
    russia = listings[("OFAC-SDN:16418", "RUSSIA-EO14024")]
    assert (russia.listed, russia.listed_after, russia.date_precision) == ("2024-04-25", "2022-09-08", "between")
    assert russia.remarks.endswith("LOGISTICS."), "remarks come from the latest version"
    baharestan = listings[("OFAC-SDN:39036", "IFSR")]
    assert (baharestan.listed, baharestan.listed_after) == ("2022-09-08", "2021-08-18")
    assert baharestan.countries == ["Iran"]
    zen = listings[("OFAC-SDN:48721", "SDGT")]
    assert zen.name == "ZEN SHIPPING & PORT INDIA PRIVATE LIMITED" and zen.listed == "2024-04-25"
    assert len(listings) == 2 + 2 + 2 + 2  # QAI 4 tags, Baharestan 2, Zen 2


def test_uk_tables_give_regime_date_aliases_and_countries(tmp_path):
    tables = {name: [list(row) for row in rows] for name, rows in UK_TABLES.items()}
    tables["subject_names.csv"].append(["10131", "RUS1652", "alias", "", "Mohammad Hossein BAGHERI", "", "", "", "", "",
                                        ""])
    listings = by_key(read_uk(write_uk_tables(tmp_path, tables)))
    bagheri = listings[("UK:RUS1652", "Russia")]
    assert (bagheri.name, bagheri.listed, bagheri.countries) == ("Mohammad BAGHERI", "2022-10-20", ["IR"])
    assert bagheri.aliases == ["Mohammad Hossein BAGHERI"]
    assert listings[("UK:IRN0241", "Iran")].listed == "2024-11-18"


def test_dfat_rows_fold_aliases_and_date_by_control_date(tmp_path):
    listings = by_key(read_dfat(write_dfat_workbook(tmp_path)))
    shahed = listings[("AU-DFAT:7306", "Autonomous (Ukraine)")]
    assert shahed.aliases == ["Shahed Aviation Industries Research Centre"]
    assert (shahed.listed, shahed.date_precision) == ("2022-12-10", "control date")
    assert shahed.countries == ["Iran"]
    taliban = listings[("AU-DFAT:2", "1988 (Taliban)")]
    assert (taliban.listed, taliban.date_precision) == ("2001-01-25", "day")


@pytest.mark.parametrize(("broken", "message"), [
    ("ofac-sdn/sdn-history.bundle", "sdn-history.bundle: no such file"),
    ("uk-sanctions-list/subject_names.csv", "subject_names.csv: no such file"),
    ("dfat-consolidated/regulation8_consolidated.xlsx", "regulation8_consolidated.xlsx: no such file"),
])
def test_a_missing_list_file_is_one_line_and_writes_nothing(tmp_path, broken, message):
    lists = write_lists(tmp_path / "lists")
    (lists / broken).unlink()
    data = write_package(tmp_path / "data")
    before = sorted(p.name for p in data.rglob("*"))
    with pytest.raises(ListError, match=message) as error:
        import_lists(lists, data)
    assert "\n" not in str(error.value)
    assert sorted(p.name for p in data.rglob("*")) == before


def test_a_missing_column_is_named(tmp_path):
    write_dfat_workbook(tmp_path, [c for c in AU_HEADER if c != "Committees"], [])
    with pytest.raises(ListError, match="column\\(s\\) missing: Committees"):
        read_dfat(tmp_path / "dfat-consolidated" / "regulation8_consolidated.xlsx")


def write_cited(directory: Path, refs: list[tuple[str, str]]) -> None:
    """The fixture package's sanctions table, one row per (list_ref, programme) cited."""
    row = fixture_rows("sanctions")[0]
    rows = [dict(row, id=f"test-designation-{n}", list_ref=ref, list_programme=programme)
            for n, (ref, programme) in enumerate(refs, start=1)]
    with (directory / "sanctions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerows(rows)


def test_import_writes_every_programme_of_cited_entries_and_is_idempotent(tmp_path):
    lists = write_lists(tmp_path / "lists")
    data = write_package(tmp_path / "data")
    write_cited(data, [("OFAC-SDN:16418", "RUSSIA-EO14024"), ("UK:RUS1652", "Russia")])
    summary = import_lists(lists, data)
    written = pd.read_csv(data / "official_listings.csv", dtype=str, keep_default_na=False)
    assert sorted(zip(written["list_ref"], written["programme"])) == [
        ("OFAC-SDN:16418", "IFSR"), ("OFAC-SDN:16418", "IRAN-CON-ARMS-EO"), ("OFAC-SDN:16418", "NPWMD"),
        ("OFAC-SDN:16418", "RUSSIA-EO14024"), ("UK:RUS1652", "Russia")]
    assert summary.written == 5 and summary.missing_refs == []
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data.rglob("*.csv")}
    import_lists(lists, data)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data.rglob("*.csv")} == digests


def test_candidate_rules(tmp_path):
    lists = write_lists(tmp_path / "lists")
    listings = (read_ofac_history(lists / "ofac-sdn" / "sdn-history.bundle") + read_uk(lists / "uk-sanctions-list")
                + read_dfat(lists / "dfat-consolidated" / "regulation8_consolidated.xlsx"))
    found = {(listing.list_ref, listing.programme): rule
             for rule, listing in candidates(listings, {"OFAC-SDN:16418": ["qai-row"]})}
    # Tags added to a cited entry after its first listing are designations of their own.
    assert found[("OFAC-SDN:16418", "IRAN-CON-ARMS-EO")] == "later-programme-tag"
    assert found[("OFAC-SDN:16418", "RUSSIA-EO14024")] == "later-programme-tag"
    assert ("OFAC-SDN:16418", "NPWMD") not in found
    # Listed in the same OFAC version as a cited listing, under an Iran arms/terror programme.
    assert found[("OFAC-SDN:48721", "SDGT")] == "same-action"
    assert ("OFAC-SDN:39036", "IFSR") not in found  # its version holds no cited listing
    # Iranian targets under a Russia regime.
    assert found[("UK:RUS1652", "Russia")] == "russia-programme-iranian"
    assert found[("AU-DFAT:7303", "Autonomous (Ukraine)")] == "russia-programme-iranian"
    assert ("UK:IRN0241", "Iran") not in found and ("AU-DFAT:2", "1988 (Taliban)") not in found


def test_name_key_ignores_order_case_punctuation_and_legal_form():
    assert name_key("GHOREISHI, Seyed Hojatollah") == name_key("Seyed Hojatollah Ghoreishi")
    assert name_key("Raven International Trade Co., Limited") == name_key("RAVEN INTERNATIONAL TRADE LIMITED")
    assert name_key("Zen Shipping & Port India Private Limited") == name_key("ZEN SHIPPING AND PORT INDIA PVT LTD")
    assert name_key("Farhad Ghaedi Company") != name_key("FARHAD GHAEDI WHOLESALERS LLC")


def sanctions_frame(**changes) -> pd.DataFrame:
    row = {"id": "us-row", "entity_id": "zen", "announced": pd.Timestamp("2024-04-25"), "jurisdiction": "United States",
           "action": "designation", "target_name": "Zen Shipping", "target_aliases": ["Port India Private Limited"],
           "list_ref": "OFAC-SDN:48721", "list_programme": "SDGT",
           "official_name": "ZEN SHIPPING & PORT INDIA PRIVATE LIMITED", "official_listed": pd.Timestamp("2024-04-25"),
           "official_date_precision": "between", "official_listed_after": pd.Timestamp("2024-04-23"), "list_note": ""}
    row.update(changes)
    return pd.DataFrame([row])


LISTINGS = pd.DataFrame([{"list_ref": "OFAC-SDN:48721", "programme": "SDGT", "name": "ZEN SHIPPING & PORT INDIA PRIVATE "
                          "LIMITED", "aliases": ["Zen Shipping & Port India"], "listed": pd.Timestamp("2024-04-25"),
                          "listed_after": pd.Timestamp("2024-04-23"), "date_precision": "between"}])


@pytest.mark.parametrize(("changes", "kind"), [
    ({}, "name"),  # "Zen Shipping" is not the listed entity's name
    ({"target_name": "Zen Shipping & Port India Private Limited", "list_programme": "IFSR"}, "programme"),
    ({"target_name": "Zen Shipping & Port India Private Limited", "announced": pd.Timestamp("2024-04-01")}, "date"),
    ({"target_name": "Zen Shipping & Port India Private Limited", "official_name": "ZEN SHIPPING"}, "official name"),
    ({"target_name": "Zen Shipping & Port India Private Limited", "list_ref": ""}, "no entry"),
])
def test_each_kind_of_disagreement_is_found(changes, kind):
    found = disagreements(sanctions_frame(**changes), LISTINGS)
    assert list(found["kind"]) == [kind] and not found["explained"].any()


def test_an_agreeing_row_has_no_disagreement_and_a_note_explains_one():
    agreeing = sanctions_frame(target_name="Zen Shipping & Port India Private Limited")
    assert disagreements(agreeing, LISTINGS).empty
    explained = disagreements(sanctions_frame(list_note="The press named two firms; OFAC lists one."), LISTINGS)
    assert list(explained["explained"]) == [True]


def test_one_entry_cited_by_two_entities_is_a_split():
    two = pd.concat([sanctions_frame(target_name="Zen Shipping & Port India Private Limited"),
                     sanctions_frame(id="us-row-2", entity_id="port-india",
                                     target_name="Zen Shipping & Port India Private Limited")])
    found = disagreements(two, LISTINGS)
    assert list(found["kind"]) == ["split entity", "split entity"]


# --- the bundled data ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    loaded = load_data()
    assert loaded.problems == []
    return loaded


def test_every_covered_row_agrees_with_its_list_entry_or_says_why(bundled):
    found = disagreements(bundled.tables["sanctions"], bundled.tables["official_listings"])
    assert found[~found["explained"]].empty, found[~found["explained"]].to_string()


def test_the_known_errors_are_fixed(bundled):
    sanctions = bundled.tables["sanctions"].set_index("id")
    aio = sanctions.loc["us-20230106-aerospace-industries-organization"]
    assert aio["action"] == "other listing" and aio["official_date_precision"] == "on or before"
    assert "us-20240425-port-india-private-limited" not in sanctions.index
    zen = sanctions.loc["us-20240425-zen-shipping"]
    assert zen["official_name"] == "ZEN SHIPPING & PORT INDIA PRIVATE LIMITED"
    assert "Port India Private Limited" in zen["target_aliases"]
    assert sanctions.loc["us-20230927-farhad-ghaedi-company", "target_name"] == "Farhad Ghaedi Wholesalers LLC"


def test_coverage_targets(bundled):
    sanctions = bundled.tables["sanctions"]
    rows = sanctions[sanctions["action"].astype(str) == "designation"]
    assert len(rows) >= 250
    assert official_share(sanctions, bundled.tables["sources"]) >= 0.6
    assert set(rows["jurisdiction"].astype(str)) == {"United States", "European Union", "United Kingdom", "Canada",
                                                     "Australia", "Japan", "Switzerland", "New Zealand"}


def test_who_moved_first_counts_listings_made_before_this_table(bundled):
    movers = first_movers(bundled.tables["sanctions"]).set_index(["entity_id", "jurisdiction"])
    # The US listed QAI long before the 2022 drone rounds (already in the first saved SDN version).
    assert movers.loc[("qods-aviation-industries", "United States"), "gap_days"] == 0
    assert movers.loc[("qods-aviation-industries", "United States"), "announced"] == pd.Timestamp("2021-08-18")
    assert movers.loc[("qods-aviation-industries", "European Union"), "gap_days"] > 0


# --- the real lists ------------------------------------------------------------------------

@pytest.mark.upstream
def test_the_real_lists_reproduce_the_committed_table_byte_for_byte(tmp_path):
    if not SHARED_LISTS.exists():
        pytest.skip(f"the real sanctions lists are not here ({SHARED_LISTS}); CI has them")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    committed = {p.relative_to(data): p.read_bytes() for p in data.rglob("*.csv")}
    command = [sys.executable, "-m", "dashboard", "import-lists", str(SHARED_LISTS), "--data-dir", str(data)]
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        assert {p.relative_to(data): p.read_bytes() for p in data.rglob("*.csv")} == committed
    assert "OFAC-SDN 18,457" in result.stdout
