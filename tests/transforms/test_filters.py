from datetime import date

import pandas as pd
import pytest

from dashboard.data.contract import load_contract
from dashboard.data.validation import LoadedData, load_data
from dashboard.figures.style import KNOWN_ACTORS
from dashboard.transforms.filters import (Filters, actor_options, apply_filters, describe, evidence_help, evidence_options,
                                          parse_query, side_options, to_query)
from fixtures import fixture_rows, write_package

ACTORS = ["Iran", "Russia", "North Korea"]
STATUSES = ["delivered", "agreed", "confirmed"]
SUPPLIERS = ["Iran", "Russia", "North Korea", "Belarus"]
RECIPIENTS = ["Russia", "Iran", "North Korea"]
EVIDENCE = ["official", "leaked document", "media", "think tank", "dataset"]


def parse(params):
    return parse_query(params, ACTORS, STATUSES, supplier_options=SUPPLIERS, recipient_options=RECIPIENTS,
                       evidence_options=EVIDENCE)


def test_round_trip():
    filters = Filters(date(2023, 1, 1), date(2024, 6, 30), ("Iran", "Russia"), ("delivered",))
    parsed, notes = parse(to_query(filters))
    assert parsed == filters and notes == []


@pytest.mark.parametrize("filters", [
    Filters(suppliers=("Iran",), recipients=("Russia",)),
    Filters(suppliers=("Iran", "North Korea")),
    Filters(recipients=("Iran",)),
    Filters(evidence=("official",)),
    Filters(evidence=("think tank", "leaked document")),
    Filters(date(2023, 1, 1), None, ("Iran",), ("agreed",), ("Belarus",), ("Russia",), ("media", "dataset")),
])
def test_round_trip_of_direction_and_evidence(filters):
    query = to_query(filters)
    parsed, notes = parse(query)
    assert parsed == filters and notes == []
    assert parse(to_query(parsed))[0] == filters


def test_direction_and_evidence_params_are_named_as_in_the_readme():
    query = to_query(Filters(suppliers=("Iran",), recipients=("Russia",), evidence=("official", "media")))
    assert query == {"from": "Iran", "to": "Russia", "evidence": "official,media"}


def test_default_filters_write_no_params():
    assert to_query(Filters()) == {}


def test_case_and_spacing_are_forgiven():
    parsed, notes = parse({"actors": " iran , RUSSIA,iran"})
    assert parsed.actors == ("Iran", "Russia") and notes == []


@pytest.mark.parametrize(("params", "expected"), [
    ({"from": "IRAN", "to": "russia"}, Filters(suppliers=("Iran",), recipients=("Russia",))),
    ({"from": " iran ,Iran,IRAN", "to": "Russia,russia"}, Filters(suppliers=("Iran",), recipients=("Russia",))),
    ({"from": "north korea,belarus"}, Filters(suppliers=("North Korea", "Belarus"))),
    ({"evidence": "Official,MEDIA,official"}, Filters(evidence=("official", "media"))),
    ({"evidence": "think tank"}, Filters(evidence=("think tank",))),
    ({"evidence": ",,dataset,,"}, Filters(evidence=("dataset",))),
    ({"from": "", "to": " ", "evidence": ""}, Filters()),
    ({"from": ["Russia", "Iran"]}, Filters(suppliers=("Iran",))),
])
def test_direction_and_evidence_are_parsed_forgivingly(params, expected):
    parsed, notes = parse(params)
    assert parsed == expected and notes == []


@pytest.mark.parametrize(("params", "expected", "ignored"), [
    ({"from": "Mars"}, Filters(), ["'Mars'"]),
    ({"from": "Iran,Mars", "to": "Russia"}, Filters(suppliers=("Iran",), recipients=("Russia",)), ["from", "'Mars'"]),
    ({"to": "Belarus"}, Filters(), ["to", "'Belarus'"]),
    ({"evidence": "rumour,official"}, Filters(evidence=("official",)), ["evidence", "'rumour'"]),
    ({"evidence": "thinktank"}, Filters(), ["'thinktank'"]),
    ({"evidence": "<script>alert(1)</script>"}, Filters(), ["evidence"]),
    ({"from": "x" * 600}, Filters(), ["from", "too long"]),
    ({"evidence": "official," * 100}, Filters(), ["evidence", "too long"]),
])
def test_unknown_direction_and_evidence_values_are_ignored_with_a_note(params, expected, ignored):
    parsed, notes = parse(params)
    assert parsed == expected
    assert len(notes) == 1 and all(word in notes[0] for word in ignored), notes


