"""Build the bundled database from the sources: deterministic, and atomic (temp file, then rename).

Same sources in, byte-identical file out: rows are written in source order, nothing time-dependent
is stored, and the file is vacuumed. A failed build leaves the previous file untouched.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Iterable

import sqlite_utils

from ..ingest import Corpus, load_corpus, merge_trials
from ..ingest.clean import lookup_key, phase_rank, slug
from ..ingest.records import Extraction, Provenance
from .errors import BuildError
from .schema import FOREIGN_KEYS, FTS_TABLES, INDEXES, SCHEMA_VERSION, TABLES, TRIAL_TEXT_COLUMNS

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
    "approvals": ("approvals", ("agency", "finding", "finding_text")),
    "not_stated": ("not_stated", ("topic", "source_text")),
    "disclaimers": ("disclaimers", ("text",)),
}


def build_database(sources_dir: Path, output: Path) -> Path:
    """Parse the sources and write the database to `output` atomically. Raises SourceError, BuildError."""
    corpus = load_corpus(sources_dir)
    return write_database(corpus, output)


def write_database(corpus: Corpus, output: Path) -> Path:
    output = output.resolve()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the folder {output.parent}: {error.strerror}") from None
    temp = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    try:
        temp.unlink(missing_ok=True)
        _write(corpus, temp)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, output)
    except (OSError, sqlite3.Error) as error:
        temp.unlink(missing_ok=True)
        reason = getattr(error, "strerror", None) or str(error)
        raise BuildError(f"cannot write the database {output}: {reason}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return output


def _write(corpus: Corpus, path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        db = sqlite_utils.Database(connection)
        for table, (columns, pk) in TABLES.items():
            db[table].create(columns, pk=pk, foreign_keys=FOREIGN_KEYS.get(table, []))
        for table, columns in INDEXES:
            db[table].create_index(columns)
        rows = _rows(corpus)
        for table in TABLES:
            if rows.get(table):
                db[table].insert_all(rows[table], batch_size=5000)
        _index_text(db, corpus)
        connection.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()


def _prov(prov: Provenance) -> dict:
    return {"source": prov.source, "section": prov.section, "line_start": prov.line_start, "line_end": prov.line_end}


def _rows(corpus: Corpus) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    digest = hashlib.sha256()
    for info in corpus.sources:
        digest.update(info.sha256.encode())
        rows["sources"].append(
            {
                "id": info.file, "kind": info.kind, "publisher": info.publisher, "title": info.title,
                "as_of": info.as_of, "as_of_quote": info.as_of_quote, "as_of_line": info.as_of_line,
                "line_count": info.line_count, "sha256": info.sha256, "text": info.text,
            }
        )
    dated = sorted(info.as_of for info in corpus.sources if info.as_of)
    rows["meta"] = [
        {"key": "schema_version", "value": SCHEMA_VERSION},
        {"key": "sources_sha256", "value": digest.hexdigest()},
        {"key": "latest_source_as_of", "value": dated[-1] if dated else None},
    ]

    drugs: dict[str, dict] = {}
    for extraction in corpus.extractions:
        drug_id = slug(extraction.drug_name)
        if drug_id not in drugs:
            drugs[drug_id] = {
                "id": drug_id, "name": extraction.drug_name, "status": None, "status_detail": None,
                "primary_source": extraction.source, "name_line": extraction.drug_name_prov.line_start,
            }
        _drug_status(drugs[drug_id], extraction)
        for table, (attribute, fields) in _FACT_TABLES.items():
            seen = {(r["kind"], r["lookup_key"]) for r in rows[table] if r["drug_id"] == drug_id} if table == "identifiers" else None
            for record in getattr(extraction, attribute):
                row = {"id": len(rows[table]) + 1, "drug_id": drug_id, **{f: getattr(record, f) for f in fields}, **_prov(record.prov)}
                if table == "identifiers":
                    row = {**row, "lookup_key": lookup_key(record.value)}
                    if (row["kind"], row["lookup_key"]) in seen:
                        continue  # the same code name said twice in one source: keep its first passage
                    seen.add((row["kind"], row["lookup_key"]))
                rows[table].append(row)
        for entry in extraction.glossary:
            rows["glossary"].append(
                {"id": len(rows["glossary"]) + 1, "term": entry.term, "abbreviation": entry.abbreviation,
                 "definition": entry.definition, **_prov(entry.prov)}
            )
        for ref in extraction.references:
            rows["source_references"].append({"id": len(rows["source_references"]) + 1, "number": ref.number, "url": ref.url, **_prov(ref.prov)})
    rows["drugs"] = sorted(drugs.values(), key=lambda d: d["name"].casefold())

    by_drug: dict[str, list] = {}
    for extraction in corpus.extractions:
        by_drug.setdefault(slug(extraction.drug_name), []).extend(extraction.trials)
    for drug_id, trials in by_drug.items():
        for trial in merge_trials(trials):
            row_id = len(rows["trials"]) + 1
            fields = asdict(trial)
            for name in ("prov", "mentions", "trial_id"):
                fields.pop(name)
            fields["countries"] = ", ".join(trial.countries) or None
            fields["countries_more"] = trial.countries_more or None
            fields["citations"] = ",".join(map(str, trial.citations)) or None
            rows["trials"].append(
                {"id": row_id, "trial_id": trial.trial_id, "drug_id": drug_id, **fields,
                 "phase_rank": phase_rank(trial.phase), **_prov(trial.prov)}
            )
            for mention in trial.mentions:
                rows["trial_passages"].append({"id": len(rows["trial_passages"]) + 1, "trial": row_id, **_prov(mention)})

    rows["lookup"] = list(_lookup_rows(rows))
    return rows


def _drug_status(drug: dict, extraction: Extraction) -> None:
    """The status badge: what the source says the drug is, and a terminated programme if it says so."""
    status = next((p.value for p in extraction.properties if p.name == "development_status"), None)
    if status and not drug["status"]:
        drug["status"] = status
    ended = next((e for e in extraction.events if e.kind == "termination"), None)
    if ended and not drug["status_detail"]:
        drug["status_detail"] = f"Development terminated ({ended.date_text})"


def _lookup_rows(rows: dict[str, list[dict]]) -> Iterable[dict]:
    entries: list[tuple[str, str, str | None, int | None, str]] = []
    named = {r["drug_id"] for r in rows["identifiers"] if r["kind"] == "generic_name"}
    for drug in rows["drugs"]:
        if drug["id"] not in named:
            entries.append((lookup_key(drug["name"]), "generic_name", drug["id"], None, drug["name"]))
    for r in rows["identifiers"]:
        entries.append((r["lookup_key"], r["kind"], r["drug_id"], None, r["value"]))
    for t in rows["trials"]:
        if t["trial_id"]:
            entries.append((lookup_key(t["trial_id"]), "trial", t["drug_id"], t["id"], t["trial_id"]))
        if t["programme"]:
            entries.append((lookup_key(t["programme"]), "programme", t["drug_id"], t["id"], t["programme"]))
    for number, (key, kind, drug_id, target, label) in enumerate(entries, start=1):
        yield {"id": number, "key": key, "kind": kind, "drug_id": drug_id, "target": target, "label": label}


def _index_text(db: sqlite_utils.Database, corpus: Corpus) -> None:
    connection = db.conn
    for statement in FTS_TABLES.values():
        connection.execute(statement)
    names = {row["id"]: row["name"] for row in db["drugs"].rows}
    for drug_id, name in names.items():
        identity = [r["value"] for r in db["identifiers"].rows_where("drug_id = ?", [drug_id], order_by="id")]
        keys = [r["lookup_key"] for r in db["identifiers"].rows_where("drug_id = ?", [drug_id], order_by="id")]
        described = [r["value"] for r in db["properties"].rows_where(
            "drug_id = ? AND name IN ('drug_class', 'drug_type', 'route')", [drug_id], order_by="id")]
        connection.execute(
            "INSERT INTO search (kind, drug_id, target, title, body) VALUES ('drug', ?, NULL, ?, ?)",
            (drug_id, name, " ".join(identity + keys + described)),
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
    """Words the indexes hold, for "did you mean" suggestions by trigram similarity."""
    connection.execute("CREATE VIRTUAL TABLE temp.search_words USING fts5vocab(main, search, 'row')")
    connection.execute("CREATE VIRTUAL TABLE temp.trial_words USING fts5vocab(main, trials_search, 'row')")
    connection.execute(
        "INSERT INTO vocabulary (word, documents) "
        "SELECT term, sum(doc) FROM (SELECT term, doc FROM temp.search_words UNION ALL SELECT term, doc FROM temp.trial_words) "
        "WHERE length(term) >= 4 AND term GLOB '*[a-z]*' GROUP BY term ORDER BY term"
    )
    connection.execute("INSERT INTO vocabulary_trigrams (rowid, word) SELECT rowid, word FROM vocabulary ORDER BY rowid")
    connection.execute("DROP TABLE temp.search_words")
    connection.execute("DROP TABLE temp.trial_words")
