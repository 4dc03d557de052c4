"""What the parsers extract: plain records, each carrying the passage it came from.

Parsers fill an `Extraction` per source document; the store merges them into tables. Nothing here
knows about SQLite or Qt. Fields a source does not state stay None (or empty); nothing is defaulted.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: the source file, the heading it sat under, and its 1-based line span."""

    source: str
    section: str
    line_start: int
    line_end: int

    @property
    def span(self) -> str:
        """"34" or "30–34"."""
        return str(self.line_start) if self.line_start == self.line_end else f"{self.line_start}–{self.line_end}"

    @property
    def lines(self) -> str:
        """"line 34" or "lines 30–34"."""
        return f"line {self.line_start}" if self.line_start == self.line_end else f"lines {self.span}"


@dataclass
class Identifier:
    """A name or code the drug is known by. `kind`: generic_name, code_name, cas_number, unii, drugbank_id."""

    kind: str
    value: str
    prov: Provenance


@dataclass
class Property:
    """A single-valued attribute: drug_type, drug_class, route, mechanism_summary, development_status, developer…"""

    name: str
    value: str
    prov: Provenance


@dataclass
class Section:
    """A block of narrative text under a heading, kept whole so the app can show and search it."""

    kind: str
    heading: str
    body: str
    prov: Provenance


@dataclass
class DosingRow:
    parameter: str
    specification: str
    prov: Provenance


@dataclass
class AdverseEffect:
    """`seriousness` is 'common' or 'serious' as the source groups it; `frequency` is the source's own words."""

    effect: str
    description: str
    seriousness: str
    frequency: str | None
    frequency_group: str | None
    prov: Provenance


@dataclass
class Advice:
    """Patient-management advice; `category` is the source's sub-heading (e.g. "Pre-treatment Requirements")."""

    category: str
    label: str | None
    advice: str
    prov: Provenance


@dataclass
class Indication:
    """A condition the source names for the drug; `status` says in what capacity (approved, investigational)."""

    condition: str
    detail: str
    status: str
    prov: Provenance


@dataclass
class Finding:
    """An efficacy statement or a research area: a short label and the source's sentence(s)."""

    label: str | None
    statement: str
    prov: Provenance


@dataclass
class Designation:
    designation: str
    agency: str | None
    context: str
    prov: Provenance


@dataclass
class Event:
    """A development event; `date` is ISO (YYYY, YYYY-MM or YYYY-MM-DD) and `date_text` the source wording,
    both None where the source tells the event without a date."""

    date: str | None
    date_text: str | None
    kind: str
    description: str
    prov: Provenance


@dataclass
class ReceptorSubunit:
    """An IL-2 receptor subunit as a source names it: "α (CD25)"."""

    subunit: str
    marker: str
    prov: Provenance


@dataclass
class ReceptorComplex:
    """A receptor form and the cells a source says carry it; `subunits` in canonical order ("βγ"),
    `cells` in the source's words ("CD8+ T-cells and NK cells")."""

    name: str
    subunits: str
    cells: str
    prov: Provenance


@dataclass
class ReceptorStatement:
    """What a source says the drug does at the IL-2 receptor. `action`: engages, avoids or prefers;
    `target` as written, of `target_kind` subunits ("βγ"), marker ("CD122") or cells ("suppressor Tregs")."""

    action: str
    target: str
    target_kind: str
    statement: str
    prov: Provenance


# How each action reads in front of its target ("Targets βγ"). Here, beside the statement, so that a
# reader of records (the Mechanism pane) need not load the receptor parser's patterns.
ACTION_LABELS = {"engages": "Targets", "avoids": "Avoids", "prefers": "Prefers"}
SUBUNIT_LETTERS = "αβγ"  # the IL-2 receptor's subunits in their canonical order


def subunits_of(text: str) -> str:
    """"α \\ β \\ γ", "β/γ" → "αβγ", "βγ": the subunits in their canonical order. Kept with the records
    so that the diagram can use it without loading the receptor parser's patterns."""
    return "".join(letter for letter in SUBUNIT_LETTERS if letter in text)


@dataclass
class Approval:
    """One agency's finding. `finding`: 'none found', 'not approved' or 'approved'; `finding_text` verbatim."""

    agency: str
    finding: str
    finding_text: str
    prov: Provenance


@dataclass
class NotStated:
    """An explicit "No … information available" in a source: the topic is *not stated*, and we can say where."""

    topic: str
    source_text: str
    prov: Provenance


@dataclass
class Trial:
    """A trial as one source describes it. Several mentions of one trial ID are merged by the store.

    Text fields keep the source wording; `phase` and `status` are normalised for sorting and filtering.
    """

    trial_id: str | None
    prov: Provenance
    title: str | None = None
    programme: str | None = None
    phase: str | None = None
    phase_text: str | None = None
    status: str | None = None
    status_text: str | None = None
    recruitment_status: str | None = None
    enrollment: int | None = None
    posted: str | None = None
    posted_text: str | None = None
    conditions: str | None = None
    interventions: str | None = None
    endpoints: str | None = None
    countries: list[str] = field(default_factory=list)
    countries_more: int = 0
    sponsor: str | None = None
    summary: str | None = None
    citations: list[int] = field(default_factory=list)
    mentions: list[Provenance] = field(default_factory=list)


@dataclass
class GlossaryEntry:
    term: str
    abbreviation: str | None
    definition: str
    prov: Provenance


@dataclass
class Reference:
    number: int
    url: str
    prov: Provenance


@dataclass
class Disclaimer:
    text: str
    prov: Provenance


@dataclass
class Extraction:
    """Everything read from one source document about its drug."""

    source: str
    drug_name: str
    drug_name_prov: Provenance
    identifiers: list[Identifier] = field(default_factory=list)
    properties: list[Property] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    dosing: list[DosingRow] = field(default_factory=list)
    adverse_effects: list[AdverseEffect] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    indications: list[Indication] = field(default_factory=list)
    efficacy: list[Finding] = field(default_factory=list)
    research_areas: list[Finding] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    receptor_statements: list[ReceptorStatement] = field(default_factory=list)
    receptor_subunits: list[ReceptorSubunit] = field(default_factory=list)
    receptor_complexes: list[ReceptorComplex] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    not_stated: list[NotStated] = field(default_factory=list)
    trials: list[Trial] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    disclaimers: list[Disclaimer] = field(default_factory=list)
