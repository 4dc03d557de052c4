"""The words DrugRef puts beside source values, declared once for the panes, the printed sheet, the
command line and Compare: what an identifier or a property is called, how a designation reads, what a
group of side effects is titled. Qt-free."""
from __future__ import annotations

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
