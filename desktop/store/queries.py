"""Read-only access to the bundled database. Opens it immutable; never writes beside it.

Every method returns dataclasses from `results`; no caller sees a cursor or writes SQL.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from ..ingest.clean import lookup_key, normalise_status, phase_filter, phase_rank, split_lines
from . import search as search_module
from ..ingest.records import FACTS, FactType
from .results import (
    NO_DRUG, NOT_STATED, AgencyFinding, DrugRecord, DrugSummary, GlossaryEntry, Passage, Provenance, ReceptorParts,
    Reference, SearchResult, SourceSummary, TrialHistory, TrialPoint, TrialRow, TrialValue,
)
from .errors import StoreError, StoreReplaced
from .opening import open_read_only
from .trial_columns import SORT_COLUMNS
from ..names import shown
from .schema import (
    FACT_COLUMNS, TRIAL_COLUMNS, TRIALS_FTS, decode_list, list_fields,
)


# Any number of ids as one parameter: a placeholder each stops at SQLite's limit on variables (32,766).
_EACH = "(SELECT value FROM json_each(?))"

# A text filter's page walks the sort order, testing each row, when that reads fewer index entries
# than collecting and sorting every match would: about (rows needed) × trials ÷ matches entries
# walked against every match fetched, a fetch costing about WALK_COST entries walked (measured
# at 500,000 trials: 0.5 µs an entry, 2 µs a match).
WALK_COST = 4


_SOURCE_COLUMNS = "id, kind, publisher, title, as_of, as_of_quote, as_of_line, line_count, report"
_TRIAL_COLUMNS = "t.id, t.trial_id, t.drug_id, d.name, " + ", ".join(f"t.{name}" for name in TRIAL_COLUMNS) + (
    ", t.source, t.section, t.line_start, t.line_end")
_TRIAL_LISTS = list_fields(TrialRow)
_PROVENANCE = "source, section, line_start, line_end"
# The facts a drug's record reads by drug (approvals are read per agency, with the silent ones filled in).
_RECORD_FACTS = tuple(fact for name, fact in FACTS.items() if fact.per_drug and name != "approvals")

_POINT_COLUMNS = ("t.id, t.trial_id, d.name, t.programme, t.title, t.phase, t.phase_text, t.status, t.status_text, "
                  "t.posted, t.posted_text, t.start, t.start_text")
# The dates the history chart can place trials by (each column has a (date, id) index).
PLACED_BY = ("posted", "start")
# Points the trial history chart draws at most: more than any real drug has, and a bounded read
# (about 20 ms) on the 500,000-trial catalogue, whose largest synthetic drugs show their newest 1,000.
HISTORY_LIMIT = 1000


@dataclass(frozen=True)
class TrialQuery:
    """What the trials grid shows: filters (None = any) and a sort column from SORT_COLUMNS."""

    drug_id: str | None = None
    phase: str | None = None
    status: str | None = None
    text: str | None = None
    sort: str = "posted"
    descending: bool = False


class Store:
    """An open, read-only DrugRef database."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._connection = open_read_only(self.path)
        self._identity = _identity(self.path)
        self._valued: dict[TrialQuery, int] = {}  # where a query's empty sort values begin, once known
        self._agencies: list[str] | None = None
        self._match_counts: dict[str, int] = {}
        self._trial_total: int | None = None
        self._phases: list[str] | None = None
        self._statuses: list[str] | None = None
        self._drug_list: list[DrugSummary] | None = None
        self._receptor_parts: ReceptorParts | None = None
        self._also: dict[str, frozenset[str]] = {}

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
            first += self._read_drugs(f"WHERE id IN {_EACH}", (json.dumps(later),))
        return first

    def missing_drugs(self, drug_ids: Sequence[str]) -> list[str]:
        """Those of `drug_ids` this catalogue has no drug for (a favourite from another catalogue), in order."""
        if not drug_ids:
            return []
        found = {row[0] for row in self._rows(f"SELECT id FROM drugs WHERE id IN {_EACH}", (json.dumps(list(drug_ids)),))}
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

    # ---- trials ------------------------------------------------------------------------------

    def _trial_filter(self, query: TrialQuery, page_end: int | None = None) -> tuple[str, list]:
        """WHERE clause and parameters for a query's filters.

        For a page (`page_end`: the rows it must reach), broad filters are written so that SQLite walks
        the sort column's index and tests each row, which finds the first rows at once, instead of
        collecting every match and sorting it: `+column` keeps a filter's own index out of the plan.
        """
        clauses, parameters = [], []
        walk = "+" if page_end is not None else ""
        if query.drug_id == NO_DRUG:  # registry studies naming no drug of the catalogue
            clauses.append("t.drug_id IS NULL")
        elif query.drug_id is not None:  # "" scopes to no drug: a drug pane before a drug is chosen
            clauses.append("t.drug_id = ?")  # selective: its own index is the right start
            parameters.append(query.drug_id)
        for column, wanted in (("phase", query.phase and (phase_filter(query.phase) or query.phase)),
                               ("status", query.status and (normalise_status(query.status) or query.status))):
            if not wanted:
                continue
            clause = f"{walk if query.sort != column else ''}t.{column} = ?"
            parameters.append(wanted)
            if wanted in self._also_stated(column):  # a second source gives some trial this value too
                clause = f"({clause} OR t.id IN (SELECT trial FROM trial_values WHERE field = '{column}' AND value = ?))"
                parameters.append(wanted)
            clauses.append(clause)
        if query.text and (match := self._text_match(query.text)):
            if self._text_matches(match) == self._count_all_trials():
                pass  # a word every trial has ("phase") filters nothing; testing it would collect every row
            else:
                # A common word: collect its matches once, then walk the sort order testing membership
                # (`+t.id`), rather than fetching and sorting thousands of matching rows.
                clauses.append(f"{'+' if self._walk_text(query, match, page_end) else ''}"
                               f"t.id IN (SELECT rowid FROM {TRIALS_FTS} WHERE {TRIALS_FTS} MATCH ?)")
                parameters.append(match)
        elif query.text and query.text.strip():
            clauses.append("0")  # text with no word in it matches nothing, rather than everything
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", parameters

    def _sort_expression(self, query: TrialQuery) -> str:
        if query.sort not in SORT_COLUMNS:
            raise ValueError(f"unknown sort column {query.sort!r}; choose from {', '.join(SORT_COLUMNS)}")
        return SORT_COLUMNS[query.sort]

    def _trial_order(self, query: TrialQuery) -> str:
        expression = self._sort_expression(query)
        direction = "DESC" if query.descending else "ASC"
        # Empty values last in both directions; the row id keeps ties in source order.
        return f" ORDER BY ({expression}) IS NULL, {expression} {direction}, t.id {direction}"

    def count_sorted_values(self, query: TrialQuery) -> int:
        """How many matching trials have a value in the sort column: where the empty ones begin."""
        where, parameters = self._trial_filter(query)
        expression = self._sort_expression(query)
        joiner = " AND " if where else " WHERE "
        return self._rows(f"SELECT count(*) FROM trials t{where}{joiner}{expression} IS NOT NULL", parameters)[0][0]

    def trial_page(self, query: TrialQuery, offset: int, limit: int) -> list[TrialRow]:
        """Rows offset..offset+limit in display order: trials with a value in the sort column first, in its
        order, then the empty ones by id.

        Keys come first, from the (value, id) index alone, so skipping to row 250,000 reads index entries,
        not table rows; then only the page's rows are fetched. Where the empty values begin is learned
        when a page runs past it, and remembered for the query.
        """
        where, parameters = self._trial_filter(query, page_end=offset + limit)
        expression = self._sort_expression(query)
        direction = "DESC" if query.descending else "ASC"
        joiner = " AND " if where else " WHERE "
        select = f"SELECT t.id FROM trials t{where}{joiner}"
        valued = self._valued.get(query)
        keys: list[int] = []
        if valued is None or offset < valued:
            keys = [row[0] for row in self._rows(
                f"{select}{expression} IS NOT NULL ORDER BY {expression} {direction}, t.id {direction} LIMIT ? OFFSET ?",
                [*parameters, limit, offset])]
            if len(keys) < limit:
                valued = offset + len(keys) if keys else self.count_sorted_values(query)
                self._remember_valued(query, valued)
        if valued is not None and len(keys) < limit:
            keys += [row[0] for row in self._rows(
                f"{select}{expression} IS NULL ORDER BY t.id {direction} LIMIT ? OFFSET ?",
                [*parameters, limit - len(keys), max(0, offset - valued)])]
        rows = self.trials_by_key(keys)
        return [rows[key] for key in keys if key in rows]

    def _remember_valued(self, query: TrialQuery, valued: int) -> None:
        self._valued[query] = valued
        if len(self._valued) > 64:
            self._valued.pop(next(iter(self._valued)))

    def iter_trials(self, query: TrialQuery, chunk: int = 5000):
        """Every matching trial in display order, a chunk at a time (for export)."""
        offset = 0
        while True:
            page = self.trial_page(query, offset, chunk)
            yield from page
            if len(page) < chunk:
                return
            offset += chunk

    def trial_position(self, query: TrialQuery, key: int) -> int | None:
        """The row a trial occupies in display order, or None if the filters leave it out."""
        where, parameters = self._trial_filter(query)
        joiner = " AND " if where else " WHERE "
        found = self._rows(f"SELECT {self._sort_expression(query)} FROM trials t{where}{joiner}t.id = ?", [*parameters, key])
        if not found:
            return None
        value = found[0][0]
        expression = self._sort_expression(query)
        before = ">" if query.descending else "<"
        if value is None:
            earlier = self._rows(f"SELECT count(*) FROM trials t{where}{joiner}{expression} IS NULL AND t.id {before} ?",
                                 [*parameters, key])[0][0]
            return self.count_sorted_values(query) + earlier
        return self._rows(
            f"SELECT count(*) FROM trials t{where}{joiner}{expression} IS NOT NULL AND "
            f"({expression} {before} ? OR ({expression} = ? AND t.id {before} ?))",
            [*parameters, value, value, key],
        )[0][0]

    def _walk_text(self, query: TrialQuery, match: str, page_end: int | None) -> bool:
        if page_end is None or query.drug_id is not None:
            return False  # a drug's trials are few: its own index finds them
        matches = self._text_matches(match)
        return matches * matches * WALK_COST >= page_end * self._count_all_trials()

    def _count_all_trials(self) -> int:
        if self._trial_total is None:
            self._trial_total = self._rows("SELECT count(*) FROM trials")[0][0]
        return self._trial_total

    def _text_matches(self, match: str) -> int:
        """How many trials a full-text filter matches (remembered: the database never changes)."""
        if match not in self._match_counts:
            self._match_counts[match] = self._rows(
                f"SELECT count(*) FROM {TRIALS_FTS} WHERE {TRIALS_FTS} MATCH ?", (match,))[0][0]
            if len(self._match_counts) > 256:
                self._match_counts.pop(next(iter(self._match_counts)))
        return self._match_counts[match]

    def _text_match(self, text: str) -> str | None:
        """The full-text query a filter's text stands for, long prefixes spelled out; None if it has no word."""
        match = search_module.fts_query(text)
        return search_module.expand_prefix(self._connection, match) if match else None

    def count_trials(self, query: TrialQuery = TrialQuery()) -> int:
        only_text = query.text and query.drug_id is None and not query.phase and not query.status
        if only_text and (match := self._text_match(query.text)):
            return self._text_matches(match)
        where, parameters = self._trial_filter(query)
        return self._rows(f"SELECT count(*) FROM trials t{where}", parameters)[0][0]

    def trials(self, query: TrialQuery = TrialQuery()) -> list[TrialRow]:
        """Every matching trial in display order (the grid pages with trial_page instead)."""
        where, parameters = self._trial_filter(query)
        keys = [row[0] for row in self._rows(f"SELECT t.id FROM trials t{where}{self._trial_order(query)}", parameters)]
        rows = self.trials_by_key(keys)
        return [rows[key] for key in keys]

    def trials_by_key(self, keys: Sequence[int]) -> dict[int, TrialRow]:
        found: dict[int, TrialRow] = {}
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            values = self._trial_values(chunk)
            for row in self._rows(f"SELECT {_TRIAL_COLUMNS} FROM trials t LEFT JOIN drugs d ON d.id = t.drug_id WHERE t.id IN ({marks})", chunk):
                found[row[0]] = _trial(row, values.get(row[0], ()))
        return found

    def _trial_values(self, keys: Sequence[int]) -> dict[int, tuple[TrialValue, ...]]:
        """What passages other than their primary one state about these trials, by trial."""
        found: dict[int, list[TrialValue]] = {}
        for trial, *row in self._rows(
                f"SELECT trial, field, value, text, {_PROVENANCE} FROM trial_values "
                f"WHERE trial IN ({','.join('?' * len(keys))}) ORDER BY id", list(keys)):
            found.setdefault(trial, []).append(TrialValue(*row[:3], Provenance(*row[3:])))
        return {trial: tuple(values) for trial, values in found.items()}

    def trial_history(self, query: TrialQuery, limit: int = HISTORY_LIMIT, total: int | None = None,
                      by: str = "posted") -> TrialHistory:
        """A query's trials as chart points: the `limit` latest by `by` (one of PLACED_BY), undated ones after.

        Walks the (posted, id) index from its end, as a grid page sorted by date does, so the whole
        catalogue costs `limit` rows. `total` is the query's count where the caller has it already
        (the grid does); otherwise it is counted, and only when more than `limit` match.
        """
        if by not in PLACED_BY:
            raise ValueError(f"trials are placed by one of {', '.join(PLACED_BY)}, not {by!r}")
        where, parameters = self._trial_filter(replace(query, sort=by), page_end=limit + 1)
        rows = self._rows(
            f"SELECT {_POINT_COLUMNS} FROM trials t LEFT JOIN drugs d ON d.id = t.drug_id{where} "
            f"ORDER BY t.{by} DESC, t.id DESC LIMIT ?", [*parameters, limit + 1])
        if total is None:
            total = len(rows) if len(rows) <= limit else self.count_trials(query)
        return TrialHistory(tuple(TrialPoint(*row) for row in rows[:limit]), total, by)

    def trial_passages(self, key: int) -> list[Provenance]:
        """Every passage that speaks of a trial: its primary one first."""
        primary = self._rows("SELECT source, section, line_start, line_end FROM trials WHERE id = ?", (key,))
        others = self._rows("SELECT source, section, line_start, line_end FROM trial_passages WHERE trial = ? ORDER BY id", (key,))
        return [Provenance(*row) for row in primary + others]

    def maybe_same(self, key: int) -> list[tuple[TrialRow, str]]:
        """Trials this one may be the same study as (one listed without a registry number, the other with
        one), each with what they share: said, never merged."""
        rows = self._rows("SELECT same_as, reason FROM trial_links WHERE trial = ?1 UNION ALL "
                          "SELECT trial, reason FROM trial_links WHERE same_as = ?1", (key,))
        found = self.trials_by_key([other for other, _ in rows])
        return [(found[other], reason) for other, reason in rows if other in found]

    def trial_phases(self) -> list[str]:
        """The phases the trials have, in phase order (read from the index once: the database never changes)."""
        if self._phases is None:
            phases = set(self._distinct("phase")) | self._also_stated("phase")
            self._phases = sorted(phases, key=lambda phase: (phase_rank(phase) or 0, phase))
        return self._phases

    def trial_statuses(self) -> list[str]:
        if self._statuses is None:
            self._statuses = sorted(set(self._distinct("status")) | self._also_stated("status"))
        return self._statuses

    def _also_stated(self, column: str) -> frozenset[str]:
        """The phases or statuses some passage gives a trial besides its primary one (read once)."""
        if column not in self._also:
            self._also[column] = frozenset(row[0] for row in self._rows(
                "SELECT DISTINCT value FROM trial_values WHERE field = ?", (column,)))
        return self._also[column]

    def _distinct(self, column: str) -> list[str]:
        """A column's distinct values by hopping along its index, one seek per value (not one per row)."""
        assert column in ("phase", "status")  # a fixed name, never user text
        return [row[0] for row in self._rows(
            f"WITH RECURSIVE v(value) AS (SELECT min({column}) FROM trials "
            f"UNION ALL SELECT (SELECT min({column}) FROM trials WHERE {column} > v.value) FROM v WHERE v.value IS NOT NULL) "
            "SELECT value FROM v WHERE value IS NOT NULL")]

    # ---- search ------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 50) -> SearchResult:
        try:
            return search_module.search(self._connection, text, limit)
        except sqlite3.DatabaseError as error:
            raise self._damaged(error) from None


def _chunks(items: list, size: int = 500) -> list[list]:
    """Items in runs short enough for one `IN (?, …)`: SQLite caps the parameters of a statement."""
    return [items[start:start + size] for start in range(0, len(items), size)]


def _trial(row: tuple, values: tuple[TrialValue, ...]) -> TrialRow:
    key, trial_id, drug_id, drug, *fields = row
    stored = {name: decode_list(value, _TRIAL_LISTS[name]) if name in _TRIAL_LISTS else value
              for name, value in zip(TRIAL_COLUMNS, fields)}
    return TrialRow(key=key, trial_id=trial_id, drug_id=drug_id, drug=drug, prov=Provenance(*fields[-4:]),
                    values=values, **stored)


def _identity(path: Path) -> tuple[int, ...] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns

