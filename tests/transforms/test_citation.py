"""Citable rows and downloads: the sources column, APA/BibTeX strings, the zip writer and CITATION.cff."""

import io
import json
import zipfile
from datetime import date

import pandas as pd
import pytest

from dashboard.data.citation import Work, citation_text, load_work, work_from_cff
from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.export import csv_bytes, data_zip, tables_for
from dashboard.transforms.citation import (AIR_FORCE, bibtex_escape, bibtex_url, record_citation, record_name,
                                           source_citations, view_citation, with_sources, work_citation)
from fixtures import TEST_URL
from paths import ROOT

ROOT_CITATION = ROOT / "CITATION.cff"
WORK = Work(title="Test Dashboard", authors=("Test contributors",), version="9.9", licence="MIT", released=None,
            url=None, message="Also credit the fixture.")
ACCESSED = date(2026, 12, 2)


@pytest.fixture
def loaded(package_dir):
    return load_data(package_dir)


@pytest.fixture
def citations(loaded):
    return source_citations(loaded.tables["sources"])


def test_a_row_with_two_sources_shows_both(loaded, citations):
    transfers = with_sources(loaded.tables["transfers"], citations)
    row = transfers.set_index("id").loc["test-transfer-2"]
    assert row["sources"] == (f"Test Publisher (2023-01-10) {TEST_URL}-a; "
                              f"Test Ministry (2024-06-01) {TEST_URL}-b")
    assert row["source_ids"] == ["test-source-a", "test-source-b"], "the ids stay for machines"
    assert list(transfers.columns).index("sources") == list(transfers.columns).index("source_ids") - 1


def test_sources_read_joined_ids_and_keep_unknown_ids(citations):
    frame = pd.DataFrame({"id": ["x", "y"], "source_ids": ["test-source-b;not-in-sources", ""]})
    cited = with_sources(frame, citations)
    assert list(cited["sources"]) == [f"Test Ministry (2024-06-01) {TEST_URL}-b; not-in-sources", ""]


def test_strike_rows_cite_the_dataset_and_their_air_force_post(loaded):
    dataset = pd.DataFrame({"id": ["kaggle-massive-missile-attacks"], "publisher": ["Petro Ivaniuk (Kaggle)"],
                            "published": [pd.NaT], "url": ["https://www.kaggle.com/datasets/x"]})
    strikes = with_sources(loaded.tables["strikes"], source_citations(dataset))
    first = strikes.iloc[0]
    assert first["sources"].startswith("Petro Ivaniuk (Kaggle) https://www.kaggle.com/datasets/x; ")
    assert f"{AIR_FORCE} ({first['report_date']:%Y-%m-%d}) {first['source_post']}" in first["sources"]


def test_bibtex_escapes_every_special_character_once():
    assert bibtex_escape(r"R&D 50% #1 $x_y {a} ~^\ ") == (r"R\&D 50\% \#1 \$x\_y \{a\} \textasciitilde{}"
                                                          r"\textasciicircum{}\textbackslash{} ")
    assert bibtex_url("https://h/p?q=a%20b#top{x}") == r"https://h/p?q=a\%20b\#top\%7Bx\%7D"


def test_view_citation_apa_and_bibtex():
    citation = view_citation(WORK, kind="Chart", title="Drones & missiles_2024", slug="iranian-drones",
                             as_of="2026-11-25", url="https://example.org/strikes?start=2024-01-01", accessed=ACCESSED)
    assert citation.apa == ("Test contributors. (n.d.). Drones & missiles_2024 [Chart; data as of 2026-11-25]. In Test "
                            "Dashboard (Version 9.9). Retrieved December 2, 2026, from "
                            "https://example.org/strikes?start=2024-01-01")
    assert citation.bibtex.startswith("@misc{dashboard_iranian_drones_2026_11_25,\n")
    assert "  title = {{Drones \\& missiles\\_2024}},\n" in citation.bibtex
    assert "  author = {{Test contributors}},\n" in citation.bibtex
    assert "  urldate = {2026-12-02}\n}" in citation.bibtex
    assert "year" not in citation.bibtex, "no release date in CITATION.cff: no invented year"


def test_record_citation_names_table_id_and_sources():
    citation = record_citation(WORK, table_title="Arms transfers", record_id="ir-ru-1", name="Delivery of 100%",
                               sources="A (2023-01-10) https://a.example", as_of="2026-11-25",
                               url="https://example.org/data?table=transfers&q=ir-ru-1", accessed=ACCESSED)
    assert "Delivery of 100% [Arms transfers record ir-ru-1; data as of 2026-11-25]" in citation.apa
    assert citation.apa.endswith("q=ir-ru-1 Original sources: A (2023-01-10) https://a.example.")
    assert "title = {{Delivery of 100\\%}}" in citation.bibtex
    assert "Original sources: A (2023-01-10) https://a.example}" in citation.bibtex


def test_work_citation_cites_the_dashboard_itself():
    citation = work_citation(WORK, as_of="2026-11-25", url="https://example.org/data", accessed=ACCESSED)
    assert citation.apa == ("Test contributors. (n.d.). Test Dashboard (Version 9.9) [Dashboard and data set; data as "
                            "of 2026-11-25]. Retrieved December 2, 2026, from https://example.org/data")
    assert "  title = {{Test Dashboard}},\n" in citation.bibtex


