"""Read-only access to a DrugRef database, the bundled one or the user's catalogue: opened immutable, never written.

Every method returns dataclasses from `results`; no caller sees a cursor or writes SQL.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from ..ingest.clean import lookup_key, phase_rank, split_lines
from . import search as search_module
from ..ingest.records import FACTS, FactType
from .results import (
    NOT_STATED, AgencyFinding, DrugRecord, DrugSummary, GlossaryEntry, Passage, Provenance, ReceptorParts,
    Reference, SearchResult, SourceSummary, TrialRow,
)
from .errors import StoreError, StoreReplaced
from .opening import open_read_only
from .trial_queries import _PROVENANCE, TrialQueries, TrialQuery, _chunks  # noqa: F401 - TrialQuery: the store's interface
from ..names import shown
from .schema import EACH, FACT_COLUMNS, decode_list, list_fields




_SOURCE_COLUMNS = "id, kind, publisher, title, as_of, as_of_quote, as_of_line, line_count, report"
# The facts a drug's record reads by drug (approvals are read per agency, with the silent ones filled in).
_RECORD_FACTS = tuple(fact for name, fact in FACTS.items() if fact.per_drug and name != "approvals")


class Store(TrialQueries):
    """An open, read-only DrugRef database (its trial queries in trial_queries.py)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._connection = open_read_only(self.path)
        self._identity = _identity(self.path)
        TrialQueries.__init__(self)
        self._agencies: list[str] | None = None
        self._drug_list: list[DrugSummary] | None = None
        self._receptor_parts: ReceptorParts | None = None

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _rows(self, sql: str, parameters: Sequence = ()) -> list[tuple]:
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise self._damaged(error) from None

    def replaced(self) -> bool:
        """Whether the file at the path is no longer the one opened (rebuilt, copied over, or removed)."""
        return _identity(self.path) != self._identity

    def _damaged(self, error: sqlite3.DatabaseError) -> StoreError:
        if self.replaced():  # the file changed under us: the new one is likely fine
            return StoreReplaced(f"{shown(self.path)} was replaced while DrugRef had it open ({error}). Reopen it to read "
                                 "the new database.")
        # Damage in pages the open-time check did not read surfaces on first use.
        return StoreError(f"{shown(self.path)} is damaged ({error}). Rebuild it with `drugref build-db`.")

    # ---- drugs -------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0][0] if row else None

    def drugs(self) -> list[DrugSummary]:
        """Every drug, by name (read once: the database never changes)."""
        if self._drug_list is None:
            self._drug_list = self._read_drugs()
        return list(self._drug_list)

    def _read_drugs(self, where: str = "", parameters: Sequence = ()) -> list[DrugSummary]:
        # The build stores drugs in name order with their code names: one sequential read.
        return [
            DrugSummary(drug_id, name, status, detail, tuple(codes.split("; ")) if codes else ())
            for drug_id, name, status, detail, codes in self._rows(
                f"SELECT id, name, status, status_detail, code_names FROM drugs {where} ORDER BY rowid", parameters)
        ]

    def first_drugs(self, count: int, including: Sequence[str] = ()) -> list[DrugSummary]:
        """The first `count` drugs by name, then those of `including` that come later, by name: what a
        list shows before it has read every drug (the favourites it pins on top among them)."""
        wanted = set(including)
        if self._drug_list is not None:
            return self._drug_list[:count] + [d for d in self._drug_list[count:] if d.id in wanted]
        first = self._read_drugs("WHERE rowid IN (SELECT rowid FROM drugs ORDER BY rowid LIMIT ?)", (count,))
        later = sorted(wanted - {d.id for d in first})
        if later:
            first += self._read_drugs(f"WHERE id IN {EACH}", (json.dumps(later),))
        return first

    def missing_drugs(self, drug_ids: Sequence[str]) -> list[str]:
        """Those of `drug_ids` this catalogue has no drug for (a favourite from another catalogue), in order."""
        if not drug_ids:
            return []
        found = {row[0] for row in self._rows(f"SELECT id FROM drugs WHERE id IN {EACH}", (json.dumps(list(drug_ids)),))}
        return [drug_id for drug_id in drug_ids if drug_id not in found]

    def find_drug(self, text: str) -> DrugSummary | None:
        """A drug by id, name, code name, CAS, UNII or DrugBank ID, ignoring case, spaces and dashes."""
        key = lookup_key(text)
        if not key:
            return None
        row = self._rows(
            "SELECT drug_id FROM lookup WHERE key = ? AND kind NOT IN ('trial', 'programme') ORDER BY id LIMIT 1", (key,)
        )
        if row:
            return self.drug_summary(row[0][0])
        return self.drug_summary(text) if self._rows("SELECT 1 FROM drugs WHERE id = ?", (text,)) else None

    def drug_summary(self, drug_id: str) -> DrugSummary | None:
        row = self._rows("SELECT id, name, status, status_detail, code_names FROM drugs WHERE id = ?", (drug_id,))
        if not row:
            return None
        *fields, codes = row[0]
        return DrugSummary(*fields, tuple(codes.split("; ")) if codes else ())

    def drug(self, drug_id: str) -> DrugRecord:
        summary = self.drug_summary(drug_id)
        if summary is None:
            raise KeyError(drug_id)
        sources = self._drug_sources(drug_id)
        source_ids = [s.id for s in sources]
        marks = ",".join("?" * len(source_ids))
        return DrugRecord(
            summary=summary,
            **{fact.name: self._records(fact, " WHERE drug_id = ?", (drug_id,)) for fact in _RECORD_FACTS},
            approvals=self.approvals(drug_id),
            trial_count=self.count_trials(TrialQuery(drug_id=drug_id)),
            trial_status_counts=self._status_counts(drug_id),
            key_trials=self.key_trials(drug_id),
            glossary=self._records(FACTS["glossary"], f" WHERE source IN ({marks})", source_ids),
            references=self._records(FACTS["references"], f" WHERE source IN ({marks})", source_ids),
            sources=sources,
            name_prov=self._name_prov(drug_id),
            receptor_parts=self.receptor_parts(),
            trials_with_two_statuses=self._rows(
                "SELECT count(DISTINCT v.trial) FROM trial_values v JOIN trials t ON t.id = v.trial "
                "WHERE t.drug_id = ? AND v.field = 'status' AND v.value != coalesce(t.status, '')", (drug_id,))[0][0],
            trials_maybe_listed_twice=self._rows(
                "SELECT count(DISTINCT l.trial) FROM trial_links l JOIN trials t ON t.id = l.trial WHERE t.drug_id = ?",
                (drug_id,))[0][0],
        )

    def _records(self, fact: FactType, where: str = "", parameters: Sequence = ()) -> list:
        """A fact table's rows as its record class, in source order."""
        columns = FACT_COLUMNS[fact.table]
        lists = list_fields(fact.record)
        rows = self._rows(f"SELECT {', '.join(columns)}, {_PROVENANCE} FROM {fact.table}{where} ORDER BY id", parameters)
        if lists:
            return [fact.record(**{name: decode_list(value, lists[name]) if name in lists else value
                                   for name, value in zip(columns, row)}, prov=Provenance(*row[-4:])) for row in rows]
        return [fact.record(**dict(zip(columns, row)), prov=Provenance(*row[-4:])) for row in rows]

    def receptor_parts(self) -> ReceptorParts:
        if self._receptor_parts is None:
            self._receptor_parts = ReceptorParts(tuple(self._records(FACTS["receptor_subunits"])),
                                                 tuple(self._records(FACTS["receptor_complexes"])))
        return self._receptor_parts

    def _name_prov(self, drug_id: str) -> Provenance | None:
        row = self._rows("SELECT primary_source, name_line FROM drugs WHERE id = ?", (drug_id,))
        return Provenance(row[0][0], "Title", row[0][1], row[0][1]) if row else None

    def agencies(self) -> list[str]:
        """Every agency any source names, in the order first named (read once: the database never changes)."""
        if self._agencies is None:
            # Hop from agency to agency along the (agency, id) index instead of grouping every finding.
            self._agencies = [row[0] for row in self._rows(
                "WITH RECURSIVE a(agency) AS (SELECT min(agency) FROM approvals UNION ALL "
                "SELECT (SELECT min(agency) FROM approvals WHERE agency > a.agency) FROM a WHERE a.agency IS NOT NULL) "
                "SELECT agency FROM a WHERE agency IS NOT NULL "
                "ORDER BY (SELECT min(id) FROM approvals WHERE approvals.agency = a.agency)")]
        return self._agencies

    def key_trials(self, drug_id: str, limit: int = 8) -> list[TrialRow]:
        """The drug's most informative trials: most fields stated, then later phase, larger, more recent."""
        keys = [row[0] for row in self._rows(
            "SELECT t.id FROM trials t WHERE t.drug_id = ? ORDER BY "
            "(t.trial_id IS NOT NULL) + (t.status IS NOT NULL) + (t.enrollment IS NOT NULL) + (t.conditions IS NOT NULL) DESC, "
            "coalesce(t.phase_rank, 0) DESC, coalesce(t.enrollment, 0) DESC, t.posted DESC, t.id LIMIT ?",
            (drug_id, limit),
        )]
        rows = self.trials_by_key(keys)
        return [rows[key] for key in keys]

    def trial_counts_by(self, drug_id: str, column: str) -> list[tuple[str | None, int]]:
        """How many of a drug's trials have each phase (in phase order) or status (most first); None = not stated.
        A trial whose sources give two statuses (or phases) is counted under each."""
        assert column in ("phase", "status")  # a fixed name, never user text
        rows = self._rows(
            f"SELECT value, count(*) FROM (SELECT id, {column} AS value FROM trials WHERE drug_id = ?1 UNION "
            "SELECT v.trial, v.value FROM trial_values v JOIN trials t ON t.id = v.trial "
            f"WHERE t.drug_id = ?1 AND v.field = '{column}') GROUP BY value", (drug_id,))
        if column == "phase":
            return sorted(rows, key=lambda row: (row[0] is None, phase_rank(row[0]) or 0, row[0] or ""))
        return sorted(rows, key=lambda row: (row[0] is None, -row[1], row[0] or ""))

    def _status_counts(self, drug_id: str) -> list[tuple[str, int]]:
        return [(status or "status not stated", n) for status, n in self.trial_counts_by(drug_id, "status")]

    def approvals(self, drug_id: str) -> list[AgencyFinding]:
        """One finding per agency any source names; "not stated" where this drug's sources are silent."""
        return self.approvals_of([drug_id])[drug_id]

    def approvals_of(self, drug_ids: Sequence[str]) -> dict[str, list[AgencyFinding]]:
        """approvals() for many drugs at once, keyed by drug id: the approvals matrix reads a block of rows
        in one query (an index range per drug), never the whole table."""
        stated: dict[str, dict[str, list[AgencyFinding]]] = {drug_id: {} for drug_id in drug_ids}
        for chunk in _chunks(list(stated)):
            rows = self._rows(
                "SELECT drug_id, agency, finding, finding_text, source, section, line_start, line_end FROM approvals "
                f"WHERE drug_id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk)
            for drug_id, agency, finding, text, *prov in rows:
                stated[drug_id].setdefault(agency, []).append(AgencyFinding(agency, finding, text, Provenance(*prov)))
        agencies = self.agencies()
        return {
            drug_id: [replace(found[agency][0], also=tuple(found[agency][1:])) if agency in found
                      else AgencyFinding(agency, NOT_STATED, None, None) for agency in agencies]
            for drug_id, found in stated.items()
        }

    def find_trial(self, text: str) -> TrialRow | None:
        """A trial by registry ID (NCT…, EU CT number) or programme name, ignoring case, spaces and dashes."""
        row = self._rows("SELECT target FROM lookup WHERE key = ? AND kind IN ('trial', 'programme') ORDER BY id LIMIT 1",
                         (lookup_key(text),))
        return self.trials_by_key([row[0][0]]).get(row[0][0]) if row else None

    # ---- sources and passages ----------------------------------------------------------------

    def _source_rows(self, where: str = "", parameters: Sequence = ()) -> list[SourceSummary]:
        return [SourceSummary(*row) for row in self._rows(
            f"SELECT {_SOURCE_COLUMNS} FROM sources{where} ORDER BY position", parameters)]

    def sources(self) -> list[SourceSummary]:
        return self._source_rows()

    def source(self, source_id: str) -> SourceSummary | None:
        found = self._source_rows(" WHERE id = ?", (source_id,))
        return found[0] if found else None

    def _drug_sources(self, drug_id: str) -> list[SourceSummary]:
        return self._source_rows(
            " WHERE id IN (SELECT source FROM identifiers WHERE drug_id = ?1 UNION SELECT source FROM sections "
            "WHERE drug_id = ?1 UNION SELECT source FROM trials WHERE drug_id = ?1 "
            "UNION SELECT primary_source FROM drugs WHERE id = ?1)", (drug_id,))

    def passage(self, prov: Provenance, context: int = 2) -> Passage:
        """The lines a fact came from, verbatim, with `context` lines either side."""
        row = self._rows("SELECT text FROM sources WHERE id = ?", (prov.source,))
        if not row:
            raise KeyError(prov.source)
        source = self._source_rows(" WHERE id = ?", (prov.source,))[0]
        lines = split_lines(row[0][0])
        first = max(1, prov.line_start - context)
        last = min(len(lines), prov.line_end + context)
        return Passage(source, prov.line_start, prov.line_end, tuple((n, lines[n - 1]) for n in range(first, last + 1)))

    def glossary_entry(self, entry_id: int) -> GlossaryEntry | None:
        found = self._records(FACTS["glossary"], " WHERE id = ?", (entry_id,))
        return found[0] if found else None

    def section_location(self, section_id: int) -> tuple[str, str] | None:
        """(drug id, section kind) of a section row: where a search hit on it should open."""
        rows = self._rows("SELECT drug_id, kind FROM sections WHERE id = ?", (section_id,))
        return rows[0] if rows else None

    def glossary(self) -> list[GlossaryEntry]:
        return self._records(FACTS["glossary"])

    def references(self, source_id: str) -> list[Reference]:
        return self._records(FACTS["references"], " WHERE source = ?", (source_id,))

    # ---- search ------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 50) -> SearchResult:
        try:
            return search_module.search(self._connection, text, limit)
        except sqlite3.DatabaseError as error:
            raise self._damaged(error) from None


def _identity(path: Path) -> tuple[int, ...] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns

