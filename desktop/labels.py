"""The words DrugRef puts beside source values, declared once for the panes, the printed sheet, the
command line and Compare: what an identifier or a property is called, how a designation reads, what a
group of side effects is titled, how a phase reads and a registry's code is shown; and the disclaimers, on
screen and on every printed sheet. Qt-free."""
from __future__ import annotations

import re

from .ingest.clean import EARLY_PHASE_1, NOT_APPLICABLE

# The disclaimers: the status bar's line (its tooltip and About say it whole), and the printed sheet's box and
# footer, which name the sources the sheet lists.
DISCLAIMER_SHORT = "Educational reference — not medical advice. Every fact is quoted from a source you can open."
DISCLAIMER = (
    "For education and reference only — not medical advice. Every fact is quoted from its source, "
    "with the source's date where it gives one; drugs are labelled investigational where the sources say so."
)
SHEET_DISCLAIMER = (
    "Educational reference, not medical advice. Every statement is quoted or summarised from the "
    "sources named below, as of their stated dates; check current prescribing information and trial registries "
    "before clinical use."
)
SHEET_FOOTER = ("Educational reference from the sources named on it — not medical advice. "
                "Investigational drugs are labelled as the sources state.")

# A trial's fields as the trial dialog and the grid's columns name them.
TRIAL_FIELD_LABELS: dict[str, str] = {
    "trial_id": "Trial ID",
    "programme": "Programme",
    "title": "Title",
    "phase": "Phase",
    "status": "Status",
    "enrollment": "Enrollment",
    "posted": "Posted",
    "sponsor": "Sponsor",
    "conditions": "Conditions",
    "interventions": "Interventions named",
    "endpoints": "Endpoints",
    "countries": "Countries",
    "official_title": "Official title",
    "other_ids": "Other registry numbers",
    "org_study_id": "Sponsor's study ID",
    "secondary_ids": "Other IDs",
    "study_type": "Study type",
    "enrollment_type": "Enrollment is",
    "why_stopped": "Why stopped",
    "start": "Start",
    "primary_completion": "Primary completion",
    "completion": "Completion",
    "last_updated": "Last update posted",
    "results_posted": "Results posted",
    "collaborators": "Collaborators",
    "keywords": "Keywords",
    "secondary_endpoints": "Secondary endpoints",
    "sex": "Sex",
    "minimum_age": "Minimum age",
    "maximum_age": "Maximum age",
}

IDENTIFIER_LABELS: dict[str, str] = {
    "generic_name": "Generic name",
    "code_name": "Code name",
    "cas_number": "CAS number",
    "unii": "UNII",
    "drugbank_id": "DrugBank ID",
}
PROPERTY_LABELS: dict[str, str] = {
    "drug_class": "Class",
    "drug_type": "Type",
    "brand_names": "Brand names",
    "route": "Route",
    "development_status": "Status",
    "developer": "Developer",
    "collaborator": "Collaborator",
}
# Side effects by how serious the source says they are; a seriousness the labels lack reads as the source says.
SERIOUSNESS_TITLES: dict[str | None, str] = {"common": "Common side effects", "serious": "Serious risks",
                                             None: "Side effects"}


def seriousness_title(seriousness: str | None) -> str:
    return SERIOUSNESS_TITLES.get(seriousness) or (seriousness or "").capitalize()


def designation_label(designation, suffix: str = "") -> str:
    """'Fast Track (FDA)', or '(agency not stated)' where the source names none: never a guessed agency.
    `suffix` goes after the name: 'Fast Track designation (FDA)'."""
    return f"{designation.designation}{suffix} ({designation.agency or 'agency not stated'})"


def phase_label(phase: str) -> str:
    """How a normalised phase reads: "Phase 1/2", "Early Phase 1", "Phase not applicable"."""
    return {EARLY_PHASE_1: "Early Phase 1", NOT_APPLICABLE: "Phase not applicable"}.get(phase, f"Phase {phase}")


# A registry's own code for a value, which the registry reader keeps as the value's wording
# (desktop.ingest.registry): "COMPLETED", "EUDRACT_NUMBER", "false"; a study of two phases "PHASE1, PHASE2".
_REGISTRY_CODE = re.compile(r"[A-Z][A-Z0-9_]+(?:, [A-Z][A-Z0-9_]+)*|true|false")


def worded(field: str, value: str | None, wording: str | None) -> str | None:
    """A trial's value as DrugRef shows it: as its source words it. A registry words a value by a code that
    does not spell it out, so there the value comes first and the code beside it: "Completed (COMPLETED)",
    "2020-004211-37 (EUDRACT_NUMBER)", and a phase in words, "Phase 1/2 (PHASE1, PHASE2)"."""
    if value and wording and wording != value and _REGISTRY_CODE.fullmatch(wording):
        return f"{phase_label(value) if field == 'phase' else value} ({wording})"
    return wording or value
