"""The database's tables: readable names, one row per fact, provenance columns on every fact table.

A person can open the file in `sqlite3` or Datasette and follow any row back to its passage:
`source` is the file name in `sources`, `line_start`/`line_end` the 1-based lines of its text.

The fact tables and the trials table are derived from the records that `ingest.records` declares:
one column per field, lists stored one item per line.
"""
from __future__ import annotations

from dataclasses import fields

from ..ingest.records import FACT_TYPES, TrialFacts
from .trial_columns import COLUMNS

# A list given as one JSON parameter, for `x IN EACH`: any number of values, one statement.
EACH = "(SELECT value FROM json_each(?))"

SCHEMA_VERSION = "9"

PROVENANCE = {"source": str, "section": str, "line_start": int, "line_end": int}
# A field's annotation → its column type. Lists are text, one item per line (see `encode`).
_COLUMN_TYPES = {"str": str, "int": int, "float": float, "list[str]": str, "list[int]": str}


def record_columns(record: type) -> dict[str, type]:
    """A record's stored fields in declaration order, provenance left out (it is four columns of its own)."""
    return {f.name: _COLUMN_TYPES[f.type.replace(" | None", "")] for f in fields(record) if f.name != "prov"}


def list_fields(record: type) -> dict[str, type]:
    """A record's list fields and the type of their items."""
    return {f.name: int if f.type == "list[int]" else str for f in fields(record) if f.type.startswith("list[")}


# Columns the build computes beside a record's own fields.
DERIVED_COLUMNS = {"identifiers": {"lookup_key": str}}

FACT_COLUMNS: dict[str, dict[str, type]] = {
    fact.table: record_columns(fact.record) for fact in FACT_TYPES
}
TRIAL_COLUMNS = record_columns(TrialFacts)

# table → (columns, primary key). `id` integer keys keep source order.
TABLES: dict[str, tuple[dict[str, type], str]] = {
    "meta": ({"key": str, "value": str}, "key"),
    "sources": (
        {
            # shape: the reader that read it, so a catalogue can read it again from `text` (desktop.catalogue);
            # position: its place in the catalogue's order (bundled manifest, then the user's, by when added).
            # drug_id: the drug it was read as being about, whose rows it shares with that drug's other documents;
            # drug_key: the look-up key of the name the document itself gives it (desktop.catalogue matches by it).
            "id": str, "shape": str, "position": int, "drug_id": str, "drug_key": str, "kind": str, "publisher": str, "title": str, "as_of": str, "as_of_quote": str,
            "as_of_line": int, "line_count": int, "sha256": str, "text": str, "report": str,
        },
        "id",
    ),
    "drugs": (
        # code_names repeats the identifiers table ("; "-joined) so the drug list is one scan; rows are in name order.
        {"id": str, "name": str, "status": str, "status_detail": str, "code_names": str, "primary_source": str,
         "name_line": int},
        "id",
    ),
    **{
        fact.table: ({"id": int, **({"drug_id": str} if fact.per_drug else {}), **FACT_COLUMNS[fact.table],
                      **DERIVED_COLUMNS.get(fact.table, {}), **PROVENANCE}, "id")
        for fact in FACT_TYPES
    },
    "trials": ({"id": int, "trial_id": str, "drug_id": str, **TRIAL_COLUMNS, "phase_rank": float, **PROVENANCE}, "id"),
    # Every further passage that speaks of a trial (prose, ongoing-studies list) besides its primary one,
    # and every value one of them states: a second status is kept beside the first, never instead of it.
    "trial_passages": ({"id": int, "trial": int, **PROVENANCE}, "id"),
    "trial_values": ({"id": int, "trial": int, "field": str, "value": str, "text": str, **PROVENANCE}, "id"),
    # A trial without a registry ID that may be one the sources list with an ID: said, never merged.
    "trial_links": ({"id": int, "trial": int, "same_as": int, "reason": str}, "id"),
    # Exact and prefix look-up of names, codes and IDs by their case/space/dash-free key.
    "lookup": ({"id": int, "key": str, "kind": str, "drug_id": str, "target": int, "label": str}, "id"),
    "vocabulary": ({"word": str, "documents": int}, "word"),
}

# Tables of facts about one drug: each has a drug_id and its own (drug_id, id) index.
DRUG_FACT_TABLES = (*(fact.table for fact in FACT_TYPES if fact.per_drug), "trials")
FOREIGN_KEYS = {table: [("drug_id", "drugs", "id"), ("source", "sources", "id")] for table in DRUG_FACT_TABLES}
for _fact in FACT_TYPES:
    if not _fact.per_drug:
        FOREIGN_KEYS[_fact.table] = [("source", "sources", "id")]