def test_record_name_prefers_a_name_and_shortens_descriptions():
    assert record_name(pd.Series({"id": "s", "name": "Shahed-136", "description": "long"})) == "Shahed-136"
    named = record_name(pd.Series({"id": "t", "description": "word " * 60}))
    assert named.endswith("…") and len(named) <= 121
    assert record_name(pd.Series({"id": "only-id"})) == "only-id"


def test_citation_cff_ships_in_the_package_and_matches_the_root_file():
    assert citation_text() == ROOT_CITATION.read_text(encoding="utf-8")
    work = load_work()
    assert work.title == "Iran–Russia Arms Relationship Dashboard"
    assert work.authors == ("Iran–Russia Arms Dashboard contributors",)


def test_cff_people_are_cited_family_name_first():
    work = work_from_cff({"title": "T", "authors": [{"family-names": "Ivaniuk", "given-names": "Petro Ivan"}],
                          "date-released": "2026-01-31"})
    assert work.authors == ("Ivaniuk, P. I.",)
    assert view_citation(work, kind="Chart", title="C", slug="c", as_of="2026-02-01", url="u",
                         accessed=ACCESSED).apa.startswith("Ivaniuk, P. I. (2026). C [Chart")


def test_csv_writer_joins_list_cells():
    frame = pd.DataFrame({"id": ["a", "b"], "source_ids": [["s1", "s2"], []]})
    assert csv_bytes(frame).decode() == "id,source_ids\na,s1;s2\nb,\n"


def test_data_zip_holds_parseable_csv_its_description_and_citation(loaded, citations):
    package = load_contract()
    rows = with_sources(loaded.tables["transfers"], citations).assign(extra_count=1)
    citation = view_citation(WORK, kind="Data table", title="Transfers", slug="transfers", as_of="2026-11-25",
                             url="https://example.org/data", accessed=ACCESSED)
    blob = data_zip(rows, name="transfers_2026-11-25", title="Transfers", as_of="2026-11-25", package=package,
                    tables=tables_for(rows, package, ("transfers",)), citation=citation, message=WORK.message)
    archive = zipfile.ZipFile(io.BytesIO(blob))
    assert sorted(archive.namelist()) == ["CITATION.txt", "datapackage.json", "transfers_2026-11-25.csv"]
    csv = pd.read_csv(archive.open("transfers_2026-11-25.csv"))
    assert len(csv) == len(rows) and list(csv.columns) == list(rows.columns)
    descriptor = json.loads(archive.read("datapackage.json"))
    resource = descriptor["resources"][0]
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert list(fields) == list(csv.columns)
    assert fields["event_date"]["title"] == package.table("transfers").field_by_name["event_date"].title
    assert fields["source_ids"]["delimiter"] == ";"
    assert fields["sources"]["type"] == "string" and fields["extra_count"]["type"] == "integer"
    assert resource["path"] == "transfers_2026-11-25.csv"
    assert [entry["name"] for entry in descriptor["licenses"]] == ["CC-BY-4.0"]
    text = archive.read("CITATION.txt").decode()
    assert citation.apa in text and "Creative Commons Attribution 4.0" in text and WORK.message in text
    assert f"holds {len(rows)} rows" in text


def test_tables_for_infers_the_table_sharing_most_columns(loaded):
    package = load_contract()
    strikes = loaded.tables["strikes"][["night", "launched", "source_post", "id"]]
    assert [t.name for t in tables_for(strikes, package, None)] == ["strikes"]
    assert tables_for(pd.DataFrame({"nothing": [1]}), package, None) == ()


HOSTILE_CELLS = ['=HYPERLINK("https://example.org/x","click")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
                 "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def test_the_one_csv_writer_makes_formulas_inert_and_keeps_numbers(tmp_path):
    import csv
    import io

    from fixtures import fixture_rows, write_package

    from dashboard.data.validation import load_data
    from dashboard.export import FORMULA_STARTS, csv_bytes

    # A hostile value in every free-text field of the transfers fixture, through the real loader.
    rows = fixture_rows("transfers")
    for row, payload in zip(rows * 3, HOSTILE_CELLS):
        row["description"] = payload
        row["confidence_reason"] = payload
    transfers = load_data(write_package(tmp_path / "data", {"transfers": rows})).tables["transfers"]
    text_numbers = (["-5", "+3.25"] * len(transfers))[: len(transfers)]
    counts = ([-5, 7] * len(transfers))[: len(transfers)]
    frame = transfers.assign(text_numbers=text_numbers, count=counts)
    read = list(csv.DictReader(io.StringIO(csv_bytes(frame).decode("utf-8"))))
    assert len(read) == len(transfers)
    hostile = [row for row in read if row["description"].lstrip("'") in HOSTILE_CELLS]
    assert hostile, "the payloads reached the file"
    for cell in (value for row in read for value in row.values()):
        assert not cell.startswith(FORMULA_STARTS) or cell.lstrip("+-").replace(".", "").isdigit(), cell
    assert read[0]["description"] == "'" + transfers["description"].iloc[0]
    assert [row["text_numbers"] for row in read] == text_numbers, "numbers written as text are kept"
    assert [row["count"] for row in read] == [str(count) for count in counts]
    written_dates = {row["event_date"] for row in read} - {""}
    assert written_dates and all(day[:4].isdigit() and day[4] == "-" for day in written_dates), written_dates


def test_citation_file_is_valid_cff():
    text = (ROOT / "CITATION.cff").read_text()
    assert text.startswith("cff-version: 1.2.0")
    for key in ("title:", "message:", "authors:", "license:", "version:"):
        assert key in text
