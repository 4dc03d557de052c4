"""Label/value pairs that say what the drug is: "Generic Name" / "Bempegaldesleukin" on a drug-database
page, "- Code Name: ALKS 4230." in a monograph. One vocabulary of labels for both.

An identifier is taken only when it has the shape its kind has: a CAS number whose check digit is right,
a 10-character UNII, a DrugBank ID. A value that fails is not stored; its line stays unplaced and the
report says why, so a mistyped number never reaches the screen.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import prose
from .document import Document, Line
from .records import Approval, Designation, Identifier, Property, Provenance
from .extraction import Extraction

# "Label: value" on a line of its own or after a bullet marker.
LABELLED = re.compile(r"^(?P<label>[^:]{2,100}?):\s+(?P<value>.+)$")
# Label (casefolded) → (record kind, name).
_LABELS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("generic name", "international nonproprietary name", "inn", "nonproprietary name"),
                    ("identifier", "generic_name")),
    **dict.fromkeys(("code name", "code names", "development code", "development codes", "research code",
                     "research codes", "code"), ("identifier", "code_name")),
    **dict.fromkeys(("cas number", "cas", "cas registry number", "cas no."), ("identifier", "cas_number")),
    **dict.fromkeys(("unique ingredient identifier", "unii", "fda unii"), ("identifier", "unii")),
    **dict.fromkeys(("drugbank id", "drugbank accession number", "drugbank"), ("identifier", "drugbank_id")),
    **dict.fromkeys(("identifiers", "ids"), ("identifiers", "several")),
    **dict.fromkeys(("drug type", "type"), ("property", "drug_type")),
    **dict.fromkeys(("drug class", "class", "therapeutic class", "pharmacologic class", "pharmacological class"),
                    ("property", "drug_class")),
    **dict.fromkeys(("mechanism", "mechanism of action"), ("property", "mechanism_summary")),
    **dict.fromkeys(("route of administration", "route", "routes", "routes of administration"), ("property", "route")),
    **dict.fromkeys(("brand name", "brand names", "trade name", "trade names"), ("property", "brand_names")),
    **dict.fromkeys(("developer", "originator", "manufacturer", "marketed by", "marketing authorisation holder",
                     "marketing authorization holder", "company"), ("property", "developer")),
    **dict.fromkeys(("collaborator", "collaboration partner", "partner", "co-developer"), ("property", "collaborator")),
    **dict.fromkeys(("regulatory status", "approval status", "development status", "status"),
                    ("property", "development_status")),
    **dict.fromkeys(("designation", "designations", "regulatory designations"), ("designation", "designation")),
}
_APPROVAL_STATUS = re.compile(r"^(?P<agency>(?:U\.S\. )?[A-Z][\w.]*(?: [A-Z][\w.]*)?) (?:approval|regulatory) status$", re.I)
_CAS = re.compile(r"^\d{2,7}-\d{2}-\d$")
# Identifiers named within one field: "CAS 1421373-65-0 (free base); DrugBank DB09330; UNII 3C06JJ0Z2O".
_IDENTIFIERS_NAMED = (
    ("cas_number", re.compile(r"\bCAS(?: (?:number|no\.?|registry number))?:? (\d{2,7}-\d{2}-\d)\b", re.I)),
    ("drugbank_id", re.compile(r"\bDrugBank(?: ID)?:? (DB\d{5})\b", re.I)),
    ("unii", re.compile(r"\bUNII:? ([A-Z0-9]{10})\b")),
)
_UNII = re.compile(r"^[A-Z0-9]{10}$")
_DRUGBANK = re.compile(r"^DB\d{5}$")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,5}[- ]?\d{2,6}[A-Z]?$")
_NOT_APPROVED = re.compile(r"\bnot (?:yet )?(?:[\w.]+[- ])?approved\b", re.I)
_APPROVED = re.compile(r"^approved\b|\b(?:is|was|has been) approved\b|\breceived (?:\w+ )?approval\b", re.I)


def cas_checksum_ok(cas: str) -> bool:
    """CAS numbers end in a check digit: a mistyped number in a source is caught, not shown."""
    digits = cas.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    return sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10 == check


def _label_key(text: str) -> str:
    """"Marketing authorisation holder / developer" → the part of a label the vocabulary knows."""
    label = text.casefold().rstrip(":").strip()
    if label in _LABELS:
        return label
    return next((part.strip() for part in re.split(r"\s*/\s*", label) if part.strip() in _LABELS), label)


def known_label(text: str) -> bool:
    return _label_key(text) in _LABELS or bool(_APPROVAL_STATUS.match(text.rstrip(":")))


@dataclass
class _Field:
    label: str
    value: str
    lines: tuple[Line, ...]
    prov: Provenance


class LabelledFields:
    """The identity fields a document gives, in its order, written into an extraction at the end."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.fields: list[_Field] = []

    def add(self, label: str, value: str, *lines_and_prov) -> None:
        *lines, prov = lines_and_prov
        self.fields.append(_Field(label.strip(), value.strip(), tuple(lines), prov))

    def generic_name(self) -> tuple[str, Provenance] | None:
        for field in self.fields:
            if _LABELS.get(_label_key(field.label)) == ("identifier", "generic_name"):
                name = _name_of(field.value)
                return (name[0].upper() + name[1:] if name.islower() else name), field.prov
        return None

    def write(self, extraction: Extraction) -> None:
        for field in self.fields:
            if self._write(field, extraction):
                self.doc.place(*field.lines)

    def _write(self, field: _Field, extraction: Extraction) -> bool:
        label = _label_key(field.label)
        if match := _APPROVAL_STATUS.match(field.label):
            value = field.value
            finding = "not approved" if _NOT_APPROVED.search(value) else "approved" if _APPROVED.search(value) else "stated"
            extraction.approvals.append(Approval(match.group("agency"), finding, value, field.prov))
            extraction.properties.append(Property("development_status", _status_words(value), field.prov))
            return True
        kind, name = _LABELS.get(label, ("property", re.sub(r"\W+", "_", label).strip("_")))
        if kind == "identifiers":  # "Identifiers: CAS 1421373-65-0 (free base); DrugBank DB09330."
            found = [(k, m.group(1)) for k, pattern in _IDENTIFIERS_NAMED if (m := pattern.search(field.value))]
            for identifier_kind, value in found:
                if problem := _invalid(identifier_kind, value):
                    extraction.report.notes.append((field.prov.line_end, value, f"{problem}: not taken as an identifier"))
                else:
                    extraction.identifiers.append(Identifier(identifier_kind, value, field.prov))
            return bool(found)
        if kind == "designation":  # "Designations: Orphan Drug (melanoma); Fast Track."
            for value in re.split(r"\s*;\s*|,\s*(?![^()]*\))", field.value.rstrip(".")):
                if value:
                    extraction.designations.append(Designation(re.sub(r"\s*\(.*\)$", "", value).strip(), None,
                                                               field.value, field.prov))
            return True
        if kind == "property" and name == "development_status":
            extraction.properties.append(Property(name, _status_words(field.value), field.prov))
            for agency in _approving_agencies(field.value):  # "Approved (FDA, EMA and many other agencies)"
                extraction.approvals.append(Approval(agency, "approved", field.value, field.prov))
            return True
        if kind == "property":
            extraction.properties.append(Property(name, field.value.rstrip("."), field.prov))
            return True
        values = [field.value.rstrip(".")] if name == "generic_name" else _split(field.value)
        taken = False
        for value in values:
            if name == "generic_name":
                extraction.identifiers.append(Identifier(name, _name_of(value), field.prov))
                if (code := _parenthesised_code(value)) is not None:
                    extraction.identifiers.append(Identifier("code_name", code, field.prov))
                taken = True
            elif problem := _invalid(name, value):
                extraction.report.notes.append((field.prov.line_end, value, f"{problem}: not taken as an identifier"))
            else:
                extraction.identifiers.append(Identifier(name, value, field.prov))
                taken = True
        return taken


