"""Parser for a drug monograph: overview bullets, mechanism in numbered parts, indications, a
`|`-separated dosing table, efficacy, safety with frequencies, research areas, patient management
and a legal disclaimer. Sections are recognised by what their heading is about, in any order.
"""
from __future__ import annotations

import re

from . import prose
from .document import Block, Document, Line, bullets, require
from .drug_database_page import add_programme_mention
from .records import (
    AdverseEffect, Advice, Approval, Designation, Disclaimer, DosingRow, Event, Extraction, Finding,
    Identifier, Indication, Property, Section, Trial,
)

# Heading keyword → section kind; the first keyword found in a heading decides.
_SECTION_KINDS = (
    ("Overview", "overview"),
    ("Mechanism", "mechanism"),
    ("How Does It Work", "mechanism"),
    ("Indication", "indications"),
    ("Dosage", "dosing"),
    ("Dosing", "dosing"),
    ("Efficacy", "efficacy"),
    ("Safety", "safety"),
    ("Side Effects", "safety"),
    ("Research Areas", "research"),
    ("Patient Management", "patient_management"),
    ("Disclaimer", "disclaimer"),
)
# Overview bullet label → (record kind, name).
_OVERVIEW_FIELDS = {
    "Generic Name": ("identifier", "generic_name"),
    "Code Name": ("identifier", "code_name"),
    "Drug Class": ("property", "drug_class"),
    "Mechanism": ("property", "mechanism_summary"),
    "Route of Administration": ("property", "route"),
    "FDA Approval Status": ("approval", "FDA"),
}
_LABELLED = re.compile(r"^(?P<label>[^:]{2,60}):\s+(?P<value>.+)$")
_NUMBERED = re.compile(r"^\d+\.\s+\S")
_ALSO_KNOWN_AS = re.compile(r"\(also known as (?P<code>[A-Z][A-Z0-9]*[- ]?\d+)\)")
_FREQUENCY = re.compile(r"\b(?:occurring in )?(?P<freq>(?:nearly|about|approximately|around|over|up to|under) )?\d+(?:\.\d+)?%(?: of patients)?")
_NO_APPROVED_INDICATIONS = re.compile(r"\bno (?:\w+[- ])?approved indications\b", re.I)
_INTERVENTION = re.compile(r"\b(as a single agent|in combination with [\w-]+)")


def _kind(heading: str) -> str | None:
    return next((kind for keyword, kind in _SECTION_KINDS if keyword.casefold() in heading.casefold()), None)


def _is_heading(_: int, line: Line) -> bool:
    """A short line that is not a bullet, table row, numbered part, sentence or sub-label."""
    text = line.text
    return (
        len(text) <= 90
        and not text.startswith(("- ", "|"))
        and not _NUMBERED.match(text)
        and not text.endswith((".", ":", "!"))
        and _kind(text) is not None
    )


def parse(doc: Document) -> Extraction:
    blocks = doc.split(_is_heading)
    overview = require(doc, blocks, lambda h: _kind(h) == "overview", "about the drug's overview ('Drug Overview')")
    extraction = _overview(doc, overview)
    code_names = {i.value for i in extraction.identifiers if i.kind == "code_name"}
    programmes: dict[str, Trial] = {}
    handlers = {
        "mechanism": _mechanism,
        "indications": _indications,
        "dosing": _dosing,
        "efficacy": _efficacy,
        "safety": _safety,
        "research": _research,
        "patient_management": _patient_management,
        "disclaimer": _disclaimer,
    }
    for block in blocks:
        kind = _kind(block.heading)
        if kind in handlers:
            handlers[kind](doc, block, extraction)
        if kind != "overview":
            _prose_facts(block, extraction, code_names, programmes)
    # A monograph ends with its legal disclaimer: without it the file was cut short.
    require(doc, blocks, lambda h: _kind(h) == "disclaimer", "'Legal Disclaimer' (the monograph's closing section)")
    return extraction