def test_garbage_falls_back_with_notes():
    params = {"start": "yesterday", "end": "2024-02-30", "actors": "Mars,<script>", "status": "x" * 600,
              "from": "Narnia", "to": "Atlantis", "evidence": "hearsay"}
    parsed, notes = parse(params)
    assert parsed == Filters()
    assert len(notes) == 7
    assert any("Mars" in note for note in notes) and any("hearsay" in note for note in notes)


def test_reversed_dates_are_dropped():
    parsed, notes = parse({"start": "2025-01-01", "end": "2024-01-01"})
    assert parsed.start is None and parsed.end is None and notes


def test_repeated_param_uses_last_value():
    parsed, _ = parse({"actors": ["Iran", "Russia"]})
    assert parsed.actors == ("Russia",)


def test_describe():
    assert describe(Filters()) == "All records"
    text = describe(Filters(start=date(2023, 1, 1), actors=("Iran",)))
    assert "2023-01-01 to latest record" in text and "Iran" in text


@pytest.mark.parametrize(("filters", "words"), [
    (Filters(suppliers=("Iran",), recipients=("Russia",)), "Filtered: Iran → Russia"),
    (Filters(suppliers=("Iran", "North Korea"), recipients=("Russia",)), "Filtered: Iran, North Korea → Russia"),
    (Filters(suppliers=("Russia",)), "Filtered: Russia → any recipient"),
    (Filters(recipients=("Iran",)), "Filtered: any supplier → Iran"),
    (Filters(evidence=("official",)), "Filtered: sources: official"),
    (Filters(statuses=("delivered",), suppliers=("Iran",), recipients=("Russia",), evidence=("official", "media")),
     "Filtered: status: delivered; Iran → Russia; sources: official, media"),
])
def test_describe_direction_and_evidence(filters, words):
    assert describe(filters) == words


def test_evidence_options_and_help_come_from_the_contract():
    contract = load_contract()
    kinds = contract.table("sources").field_by_name["kind"].enum
    assert evidence_options(contract) == kinds
    help_text = evidence_help(contract)
    assert contract.table("strikes").title in help_text and "Places" in help_text


@pytest.fixture
def directed(tmp_path):
    """The fixture package plus a North Korea → Russia and a Belarus → Russia record (both media-sourced),
    so Iran → Russia must be told apart from the other suppliers of Russia and from Russia → Iran."""
    transfers = fixture_rows("transfers")
    transfers.append(dict(transfers[0], id="test-transfer-nk", supplier="North Korea"))
    transfers.append(dict(transfers[0], id="test-transfer-by", supplier="Belarus", source_ids="test-source-a"))
    directory = write_package(tmp_path / "data", {"transfers": transfers})
    loaded = load_data(directory)
    assert loaded.problems == []
    return loaded.tables, load_contract(directory)


def test_from_iran_to_russia_keeps_only_that_direction(directed):
    tables, contract = directed
    transfers = tables["transfers"]
    assert set(apply_filters(transfers, contract.table("transfers"), Filters(actors=("Iran", "Russia")))["id"]) == {
        "test-transfer-1", "test-transfer-2", "test-transfer-nk", "test-transfer-by"}, "actors match either side"
    filters, _ = parse({"from": "Iran", "to": "Russia"})
    result = apply_filters(transfers, contract.table("transfers"), filters)
    assert list(result["id"]) == ["test-transfer-1"]
    assert list(apply_filters(transfers, contract.table("transfers"), Filters(suppliers=("Russia",)))["id"]) == [
        "test-transfer-2"]
    to_russia = apply_filters(transfers, contract.table("transfers"), Filters(recipients=("Russia",)))
    assert set(to_russia["supplier"]) == {"Iran", "North Korea", "Belarus"}


def test_direction_leaves_tables_without_supplier_fields_alone(directed):
    tables, contract = directed
    filters = Filters(suppliers=("Iran",), recipients=("Russia",))
    for name in ("events", "sanctions", "strikes"):
        assert len(apply_filters(tables[name], contract.table(name), filters)) == len(tables[name]), name


def test_evidence_keeps_a_row_with_one_official_source_among_two(directed):
    tables, contract = directed
    sources = tables["sources"]
    official = apply_filters(tables["transfers"], contract.table("transfers"), Filters(evidence=("official",)),
                             sources=sources)
    assert list(official["id"]) == ["test-transfer-2"], "test-transfer-2 cites a media and an official source"
    media = apply_filters(tables["transfers"], contract.table("transfers"), Filters(evidence=("media",)),
                          sources=sources)
    assert len(media) == 4
    assert apply_filters(tables["transfers"], contract.table("transfers"), Filters(evidence=("think tank",)),
                         sources=sources).empty
    both = Filters(suppliers=("Russia",), evidence=("official",))
    assert list(apply_filters(tables["transfers"], contract.table("transfers"), both, sources=sources)["id"]) == [
        "test-transfer-2"]