def _status_words(value: str) -> str:
    """"Investigational. As of …" → "Investigational"; "Approved, in combination with BCG, for …" and "Approved
    (FDA, EMA and many other agencies)" → "Approved"; "approved by the FDA and the European Commission, and in
    Japan …" → "approved" (the agencies become approvals: see `_approving_agencies`)."""
    first = prose.sentences(value)[0].rstrip(".")
    if match := re.match(r"^((?:not )?(?:approved|investigational|authori[sz]ed|withdrawn|discontinued))\b\s*(?:[,(]|by\b)",
                         first, re.I):
        return match.group(1)
    return first.split(", ")[0]


AGENCIES = ("FDA", "EMA", "European Commission", "Health Canada", "MHRA", "PMDA", "TGA", "NMPA", "Swissmedic")


def _approving_agencies(value: str) -> list[str]:
    """The agencies a status says approved the drug: "Approved (FDA, EMA …)", "approved by the FDA and the EC"."""
    if not re.match(r"^approved\b", value, re.I):
        return []
    named = re.match(r"^approved\s*(?:\((?P<list>[^)]*)\)|by (?P<by>[^.;]*?)(?:, and\b|[.;]|$))", value, re.I)
    text = (named.group("list") or named.group("by") or "") if named else ""
    return agencies_in(text)


def agencies_in(text: str | None) -> list[str]:
    """The agencies of AGENCIES a text names, as whole words, in AGENCIES' order."""
    return [agency for agency in AGENCIES if text and re.search(rf"\b{re.escape(agency)}\b", text)]


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"\s*[;,]\s*|\s+or\s+", value.rstrip(".")) if part.strip()]


def _name_of(value: str) -> str:
    """"Nogapendekin alfa inbakicept (N-803)." → "Nogapendekin alfa inbakicept"."""
    value = value.rstrip(".").strip()
    return re.sub(r"\s*\([^()]*\)$", "", value).strip() if _parenthesised_code(value) else value


def _parenthesised_code(value: str) -> str | None:
    match = re.search(r"\(([^()]*)\)\.?$", value)
    return match.group(1).strip() if match and _CODE.match(match.group(1).strip()) else None


def _invalid(kind: str, value: str) -> str | None:
    if kind == "cas_number" and not (_CAS.match(value) and cas_checksum_ok(value)):
        return "not a CAS number with a valid check digit"
    if kind == "unii" and not _UNII.match(value):
        return "not a 10-character UNII"
    if kind == "drugbank_id" and not _DRUGBANK.match(value):
        return "not a DrugBank ID (DB and five digits)"
    return None