def _overview(doc: Document, block: Block) -> Extraction:
    fields: dict[str, tuple[Line, str]] = {}
    for line, text in bullets(block.content):
        if match := _LABELLED.match(text):
            fields[match.group("label")] = (line, match.group("value"))
    if "Generic Name" not in fields:
        raise doc.error(block.last_line, "a '- Generic Name: …' bullet in the overview", None)
    line, generic = fields["Generic Name"]
    extraction = Extraction(doc.name, generic.rstrip("."), block.prov(line))
    for label, (line, value) in fields.items():
        kind, name = _OVERVIEW_FIELDS.get(label, ("property", re.sub(r"\W+", "_", label.casefold()).strip("_")))
        prov = block.prov(line)
        if kind == "identifier":
            for part in value.rstrip(".").split(";"):
                extraction.identifiers.append(Identifier(name, part.strip(), prov))
        elif kind == "approval":
            finding = "not approved" if re.search(r"\bnot (?:\w+-)?approved\b", value, re.I) else "stated"
            extraction.approvals.append(Approval(name, finding, value, prov))
            status = prose.sentences(value)[0].rstrip(".")
            extraction.properties.append(Property("development_status", status, prov))
        else:
            extraction.properties.append(Property(name, value.rstrip("."), prov))
    paragraphs = [line for line in block.content if not line.text.startswith("- ")]
    if paragraphs:
        body = "\n".join(line.text for line in paragraphs)
        extraction.sections.append(Section("overview", block.heading, body, block.prov(paragraphs[0], paragraphs[-1])))
    for line in block.content:
        for match in _ALSO_KNOWN_AS.finditer(line.text):
            extraction.identifiers.append(Identifier("code_name", match.group("code"), block.prov(line)))
        for sentence in prose.sentences(line.text):
            _sentence_facts(sentence, block.prov(line), extraction)
    return extraction


def _sentence_facts(sentence: str, prov, extraction: Extraction) -> None:
    for mention in prose.designation_mentions(sentence):
        extraction.designations.append(Designation(mention.designation, mention.agency, sentence, prov))
    for event in prose.development_events(sentence):
        extraction.events.append(Event(event.date, event.date_text, event.kind, sentence, prov))


def _prose_facts(block: Block, extraction: Extraction, code_names: set[str], programmes: dict[str, Trial]) -> None:
    """Named trial programmes anywhere outside the overview, with conditions from the bullet they sit in."""
    for line in block.content:
        label, text = None, line.text
        if text.startswith("- ") and (match := _LABELLED.match(text[2:])):
            label, text = match.group("label"), match.group("value")
        for sentence in prose.sentences(text):
            for mention in prose.programme_mentions(sentence, code_names):
                trial = add_programme_mention(programmes, extraction, mention, block.prov(line))
                if _kind(block.heading) == "indications" and label and not trial.conditions:
                    trial.conditions = label
                if (intervention := _INTERVENTION.search(sentence)) and not trial.interventions:
                    trial.interventions = intervention.group(1)


def _mechanism(doc: Document, block: Block, extraction: Extraction) -> None:
    """One section for the introduction and one per numbered part, each with its own line span."""
    parts: list[tuple[str, list[Line]]] = [(block.heading, [])]
    for line in block.content:
        if _NUMBERED.match(line.text):
            parts.append((line.text, []))
        else:
            parts[-1][1].append(line)
    for heading, lines in parts:
        if lines:
            body = "\n".join(line.text for line in lines)
            extraction.sections.append(Section("mechanism", heading, body, block.prov(lines[0], lines[-1])))


def _whole(kind: str, block: Block, extraction: Extraction) -> None:
    if block.content:
        extraction.sections.append(Section(kind, block.heading, "\n".join(l.text for l in block.content), block.prov()))


def _indications(doc: Document, block: Block, extraction: Extraction) -> None:
    _whole("indications", block, extraction)
    none_approved = any(_NO_APPROVED_INDICATIONS.search(line.text) for line in block.content)
    for line, text in bullets(block.content):
        if match := _LABELLED.match(text):
            status = "under investigation" if none_approved else "as stated"
            extraction.indications.append(Indication(match.group("label"), match.group("value"), status, block.prov(line)))


