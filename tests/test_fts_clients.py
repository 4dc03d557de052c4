"""The database as other SQLite tools see it: sqlite-utils and Datasette find the full-text indexes,
and the shipped Datasette metadata names only tables and columns the build makes."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

METADATA = Path(__file__).resolve().parent.parent / "packaging" / "datasette" / "metadata.json"


@pytest.fixture()
def database(seed_db):
    """The seed database through sqlite-utils, opened read-only as Datasette's --immutable does."""
    return sqlite_utils.Database(sqlite3.connect(f"{seed_db.resolve().as_uri()}?mode=ro", uri=True))


def test_sqlite_utils_finds_the_trials_index_and_searches_the_trials_table(database):
    trials = database["trials"]
    assert trials.detect_fts() == "trials_fts"
    found = list(trials.search("melanoma", columns=["id", "title", "conditions", "summary"]))
    # A filter, not every row: the old `content='trials'` spelling made both tools fall back to all rows.
    assert 0 < len(found) < trials.count
    assert all("melanoma" in " ".join(filter(None, (row["title"], row["conditions"], row["summary"]))).casefold()
               for row in found)


def test_the_drug_level_index_is_searchable_as_it_stands(database):
    assert database["search"].detect_fts() == "search"  # it holds its own text: no content table to point at
    titles = [row["title"] for row in database["search"].search("NKTR")]
    assert "Bempegaldesleukin" in titles


def test_drugref_search_still_reads_the_renamed_index(store):
    assert {hit.target for hit in store.search("melanoma", 50).hits if hit.kind == "trial"}


def test_datasette_metadata_names_tables_columns_and_indexes_the_build_makes(database, seed_db):
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    assert metadata["license"] and metadata["source"]
    tables = metadata["databases"][seed_db.stem]["tables"]
    assert {"trials", "drugs", "sources"} <= set(tables)
    for name, table in tables.items():
        assert database[name].exists(), name
        assert table["title"] and table["description"], name
        columns = set(database[name].columns_dict) | {"rowid"}
        named = set(table.get("columns", {})) | set(table.get("sortable_columns", [])) | {table.get("fts_pk", "rowid")}
        assert named <= columns, (name, named - columns)
        if "fts_table" in table:
            assert database[name].detect_fts() == table["fts_table"], name
    assert tables["trials"]["fts_table"] == "trials_fts"
