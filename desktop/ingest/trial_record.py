"""A trial as the readers record it: the fields the store keeps as columns, and every further value with
the passage that states it, so a second source's word is never lost."""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field, fields

from .provenance import Provenance


@dataclass
class TrialValue:
    """One field of a trial as one passage states it, where that passage is not the trial's primary one:
    a second status, the title from another list, a sentence of the trial's description."""

    field: str
    value: str
    text: str | None
    prov: Provenance


@dataclass
class TrialFacts:
    """The fields of a trial the store keeps as columns; shared by the reader's `Trial` and the store's row.

    Text fields keep the source wording; `phase` and `status` are normalised for sorting and filtering.
    """

    _: KW_ONLY
    title: str | None = None
    programme: str | None = None
    phase: str | None = None
    phase_text: str | None = None
    status: str | None = None
    status_text: str | None = None
    enrollment: int | None = None
    posted: str | None = None
    posted_text: str | None = None
    conditions: str | None = None
    interventions: str | None = None
    endpoints: str | None = None
    countries: list[str] = field(default_factory=list)
    countries_more: int | None = None
    sponsor: str | None = None
    summary: str | None = None
    citations: list[int] = field(default_factory=list)
    other_ids: list[str] = field(default_factory=list)  # further registry numbers of the same trial (EudraCT …)
    # What registry records (desktop.ingest.registry) state besides; a document that does not say stays None.
    # `programme` holds a record's acronym: both are the short name a study goes by (PIVOT-02, ARTISTRY-7),
    # which the look-up finds a trial by and the grid shows where a trial has no title.
    official_title: str | None = None
    org_study_id: str | None = None
    secondary_ids: list[str] = field(default_factory=list)  # "FDA: IND 123456": not registry numbers, never merged on
    why_stopped: str | None = None
    start: str | None = None
    start_text: str | None = None
    primary_completion: str | None = None
    primary_completion_text: str | None = None
    completion: str | None = None
    completion_text: str | None = None
    last_updated: str | None = None
    last_updated_text: str | None = None
    results_posted: str | None = None
    results_posted_text: str | None = None
    study_type: str | None = None
    study_type_text: str | None = None
    enrollment_type: str | None = None
    collaborators: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    secondary_endpoints: str | None = None
    sex: str | None = None
    sex_text: str | None = None
    minimum_age: str | None = None
    maximum_age: str | None = None


# Normalised trial fields and the field that keeps the source's wording of each.
WORDING_OF = {"phase": "phase_text", "status": "status_text", "posted": "posted_text", "start": "start_text",
              "primary_completion": "primary_completion_text", "completion": "completion_text",
              "last_updated": "last_updated_text", "results_posted": "results_posted_text",
              "study_type": "study_type_text", "sex": "sex_text"}


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
            shown = "; ".join(value) if isinstance(value, list) else str(value)
            if not any(v.field == name and v.value == shown and v.prov == prov for v in self.values):
                self.values.append(TrialValue(name, shown, text, prov))

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
            shown = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
            wording = getattr(self, WORDING_OF[f.name]) if f.name in WORDING_OF else None
            if not any(v.field == f.name and v.value == shown and v.prov == self.prov for v in self.values):
                self.values.append(TrialValue(f.name, shown, wording, self.prov))

    def mentioned_at(self, prov: Provenance) -> None:
        if not self.prov.covers(prov) and prov not in self.mentions:
            self.mentions.append(prov)
