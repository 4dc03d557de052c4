"""Re-write some drugs of a database in place of a full build: what adding or removing one document costs.

The drugs the change touches (those a new document names — by name, code name or identifier, through
the `lookup` table — or those a removed document was about) are read again from their documents (the
`sources` table keeps each one's text and reader), grouped exactly as the build groups them, and their
rows deleted and written again by the build's own row writer (store.build.RowWriter), numbered above
every id in the file. The full-text tables are updated row by row and the "did you mean" vocabulary by
how many rows each word left and joined. Every other drug's rows are untouched.

The caller works on a copy (desktop.catalogue.changes): nothing here is atomic by itself.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from ..ingest.corpus import PARSERS, SourceInfo, group_by_drug, open_document, read_document, drug_keys
from ..ingest.registry import SHAPE as REGISTRY_SHAPE
from ..ingest.records import FACT_TYPES, NAME_KINDS
from ..ingest.extraction import Extraction
from ..store.errors import BuildError
from ..store.build import RowWriter, drug_order, index_rows, write_meta
from ..store.schema import DRUG_FACT_TABLES, EACH, TABLES, TRIAL_TEXT_COLUMNS, TRIALS_FTS
from ..store.search import LONGEST_WORD, MAX_EDITS, deletion_variants
from ..store.registry_links import RegistryStudies, matching_drugs
from ..store.results import NOT_LINKED, trial_label

_PER_SOURCE_TABLES = tuple(fact.table for fact in FACT_TYPES if not fact.per_drug)


@dataclass
class Rewrite:
    """What a re-write did: drugs before and after (id → name), and each drug's trials before and after."""

    drugs_before: dict[str, str] = field(default_factory=dict)
    drugs_after: dict[str, str] = field(default_factory=dict)
    trials_before: set[tuple[str, str]] = field(default_factory=set)   # (drug name, trial label)
    trials_after: set[tuple[str, str]] = field(default_factory=set)


def affected_drugs(connection: sqlite3.Connection, extractions: list[Extraction]) -> set[str]:
    """The drugs these documents are about, by the keys the build groups documents by: the identifiers a
    drug's documents give (the `lookup` table), and the name each document gives it (`sources.drug_key`)."""
    found: set[str] = set()
    for extraction in extractions:
        for kind, key in drug_keys(extraction):
            kinds = NAME_KINDS if kind == "name" else (kind,)
            found.update(row[0] for row in connection.execute(
                f"SELECT DISTINCT drug_id FROM lookup WHERE key = ? AND kind IN ({','.join('?' * len(kinds))})",
                (key, *kinds)))
            if kind == "name":
                found.update(row[0] for row in connection.execute(
                    "SELECT DISTINCT drug_id FROM sources WHERE drug_key = ?", (key,)))
    return found


def stored_documents(connection: sqlite3.Connection, where: str, parameters: tuple = ()) -> list[tuple[SourceInfo, Extraction]]:
    """Documents read again from the text the database keeps, by the reader that read them first. The
    report keeps the lines whose control characters the first reading took out (the text no longer has them)."""
    read = []
    for row in connection.execute(
            "SELECT id, shape, kind, title, publisher, as_of, as_of_quote, as_of_line, text, sha256, position, report "
            f"FROM sources {where} ORDER BY position", parameters):
        name, shape, kind, title, publisher, as_of, quote, quote_line, text, sha256, position, report = row
        if shape not in PARSERS:  # a synthetic benchmark document: no reader can read it again
            raise BuildError(f"{name} cannot be read again: it was made by {shape!r}, which no reader reads")
        extraction = read_document(shape, open_document(shape, name, text, sha256))
        stored = json.loads(report) if report else {}
        extraction.report.removed = [tuple(entry) for entry in stored.get("removed", [])]
        read.append((SourceInfo(name, shape, kind, title, publisher, as_of, quote, quote_line, text, sha256, position),
                     extraction))
    return read


