"""What the readers extract: plain records, each carrying the passage it came from.

Readers fill an `Extraction` (ingest.extraction) per source document with these; the store merges them
into tables and its queries return them, so the window loads this module but not the readers' own types.
Nothing here knows about SQLite or Qt. Fields a source does not state stay None (or empty); nothing is defaulted.

Each kind of fact is declared once, in `FACT_TYPES`: its record class, the list that collects it and
the table that stores it. The store derives the table's columns, the build's rows and the read query
from the record's fields, so a new field is one line in its record plus the reader that fills it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .provenance import Provenance
from .trial_record import WORDING_OF, TrialFacts, TrialValue  # noqa: F401 - records of the readers' interface


@dataclass
class Identifier:
    """A name or code the drug is known by. `kind`: generic_name, code_name, cas_number, unii, drugbank_id."""

    kind: str
    value: str
    prov: Provenance


NAME_KINDS = ("generic_name", "code_name")  # the identifiers that are names the drug goes by


@dataclass
class Property:
    """A single-valued attribute: drug_type, drug_class, route, mechanism_summary, development_status, developer…"""

    name: str
    value: str
    prov: Provenance


@dataclass
class Section:
    """A block of text under a heading, kept whole so the app can show and search it. `kind` is the topic
    its heading names (see `topics`), or "other" for a heading no topic covers."""

    kind: str
    heading: str
    body: str
    prov: Provenance


@dataclass
class DosingRow:
    """One row of a dosing table: its first cell as `parameter`, the rest as `specification` (with their
    column headers when the table has more than two columns); `headers` and `cells` as the table has them."""

    parameter: str
    specification: str
    prov: Provenance
    headers: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)


@dataclass
class AdverseEffect:
    """`seriousness` is 'common' or 'serious' as the source groups it, the group's own heading otherwise,
    None where the source lists the effect under no group; `frequency` is the source's own words."""

    effect: str
    description: str
    seriousness: str | None
    frequency: str | None
    frequency_group: str | None
    prov: Provenance


@dataclass
class Advice:
    """Patient-management advice; `category` is the source's sub-heading (e.g. "Pre-treatment Requirements"),
    or the section's heading where the advice stands under none."""

    category: str
    label: str | None
    advice: str
    prov: Provenance


@dataclass
class Indication:
    """A condition the source names for the drug; `status` says in what capacity (approved, under
    investigation, as stated, associated condition)."""

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
    """A development event. `label` is the sentence's own words for what happened ("not FDA-approved");
    `date` is ISO (YYYY, YYYY-MM or YYYY-MM-DD) and `date_text` the source wording, both None where the
    source tells the event without a date."""

    date: str | None
    date_text: str | None
    kind: str
    description: str
    prov: Provenance
    label: str | None = None


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
    `target` as written, of `target_kind` subunits ("βγ"), marker ("CD122") or cells ("suppressor Tregs").
    `intent` is the sentence's own hedge where it states a design aim rather than a finding
    ("designed", "aimed to"), None where it states what the drug does."""

    action: str
    target: str
    target_kind: str
    statement: str
    prov: Provenance
    intent: str | None = None


# How each action reads in front of its target ("Targets βγ"), and in front of a stated aim ("Designed to
# target"). Here, beside the statement, so that a reader of records need not load the receptor parser.
ACTION_LABELS = {"engages": "Targets", "avoids": "Avoids", "prefers": "Prefers"}
INTENDED_ACTION_LABELS = {"engages": "Aimed to target", "avoids": "Aimed to avoid", "prefers": "Designed to prefer"}
SUBUNIT_LETTERS = "αβγ"  # the IL-2 receptor's subunits in their canonical order


def action_label(statement: ReceptorStatement) -> str:
    labels = INTENDED_ACTION_LABELS if statement.intent else ACTION_LABELS
    return labels.get(statement.action, statement.action)


def subunits_of(text: str) -> str:
    """"α \\ β \\ γ", "β/γ" → "αβγ", "βγ": the subunits in their canonical order. Kept with the records
    so that the diagram can use it without loading the receptor parser's patterns."""
    return "".join(letter for letter in SUBUNIT_LETTERS if letter in text)


@dataclass
class Approval:
    """One agency's finding. `finding`: 'none found', 'not approved', 'approved' or 'stated'; `finding_text` verbatim."""

    agency: str
    finding: str
    finding_text: str
    prov: Provenance


@dataclass
class ApprovedProduct:
    """A product an agency's section lists as approved: its cells under the section's column headers,
    and the ones DrugRef recognises by their header (product, company, number, route, form, strength, date)."""

    agency: str
    product: str | None
    prov: Provenance
    company: str | None = None
    number: str | None = None
    route: str | None = None
    form: str | None = None
    strength: str | None = None
    date: str | None = None
    date_text: str | None = None
    status: str | None = None
    headers: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)


@dataclass
class NotStated:
    """An explicit "No … information available" in a source: the topic is *not stated*, and we can say where."""

    topic: str
    source_text: str
    prov: Provenance


@dataclass
class Mention:
    """A sentence that speaks of a topic (safety, dosing…) outside the section that states it: what a pane
    shows instead of "not stated" when a drug's sources touch the topic only in passing."""

    topic: str
    sentence: str
    prov: Provenance


@dataclass
class GlossaryEntry:
    term: str
    abbreviation: str | None
    definition: str
    prov: Provenance


@dataclass
class Reference:
    """A numbered reference: its address and/or its citation text, as the source writes them."""

    number: int
    url: str | None
    prov: Provenance
    title: str | None = None


@dataclass
class Disclaimer:
    text: str
    prov: Provenance


@dataclass(frozen=True)
class FactType:
    """One kind of fact: `name` is the Extraction list that collects it (and the record's attribute in the
    store's DrugRecord), `table` where it is stored; `per_drug` facts carry the drug they are about."""

    name: str
    table: str
    record: type
    per_drug: bool = True


FACT_TYPES: tuple[FactType, ...] = (
    FactType("identifiers", "identifiers", Identifier),
    FactType("properties", "properties", Property),
    FactType("sections", "sections", Section),
    FactType("dosing", "dosing", DosingRow),
    FactType("adverse_effects", "adverse_effects", AdverseEffect),
    FactType("advice", "patient_advice", Advice),
    FactType("indications", "indications", Indication),
    FactType("conditions", "associated_conditions", Indication),
    FactType("efficacy", "efficacy", Finding),
    FactType("research_areas", "research_areas", Finding),
    FactType("designations", "designations", Designation),
    FactType("events", "events", Event),
    FactType("receptor_statements", "receptor_statements", ReceptorStatement),
    FactType("approvals", "approvals", Approval),
    FactType("approved_products", "approved_products", ApprovedProduct),
    FactType("not_stated", "not_stated", NotStated),
    FactType("mentions", "mentions", Mention),
    FactType("disclaimers", "disclaimers", Disclaimer),
    # The receptor's parts and the terms a source explains are not about one drug.
    FactType("receptor_subunits", "receptor_subunits", ReceptorSubunit, per_drug=False),
    FactType("receptor_complexes", "receptor_complexes", ReceptorComplex, per_drug=False),
    FactType("glossary", "glossary", GlossaryEntry, per_drug=False),
    FactType("references", "source_references", Reference, per_drug=False),
)
FACTS = {fact.name: fact for fact in FACT_TYPES}
