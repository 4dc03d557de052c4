"""Build the bundled database from the sources: deterministic, atomic (temp file, then rename), streaming.

Same sources in, byte-identical file out: rows are written in source order, nothing time-dependent
is stored, and the file is vacuumed. A failed build leaves the previous file untouched. Documents
are read one at a time and rows go out in batches, so a catalogue of half a million trials builds
in bounded memory through exactly the code that builds the three seed documents.
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections import defaultdict
from dataclasses import fields
from pathlib import Path
from typing import Iterable

import sqlite_utils

from ..files import replacing
from ..ingest import SourceInfo, load_corpus, merge_trials
from ..ingest.clean import lookup_key, phase_rank, slug
from ..ingest.records import Extraction, Provenance, Trial
from .errors import BuildError
from .schema import (
    EXPRESSION_INDEXES, FOREIGN_KEYS, FTS_TABLES, INDEXES, KEYED_TABLES, SCHEMA_VERSION, TABLES, TRIAL_TEXT_COLUMNS,
)
from .search import LONGEST_WORD, MAX_EDITS, deletion_variants

# Facts copied table-for-table from the extractions: table → (Extraction attribute, record fields).
_FACT_TABLES = {
    "identifiers": ("identifiers", ("kind", "value")),
    "properties": ("properties", ("name", "value")),
    "sections": ("sections", ("kind", "heading", "body")),
    "dosing": ("dosing", ("parameter", "specification")),
    "adverse_effects": ("adverse_effects", ("effect", "description", "seriousness", "frequency", "frequency_group")),
    "patient_advice": ("advice", ("category", "label", "advice")),
    "indications": ("indications", ("condition", "detail", "status")),
    "efficacy": ("efficacy", ("label", "statement")),
    "research_areas": ("research_areas", ("statement",)),
    "designations": ("designations", ("designation", "agency", "context")),
    "events": ("events", ("date", "date_text", "kind", "description")),
    "receptor_statements": ("receptor_statements", ("action", "target", "target_kind", "statement")),
    "approvals": ("approvals", ("agency", "finding", "finding_text")),
    "not_stated": ("not_stated", ("topic", "source_text")),
    "disclaimers": ("disclaimers", ("text",)),
}
BATCH = 10_000
# Trial fields stored as they are; lists and provenance are turned into columns separately.
_TRIAL_FIELDS = tuple(f.name for f in fields(Trial) if f.name not in ("prov", "mentions", "trial_id"))


def build_database(sources_dir: Path, output: Path) -> Path:
    """Parse the sources and write the database to `output` atomically. Raises SourceError, BuildError."""
    corpus = load_corpus(sources_dir)
    return write_database(zip(corpus.sources, corpus.extractions), output)


def write_database(documents: Iterable[tuple[SourceInfo, Extraction]], output: Path) -> Path:
    """Write (source, extraction) pairs, in order, to `output` atomically. A drug's documents must be adjacent."""
    output = output.resolve()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the folder {output.parent}: {error.strerror}") from None
    try:
        with replacing(output) as temp:
            _write(documents, temp)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise BuildError(f"cannot write the database {output}: {reason}") from None
    return output


