"""Build the bundled database from the sources: deterministic, atomic (temp file, then rename), streaming.

Same sources in, byte-identical file out: rows are written in source order, nothing time-dependent
is stored, and the file is vacuumed. A failed build leaves the previous file untouched. Documents
are read one at a time and rows go out in batches, so a catalogue of half a million trials builds
in bounded memory through exactly the code that builds the three seed documents.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Iterable

import sqlite_utils

from ..files import replacing
from ..ingest import Corpus, SourceInfo, group_by_drug, load_corpus, merge_trials
from ..ingest.merge import possible_duplicates
from ..ingest.clean import lookup_key, phase_rank, slug
from ..ingest.records import FACT_TYPES, Provenance
from ..ingest.extraction import Extraction, ReadReport, Trial
from .errors import BuildError
from .schema import (
    EACH, EXPRESSION_INDEXES, FACT_COLUMNS, FOREIGN_KEYS, FTS_TABLES, INDEXES, KEYED_TABLES, SCHEMA_VERSION,
    TABLES, TRIALS_FTS, TRIAL_COLUMNS, TRIAL_TEXT_COLUMNS, encode, schema_digest,
)
from .search import LONGEST_WORD, MAX_EDITS, deletion_variants
from .registry_links import RegistryStudies, keys_of
from ..ingest.registry import SHAPE as REGISTRY_SHAPE

BATCH = 10_000
# A drug's documents: (source, extraction) pairs the corpus recognised as being about one drug.
DrugDocuments = list[tuple[SourceInfo, Extraction]]


def build_database(sources_dir: Path, output: Path) -> Path:
    """Parse the sources and write the database to `output` atomically. Raises SourceError, BuildError."""
    return write_corpus(load_corpus(sources_dir), output)


def write_corpus(corpus: Corpus, output: Path, meta: dict[str, str] | None = None) -> Path:
    """Write a corpus, each drug's documents together, whatever the manifest's order; registry records are
    attached to the drugs their interventions name (store.registry_links)."""
    documents = list(zip(corpus.sources, corpus.extractions))
    prose = [pair for pair in documents if pair[0].shape != REGISTRY_SHAPE]
    registry = RegistryStudies([pair for pair in documents if pair[0].shape == REGISTRY_SHAPE])
    groups = group_by_drug([e for _, e in prose])
    return write_database(([prose[i] for i in group] for group in groups), output, meta, registry)


def write_database(drugs: Iterable[DrugDocuments], output: Path, meta: dict[str, str] | None = None,
                   registry: RegistryStudies | None = None) -> Path:
    """Write each drug's documents, in order, to `output` atomically; `meta` adds rows to the meta table."""
    output = output.resolve()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the folder {output.parent}: {error.strerror}") from None
    try:
        with replacing(output) as temp:
            _write(drugs, temp, meta or {}, registry or RegistryStudies([]))
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise BuildError(f"cannot write the database {output}: {reason}") from None
    return output


def _write(drugs: Iterable[DrugDocuments], path: Path, meta: dict[str, str], registry: RegistryStudies) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("PRAGMA synchronous=OFF")  # a temp file: it is fsynced once, before the rename
        db = sqlite_utils.Database(connection)
        for table, (columns, pk) in TABLES.items():
            db[table].create(columns, pk=pk, foreign_keys=FOREIGN_KEYS.get(table, []))
        writer = RowWriter(connection, registry=registry)
        for documents in drugs:
            writer.write_drug(documents)
        writer.write_drug_list(sorted(writer.drugs, key=drug_order))
        writer.write_registry(registry.documents)
        write_meta(connection, meta)
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


def report_json(report: ReadReport) -> str | None:
    data = {name: [list(entry) for entry in entries] for name, entries in vars(report).items() if entries}
    return json.dumps(data, ensure_ascii=False, sort_keys=True) if data else None


def drug_order(drug: dict) -> str:
    """The drugs table's row order, which the drug list reads as it is: by name."""
    return drug["name"].casefold()


