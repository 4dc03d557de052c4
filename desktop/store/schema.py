"""The database's tables: readable names, one row per fact, provenance columns on every fact table.

A person can open the file in `sqlite3` or Datasette and follow any row back to its passage:
`source` is the file name in `sources`, `line_start`/`line_end` the 1-based lines of its text.
"""
from __future__ import annotations

SCHEMA_VERSION = "4"

PROVENANCE = {"source": str, "section": str, "line_start": int, "line_end": int}

# table → (columns, primary key). Columns in display order; `id` integer keys keep source order.
TABLES: dict[str, tuple[dict[str, type], str]] = {
    "meta": ({"key": str, "value": str}, "key"),
    "sources": (
        {
            "id": str, "kind": str, "publisher": str, "title": str, "as_of": str, "as_of_quote": str,
            "as_of_line": int, "line_count": int, "sha256": str, "text": str,
        },
        "id",
    ),
    "drugs": (
        # code_names repeats the identifiers table ("; "-joined) so the drug list is one scan; rows are in name order.
        {"id": str, "name": str, "status": str, "status_detail": str, "code_names": str, "primary_source": str,
         "name_line": int},
        "id",
    ),
    "identifiers": ({"id": int, "drug_id": str, "kind": str, "value": str, "lookup_key": str, **PROVENANCE}, "id"),
    "properties": ({"id": int, "drug_id": str, "name": str, "value": str, **PROVENANCE}, "id"),
    "sections": ({"id": int, "drug_id": str, "kind": str, "heading": str, "body": str, **PROVENANCE}, "id"),
    "dosing": ({"id": int, "drug_id": str, "parameter": str, "specification": str, **PROVENANCE}, "id"),
    "adverse_effects": (
        {
            "id": int, "drug_id": str, "effect": str, "description": str, "seriousness": str,
            "frequency": str, "frequency_group": str, **PROVENANCE,
        },
        "id",
    ),
    "patient_advice": ({"id": int, "drug_id": str, "category": str, "label": str, "advice": str, **PROVENANCE}, "id"),
    "indications": ({"id": int, "drug_id": str, "condition": str, "detail": str, "status": str, **PROVENANCE}, "id"),
    "efficacy": ({"id": int, "drug_id": str, "label": str, "statement": str, **PROVENANCE}, "id"),
    "research_areas": ({"id": int, "drug_id": str, "statement": str, **PROVENANCE}, "id"),
    "designations": ({"id": int, "drug_id": str, "designation": str, "agency": str, "context": str, **PROVENANCE}, "id"),
    "events": ({"id": int, "drug_id": str, "date": str, "date_text": str, "kind": str, "description": str, **PROVENANCE}, "id"),
    "receptor_statements": (
        {"id": int, "drug_id": str, "action": str, "target": str, "target_kind": str, "statement": str, **PROVENANCE}, "id"),
    # The receptor's parts as the sources describe them (not about one drug, like the glossary).
    "receptor_subunits": ({"id": int, "subunit": str, "marker": str, **PROVENANCE}, "id"),
    "receptor_complexes": ({"id": int, "name": str, "subunits": str, "cells": str, **PROVENANCE}, "id"),
    "approvals": ({"id": int, "drug_id": str, "agency": str, "finding": str, "finding_text": str, **PROVENANCE}, "id"),
    "not_stated": ({"id": int, "drug_id": str, "topic": str, "source_text": str, **PROVENANCE}, "id"),
    "disclaimers": ({"id": int, "drug_id": str, "text": str, **PROVENANCE}, "id"),
    "trials": (
        {
            "id": int, "trial_id": str, "drug_id": str, "title": str, "programme": str,
            "phase": str, "phase_text": str, "phase_rank": float,
            "status": str, "status_text": str, "recruitment_status": str,
            "enrollment": int, "posted": str, "posted_text": str,
            "conditions": str, "interventions": str, "endpoints": str,
            "countries": str, "countries_more": int, "sponsor": str, "summary": str, "citations": str,
            **PROVENANCE,
        },
        "id",
    ),
    # Every further passage that speaks of a trial (prose, ongoing-studies list) besides its primary one.
    "trial_passages": ({"id": int, "trial": int, **PROVENANCE}, "id"),
    "glossary": ({"id": int, "term": str, "abbreviation": str, "definition": str, **PROVENANCE}, "id"),
    "source_references": ({"id": int, "number": int, "url": str, **PROVENANCE}, "id"),
    # Exact and prefix look-up of names, codes and IDs by their case/space/dash-free key.
    "lookup": ({"id": int, "key": str, "kind": str, "drug_id": str, "target": int, "label": str}, "id"),
    "vocabulary": ({"word": str, "documents": int}, "word"),
}

# Tables of facts about one drug: each has a drug_id and its own (drug_id, id) index.
DRUG_FACT_TABLES = (
    "identifiers", "properties", "sections", "dosing", "adverse_effects", "patient_advice", "indications",
    "efficacy", "research_areas", "designations", "events", "receptor_statements", "approvals", "not_stated", "disclaimers", "trials",
)
FOREIGN_KEYS = {table: [("drug_id", "drugs", "id"), ("source", "sources", "id")] for table in DRUG_FACT_TABLES}
FOREIGN_KEYS["trial_passages"] = [("trial", "trials", "id"), ("source", "sources", "id")]
for table in ("glossary", "receptor_subunits", "receptor_complexes"):
    FOREIGN_KEYS[table] = [("source", "sources", "id")]
FOREIGN_KEYS["source_references"] = [("source", "sources", "id")]

INDEXES = [
    # A drug's record reads every fact table by drug in source order: an index range each, not a scan of
    # every drug's facts (and the trials grid's drug filter in id order, the approvals matrix by block).
    *((table, ["drug_id", "id"]) for table in DRUG_FACT_TABLES),
    ("lookup", ["key"]),
    ("approvals", ["agency", "id"]),
    ("trial_passages", ["trial"]),
    # One per sortable grid column, (value, id): a page in any order is an index range.
    ("trials", ["trial_id", "id"]),
    ("trials", ["phase_rank", "id"]),
    ("trials", ["phase", "id"]),
    ("trials", ["status", "id"]),
    ("trials", ["posted", "id"]),
    ("trials", ["enrollment", "id"]),
    ("trials", ["conditions", "id"]),
    ("trials", ["countries", "id"]),
    ("trials", ["source", "id"]),
]
# Indexes on expressions, which sqlite-utils' create_index does not take.
EXPRESSION_INDEXES = [
    "CREATE INDEX idx_trials_title_or_programme ON trials (coalesce(title, programme), id)",
]

TRIAL_TEXT_COLUMNS = ("trial_id", "title", "programme", "conditions", "interventions", "endpoints", "countries", "summary")

# Full-text indexes. `search` covers drugs, sections and the glossary; `trials_search` the trials,
# so the grid's text filter and global search use one index each. unicode61 folds case and accents.
FTS_TABLES = {
    "search": "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, drug_id UNINDEXED, target UNINDEXED, "
    "title, body, tokenize='unicode61 remove_diacritics 2', prefix='3 4 5')",
    "trials_search": "CREATE VIRTUAL TABLE trials_search USING fts5("
    + ", ".join(TRIAL_TEXT_COLUMNS)
    + ", content='trials', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4 5')",
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