FOREIGN_KEYS["trial_passages"] = [("trial", "trials", "id"), ("source", "sources", "id")]
FOREIGN_KEYS["trial_values"] = [("trial", "trials", "id"), ("source", "sources", "id")]
FOREIGN_KEYS["trial_links"] = [("trial", "trials", "id"), ("same_as", "trials", "id")]

INDEXES = [
    # A drug's record reads every fact table by drug in source order: an index range each, not a scan of
    # every drug's facts (and the trials grid's drug filter in id order, the approvals matrix by block).
    *((table, ["drug_id", "id"]) for table in DRUG_FACT_TABLES),
    ("lookup", ["key"]),
    ("sources", ["drug_id"]),  # a drug's documents, which the catalogue reads again to re-write the drug
    ("sources", ["drug_key"]),
    ("approvals", ["agency", "id"]),
    ("trial_passages", ["trial"]),
    ("trial_values", ["trial"]),
    ("trial_values", ["field", "value"]),
    ("trial_links", ["trial"]),
    ("trials", ["phase", "id"]),  # the phase filter (the Phase column sorts by phase_rank)
]
# One per grid column, on its sort expression and id (trial_columns.COLUMNS): a page in any order is an
# index range. sqlite-utils' create_index takes column names; an expression has its own statement.
INDEXES += [index for index in (("trials", [column.sort, "id"]) for column in COLUMNS if column.sort.isidentifier())
            if index not in INDEXES]  # the drug column's (drug_id, id) is a fact table's index already
EXPRESSION_INDEXES = [
    f"CREATE INDEX idx_trials_{column.key} ON trials ({column.sort}, id)"
    for column in COLUMNS if not column.sort.isidentifier()
]

TRIAL_TEXT_COLUMNS = ("trial_id", "other_ids", "title", "programme", "conditions", "interventions", "endpoints", "countries",
                      "sponsor", "summary")

# Full-text indexes. `search` covers drugs, sections and the glossary; `trials_fts` the trials,
# so the grid's text filter and global search use one index each. unicode61 folds case and accents.
# `search` holds its own text (assembled from three tables), so Datasette and sqlite-utils search it as
# it stands. The trials index reads its text from `trials`: it is named and declared as sqlite-utils'
# enable_fts declares one (`<table>_fts`, content="<table>" in double quotes), the only spelling that
# Datasette's and sqlite-utils' detect_fts recognise, so `trials?_search=` filters there too.
TRIALS_FTS = "trials_fts"
FTS_TABLES = {
    "search": "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, drug_id UNINDEXED, target UNINDEXED, "
    "title, body, tokenize='unicode61 remove_diacritics 2', prefix='3 4 5')",
    TRIALS_FTS: f"CREATE VIRTUAL TABLE {TRIALS_FTS} USING fts5("
    + ", ".join(TRIAL_TEXT_COLUMNS)
    + ', content="trials", content_rowid="id", tokenize=\'unicode61 remove_diacritics 2\', prefix=\'3 4 5\')',
}

# Tables sqlite-utils cannot declare, created by their own statement.
KEYED_TABLES = {
    # "Did you mean": each vocabulary word under each of its deletion variants, the word with up to two
    # letters taken out (SymSpell's idea). A misspelling shares a variant with every word within two
    # edits of it, so one look-up of its own variants finds them all, however large the vocabulary.
    # WITHOUT ROWID: the key is the whole row, stored once.
    "vocabulary_deletes": "CREATE TABLE vocabulary_deletes (variant TEXT NOT NULL, word TEXT NOT NULL, "
    "PRIMARY KEY (variant, word)) WITHOUT ROWID",
}


def schema_digest() -> str:
    """What a database built by this code declares, in short: a catalogue built with other tables, indexes or
    full-text tables is built again from its documents (desktop.catalogue), so a new grid column's index, say,
    reaches catalogues made before it without anyone changing SCHEMA_VERSION, which stays what a database must
    have for this code to read it at all."""
    import hashlib  # OpenSSL's: the build and the catalogue's checks need it, the window's start does not

    declared = (TABLES, FOREIGN_KEYS, INDEXES, EXPRESSION_INDEXES, FTS_TABLES, KEYED_TABLES)
    return hashlib.sha256(repr(declared).encode()).hexdigest()[:16]


def encode(value: object) -> object:
    """A field's value as stored: a list one item per line (NULL when empty, as an unstated field is). A
    newline sorts before every other character, so lists sort as lists do ("Italy" before "Italy, Spain"),
    and no item read from a source holds one."""
    if isinstance(value, list):
        return "\n".join(map(str, value)) if value else None
    return value


def decode_list(text: str | None, item: type = str) -> list:
    if not text:
        return []
    return [int(part) for part in text.split("\n")] if item is int else text.split("\n")