def write_meta(connection: sqlite3.Connection, extra: dict[str, str] | None = None) -> None:
    """The meta rows, derived from the sources table as it stands, so that a full build and a catalogue
    updated in place (desktop.catalogue) say the same of the same documents: the digest of every source's
    sha256 in catalogue order, and the latest as-of date."""
    digest = hashlib.sha256()
    for (sha,) in connection.execute("SELECT sha256 FROM sources ORDER BY position"):
        digest.update(sha.encode())
    latest = connection.execute("SELECT max(as_of) FROM sources").fetchone()[0]
    rows = {"schema_version": SCHEMA_VERSION, "schema_digest": schema_digest(), "sources_sha256": digest.hexdigest(), "latest_source_as_of": latest,
            **(extra or {})}
    connection.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", sorted(rows.items()))


class RowWriter:
    """Turns documents into table rows, numbering them as they come and inserting them in batches.

    The one code path for rows: the full build starts every table's ids at 1; the catalogue
    (desktop.catalogue.update) re-writes some drugs into an existing database, its ids starting above
    the ones there (`first_ids`: table → the largest id already used) and its drug ids clear of the
    drugs it keeps (`taken_ids`). A source without a position (a synthetic one) is numbered as it comes."""

    def __init__(self, connection: sqlite3.Connection, first_ids: dict[str, int] | None = None,
                 taken_ids: Iterable[str] = (), registry: RegistryStudies | None = None) -> None:
        self._connection = connection
        self._pending: dict[str, list[dict]] = defaultdict(list)
        self._count: dict[str, int] = defaultdict(int, first_ids or {})
        self.drugs: list[dict] = []
        self._seen_ids: set[str] = set(taken_ids)
        self._position = 0
        self._registry = registry or RegistryStudies([])

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
            self._connection.executemany(statement, [tuple(row.get(c) for c in columns) for row in rows])
            self._pending[table] = []

    def write_drug_list(self, drugs: list[dict]) -> None:
        for drug in drugs:
            self._add("drugs", drug)

    def flush(self) -> None:
        for table in TABLES:
            self._flush(table)

    def write_drug(self, documents: DrugDocuments) -> dict:
        """One drug: its documents' rows, then its merged trials and its name look-up."""
        first = documents[0][1]
        drug_id = slug(first.drug_name)
        if drug_id in self._seen_ids:
            raise BuildError(f"two drugs are named {first.drug_name!r} but share no identifier; "
                             "give one of them its identifiers, or list them as one drug")
        self._seen_ids.add(drug_id)
        drug = {"id": drug_id, "name": first.drug_name, "status": None, "status_detail": None, "code_names": None,
                "primary_source": first.source, "name_line": first.drug_name_prov.line_start}
        seen_keys: set[tuple[str, str]] = set()
        # Each document's trials and the registry studies naming the drug, in catalogue order: the first
        # mention of a trial stays its primary one, in a full build and an incremental one alike.
        mentioned = [(info.position or 0, extraction.trials) for info, extraction in documents]
        mentioned += self._registry.linked(keys_of([e for _, e in documents]))
        statuses: list[tuple[str | None, str | None]] = []
        for info, extraction in documents:
            self._add("sources", self._source_row(info, extraction, drug_id, lookup_key(extraction.drug_name)))
            statuses.append((_document_status(extraction), info.as_of))
            self._facts(drug, extraction, seen_keys)
        drug["status"] = _status_line(statuses)
        drug["status_detail"] = _termination([e for _, e in documents])
        if not any(kind == "generic_name" for kind, _ in seen_keys):
            self._lookup(lookup_key(drug["name"]), "generic_name", drug_id, None, drug["name"])
        trials = [trial for _, listed in sorted(mentioned, key=lambda pair: pair[0]) for trial in listed]
        self._trials(drug_id, merge_trials(trials), set().union(*(e.names() for _, e in documents)))
        self.drugs.append(drug)
        return drug

    def write_registry(self, documents: DrugDocuments) -> None:
        """Registry documents' rows (they are about no one drug: drug_id NULL), then the studies of every
        registry document that name no drug the database has, as trials of no drug."""
        for info, extraction in documents:
            self._add("sources", self._source_row(info, extraction, None, None))
        self.flush()  # the drugs' look-up rows, which say which studies are linked
        self._trials(None, merge_trials(self._registry.unlinked(self._connection)), set())
        self.flush()

    def _source_row(self, info: SourceInfo, extraction: Extraction, drug_id: str | None, drug_key: str | None) -> dict:
        position = info.position if info.position is not None else self._position
        self._position = max(self._position, position) + 1
        return {
            "id": info.file, "shape": info.shape, "position": position, "drug_id": drug_id,
            "drug_key": drug_key, "kind": info.kind, "publisher": info.publisher, "title": info.title,
            "as_of": info.as_of, "as_of_quote": info.as_of_quote, "as_of_line": info.as_of_line,
            "line_count": info.line_count, "sha256": info.sha256, "text": info.text,
            "report": report_json(extraction.report),
        }

    def _facts(self, drug: dict, extraction: Extraction, seen_keys: set[tuple[str, str]]) -> None:
        for fact in FACT_TYPES:
            columns = FACT_COLUMNS[fact.table]
            for record in getattr(extraction, fact.name):
                row = {name: encode(getattr(record, name)) for name in columns}
                if fact.per_drug:
                    row["drug_id"] = drug["id"]
                row.update(_prov(record.prov))
                if fact.table == "identifiers":
                    key = (record.kind, lookup_key(record.value))
                    if key in seen_keys:
                        continue  # the same code name said twice: keep its first passage
                    seen_keys.add(key)
                    row["lookup_key"] = key[1]
                    if record.kind == "code_name":
                        drug["code_names"] = "; ".join(filter(None, [drug["code_names"], record.value]))
                    self._lookup(key[1], record.kind, drug["id"], None, record.value)
                self._add(fact.table, row)

    def _trials(self, drug_id: str | None, trials: list[Trial], drug_names: set[str]) -> None:
        keys = []
        for trial in trials:
            values = {name: encode(getattr(trial, name)) for name in TRIAL_COLUMNS}
            key = self._add("trials", {"trial_id": trial.trial_id, "drug_id": drug_id, **values,
                                       "phase_rank": phase_rank(trial.phase), **_prov(trial.prov)})
            for mention in trial.mentions:
                self._add("trial_passages", {"trial": key, **_prov(mention)})
            for value in trial.values:
                self._add("trial_values", {"trial": key, "field": value.field, "value": value.value,
                                           "text": value.text, **_prov(value.prov)})
            for number in (trial.trial_id, *trial.other_ids):
                if number:
                    self._lookup(lookup_key(number), "trial", drug_id, key, number)
            if trial.programme:
                self._lookup(lookup_key(trial.programme), "programme", drug_id, key, trial.programme)
            keys.append(key)
        for maybe in possible_duplicates(trials, drug_names):
            self._add("trial_links", {"trial": keys[maybe.trial], "same_as": keys[maybe.same_as], "reason": maybe.reason})

    def _lookup(self, key: str, kind: str, drug_id: str | None, target: int | None, label: str) -> None:
        self._add("lookup", {"key": key, "kind": kind, "drug_id": drug_id, "target": target, "label": label})


