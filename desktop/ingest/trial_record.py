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


# The field of a value that names a part of a registry record DrugRef does not read: its value is the part's
# path, its text the part's text where it is text (desktop.ingest.registry_unread). Not a trial field: no
# column, no grid cell, no `statements`; the trial dialog lists these apart.
UNREAD = "unread"


def shown(value) -> str:
    """A field's value as one text, the way a TrialValue keeps it: a list's items joined by "; "."""
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


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


# Normalised trial fields and the field that keeps the source's wording of each: every `x` with an `x_text`.
WORDING_OF = {f.name.removesuffix("_text"): f.name for f in fields(TrialFacts) if f.name.endswith("_text")}