def rewrite(connection: sqlite3.Connection, new: list[tuple[SourceInfo, Extraction]], removed: list[str],
            meta: dict[str, str]) -> Rewrite:
    """Add the `new` documents and take out the `removed` ones (file names), re-writing the drugs they touch."""
    removed_drugs = {row[0] for row in connection.execute(f"SELECT drug_id FROM sources WHERE id IN {EACH}",
                                                          (json.dumps(removed),)) if row[0] is not None}
    # Registry documents belong to no drug: every one is read again (its studies may now name a drug a new
    # document brings), and the drugs its studies name are re-written with them.
    held_registry = stored_documents(connection, "WHERE shape = ?", (REGISTRY_SHAPE,))
    new_registry = [pair for pair in new if pair[0].shape == REGISTRY_SHAPE]
    new = [pair for pair in new if pair[0].shape != REGISTRY_SHAPE]
    changed_registry = [e for info, e in held_registry if info.file in removed] + [e for _, e in new_registry]
    registry = RegistryStudies(sorted([pair for pair in held_registry if pair[0].file not in removed] + new_registry,
                                      key=lambda pair: pair[0].position))
    drug_ids = sorted(affected_drugs(connection, [e for _, e in new]) | removed_drugs
                      | matching_drugs(connection, changed_registry))
    each = (json.dumps(drug_ids),)
    result = Rewrite()
    result.drugs_before = dict(connection.execute(f"SELECT id, name FROM drugs WHERE id IN {EACH}", each).fetchall())
    result.trials_before = _trial_labels(connection, drug_ids)
    kept = [(info, e) for info, e in stored_documents(connection, f"WHERE drug_id IN {EACH}", each)
            if info.file not in removed]
    documents = sorted(kept + new, key=lambda pair: pair[0].position)
    first_ids = {table: connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
                 for table, (columns, _) in TABLES.items() if columns.get("id") is int}
    connection.execute("CREATE VIRTUAL TABLE temp.words_gone USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    connection.execute("CREATE VIRTUAL TABLE temp.words_came USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    _delete(connection, drug_ids)
    _delete_unlinked(connection, removed)
    kept_ids = {row[0] for row in connection.execute("SELECT id FROM drugs")}
    writer = RowWriter(connection, first_ids, taken_ids=kept_ids, registry=registry)
    for group in group_by_drug([e for _, e in documents]):
        writer.write_drug([documents[i] for i in group])
    _rewrite_drug_list(connection, writer)
    writer.write_registry(new_registry)
    search_before = connection.execute("SELECT coalesce(max(rowid), 0) FROM search").fetchone()[0]
    new_ids = [drug["id"] for drug in writer.drugs]
    index_rows(connection, new_ids, first_ids)
    connection.execute("INSERT INTO temp.words_came (text) SELECT title || ' ' || body FROM search WHERE rowid > ?",
                       (search_before,))
    connection.execute(f"INSERT INTO temp.words_came (text) SELECT {_joined(TRIAL_TEXT_COLUMNS)} FROM trials WHERE id > ?",
                       (first_ids["trials"],))
    _update_vocabulary(connection)
    write_meta(connection, meta)
    result.drugs_after = {drug["id"]: drug["name"] for drug in writer.drugs}
    result.trials_after = _trial_labels(connection, new_ids)
    return result


def _joined(columns: tuple[str, ...]) -> str:
    return " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)


def _delete(connection: sqlite3.Connection, drug_ids: list[str]) -> None:
    """Every row of these drugs and of their documents, the full-text rows first (keeping their words, to
    count what leaves the vocabulary)."""
    each = (json.dumps(drug_ids),)
    sources = f"(SELECT id FROM sources WHERE drug_id IN {EACH})"
    # `search` keeps drug_id unindexed: one pass over it finds the drugs' rows and their documents' glossary.
    gone = connection.execute(
        f"SELECT rowid, title || ' ' || body FROM search WHERE drug_id IN {EACH} OR (kind = 'glossary' AND target IN "
        f"(SELECT id FROM glossary WHERE source IN {sources}))", each * 2).fetchall()
    connection.executemany("INSERT INTO temp.words_gone (text) VALUES (?)", ((text,) for _, text in gone))
    connection.executemany("DELETE FROM search WHERE rowid = ?", ((rowid,) for rowid, _ in gone))
    _delete_trials(connection, f"drug_id IN {EACH}", each)
    for table in _PER_SOURCE_TABLES:
        connection.execute(f"DELETE FROM {table} WHERE source IN {sources}", each)
    for table in (*DRUG_FACT_TABLES, "lookup"):
        connection.execute(f"DELETE FROM {table} WHERE drug_id IN {EACH}", each)
    connection.execute(f"DELETE FROM sources WHERE drug_id IN {EACH}", each)
    connection.execute(f"DELETE FROM drugs WHERE id IN {EACH}", each)


def _delete_trials(connection: sqlite3.Connection, where: str, parameters: tuple) -> None:
    """What hangs on the trials `where` selects: their words kept (to count what leaves the vocabulary), their
    full-text rows, passages, values and links. The trials' own rows go with their drug's (or with no drug's)."""
    columns = ", ".join(TRIAL_TEXT_COLUMNS)
    trials = f"(SELECT id FROM trials WHERE {where})"
    connection.execute(f"INSERT INTO temp.words_gone (text) SELECT {_joined(TRIAL_TEXT_COLUMNS)} FROM trials "
                       f"WHERE {where}", parameters)
    # The trials' full-text index holds no copy of their text (content="trials"): FTS5 takes a row out when
    # given the values it indexed, so this comes before the trials' rows go.
    connection.execute(f"INSERT INTO {TRIALS_FTS} ({TRIALS_FTS}, rowid, {columns}) "
                       f"SELECT 'delete', id, {columns} FROM trials WHERE {where}", parameters)
    for table in ("trial_passages", "trial_values"):
        connection.execute(f"DELETE FROM {table} WHERE trial IN {trials}", parameters)
    connection.execute(f"DELETE FROM trial_links WHERE trial IN {trials} OR same_as IN {trials}", parameters * 2)


def _delete_unlinked(connection: sqlite3.Connection, removed: list[str]) -> None:
    """The trials of no drug (registry studies naming none), written again after every change, since a new
    document may name their drug; and the removed registry documents' rows (they have no drug_id)."""
    _delete_trials(connection, "drug_id IS NULL", ())
    connection.execute("DELETE FROM lookup WHERE drug_id IS NULL")
    connection.execute("DELETE FROM trials WHERE drug_id IS NULL")
    connection.execute(f"DELETE FROM sources WHERE drug_id IS NULL AND id IN {EACH}", (json.dumps(removed),))


def _rewrite_drug_list(connection: sqlite3.Connection, writer: RowWriter) -> None:
    """The drugs table is read in row order as the drug list, by name: written again whole, in that order
    (one row a drug, a few milliseconds at 10,000 drugs)."""
    columns = list(TABLES["drugs"][0])
    kept = [dict(zip(columns, row)) for row in connection.execute(f"SELECT {', '.join(columns)} FROM drugs ORDER BY rowid")]
    connection.execute("DELETE FROM drugs")
    writer.write_drug_list(sorted(kept + writer.drugs, key=drug_order))


def _update_vocabulary(connection: sqlite3.Connection) -> None:
    """The build counts, for each word of four letters or more without digits, the full-text rows that have
    it; here each count moves by the rows that left and came, a word at 0 leaves with its deletion variants
    and a new word comes with them, so the vocabulary equals what a full build would make."""
    connection.execute("CREATE VIRTUAL TABLE temp.gone_words USING fts5vocab(temp, words_gone, 'row')")
    connection.execute("CREATE VIRTUAL TABLE temp.came_words USING fts5vocab(temp, words_came, 'row')")
    changes = connection.execute(
        "SELECT term, sum(doc) FROM (SELECT term, doc FROM temp.came_words UNION ALL "
        "SELECT term, -doc FROM temp.gone_words) WHERE length(term) >= 4 AND term NOT GLOB '*[0-9]*' "
        "GROUP BY term").fetchall()
    for word, delta in changes:
        if not delta:
            continue
        row = connection.execute("SELECT documents FROM vocabulary WHERE word = ?", (word,)).fetchone()
        count = (row[0] if row else 0) + delta
        if count > 0 and row:
            connection.execute("UPDATE vocabulary SET documents = ? WHERE word = ?", (count, word))
        elif count > 0:
            connection.execute("INSERT INTO vocabulary (word, documents) VALUES (?, ?)", (word, count))
            if len(word) <= LONGEST_WORD:
                connection.executemany("INSERT OR IGNORE INTO vocabulary_deletes (variant, word) VALUES (?, ?)",
                                       ((variant, word) for variant in deletion_variants(word, MAX_EDITS)))
        elif row:
            connection.execute("DELETE FROM vocabulary WHERE word = ?", (word,))
            connection.executemany("DELETE FROM vocabulary_deletes WHERE variant = ? AND word = ?",
                                   ((variant, word) for variant in deletion_variants(word, MAX_EDITS)))
    for table in ("gone_words", "came_words", "words_gone", "words_came"):
        connection.execute(f"DROP TABLE temp.{table}")


def _trial_labels(connection: sqlite3.Connection, drug_ids: list[str]) -> set[tuple[str, str]]:
    """(drug, trial) as the grid names them, for these drugs' trials and the trials of no drug."""
    rows = connection.execute(
        "SELECT d.name, t.trial_id, t.programme, t.title, t.posted FROM trials t LEFT JOIN drugs d ON d.id = t.drug_id "
        f"WHERE t.drug_id IN {EACH} OR t.drug_id IS NULL", (json.dumps(drug_ids),))
    return {(drug or NOT_LINKED, trial_label(*named)) for drug, *named in rows}
