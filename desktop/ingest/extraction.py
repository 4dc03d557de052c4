"""What a reader fills from one document: its `Extraction` (every fact it read, each with its passage),
the `Trial`s it lists and its `ReadReport`. Build-time only: the store's queries return the fact records
of ingest.records, and the window never loads this module."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from .provenance import Provenance
from .records import (
    FACT_TYPES, NAME_KINDS, AdverseEffect, Advice, Approval, ApprovedProduct, Designation, Disclaimer, DosingRow, Event,
    Finding, GlossaryEntry, Identifier, Indication, Mention, NotStated, Property, ReceptorComplex, ReceptorStatement,
    ReceptorSubunit, Reference, Section,
)
from .trial_record import WORDING_OF, TrialFacts, TrialValue, shown


@dataclass
class Trial(TrialFacts):
    """A trial as the sources describe it. Mentions of one registry ID are merged by the store; every
    further passage is in `mentions`, and every value read from one of them in `values`."""

    trial_id: str | None
    prov: Provenance
    mentions: list[Provenance] = field(default_factory=list)
    values: list[TrialValue] = field(default_factory=list)
    # A registry record's study (desktop.ingest.registry): every field is also one of `values`, each with its
    # JSON path; `intervention_names` are the names and other names its interventions are given, which
    # attach it to the catalogue's drugs.
    from_registry: bool = False
    intervention_names: list[str] = field(default_factory=list)

    def state(self, name: str, value, text: str | None, prov: Provenance) -> None:
        """Set a field from a passage: the first value stays the field's; a value from a passage other
        than the trial's primary one is also kept in `values`, so a second source's word is never lost."""
        if value in (None, "", []):
            return
        if getattr(self, name) in (None, "", []):
            setattr(self, name, value)
            if name in WORDING_OF:
                setattr(self, WORDING_OF[name], text)
        if not self.prov.covers(prov):
            written = shown(value)
            if not any(v.field == name and v.value == written and v.prov == prov for v in self.values):
                self.values.append(TrialValue(name, written, text, prov))

    def adopt(self, name: str, value, text: str | None) -> None:
        """Take a field another mention states where this trial says nothing, without a value of its own:
        the mention (a registry record) keeps that value, with its passage, in its own `values`."""
        if value not in (None, "", []) and getattr(self, name) in (None, "", []):
            setattr(self, name, value)
            if name in WORDING_OF:
                setattr(self, WORDING_OF[name], text)

    def describe(self, sentence: str, prov: Provenance) -> None:
        """Add a sentence about the trial: to its summary when it is in the primary passage, else kept with
        its own passage, so every sentence quoted about a trial cites the lines it is on."""
        if self.prov.covers(prov):
            if sentence not in (self.summary or ""):
                self.summary = f"{self.summary} {sentence}" if self.summary else sentence
        else:
            self.mentioned_at(prov)
            if sentence not in (self.summary or "") and not any(
                    v.field == "summary" and v.value == sentence for v in self.values):
                self.values.append(TrialValue("summary", sentence, None, prov))

    def keep_as_values(self) -> None:
        """Keep every field stated so far as a value of the current primary passage: done before another
        passage (a table row) becomes primary, so each value still cites the lines it was read from."""
        for f in fields(TrialFacts):
            value = getattr(self, f.name)
            if value in (None, "", []) or f.name in WORDING_OF.values() or f.name == "citations":
                continue
            written = shown(value)
            wording = getattr(self, WORDING_OF[f.name]) if f.name in WORDING_OF else None
            if not any(v.field == f.name and v.value == written and v.prov == self.prov for v in self.values):
                self.values.append(TrialValue(f.name, written, wording, self.prov))

    def mentioned_at(self, prov: Provenance) -> None:
        if not self.prov.covers(prov) and prov not in self.mentions:
            self.mentions.append(prov)


@dataclass
class ReadReport:
    """What a reader did with a document, line by line, for `drugref build-db` and its --report.

    `unrecognised`: headings no topic covers, whose sections are kept as text under their own heading.
    `text_only`: sections of a known topic kept as text because their content had no shape to read facts
    from. `unplaced`: lines read into nothing (kept as text, shown under "Text not placed"). `ignored`:
    page furniture recognised as such ("Help Us Improve"). `notes`: a value seen but not taken, and why.
    `removed`: lines that had control characters, which were taken out. Each entry is (line, text, why).
    """

    unrecognised: list[tuple[int, str, str]] = field(default_factory=list)
    text_only: list[tuple[int, str, str]] = field(default_factory=list)
    unplaced: list[tuple[int, str, str]] = field(default_factory=list)
    ignored: list[tuple[int, str, str]] = field(default_factory=list)
    notes: list[tuple[int, str, str]] = field(default_factory=list)
    removed: list[tuple[int, str, str]] = field(default_factory=list)


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
    conditions: list[Indication] = field(default_factory=list)
    efficacy: list[Finding] = field(default_factory=list)
    research_areas: list[Finding] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    receptor_statements: list[ReceptorStatement] = field(default_factory=list)
    receptor_subunits: list[ReceptorSubunit] = field(default_factory=list)
    receptor_complexes: list[ReceptorComplex] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    approved_products: list[ApprovedProduct] = field(default_factory=list)
    not_stated: list[NotStated] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    trials: list[Trial] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    disclaimers: list[Disclaimer] = field(default_factory=list)
    report: ReadReport = field(default_factory=ReadReport)

    def code_names(self) -> set[str]:
        return {i.value for i in self.identifiers if i.kind == "code_name"}

    def names(self) -> set[str]:
        """Every name the document gives the drug: its title name, generic name and code names."""
        return {self.drug_name, *(i.value for i in self.identifiers if i.kind in NAME_KINDS)}

    def counts(self) -> dict[str, int]:
        """How many facts of each type, trials included, leaving out the empty ones."""
        counts = {fact.name: len(getattr(self, fact.name)) for fact in FACT_TYPES}
        counts["trials"] = len(self.trials)
        return {name: count for name, count in counts.items() if count}
