"""Parser for a drug-database page (MedPath style): identity fields, overview, research report,
a posted/phase/status trials table, and one approvals section per agency.
"""
from __future__ import annotations

import re

from . import prose
from .clean import iso_date, normalise_phase, normalise_status
from .document import Block, Document, Line, optional, require
from .records import (
    Approval, Designation, Event, Extraction, Identifier, NotStated, Property, Provenance, Section, Trial,
)

_HEADINGS = {
    "Overview", "Indication", "Associated Conditions", "Research Report", "Executive Summary",
    "Clinical Trials", "Help Us Improve",
}
_AGENCY_HEADING = re.compile(r"^(?P<agency>.+?) Drug (?:Approvals|Information)$")
# Identity field label → (record kind, name). Labels not listed here are kept as properties.
_IDENTITY_FIELDS = {
    "Generic Name": ("identifier", "generic_name"),
    "CAS Number": ("identifier", "cas_number"),
    "Unique Ingredient Identifier": ("identifier", "unii"),
    "UNII": ("identifier", "unii"),
    "DrugBank ID": ("identifier", "drugbank_id"),
    "Drug Type": ("property", "drug_type"),
}
_NOT_STATED = re.compile(r"^No (?P<topic>.+?) information available\.?$")
_NONE_FOUND = re.compile(r"^No (?P<agency>.+?) (?:approvals|drug information) found for this drug\.?$")
_TRIAL_TABLE_COLUMNS = ("Title", "Posted", "Study ID", "Phase", "Status", "Sponsor")
_POSTED = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}$")
_TRIAL_ID = re.compile(r"^(?:NCT\d{8}|\d{4}-\d{6}-\d{2}-\d{2})$")
_CAS = re.compile(r"^\d{2,7}-\d{2}-\d$")
_UNII = re.compile(r"^[A-Z0-9]{10}$")
_DRUGBANK = re.compile(r"\b(DB\d{5})\b")
_CODE_NAME = re.compile(r"\bdevelopment code ([A-Z][A-Z0-9]*[- ]?\d+)\b")
_DESIGNED_AS = re.compile(r"^Designed as an? (?P<cls>[^,]+),")
_DEVELOPER = re.compile(r"\bits developer, (?P<developer>[^,]+), and (?P<partner>[A-Z][^.,]+?)\.?$")
_TRIAL_WITH_TITLE = re.compile(r"\b(?P<id>NCT\d{8}) \((?P<title>.+)\)")


def _is_heading(_: int, line: Line) -> bool:
    return line.text in _HEADINGS or bool(_AGENCY_HEADING.match(line.text))


def cas_checksum_ok(cas: str) -> bool:
    """CAS numbers end in a check digit: a mistyped number in a source is caught, not shown."""
    digits = cas.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    return sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10 == check


def parse(doc: Document) -> Extraction:
    blocks = doc.split(_is_heading)
    if not blocks:
        raise doc.error(1, "a drug-database page with an 'Overview' section", "no known section heading")
    extraction = _identity(doc, blocks[0].heading_line)
    _overview(doc, require(doc, blocks, lambda h: h == "Overview", "'Overview'"), extraction)
    for heading, topic in (("Indication", "indications"), ("Associated Conditions", "associated conditions")):
        block = optional(blocks, lambda h, heading=heading: h == heading)
        if block:
            _indications(block, topic, extraction)
    summary = optional(blocks, lambda h: h == "Executive Summary")
    report = optional(blocks, lambda h: h == "Research Report")
    if report:
        _research_report(doc, report, extraction)
    if summary:
        _executive_summary(summary, extraction)
    _trials_table(doc, require(doc, blocks, lambda h: h == "Clinical Trials", "'Clinical Trials'"), extraction)
    for block in blocks:
        if match := _AGENCY_HEADING.match(block.heading):
            extraction.approvals.append(_approval(doc, block, match.group("agency")))
    if not extraction.approvals:
        # The agency sections close every page of this shape: without them the file was cut short.
        raise doc.error(doc.end_line, "the agency sections ('FDA Drug Approvals' …) after the trials table", "end of file")
    return extraction


