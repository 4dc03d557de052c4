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
from .records import Approval, Designation, Extraction, Identifier, Property, Provenance

# Label (casefolded) → (record kind, name).
_LABELS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("generic name", "international nonproprietary name", "inn", "nonproprietary name"),
                    ("identifier", "generic_name")),
    **dict.fromkeys(("code name", "code names", "development code", "development codes", "research code",
                     "research codes", "code"), ("identifier", "code_name")),
    **dict.fromkeys(("cas number", "cas", "cas registry number", "cas no."), ("identifier", "cas_number")),
    **dict.fromkeys(("unique ingredient identifier", "unii", "fda unii"), ("identifier", "unii")),
    **dict.fromkeys(("drugbank id", "drugbank accession number", "drugbank"), ("identifier", "drugbank_id")),
    **dict.fromkeys(("drug type", "type"), ("property", "drug_type")),
    **dict.fromkeys(("drug class", "class", "therapeutic class", "pharmacologic class", "pharmacological class"),
                    ("property", "drug_class")),
    **dict.fromkeys(("mechanism", "mechanism of action"), ("property", "mechanism_summary")),
    **dict.fromkeys(("route of administration", "route", "routes", "routes of administration"), ("property", "route")),
    **dict.fromkeys(("brand name", "brand names", "trade name", "trade names"), ("property", "brand_names")),
    **dict.fromkeys(("developer", "originator", "manufacturer", "marketed by"), ("property", "developer")),
    **dict.fromkeys(("regulatory status", "approval status", "development status", "status"),
                    ("property", "development_status")),
    **dict.fromkeys(("designation", "designations", "regulatory designations"), ("designation", "designation")),
}
_APPROVAL_STATUS = re.compile(r"^(?P<agency>(?:U\.S\. )?[A-Z][\w.]*(?: [A-Z][\w.]*)?) (?:approval|regulatory) status$", re.I)
_CAS = re.compile(r"^\d{2,7}-\d{2}-\d$")
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


def known_label(text: str) -> bool:
    label = text.casefold().rstrip(":")
    return label in _LABELS or bool(_APPROVAL_STATUS.match(text.rstrip(":")))


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
            if _LABELS.get(field.label.casefold()) == ("identifier", "generic_name"):
                return _name_of(field.value), field.prov
        return None

    def write(self, extraction: Extraction) -> None:
        for field in self.fields:
            if self._write(field, extraction):
                self.doc.place(*field.lines)

    def _write(self, field: _Field, extraction: Extraction) -> bool:
        label = field.label.casefold()
        if match := _APPROVAL_STATUS.match(field.label):
            value = field.value
            finding = "not approved" if _NOT_APPROVED.search(value) else "approved" if _APPROVED.search(value) else "stated"
            extraction.approvals.append(Approval(match.group("agency"), finding, value, field.prov))
            extraction.properties.append(Property("development_status", _status_words(value), field.prov))
            return True
        kind, name = _LABELS.get(label, ("property", re.sub(r"\W+", "_", label).strip("_")))
        if kind == "designation":  # "Designations: Orphan Drug (melanoma); Fast Track."
            for value in re.split(r"\s*;\s*|,\s*(?![^()]*\))", field.value.rstrip(".")):
                if value:
                    extraction.designations.append(Designation(re.sub(r"\s*\(.*\)$", "", value).strip(), None,
                                                               field.value, field.prov))
            return True
        if kind == "property" and name == "development_status":
            extraction.properties.append(Property(name, _status_words(field.value), field.prov))
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
    """"Investigational. As of …" → "Investigational"; "Approved, in combination with BCG, for …" → "Approved"."""
    first = prose.sentences(value)[0].rstrip(".")
    if match := re.match(r"^((?:not )?(?:approved|investigational|authori[sz]ed|withdrawn|discontinued))\b,", first, re.I):
        return match.group(1)
    return first


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
