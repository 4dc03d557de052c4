"""What the store's queries return: plain dataclasses, safe to hand to Qt models, the CLI or JSON."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..ingest.records import (
    AdverseEffect, Advice, ApprovedProduct, DosingRow, Designation, Disclaimer, Event, Finding, GlossaryEntry,
    Identifier, Indication, Mention, NotStated, Property, Provenance, ReceptorComplex, ReceptorStatement,
    ReceptorSubunit, Reference, Section, TrialFacts, TrialValue, WORDING_OF,
)
from ..ingest.trial_record import shown

NOT_STATED = "not stated in the sources"
DATE_NOT_STATED = "Date not stated"

__all__ = [
    "AdverseEffect", "Advice", "AgencyFinding", "ApprovedProduct", "DosingRow", "Designation", "Disclaimer", "DrugRecord",
    "DATE_NOT_STATED", "DrugSummary", "Event", "event_when", "Finding", "GlossaryEntry", "Hit", "Identifier", "Indication", "Mention", "NOT_STATED",
    "NotStated", "Passage", "Property", "Provenance", "ReceptorComplex", "ReceptorParts", "ReceptorStatement",
    "ReceptorSubunit", "Reference", "SearchResult", "Section", "SourceSummary",
    "TrialHistory", "TrialPoint", "TrialRow", "TrialValue",
]


def event_when(event: Event) -> str:
    """An event's date as its source writes it, or that the source gives none."""
    return event.date_text or DATE_NOT_STATED


@dataclass(slots=True)  # not frozen: a catalogue builds ten thousand of these at start-up
class DrugSummary:
    """A drug as the list shows it: its id (slug), name, the status the sources give, and code names."""

    id: str
    name: str
    status: str | None
    status_detail: str | None
    code_names: tuple[str, ...]

    @property
    def status_label(self) -> str:
        parts = [p for p in (self.status, self.status_detail) if p]
        return " · ".join(parts) if parts else "Status " + NOT_STATED


@dataclass(frozen=True)
class SourceSummary:
    id: str
    kind: str
    publisher: str | None
    title: str
    as_of: str | None
    as_of_quote: str | None
    as_of_line: int | None
    line_count: int
    reading: str | None = None  # what the reader left of the document, as JSON (see ingest.records.ReadReport)

    @property
    def report(self) -> dict:
        return json.loads(self.reading) if self.reading else {}


@dataclass(frozen=True)
class AgencyFinding:
    """One agency's finding for one drug; `prov` is None where the drug's sources are silent. Where several
    sources name the agency, the first is this finding and the others are in `also`, each with its passage:
    two sources that disagree are both shown, never the later one instead of the earlier."""

    agency: str
    finding: str
    finding_text: str | None
    prov: Provenance | None
    also: tuple["AgencyFinding", ...] = ()

    @property
    def findings(self) -> tuple["AgencyFinding", ...]:
        return (self, *self.also)

    @property
    def label(self) -> str:
        """"approved", or "not approved / approved" where the sources disagree."""
        return " / ".join(dict.fromkeys(f.finding for f in self.findings))

    @property
    def disagrees(self) -> bool:
        return len({f.finding for f in self.findings}) > 1


# The drug filter's value for trials of no drug (registry studies whose interventions name no drug of the
# catalogue): not a drug id, which is a slug of letters, digits and dashes.
NO_DRUG = "(no drug)"
NO_DRUG_LABEL = "Trials not linked to a drug"
NOT_LINKED = "not linked to a drug"  # a trial's drug, where it has none


@dataclass
class TrialRow(TrialFacts):
    """One row of the trials grid: the stored fields of a trial (`TrialFacts`), where it is and whose it is.
    `key` is the database row; `trial_id` the registry ID, or None. `values` holds what passages other
    than the primary one state (a second status, a title from another list), each with its passage."""

    key: int
    trial_id: str | None
    drug_id: str | None    # None: a registry record's study that names no drug of the catalogue
    drug: str | None
    prov: Provenance
    values: tuple[TrialValue, ...] = ()

    @property
    def drug_label(self) -> str:
        """The drug's name, or that the trial is linked to none (a registry study naming no known drug)."""
        return self.drug or NOT_LINKED

    @property
    def label(self) -> str:
        return trial_label(self.trial_id, self.programme, self.title, self.posted)

    @property
    def countries_label(self) -> str | None:
        if not self.countries:
            return None
        listed = ", ".join(self.countries)
        return f"{listed} (+{self.countries_more} more)" if self.countries_more else listed

    def statements(self, name: str) -> list[tuple[str, str | None, Provenance]]:
        """Each value the sources give a field — (value, the source's wording, passage) — the primary one first.

        The primary passage is cited for a value only where no other passage gives that value: a trial whose
        table row became its primary passage keeps what the prose said of it (its interventions, its summary),
        and the row does not say that; the prose passage does, and is cited instead."""
        others = [(value.value, value.text, value.prov) for value in self.values if value.field == name]
        first = getattr(self, name)
        if first in (None, "", []):
            return others
        written = shown(first)
        if any(value == written for value, _, _ in others):
            return others
        wording = WORDING_OF.get(name)
        return [(written, getattr(self, wording) if wording else None, self.prov), *others]

    def stated(self, name: str) -> list[str]:
        """Every distinct value the sources give a field, the primary one first."""
        return list(dict.fromkeys(value for value, _, _ in self.statements(name)))

    @property
    def statuses(self) -> list[str]:
        return self.stated("status")

    @property
    def status_label(self) -> str | None:
        """"Authorised / Recruiting" where the sources disagree; the one status where they agree."""
        return " / ".join(self.statuses) or None