def test_evidence_on_other_tables(directed):
    tables, contract = directed
    sources = tables["sources"]
    media = Filters(evidence=("media",))
    official = Filters(evidence=("official",))
    assert apply_filters(tables["sanctions"], contract.table("sanctions"), media, sources=sources).empty
    assert len(apply_filters(tables["sanctions"], contract.table("sanctions"), official, sources=sources)) == 1
    assert list(apply_filters(sources, contract.table("sources"), official)["id"]) == ["test-source-b"]
    systems = apply_filters(tables["systems"], contract.table("systems"), media, sources=sources)
    assert list(systems["id"]) == ["test-drone"], "a system citing no source has no evidence of any kind"
    strikes = contract.table("strikes")
    assert apply_filters(tables["strikes"], strikes, media).empty, "strikes cite a dataset and official reports"
    assert len(apply_filters(tables["strikes"], strikes, Filters(evidence=("media", "dataset")))) == 2
    assert len(apply_filters(tables["places"], contract.table("places"), media)) == len(tables["places"])


def test_direction_options_are_what_each_side_names(directed):
    tables, contract = directed
    loaded = LoadedData(tables)
    assert side_options(loaded, contract, "supplier_field") == ["Iran", "Russia", "North Korea", "Belarus"]
    assert side_options(loaded, contract, "recipient_field") == ["Iran", "Russia"]


def test_evidence_on_a_citing_table_needs_the_sources(directed):
    tables, contract = directed
    with pytest.raises(ValueError, match="sources"):
        apply_filters(tables["transfers"], contract.table("transfers"), Filters(evidence=("official",)))


def test_apply_filters_uses_declared_fields(package_dir):
    contract = load_contract(package_dir)
    tables = load_data(package_dir).tables
    transfers = tables["transfers"]
    by_date = apply_filters(transfers, contract.table("transfers"), Filters(start=date(2023, 1, 1)))
    assert list(by_date["id"]) == ["test-transfer-2"]
    by_status = apply_filters(transfers, contract.table("transfers"), Filters(statuses=("delivered",)))
    assert list(by_status["id"]) == ["test-transfer-1"]
    events = apply_filters(tables["events"], contract.table("events"), Filters(actors=("Russia",)))
    assert len(events) == 1
    assert apply_filters(tables["events"], contract.table("events"), Filters(actors=("China",))).empty
    strikes = apply_filters(tables["strikes"], contract.table("strikes"), Filters(statuses=("agreed",)))
    assert len(strikes) == 2, "strikes have no status field, so the status filter leaves them alone"


def test_apply_filters_keeps_index_and_columns(package_dir):
    contract = load_contract(package_dir)
    frame = load_data(package_dir).tables["sanctions"]
    result = apply_filters(frame, contract.table("sanctions"), Filters(end=date(2022, 1, 1)))
    assert result.empty and list(result.columns) == list(frame.columns)
    assert isinstance(result, pd.DataFrame)


def test_contract_links_citing_tables_to_the_sources_kind():
    contract = load_contract()
    transfers = contract.table("transfers")
    assert (transfers.supplier_field, transfers.recipient_field) == ("supplier", "recipient")
    assert transfers.evidence.source_field == "source_ids" and transfers.evidence.kind_field == "kind"
    assert contract.table("strikes").evidence is None and contract.table("places").evidence is None


def test_actor_options_name_every_actor_a_row_names_in_a_list_or_alone():
    loaded, package = load_data(), load_contract()
    one_by_one: set[str] = set()
    for table in package.tables:
        for name in table.actor_fields:
            for value in loaded.tables[table.name][name].dropna():
                one_by_one.update(value if isinstance(value, list) else [str(value)])
    listed = any(isinstance(value, list) for table in package.tables for name in table.actor_fields
                 for value in loaded.tables[table.name][name].dropna())
    assert listed, "the bundled data holds an actor list, so the list case is exercised"
    options = actor_options(loaded, package)
    assert len(options) == len(set(options))
    assert set(options) == (one_by_one - {"unknown"}) | set(KNOWN_ACTORS)
    assert options[:len(KNOWN_ACTORS)] == list(KNOWN_ACTORS)
