"""The words DrugRef puts beside source values, declared once for the panes, the printed sheet, the
command line and Compare: what an identifier or a property is called, how a designation reads, what a
group of side effects is titled, how a phase reads and a registry's code is shown. Qt-free."""
from __future__ import annotations

import re

from .ingest.clean import EARLY_PHASE_1, NOT_APPLICABLE

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