def _identity(doc: Document, first_heading_line: int) -> Extraction:
    """The label/value pairs above the first heading ("Generic Name" / "Bempegaldesleukin" …)."""
    preamble = [line for line in doc.lines[: first_heading_line - 1] if not line.blank]
    pairs: list[tuple[Line, Line]] = []
    index = 0
    while index < len(preamble):
        line = preamble[index]
        if line.text in _IDENTITY_FIELDS:
            if index + 1 >= len(preamble):
                raise doc.error(line.number, f"a value after the label {line.text!r}", "")
            pairs.append((line, preamble[index + 1]))
            index += 2
        else:
            index += 1
    generic = next((value for label, value in pairs if label.text == "Generic Name"), None)
    if generic is None:
        raise doc.error(first_heading_line, "a 'Generic Name' field above the first section", None)
    section = "Drug identity"
    extraction = Extraction(doc.name, generic.text, _prov(doc, section, generic))
    for label, value in pairs:
        kind, name = _IDENTITY_FIELDS[label.text]
        prov = _prov(doc, section, label, value)
        if name == "cas_number" and not (_CAS.match(value.text) and cas_checksum_ok(value.text)):
            raise doc.error(value.number, "a CAS number with a valid check digit (e.g. 50-00-0)", value.text)
        if name == "unii" and not _UNII.match(value.text):
            raise doc.error(value.number, "a 10-character UNII", value.text)
        if kind == "identifier":
            extraction.identifiers.append(Identifier(name, value.text, prov))
        else:
            extraction.properties.append(Property(name, value.text, prov))
    return extraction


def _overview(doc: Document, block: Block, extraction: Extraction) -> None:
    extraction.sections.append(Section("overview", block.heading, block.text(), block.prov()))
    for line in block.content:
        for match in _TRIAL_WITH_TITLE.finditer(line.text):
            extraction.trials.append(
                Trial(match.group("id"), block.prov(line), title=_balanced(match.group("title")), summary=line.text)
            )


