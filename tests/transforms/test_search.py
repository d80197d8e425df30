"""The search across all tables: folding, aliases, grouping, dossier links, and the Search page."""

import pandas as pd
import pytest

from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.transforms.search import TABLE_ORDER, dossier_links, fold, search, search_index


@pytest.fixture(scope="module")
def bundled():
    tables = load_data().tables
    return tables, search_index(tables)


@pytest.fixture
def fixture_tables(package_dir):
    tables = load_data(package_dir).tables
    return tables, search_index(tables)


def counts(groups):
    return {group.table: group.count for group in groups if group.count}


def ids(groups, table, column="id"):
    return set(next(group.rows[column] for group in groups if group.table == table))


@pytest.mark.parametrize(("left", "right"), [("Fath 360", "fath-360"), ("FATH360", "Fath–360"),
                                             ("Šahed", "sahed"), ("Fáteh", "FATEH"), ("  Alabuga!  ", "alabuga"),
                                             ("Straße", "STRASSE")])
def test_fold_ignores_case_accents_spaces_and_punctuation(left, right):
    assert fold(left) == fold(right)


def test_fold_keeps_letters_and_digits_apart():
    assert fold("Fath-360") != fold("Fath-110")
    assert fold("Алабуга") == "алабуга", "other scripts are kept, not dropped"


@pytest.mark.parametrize("query", ["Fateh-360", "Fath 360", "BM-120", "fateh360", "bm 120"])
def test_system_aliases_find_the_system_and_the_records_naming_it(bundled, query):
    tables, index = bundled
    groups = search(index, tables, query)
    assert ids(groups, "systems") == {"fath-360"}
    transfers = tables["transfers"]
    naming = set(transfers.loc[transfers["system_id"].astype(str) == "fath-360", "id"])
    assert len(naming) >= 2 and naming <= ids(groups, "transfers")
    sanctions = next(group.rows for group in groups if group.table == "sanctions")
    assert len(sanctions) and all("fath-360" in cited for cited in sanctions["system_ids"])


def test_one_query_finds_alabuga_in_several_tables(bundled):
    tables, index = bundled
    found = counts(search(index, tables, "Alabuga"))
    assert {"sanctions", "transfers", "official_listings", "places", "sources"} <= set(found)
    assert found["transfers"] >= 10 and found["sanctions"] >= 5
    assert counts(search(index, tables, "ALA-BUGA")) == found
    assert counts(search(index, tables, "Алабуга"))["sanctions"] >= 1, "Cyrillic aliases are searched too"


def test_groups_follow_the_reading_order_and_include_every_table(bundled):
    tables, index = bundled
    groups = search(index, tables, "Alabuga")
    assert [group.table for group in groups] == [name for name in TABLE_ORDER if name in tables]
    assert set(TABLE_ORDER) == {table.name for table in load_contract().tables}
    assert all(group.count == len(group.rows) for group in groups)


@pytest.mark.parametrize("query", ["no such thing anywhere", "x", "  ", "--"])
def test_no_match_or_too_short_gives_empty_groups(bundled, query):
    tables, index = bundled
    groups = search(index, tables, query)
    assert len(groups) == len(tables) and not counts(groups)


def test_aliases_reach_records_that_name_by_id(fixture_tables):
    tables, index = fixture_tables
    by_system_alias = search(index, tables, "td 1")
    assert ids(by_system_alias, "systems") == {"test-drone"}
    assert ids(by_system_alias, "transfers") == {"test-transfer-1"}
    assert ids(by_system_alias, "strikes") == {"uaf-0123456789ab"}
    by_place_alias = search(index, tables, "B-PORT")
    assert ids(by_place_alias, "transfers") == {"test-transfer-1"}, "destination test-port-b goes by B-port"
    assert ids(by_place_alias, "places") == {"test-port-b"}
    by_official_alias = search(index, tables, "TE LLC")
    assert ids(by_official_alias, "sanctions") == {"test-designation-1"}, "the official list's alias of the entity"
    by_entity_name = search(index, tables, "test entity llc")
    assert ids(by_entity_name, "official_listings", "list_ref") == {"OFAC-SDN:99001"}


def test_a_query_does_not_match_across_two_fields(fixture_tables):
    tables, index = fixture_tables
    # "Iran" ends the supplier field and "Russia" starts the recipient field of test-transfer-1.
    assert not counts(search(index, tables, "iranrussia"))


def test_an_empty_table_is_searched_as_empty(package_dir):
    tables = load_data(package_dir).tables
    tables["transfers"] = tables["transfers"].iloc[0:0]  # as when the table failed validation
    found = counts(search(search_index(tables), tables, "td 1"))
    assert found == {"systems": 1, "sanctions": 1, "strikes": 1}


def test_dossier_links(fixture_tables):
    tables, _ = fixture_tables
    sanctions = tables["sanctions"]
    assert list(dossier_links("sanctions", sanctions, sanctions, set())) == ["sanctions?entity=test-entity"]
    assert list(dossier_links("official_listings", tables["official_listings"], sanctions, set())) == \
        ["sanctions?entity=test-entity"]
    transfers = dossier_links("transfers", tables["transfers"], sanctions, {"test-drone"})
    assert transfers.iloc[0] == "systems?system=test-drone"
    assert pd.isna(transfers.iloc[1]), "only systems that have a dossier are linked"
    assert dossier_links("places", tables["places"], sanctions, {"test-drone"}).isna().all()
    odd = pd.DataFrame({"entity_id": ["a b&c=(d)"]})
    assert list(dossier_links("sanctions", odd, sanctions, set())) == ["sanctions?entity=a%20b%26c%3D%28d%29"]


def test_the_index_is_each_row_folded_whole(fixture_tables):
    """Folding each distinct field value once (the fast path) gives what folding every row's whole text
    gives, written out here cell by cell."""
    tables, index = fixture_tables
    for name, frame in tables.items():
        for position, (_, row) in enumerate(frame.iterrows()):
            cells = []
            for value in row:
                if isinstance(value, list):
                    cells.append("\x1f".join(map(str, value)))
                elif isinstance(value, pd.Timestamp):
                    cells.append(value.strftime("%Y-%m-%d"))
                else:
                    cells.append("" if pd.isna(value) else str(value))
            whole = fold("\x1f".join(cells))
            assert index[name].iloc[position].startswith(whole), (name, position)
