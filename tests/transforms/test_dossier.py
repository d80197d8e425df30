"""The dossier relation rule: which records belong to an entity (not every record of its weapon family)."""

import pandas as pd
import pytest

from dashboard.data.validation import load_data
from dashboard.transforms.dossier import (AT_SITE, LISTED, MADE, NAMED, entities_citing, entity_dossier, entity_names,
                                          related_transfers, words)


def listing(entity, name, jurisdiction="United States", announced="2024-02-23", aliases=(), systems=(),
            transfers=(), place=None, list_ref=None):
    return {"id": f"{jurisdiction[:2]}-{entity}-{announced}", "entity_id": entity, "announced": pd.Timestamp(announced),
            "jurisdiction": jurisdiction, "target_name": name, "target_aliases": list(aliases), "official_name": None,
            "list_ref": list_ref, "system_ids": list(systems), "transfer_ids": list(transfers), "place_id": place,
            "source_ids": ["s-listing"]}


def transfer(transfer_id, system, supplier="Iran", origin=None, destination=None, description="", date="2023-01-01"):
    return {"id": transfer_id, "supplier": supplier, "system_id": system, "origin_place_id": origin,
            "destination_place_id": destination, "description": description, "event_date": pd.Timestamp(date),
            "source_ids": [f"s-{transfer_id}"]}


@pytest.fixture
def small():
    sanctions = pd.DataFrame([
        listing("plant", "Plant Works", aliases=["PW Zone"], systems=["drone"], place="plant-site",
                transfers=["cited"], list_ref="REF:1"),
        listing("plant", "Plant Works", jurisdiction="Japan", announced="2024-06-21", systems=["drone"]),
        listing("maker", "Drone Design Bureau", aliases=["DAMA"], systems=["drone"]),
    ])
    transfers = pd.DataFrame([
        transfer("at-site", "drone", destination="plant-site"),
        transfer("from-site", "kit", origin="plant-site"),
        transfer("names-alias", "kit", description="Kits were sent to the pw-zone, officials said."),
        transfer("names-official", "kit", description="The PLANT WORKS JSC plant expanded."),
        transfer("cited", "other"),
        transfer("same-system-elsewhere", "drone", supplier="Belarus", description="Launches from Belarus."),
        transfer("same-system-iran", "drone", description="Iran delivered drones."),
        transfer("damaged", "drone", supplier="Belarus", description="A damaged drone was found."),
    ])
    systems = pd.DataFrame({"id": ["drone", "kit", "other"], "maker": ["Drone Design Bureau", None, "Plant"]})
    listings = pd.DataFrame({"list_ref": ["REF:1"], "name": ["PLANT WORKS JSC"], "aliases": [["Plant Works"]]})
    return sanctions, transfers, systems, listings


def related(small, entity):
    sanctions, transfers, systems, listings = small
    rows = sanctions[sanctions["entity_id"] == entity]
    found = related_transfers(rows, transfers, systems, entity_names(rows, listings))
    return dict(zip(found["id"], found["related_by"]))


def test_an_entity_gets_records_cited_at_its_sites_or_naming_it_not_its_systems_whole_family(small):
    assert related(small, "plant") == {"cited": LISTED, "at-site": AT_SITE, "from-site": AT_SITE,
                                       "names-alias": NAMED, "names-official": NAMED}


def test_the_maker_of_a_system_gets_that_systems_records(small):
    found = related(small, "maker")
    assert set(found) == {"at-site", "same-system-elsewhere", "same-system-iran", "damaged"}
    assert set(found.values()) == {MADE}


def test_names_match_whole_words_only(small):
    sanctions, transfers, systems, listings = small
    rows = sanctions[sanctions["entity_id"] == "maker"]
    found = related_transfers(rows, transfers, systems.assign(maker=None), entity_names(rows, listings))
    assert found.empty, "'DAMA' does not name the entity in 'damaged'"
    assert words("Fath-360, the  FATH 360!") == " fath 360 the fath 360 "


def test_names_come_from_listings_and_official_entries_once_each(small):
    sanctions, _, _, listings = small
    assert entity_names(sanctions[sanctions["entity_id"] == "plant"], listings) == ["Plant Works", "PW Zone",
                                                                                     "PLANT WORKS JSC"]


def test_dossier_collects_sources_of_listings_and_related_records(small):
    sanctions, transfers, systems, listings = small
    sources = pd.DataFrame({"id": ["s-listing", "s-at-site", "s-same-system-iran", "s-unused"]})
    dossier = entity_dossier(sanctions, "plant", transfers, systems, listings, sources)
    assert len(dossier["listings"]) == 2 and dossier["sites"] == ["plant-site"] and dossier["systems"] == ["drone"]
    assert list(dossier["sources"]["id"]) == ["s-listing", "s-at-site"]


def test_alabuga_dossier_on_the_bundled_data():
    tables = load_data().tables
    dossier = entity_dossier(tables["sanctions"], "alabuga-sez", tables["transfers"], tables["systems"],
                             tables["official_listings"], tables["sources"])
    transfers = dossier["transfers"]
    shahed = tables["transfers"][tables["transfers"]["system_id"].astype(str) == "shahed-136"]
    assert dossier["systems"] == ["shahed-136"] and dossier["sites"] == ["alabuga-sez"]
    assert "Belarus" in set(shahed["supplier"].astype(str)), "the bundled data has a Belarus Shahed record"
    assert "Belarus" not in set(transfers["supplier"].astype(str))
    assert len(transfers) >= 10
    assert not set(shahed["id"]) <= set(transfers["id"]), "not every Shahed-136 record"
    at_site = (transfers["origin_place_id"].astype(str) == "alabuga-sez") | \
        (transfers["destination_place_id"].astype(str) == "alabuga-sez")
    assert (at_site | transfers["description"].str.contains("Alabuga|Yelabuga", case=False)).all()


def test_entities_citing_a_system():
    sanctions = pd.DataFrame([
        listing("plant", "Plant Works", systems=["drone"], announced="2024-02-23"),
        listing("plant", "Plant Works", jurisdiction="Japan", systems=["drone"], announced="2023-01-01"),
        listing("shipper", "Ship Co", systems=["other"]),
    ])
    table = entities_citing(sanctions, "drone")
    assert list(table["entity_id"]) == ["plant"]
    assert table.loc[0, "jurisdictions"] == "Japan, United States"
    assert table.loc[0, "first_announced"] == pd.Timestamp("2023-01-01")
    assert entities_citing(sanctions, "nothing").empty
