"""The bundled transfers meet the curation rules (../shared/CURATION.md)."""

from dashboard.data.validation import load_data


def test_bundled_transfers_meet_the_curation_rules():
    loaded = load_data()
    transfers, sources = loaded.tables["transfers"], loaded.tables["sources"].set_index("id")
    assert len(transfers) >= 120
    for ids in transfers["source_ids"]:
        assert ids, "every record cites a source"
        for source_id in ids:
            assert str(sources.loc[source_id, "url"]).startswith(("http://", "https://"))
            assert str(sources.loc[source_id, "publisher"]).strip()