def _balanced(text: str) -> str:
    """The text up to the parenthesis that closes the one opened before it."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return text[:index]
    return text


def _indications(block: Block, topic: str, extraction: Extraction) -> None:
    for line in block.content:
        if _NOT_STATED.match(line.text):
            extraction.not_stated.append(NotStated(topic, line.text, block.prov(line)))
        else:
            extraction.sections.append(Section("indications", block.heading, line.text, block.prov(line)))


def _research_report(doc: Document, block: Block, extraction: Extraction) -> None:
    for line in block.content:
        if line.text.startswith("Published:"):
            extraction.properties.append(Property("research_report_published", line.text, block.prov(line)))
        elif match := _DRUGBANK.search(line.text):
            extraction.identifiers.append(Identifier("drugbank_id", match.group(1), block.prov(line)))
            extraction.properties.append(Property("research_report_title", line.text, block.prov(line)))


def _executive_summary(block: Block, extraction: Extraction) -> None:
    # The page's link text is navigation, not content.
    lines = [line for line in block.content if not line.text.startswith("Continue reading")]
    if not lines:
        return
    body = "\n".join(line.text for line in lines)
    extraction.sections.append(Section("summary", block.heading, body, block.prov(lines[0], lines[-1])))
    code_names = set()
    for line in lines:
        for match in _CODE_NAME.finditer(line.text):
            code_names.add(match.group(1))
            extraction.identifiers.append(Identifier("code_name", match.group(1), block.prov(line)))
    programmes: dict[str, Trial] = {}
    for line in lines:
        prov = block.prov(line)
        for sentence in prose.sentences(line.text):
            if prose.states_investigational(sentence):
                extraction.properties.append(Property("development_status", "Investigational", prov))
            if match := _DESIGNED_AS.match(sentence):
                extraction.properties.append(Property("drug_class", match.group("cls"), prov))
                extraction.properties.append(Property("mechanism_summary", sentence, prov))
            if match := _DEVELOPER.search(sentence):
                extraction.properties.append(Property("developer", match.group("developer"), prov))
                extraction.properties.append(Property("collaborator", match.group("partner"), prov))
            for mention in prose.designation_mentions(sentence):
                extraction.designations.append(Designation(mention.designation, mention.agency, sentence, prov))
            for event in prose.development_events(sentence):
                extraction.events.append(Event(event.date, event.date_text, event.kind, sentence, prov))
            for mention in prose.programme_mentions(sentence, code_names):
                add_programme_mention(programmes, extraction, mention, prov)


def add_programme_mention(programmes: dict[str, Trial], extraction: Extraction, mention, prov) -> Trial:
    """Record a named programme as a trial (no registry ID is given), merging repeated mentions."""
    trial = programmes.get(mention.name)
    if trial is None:
        trial = Trial(None, prov, programme=mention.name, summary=mention.sentence)
        programmes[mention.name] = trial
        extraction.trials.append(trial)
    else:
        trial.mentions.append(prov)
        if mention.sentence not in (trial.summary or ""):
            trial.summary = f"{trial.summary} {mention.sentence}".strip()
    if mention.phase_text and not trial.phase:
        trial.phase, trial.phase_text = normalise_phase(mention.phase_text), mention.phase_text
    if mention.condition and not trial.conditions:
        trial.conditions = mention.condition
    return trial


def _trials_table(doc: Document, block: Block, extraction: Extraction) -> None:
    """Rows of Posted / Phase / Status lines under a six-column header (blank cells are simply absent)."""
    content = block.content
    header = [line.text for line in content[: len(_TRIAL_TABLE_COLUMNS)]]
    if tuple(header) != _TRIAL_TABLE_COLUMNS:
        found = content[0] if content else None
        raise doc.error(
            found.number if found else block.heading_line,
            "the Clinical Trials table header (" + ", ".join(_TRIAL_TABLE_COLUMNS) + ")",
            found.text if found else "",
        )
    rows: list[list[Line]] = []
    for line in content[len(_TRIAL_TABLE_COLUMNS):]:
        if _POSTED.match(line.text):
            rows.append([line])
        elif not rows:
            raise doc.error(line.number, "a posted date (YYYY/MM/DD) starting a trial row", line.text)
        else:
            rows[-1].append(line)
    if not rows:
        raise doc.error(block.last_line, "at least one trial row (posted date, phase, status)", "")
    for row in rows:
        extraction.trials.append(_trial_row(doc, block, row))


def _trial_row(doc: Document, block: Block, row: list[Line]) -> Trial:
    posted = row[0]
    trial = Trial(None, block.prov(row[0], row[-1]), posted=iso_date(posted.text), posted_text=posted.text)
    if trial.posted is None:
        raise doc.error(posted.number, "a valid posted date (YYYY/MM/DD)", posted.text)
    for line in row[1:]:
        if (phase := normalise_phase(line.text)) and trial.phase is None:
            trial.phase, trial.phase_text = phase, line.text
        elif (status := normalise_status(line.text)) and trial.status is None:
            trial.status, trial.status_text = status, line.text
        elif _TRIAL_ID.match(line.text) and trial.trial_id is None:
            trial.trial_id = line.text
        else:
            raise doc.error(line.number, "a phase, status or study ID in this trial row", line.text)
    if trial.phase is None:
        raise doc.error(row[-1].number, f"a phase for the trial posted {posted.text}", "the row ends without one")
    if trial.status is None:
        raise doc.error(row[-1].number, f"a status for the trial posted {posted.text}", "the row ends without one")
    return trial


def _approval(doc: Document, block: Block, agency: str) -> Approval:
    for line in block.content:
        if _NONE_FOUND.match(line.text):
            return Approval(agency, "none found", line.text, block.prov(line))
    # Approved-product rows have not been seen in a source yet; refuse rather than misread them.
    last = block.content[-1] if block.content else None
    raise doc.error(
        last.number if last else block.heading_line,
        f"'No {agency} approvals found for this drug.' (approval rows are not supported)",
        last.text if last else "",
    )


def _prov(doc: Document, section: str, first: Line, last: Line | None = None) -> Provenance:
    return Provenance(doc.name, section, first.number, (last or first).number)
