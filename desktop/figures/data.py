"""What the receptor diagram and the development timeline show, decided from a drug's record.

Nothing here adds knowledge: a cell is "engaged" or "avoided" only where a sentence of the drug's
own source says so, and the receptor's parts are the ones a source describes. Where the sources
are silent the picture says "not stated".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.records import subunits_of
from ..store.results import (
    DATE_NOT_STATED, NOT_STATED, DrugRecord, Provenance, ReceptorComplex, ReceptorStatement, ReceptorSubunit, event_when,
)

ENGAGED, AVOIDED, CONFLICTING, SILENT = "engaged", "avoided", "engaged and avoided", NOT_STATED
# How a cell's verdict reads on the picture: as a finding, or as what the drug was designed to do.
VERDICT_WORDS = {ENGAGED: "targets", AVOIDED: "avoids", CONFLICTING: "targets and avoids"}
INTENDED_WORDS = {ENGAGED: "aimed to target", AVOIDED: "aimed to avoid", CONFLICTING: "aimed to target and avoid"}


@dataclass(frozen=True)
class CellFigure:
    """One kind of cell with the receptor form a source says it carries, and what the drug does there."""

    cell: str
    receptor: ReceptorComplex
    verdict: str
    statements: tuple[ReceptorStatement, ...]


@dataclass(frozen=True)
class ReceptorFigure:
    drug_name: str
    subunits: tuple[ReceptorSubunit, ...]
    cells: tuple[CellFigure, ...]
    preferred: str           # subunits the drug is said to prefer ("β" for "CD122-preferential")
    avoided_subunits: str    # subunits the drug is said not to bind ("α")
    statements: tuple[ReceptorStatement, ...]

    @property
    def intended(self) -> bool:
        """Every statement says what the drug was designed or aimed to do, none what it was found to do."""
        return bool(self.statements) and all(s.intent for s in self.statements)

    def verdict_word(self, verdict: str) -> str:
        words = INTENDED_WORDS if self.intended else VERDICT_WORDS
        return words.get(verdict, NOT_STATED if verdict == SILENT else verdict)

    def parts_cited(self) -> str:
        """Where the receptor's parts come from ("001_….txt, lines 14–16"), for the drugs whose own sources
        do not describe the receptor."""
        provs = [x.prov for x in (*self.subunits,)] + [c.receptor.prov for c in self.cells]
        if not provs:
            return ""
        source = provs[0].source
        lines = [p for p in provs if p.source == source]
        first, last = min(p.line_start for p in lines), max(p.line_end for p in lines)
        return f"{source}, {'line ' + str(first) if first == last else f'lines {first}–{last}'}"

    def marker_of(self, subunit: str) -> str | None:
        return next((s.marker for s in self.subunits if s.subunit == subunit), None)

    def text_alternative(self) -> str:
        if not self.subunits and not self.cells:
            return f"The sources do not describe the IL-2 receptor; what {self.drug_name} engages is {NOT_STATED}."
        parts = []
        if self.subunits:
            named = [f"{s.subunit} ({s.marker})" for s in self.subunits]
            parts.append(f"The sources ({self.parts_cited()}) describe the IL-2 receptor's subunits as " + _join(named) + ".")
        for receptor, cells in _by_receptor(self.cells):
            parts.append(f"{_join(cells)} carry the {receptor.name.lower()} ({receptor.subunits}).")
        if not self.statements:
            parts.append(f"Which receptor {self.drug_name} engages is {NOT_STATED}.")
            return " ".join(parts)
        said = []
        aimed = self.intended
        for verdict in (ENGAGED, AVOIDED, CONFLICTING):
            cells = [c.cell for c in self.cells if c.verdict == verdict]
            if cells:
                words = ({ENGAGED: "was designed to target", AVOIDED: "to avoid", CONFLICTING: "to target and to avoid"}
                         if aimed else {ENGAGED: "targets", AVOIDED: "avoids", CONFLICTING: "is said both to target and to avoid"})
                said.append(words[verdict] + " " + _join(cells))
        if self.preferred:
            preferential = _join([f"{s} ({self.marker_of(s) or s})" for s in self.preferred]) + "-preferential"
            said.append(("was designed as " if aimed else "is ") + preferential)
        if self.avoided_subunits:
            said.append("does not bind the " + _join(list(self.avoided_subunits)) + " subunit")
        silent = [c.cell for c in self.cells if c.verdict == SILENT]
        text = f"As its source states, {self.drug_name} " + _join(said) + "."
        if aimed:
            text += " The source states these as aims of its design, not as findings."
        if silent:
            text += f" For {_join(silent)} it is {NOT_STATED}."
        return " ".join([*parts, text])


def receptor_figure(record: DrugRecord) -> ReceptorFigure:
    parts = record.receptor_parts
    statements = tuple(record.receptor_statements)
    markers = {s.marker: s.subunit for s in parts.subunits}
    cells = []
    for receptor in parts.complexes:
        for cell in _cells(receptor.cells):
            about = tuple(s for s in statements if _concerns(s, cell, receptor))
            engaged = any(s.action == "engages" for s in about)
            avoided = any(s.action == "avoids" for s in about)
            verdict = CONFLICTING if engaged and avoided else ENGAGED if engaged else AVOIDED if avoided else SILENT
            cells.append(CellFigure(cell, receptor, verdict, about))
    preferred = subunits_of("".join(markers.get(s.target, "") for s in statements if s.action == "prefers"))
    avoided = subunits_of("".join(s.target for s in statements
                                 if s.action == "avoids" and s.target_kind == "subunits" and len(s.target) == 1))
    return ReceptorFigure(record.summary.name, parts.subunits, tuple(cells), preferred, avoided, statements)


def _cells(text: str) -> list[str]:
    """"CD8+ T-cells and NK cells" → ["CD8+ T-cells", "NK cells"]."""
    return [part.strip() for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if part.strip()]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.casefold()))


def _concerns(statement: ReceptorStatement, cell: str, receptor: ReceptorComplex) -> bool:
    if statement.target_kind == "cells":
        # A cell is named by its first word ("CD8+", "NK", "Tregs"), however the sentence spells the rest.
        key = re.findall(r"[a-z0-9]+", cell.casefold())[:1]
        return bool(key) and key[0] in _words(statement.target)
    if statement.target_kind == "subunits":
        if statement.action == "avoids" and len(statement.target) == 1:
            return statement.target in receptor.subunits  # not binding α spares every form that needs α
        return statement.target == receptor.subunits
    return False


def _by_receptor(cells: tuple[CellFigure, ...]) -> list[tuple[ReceptorComplex, list[str]]]:
    grouped: list[tuple[ReceptorComplex, list[str]]] = []
    for cell in cells:
        if grouped and grouped[-1][0] is cell.receptor:
            grouped[-1][1].append(cell.cell)
        else:
            grouped.append((cell.receptor, [cell.cell]))
    return grouped


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ---- timeline -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Milestone:
    label: str
    date: str | None        # ISO, None where the source gives no date
    when: str               # the date as the source writes it, or "Date not stated"
    text: str               # the source's sentence
    prov: Provenance


@dataclass(frozen=True)
class TimelineFigure:
    drug_name: str
    dated: tuple[Milestone, ...]     # by date
    undated: tuple[Milestone, ...]   # in the order the sources tell them

    def years(self) -> tuple[int, int] | None:
        if not self.dated:
            return None
        years = [int(m.date[:4]) for m in self.dated if m.date]
        return min(years), max(years)

    def text_alternative(self) -> str:
        if not (self.dated or self.undated):
            return f"The sources state no development events for {self.drug_name}."
        parts = []
        if self.dated:
            parts.append(f"Dated events for {self.drug_name}: " + "; ".join(f"{m.when}: {m.label}" for m in self.dated) + ".")
        if self.undated:
            parts.append("Without a date, in the order the sources tell them: " + "; ".join(m.label for m in self.undated) + ".")
        return " ".join(parts)


def timeline_figure(record: DrugRecord) -> TimelineFigure:
    """Dated events on a time line; designations and undated milestones in the order the sources tell them."""
    milestones = [Milestone(e.label or e.kind.capitalize(), e.date, event_when(e), e.description, e.prov)
                  for e in record.events]
    dated_designations = {e.description for e in record.events if e.kind == "designation" and e.date}
    milestones += [
        Milestone(f"{d.designation} designation ({d.agency or 'agency not stated'})", None, DATE_NOT_STATED,
                  d.context, d.prov)
        for d in record.designations if d.context not in dated_designations  # a dated sentence is on the axis
    ]
    dated = sorted((m for m in milestones if m.date), key=lambda m: (m.date, m.prov.line_start))
    undated = sorted((m for m in milestones if not m.date), key=lambda m: (m.prov.source, m.prov.line_start, _told_at(m)))
    return TimelineFigure(record.summary.name, tuple(dated), tuple(undated))


def _told_at(milestone: Milestone) -> int:
    """Where in its sentence a milestone is told, so two from one sentence keep the sentence's order."""
    return max(0, milestone.text.casefold().find(milestone.label.casefold()[:6]))