@dataclass(frozen=True)
class ReceptorParts:
    """The IL-2 receptor as the sources describe it, whichever drug's source says so."""

    subunits: tuple[ReceptorSubunit, ...]
    complexes: tuple[ReceptorComplex, ...]


def trial_label(trial_id: str | None, programme: str | None, title: str | None, posted: str | None) -> str:
    """How a trial is named: its registry ID, else its programme or title, else when it was posted."""
    fallback = f"Trial posted {posted}" if posted else "Unnamed trial"
    return trial_id or programme or title or fallback


@dataclass(frozen=True, slots=True)
class TrialPoint:
    """One trial as the history chart draws it: phase and status normalised (for lanes and colours) and
    as the source wrote them (for the tooltip). `posted` and `start` are ISO dates (a registry's start may
    be a month, "2023-03"), or None."""

    key: int
    trial_id: str | None
    drug: str
    programme: str | None
    title: str | None
    phase: str | None
    phase_text: str | None
    status: str | None
    status_text: str | None
    posted: str | None
    posted_text: str | None
    start: str | None = None
    start_text: str | None = None

    @property
    def label(self) -> str:
        return trial_label(self.trial_id, self.programme, self.title, self.posted)


@dataclass(frozen=True)
class TrialHistory:
    """The points of a trials query, the latest first by the date they are placed by (`by`: "posted", or
    "start" where registry records give start dates) and undated last; `total` is how many trials match,
    more than len(points) when the query matched more than the chart's limit."""

    points: tuple[TrialPoint, ...]
    total: int
    by: str = "posted"

    @property
    def truncated(self) -> bool:
        return len(self.points) < self.total


@dataclass
class DrugRecord:
    """Everything the sources say about one drug, each fact with its passage."""

    summary: DrugSummary
    identifiers: list[Identifier]
    properties: list[Property]
    sections: list[Section]
    dosing: list[DosingRow]
    adverse_effects: list[AdverseEffect]
    advice: list[Advice]
    indications: list[Indication]
    conditions: list[Indication]
    efficacy: list[Finding]
    research_areas: list[Finding]
    designations: list[Designation]
    events: list[Event]
    approvals: list[AgencyFinding]
    approved_products: list[ApprovedProduct]
    not_stated: list[NotStated]
    mentions: list[Mention]
    trial_count: int
    trial_status_counts: list[tuple[str, int]]
    key_trials: list[TrialRow]  # the most informative few; store.trials() gives them all
    glossary: list[GlossaryEntry]
    references: list[Reference]
    disclaimers: list[Disclaimer]
    sources: list[SourceSummary]
    name_prov: Provenance | None = None
    # How the counts should be read: trials that two passages give different statuses (counted under each),
    # and entries without a registry number that may be the same study as a listed one (counted apart).
    trials_with_two_statuses: int = 0
    trials_maybe_listed_twice: int = 0
    receptor_statements: list[ReceptorStatement] = field(default_factory=list)
    receptor_parts: ReceptorParts = ReceptorParts((), ())

    def property(self, name: str) -> Property | None:
        return next((p for p in self.properties if p.name == name), None)

    def identifiers_of(self, kind: str) -> list[Identifier]:
        return [i for i in self.identifiers if i.kind == kind]


@dataclass(frozen=True)
class Hit:
    """A search result. `target` is the row it opens (section, trial or glossary id); None for a drug."""

    kind: str
    drug_id: str | None
    drug: str | None
    title: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float
    target: int | None


@dataclass
class SearchResult:
    """Hits best first; `many` names the kinds that matched too often to rank (shown in match order)."""

    hits: list[Hit] = field(default_factory=list)
    suggestion: str | None = None
    many: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Passage:
    """Lines `line_start`..`line_end` of a source, with a little context either side for reading."""

    source: SourceSummary
    line_start: int
    line_end: int
    lines: tuple[tuple[int, str], ...]

    @property
    def text(self) -> str:
        return "\n".join(text for number, text in self.lines if self.line_start <= number <= self.line_end)