def _write(documents: Iterable[tuple[SourceInfo, Extraction]], path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("PRAGMA synchronous=OFF")  # a temp file: it is fsynced once, before the rename
        db = sqlite_utils.Database(connection)
        for table, (columns, pk) in TABLES.items():
            db[table].create(columns, pk=pk, foreign_keys=FOREIGN_KEYS.get(table, []))
        _RowWriter(db).write(documents)
        for table, columns in INDEXES:  # after the rows: one sort per index instead of a b-tree per insert
            db[table].create_index(columns)
        for statement in EXPRESSION_INDEXES:
            connection.execute(statement)
        _index_text(connection)
        connection.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()


def _prov(prov: Provenance) -> dict:
    return {"source": prov.source, "section": prov.section, "line_start": prov.line_start, "line_end": prov.line_end}


class _RowWriter:
    """Turns documents into table rows, numbering them as they come and inserting them in batches."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._pending: dict[str, list[dict]] = defaultdict(list)
        self._count: dict[str, int] = defaultdict(int)
        self._drug: dict | None = None
        self._drug_trials: list[Trial] = []
        self._drug_keys: set[tuple[str, str]] = set()
        self._drugs: list[dict] = []
        self._finished: set[str] = set()

    def _add(self, table: str, row: dict) -> int:
        self._count[table] += 1
        if TABLES[table][0].get("id") is int:  # integer ids are numbered here, in document order
            row = {"id": self._count[table], **row}
        self._pending[table].append(row)
        if len(self._pending[table]) >= BATCH:
            self._flush(table)
        return self._count[table]

    def _flush(self, table: str) -> None:
        """Insert a batch with one prepared statement (sqlite-utils made the tables; rows need no conversion)."""
        rows = self._pending[table]
        if rows:
            columns = list(TABLES[table][0])
            statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            self._db.conn.executemany(statement, [tuple(row.get(c) for c in columns) for row in rows])
            self._pending[table] = []

    def write(self, documents: Iterable[tuple[SourceInfo, Extraction]]) -> None:
        digest = hashlib.sha256()
        latest: str | None = None
        for info, extraction in documents:
            digest.update(info.sha256.encode())
            if info.as_of and (latest is None or info.as_of > latest):
                latest = info.as_of
            self._add("sources", {
                "id": info.file, "kind": info.kind, "publisher": info.publisher, "title": info.title,
                "as_of": info.as_of, "as_of_quote": info.as_of_quote, "as_of_line": info.as_of_line,
                "line_count": info.line_count, "sha256": info.sha256, "text": info.text,
            })
            self._extraction(extraction)
        self._finish_drug()
        for drug in sorted(self._drugs, key=lambda d: d["name"].casefold()):
            self._add("drugs", drug)
        for key, value in (("schema_version", SCHEMA_VERSION), ("sources_sha256", digest.hexdigest()),
                           ("latest_source_as_of", latest)):
            self._add("meta", {"key": key, "value": value})
        for table in TABLES:
            self._flush(table)

    def _extraction(self, extraction: Extraction) -> None:
        drug_id = slug(extraction.drug_name)
        if self._drug is None or self._drug["id"] != drug_id:
            self._finish_drug()
            if drug_id in self._finished:
                raise BuildError(f"the documents about {extraction.drug_name} are not adjacent")
            self._drug = {
                "id": drug_id, "name": extraction.drug_name, "status": None, "status_detail": None,
                "code_names": None, "primary_source": extraction.source, "name_line": extraction.drug_name_prov.line_start,
            }
            self._drug_keys = set()
        _drug_status(self._drug, extraction)
        for table, (attribute, names) in _FACT_TABLES.items():
            for record in getattr(extraction, attribute):
                row = {"drug_id": drug_id, **{name: getattr(record, name) for name in names}, **_prov(record.prov)}
                if table == "identifiers":
                    key = (record.kind, lookup_key(record.value))
                    if key in self._drug_keys:
                        continue  # the same code name said twice in one source: keep its first passage
                    self._drug_keys.add(key)
                    row["lookup_key"] = key[1]
                    if record.kind == "code_name":
                        self._drug["code_names"] = "; ".join(filter(None, [self._drug["code_names"], record.value]))
                    self._lookup(key[1], record.kind, drug_id, None, record.value)
                self._add(table, row)
        for entry in extraction.glossary:
            self._add("glossary", {"term": entry.term, "abbreviation": entry.abbreviation,
                                   "definition": entry.definition, **_prov(entry.prov)})
        for subunit in extraction.receptor_subunits:
            self._add("receptor_subunits", {"subunit": subunit.subunit, "marker": subunit.marker, **_prov(subunit.prov)})
        for form in extraction.receptor_complexes:
            self._add("receptor_complexes", {"name": form.name, "subunits": form.subunits, "cells": form.cells,
                                             **_prov(form.prov)})
        for ref in extraction.references:
            self._add("source_references", {"number": ref.number, "url": ref.url, **_prov(ref.prov)})
        self._drug_trials.extend(extraction.trials)

    def _finish_drug(self) -> None:
        """Write the drug's merged trials and its name look-up once all its documents are read."""
        drug = self._drug
        if drug is None:
            return
        if not any(kind == "generic_name" for kind, _ in self._drug_keys):
            self._lookup(lookup_key(drug["name"]), "generic_name", drug["id"], None, drug["name"])
        for trial in merge_trials(self._drug_trials):
            values = {name: getattr(trial, name) for name in _TRIAL_FIELDS}
            values["countries"] = ", ".join(trial.countries) or None
            values["countries_more"] = trial.countries_more or None
            values["citations"] = ",".join(map(str, trial.citations)) or None
            key = self._add("trials", {"trial_id": trial.trial_id, "drug_id": drug["id"], **values,
                                       "phase_rank": phase_rank(trial.phase), **_prov(trial.prov)})
            for mention in trial.mentions:
                self._add("trial_passages", {"trial": key, **_prov(mention)})
            if trial.trial_id:
                self._lookup(lookup_key(trial.trial_id), "trial", drug["id"], key, trial.trial_id)
            if trial.programme:
                self._lookup(lookup_key(trial.programme), "programme", drug["id"], key, trial.programme)
        self._drugs.append(drug)
        self._finished.add(drug["id"])
        self._drug, self._drug_trials = None, []

    def _lookup(self, key: str, kind: str, drug_id: str, target: int | None, label: str) -> None:
        self._add("lookup", {"key": key, "kind": kind, "drug_id": drug_id, "target": target, "label": label})


def _drug_status(drug: dict, extraction: Extraction) -> None:
    """The status badge: what the source says the drug is, and a terminated programme if it says so."""
    status = next((p.value for p in extraction.properties if p.name == "development_status"), None)
    if status and not drug["status"]:
        drug["status"] = status
    ended = next((e for e in extraction.events if e.kind == "termination"), None)
    if ended and not drug["status_detail"]:
        drug["status_detail"] = f"Development terminated ({ended.date_text})"


def _index_text(connection: sqlite3.Connection) -> None:
    for statement in (*FTS_TABLES.values(), *KEYED_TABLES.values()):
        connection.execute(statement)
    # A drug is found by its name, every identifier as written and as a look-up key, and what it is.
    connection.execute(
        "INSERT INTO search (kind, drug_id, target, title, body) "
        "SELECT 'drug', d.id, NULL, d.name, "
        "coalesce((SELECT group_concat(i.value || ' ' || i.lookup_key, ' ') FROM identifiers i WHERE i.drug_id = d.id), '')"
        " || ' ' || coalesce((SELECT group_concat(p.value, ' ') FROM properties p WHERE p.drug_id = d.id "
        "AND p.name IN ('drug_class', 'drug_type', 'route')), '') "
        "FROM drugs d ORDER BY d.rowid"
    )
    connection.execute(
        "INSERT INTO search (kind, drug_id, target, title, body) "
        "SELECT 'section', s.drug_id, s.id, d.name || ' — ' || s.heading, s.body "
        "FROM sections s JOIN drugs d ON d.id = s.drug_id ORDER BY s.id"
    )
    connection.execute(
        "INSERT INTO search (kind, drug_id, target, title, body) "
        "SELECT 'glossary', NULL, g.id, g.term || coalesce(' (' || g.abbreviation || ')', ''), g.definition "
        "FROM glossary g ORDER BY g.id"
    )
    columns = ", ".join(TRIAL_TEXT_COLUMNS)
    connection.execute(f"INSERT INTO trials_search (rowid, {columns}) SELECT id, {columns} FROM trials ORDER BY id")
    _index_vocabulary(connection)


def _index_vocabulary(connection: sqlite3.Connection) -> None:
    """Words the indexes hold, and their deletion variants, for "did you mean" suggestions.

    Only words: tokens with digits (trial IDs, codes) are looked up exactly, never corrected.
    """
    connection.execute("CREATE VIRTUAL TABLE temp.search_words USING fts5vocab(main, search, 'row')")
    connection.execute("CREATE VIRTUAL TABLE temp.trial_words USING fts5vocab(main, trials_search, 'row')")
    connection.execute(
        "INSERT INTO vocabulary (word, documents) "
        "SELECT term, sum(doc) FROM (SELECT term, doc FROM temp.search_words UNION ALL SELECT term, doc FROM temp.trial_words) "
        "WHERE length(term) >= 4 AND term NOT GLOB '*[0-9]*' GROUP BY term ORDER BY term"
    )
    connection.execute("DROP TABLE temp.search_words")
    connection.execute("DROP TABLE temp.trial_words")
    words = connection.execute("SELECT word FROM vocabulary WHERE length(word) <= ? ORDER BY word", (LONGEST_WORD,))
    connection.executemany(  # streamed: one word's variants at a time
        "INSERT INTO vocabulary_deletes (variant, word) VALUES (?, ?)",
        ((variant, word) for (word,) in words for variant in deletion_variants(word, MAX_EDITS)),
    )