def _dosing(doc: Document, block: Block, extraction: Extraction) -> None:
    rows = [line for line in block.content if line.text.startswith("|")]
    if len(rows) < 2:
        found = block.content[-1] if block.content else None
        raise doc.error(
            found.number if found else block.heading_line,
            "a '|'-separated dosing table (a header row and at least one parameter row)",
            found.text if found else "",
        )
    intro = [line for line in block.content if not line.text.startswith("|")]
    if intro:
        extraction.sections.append(Section("dosing", block.heading, "\n".join(l.text for l in intro), block.prov(intro[0], intro[-1])))
    for row in rows[1:]:
        cells = [cell.strip() for cell in row.text.strip("|").split("|")]
        if not row.text.endswith("|") or len(cells) != 2 or not all(cells):
            raise doc.error(row.number, "a dosing row '| parameter | specification |'", row.text)
        extraction.dosing.append(DosingRow(cells[0], cells[1], block.prov(row)))


def _efficacy(doc: Document, block: Block, extraction: Extraction) -> None:
    _whole("efficacy", block, extraction)
    for line in block.content:  # the lead-in dates the results ("As of early 2026, results from …")
        if not line.text.startswith("- "):
            for sentence in prose.sentences(line.text):
                _sentence_facts(sentence, block.prov(line), extraction)
    for line, text in bullets(block.content):
        match = _LABELLED.match(text)
        label, statement = (match.group("label"), match.group("value")) if match else (None, text)
        extraction.efficacy.append(Finding(label, statement, block.prov(line)))


def _safety(doc: Document, block: Block, extraction: Extraction) -> None:
    _whole("safety", block, extraction)
    seriousness, group = None, None
    for line in block.content:
        text = line.text
        if text.endswith(":") and not text.startswith("- "):
            heading = text[:-1]
            seriousness = "serious" if "serious" in heading.casefold() else "common" if "common" in heading.casefold() else heading
            group_match = re.search(r"\(([^)]*\d[^)]*)\)", heading)
            group = group_match.group(1) if group_match else None
        elif text.startswith("- "):
            if seriousness is None:
                raise doc.error(line.number, "a sub-heading such as 'Common Side Effects:' before the first effect", text)
            match = _LABELLED.match(text[2:])
            effect, description = (match.group("label"), match.group("value")) if match else (text[2:], "")
            frequency = _FREQUENCY.search(description)
            extraction.adverse_effects.append(
                AdverseEffect(
                    effect, description, seriousness,
                    frequency.group(0).removeprefix("occurring in ") if frequency else None,
                    group, block.prov(line),
                )
            )


def _research(doc: Document, block: Block, extraction: Extraction) -> None:
    _whole("research", block, extraction)
    for line in block.content:
        for sentence in prose.sentences(line.text):
            extraction.research_areas.append(Finding(None, sentence, block.prov(line)))


def _patient_management(doc: Document, block: Block, extraction: Extraction) -> None:
    _whole("patient_management", block, extraction)
    category = None
    for line in block.content:
        text = line.text
        if text.endswith(":") and not text.startswith("- "):
            category = text[:-1]
        elif text.startswith("- "):
            if category is None:
                raise doc.error(line.number, "a sub-heading such as 'Pre-treatment Requirements:' before the advice", text)
            body = text[2:]
            if match := re.match(r"^(DO|DON[’']T)\b\s*(.+)$", body):
                label, advice = match.group(1), match.group(2)
            elif match := _LABELLED.match(body):
                label, advice = match.group("label"), match.group("value")
            else:
                label, advice = None, body
            extraction.advice.append(Advice(category, label, advice, block.prov(line)))


def _disclaimer(doc: Document, block: Block, extraction: Extraction) -> None:
    _whole("disclaimer", block, extraction)
    if block.content:
        extraction.disclaimers.append(Disclaimer(" ".join(l.text for l in block.content), block.prov()))
