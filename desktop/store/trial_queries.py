"""The store's trial queries: the grid's pages in any sort order and filter, counts, positions, the history
chart's points, a trial's passages and possible duplicates. A part of `Store` (queries.py), which it extends;
split out for size, it reads through the store's own connection and caches."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from ..ingest.clean import normalise_status, phase_filter, phase_rank
from . import search as search_module
from .results import NO_DRUG, Provenance, TrialHistory, TrialPoint, TrialRow, TrialValue
from .schema import TRIAL_COLUMNS, TRIALS_FTS, decode_list, list_fields
from .trial_columns import SORT_COLUMNS

# Any number of ids as one parameter: a placeholder each stops at SQLite's limit on variables (32,766).

# A text filter's page walks the sort order, testing each row, when that reads fewer index entries
# than collecting and sorting every match would: about (rows needed) × trials ÷ matches entries
# walked against every match fetched, a fetch costing about WALK_COST entries walked (measured
# at 500,000 trials: 0.5 µs an entry, 2 µs a match).
WALK_COST = 4

_TRIAL_COLUMNS = "t.id, t.trial_id, t.drug_id, d.name, " + ", ".join(f"t.{name}" for name in TRIAL_COLUMNS) + (
    ", t.source, t.section, t.line_start, t.line_end")
_TRIAL_LISTS = list_fields(TrialRow)
_PROVENANCE = "source, section, line_start, line_end"
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


class TrialQueries:
    """Expects `_rows` and `_connection` (Store)."""

    def __init__(self) -> None:
        # What a read-only database answers once: kept for the store's life.
        self._valued: dict[TrialQuery, int] = {}  # where a query's empty sort values begin, once known
        self._match_counts: dict[str, int] = {}
        self._trial_total: int | None = None
        self._phases: list[str] | None = None
        self._statuses: list[str] | None = None
        self._also: dict[str, frozenset[str]] = {}

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

    def has_trials(self, query: TrialQuery) -> bool:
        """Whether any trial matches: one row found, not every match counted."""
        where, parameters = self._trial_filter(query)
        return bool(self._rows(f"SELECT 1 FROM trials t{where} LIMIT 1", parameters))

    def dates_stated(self, by: str) -> bool:
        """Whether any trial states a date it can be placed by (`by`, one of PLACED_BY): an index seek."""
        if by not in PLACED_BY:
            raise ValueError(f"trials are placed by one of {', '.join(PLACED_BY)}, not {by!r}")
        return bool(self._rows(f"SELECT 1 FROM trials WHERE {by} IS NOT NULL LIMIT 1"))

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


def _chunks(items: list, size: int = 500) -> list[list]:
    """Items in runs short enough for one `IN (?, …)`: SQLite caps the parameters of a statement."""
    return [items[start:start + size] for start in range(0, len(items), size)]


def _trial(row: tuple, values: tuple[TrialValue, ...]) -> TrialRow:
    key, trial_id, drug_id, drug, *fields = row
    stored = {name: decode_list(value, _TRIAL_LISTS[name]) if name in _TRIAL_LISTS else value
              for name, value in zip(TRIAL_COLUMNS, fields)}
    return TrialRow(key=key, trial_id=trial_id, drug_id=drug_id, drug=drug, prov=Provenance(*fields[-4:]),
                    values=values, **stored)