def _document_status(extraction: Extraction) -> str | None:
    """What one document says the drug is: the agencies it lists approvals from, else its stated status."""
    approved = list(dict.fromkeys(a.agency for a in extraction.approvals if a.finding == "approved"))
    if approved:
        shown = ", ".join(approved[:3]) + (f" and {len(approved) - 3} more" if len(approved) > 3 else "")
        return f"Approved: {shown}"
    return next((p.value for p in extraction.properties if p.name == "development_status"), None)


def _status_line(statuses: list[tuple[str | None, str | None]]) -> str | None:
    """The status badge: each document's own status; where a drug's documents say different things, each
    with its date, so "Investigational (as of 2023-11) · Approved: FDA (as of 2024-03-21)" reads as a history,
    not as a contradiction resolved by picking one."""
    stated = [(status, as_of) for status, as_of in statuses if status]
    distinct = list(dict.fromkeys(status for status, _ in stated))
    if len(distinct) <= 1:
        return distinct[0] if distinct else None
    dated = {status: as_of for status, as_of in stated}
    distinct.sort(key=lambda status: (dated[status] is None, dated[status] or ""))  # oldest first: a history
    return " · ".join(f"{status} (as of {dated[status]})" if dated[status] else f"{status} (undated source)"
                      for status in distinct)


def _termination(extractions: list[Extraction]) -> str | None:
    ended = next((e for extraction in extractions for e in extraction.events if e.kind == "termination"), None)
    return f"Development terminated ({ended.date_text})" if ended else None


def _index_text(connection: sqlite3.Connection) -> None:
    for statement in (*FTS_TABLES.values(), *KEYED_TABLES.values()):
        connection.execute(statement)
    index_rows(connection)
    _index_vocabulary(connection)


# Every id in a JSON list, as one parameter.


def index_rows(connection: sqlite3.Connection, drug_ids: list[str] | None = None,
               after: dict[str, int] | None = None) -> None:
    """Full-text rows for the drugs, sections, glossary entries and trials: all of them (the build), or
    those of `drug_ids` and the rows numbered above `after[table]` (the catalogue's update, whose new
    rows all have ids above the ones it kept)."""
    after = after or {}
    only_drugs = "" if drug_ids is None else f"WHERE d.id IN {EACH} "
    drug_parameters = () if drug_ids is None else (json.dumps(drug_ids),)
    # A drug is found by its name, every identifier as written and as a look-up key, and what it is.
    connection.execute(
        "INSERT INTO search (kind, drug_id, target, title, body) "
        "SELECT 'drug', d.id, NULL, d.name, "
        "coalesce((SELECT group_concat(i.value || ' ' || i.lookup_key, ' ') FROM identifiers i WHERE i.drug_id = d.id), '')"
        " || ' ' || coalesce((SELECT group_concat(p.value, ' ') FROM properties p WHERE p.drug_id = d.id "
        "AND p.name IN ('drug_class', 'drug_type', 'route')), '') "
        f"FROM drugs d {only_drugs}ORDER BY d.rowid", drug_parameters
    )
    connection.execute(
        "INSERT INTO search (kind, drug_id, target, title, body) "
        "SELECT 'section', s.drug_id, s.id, d.name || ' — ' || s.heading, s.body "
        "FROM sections s JOIN drugs d ON d.id = s.drug_id WHERE s.id > ? ORDER BY s.id", (after.get("sections", 0),)
    )
    connection.execute(
        "INSERT INTO search (kind, drug_id, target, title, body) "
        "SELECT 'glossary', NULL, g.id, g.term || coalesce(' (' || g.abbreviation || ')', ''), g.definition "
        "FROM glossary g WHERE g.id > ? ORDER BY g.id", (after.get("glossary", 0),)
    )
    columns = ", ".join(TRIAL_TEXT_COLUMNS)
    connection.execute(f"INSERT INTO {TRIALS_FTS} (rowid, {columns}) SELECT id, {columns} FROM trials WHERE id > ? "
                       "ORDER BY id", (after.get("trials", 0),))


def _index_vocabulary(connection: sqlite3.Connection) -> None:
    """Words the indexes hold, and their deletion variants, for "did you mean" suggestions.

    Only words: tokens with digits (trial IDs, codes) are looked up exactly, never corrected.
    """
    connection.execute("CREATE VIRTUAL TABLE temp.search_words USING fts5vocab(main, search, 'row')")
    connection.execute(f"CREATE VIRTUAL TABLE temp.trial_words USING fts5vocab(main, {TRIALS_FTS}, 'row')")
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
