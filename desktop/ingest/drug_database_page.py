"""Reader for a drug-database page (MedPath style): identity fields, overview, indications and associated
conditions, a research report with its own sub-sections, a trials table and one section per agency.

Headings are found by what they are about (`topics`), by the agency pattern ("FDA Drug Approvals"), or,
in the report, as short title lines standing alone. Inside the trials table and the agency sections a
line standing alone is a cell, not a heading. Page furniture (the site's name, "Help Us Improve") is
recognised and reported as ignored.
"""
from __future__ import annotations

import re

from . import prose
from .approvals import is_column_header, read_agency
from .definition import code_names_in
from .document import Block, Document, Line, note_missing
from .identity import LabelledFields, known_label
from .indications import stated_indications
from .merge import merge_trials
from .narrative import Narrative
from .safety_prose import read_effects_in_text
from .trial_prose import TrialProse
from .records import Identifier, Indication, NotStated, Property, Provenance
from .extraction import Extraction, Trial
from .topics import topic_of
from .trials_table import read_trials_table

_AGENCY_HEADING = re.compile(r"^(?P<agency>.+?) Drug (?:Approvals|Information)$")
# The page's own sections, which may follow a table; any other heading there is a cell.
_PAGE_HEADINGS = {"Overview", "Background", "Indication", "Indications", "Associated Conditions", "Research Report",
                  "Clinical Trials", "Help Us Improve"}
_FURNITURE_HEADINGS = {"Help Us Improve", "Related Drugs", "Similar Drugs"}
_FURNITURE = (
    (re.compile(r"^MedPath$"), "the site's name"),
    (re.compile(r"^Continue reading\b"), "a link to the rest of the report"),
    (re.compile(r"^©|^Copyright\b|All rights reserved\.?$"), "the site's copyright line"),
    (re.compile(r"^Empowering clinical research\b|^Your feedback helps\b"), "the site's own words"),
)
# A trial's own short name at the head of its title: "PROCLAIM: A Registry of Patients …".
_TITLE_PREFIX = re.compile(r"^([A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*):\s")
_NOT_STATED = re.compile(r"^No (?P<topic>.+?) information (?:is )?available\.?$", re.I)
_TRIAL_WITH_TITLE = re.compile(r"\b(?P<id>NCT\d{8}) \((?P<title>.+)\)")
_DRUGBANK = re.compile(r"\b(DB\d{5})\b")
_DESIGNED_AS = re.compile(r"^Designed as an? (?P<cls>[^,]+),")
_DEVELOPER = re.compile(r"\bits developer, (?P<developer>[^,]+), and (?P<partner>[A-Z][^.,]+?)\.?$")
# A page's usual sections: one that is missing is said in the report (a page cut short loses its agencies).
_EXPECTED = {"overview": "the overview ('Overview')", "trials": "clinical trials ('Clinical Trials')",
             "agency": "approvals (the agency sections, 'FDA Drug Approvals' …)"}
_PROSE_TOPICS = (None, "overview", "summary", "mechanism", "dosing", "safety", "efficacy", "development", "research",
                 "indications", "patient_management")


def parse(doc: Document) -> Extraction:
    blocks = doc.split(_heading_test(doc), _topic)
    if not blocks:
        raise doc.error(1, "a drug-database page with an 'Overview' section", "no known section heading")
    extraction = _identity(doc, blocks[0].heading_line)
    code_names = {code for line in doc.lines for code in code_names_in(line.text)}
    code_names |= extraction.code_names()
    reader = _Reader(doc, extraction, Narrative(extraction),
                     TrialProse(exclude=code_names, drug_names={extraction.drug_name, *code_names}))
    reader.trials.learn(line.text for line in doc.lines)
    for block in blocks:
        reader.block(block)
    # The table's rows are the trials' records: first, so that each stays its trial's primary passage.
    extraction.trials.extend(merge_trials([*reader.table_rows, *reader.trials.all_trials()]))
    note_missing(doc, blocks, _EXPECTED, extraction)
    doc.finish(extraction)
    return extraction


def _topic(heading: str) -> str | None:
    if _AGENCY_HEADING.match(heading):
        return "agency"
    if heading in _FURNITURE_HEADINGS:
        return "furniture"
    return topic_of(heading)


def _heading_test(doc: Document):
    """Known headings on a line of their own; other short title lines only in the report, never in a table."""
    lines = doc.lines
    state = {"seen": False, "table": False}

    def is_heading(index: int, line: Line) -> bool:
        text = line.text
        alone = (index == 0 or lines[index - 1].blank) and (index + 1 >= len(lines) or lines[index + 1].blank)
        if not alone or len(text) > 80 or text.endswith((".", ":", ";", ",", "!")) or ": " in text:
            return False
        topic = _topic(text)
        if state["table"] and (topic is None or is_column_header(text)) and text not in _PAGE_HEADINGS:
            return False  # a cell standing alone in a table ("Dosage Form", a product's name)
        if topic is None and not (state["seen"] and _title_like(text)):
            return False
        state["seen"] = True
        state["table"] = topic in ("agency", "trials", "furniture")
        return True

    return is_heading


def _title_like(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    small = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "vs"}
    significant = [w for w in words if w.casefold() not in small]
    return 0 < len(words) <= 10 and bool(significant) and all(w[0].isupper() for w in significant)


def _identity(doc: Document, first_heading_line: int) -> Extraction:
    """The label/value pairs above the first heading ("Generic Name" / "Bempegaldesleukin" …)."""
    preamble = [line for line in doc.lines[: first_heading_line - 1] if not line.blank]
    fields = LabelledFields(doc)
    section = "Drug identity"
    index = 0
    while index < len(preamble):
        line = preamble[index]
        if known_label(line.text) and index + 1 < len(preamble) and not known_label(preamble[index + 1].text):
            value = preamble[index + 1]
            fields.add(line.text, value.text, line, value, Provenance(doc.name, section, line.number, value.number))
            index += 2
            continue
        _furniture(doc, line)
        index += 1
    name = fields.generic_name()
    if name is None:
        raise doc.error(first_heading_line, "a 'Generic Name' field above the first section", None)
    extraction = Extraction(doc.name, name[0], Provenance(doc.name, section, name[1].line_end, name[1].line_end))
    fields.write(extraction)
    for line in preamble:  # the page's title: the drug's name standing alone
        if line.text == extraction.drug_name:
            doc.place(line)
    return extraction


def _furniture(doc: Document, line: Line) -> bool:
    for pattern, why in _FURNITURE:
        if pattern.search(line.text):
            doc.ignore(line, why)
            return True
    return False


class _Reader:
    """One page's sections read in turn, with the trials its text and its table describe."""

    def __init__(self, doc: Document, extraction: Extraction, narrative: Narrative, trials: TrialProse) -> None:
        self.doc, self.extraction, self.narrative, self.trials = doc, extraction, narrative, trials
        self.table_rows: list[Trial] = []

    def block(self, block: Block) -> None:
        doc, extraction, topic = self.doc, self.extraction, block.topic
        if topic == "furniture":
            for line in block.content:
                doc.ignore(line, f"page furniture under {block.heading!r}")
            return
        for line in block.content:
            _furniture(doc, line)
        if topic == "agency":
            read_agency(doc, block, _AGENCY_HEADING.match(block.heading).group("agency"), extraction)
        elif topic == "trials":
            self.table_rows = read_trials_table(doc, block, extraction)
            for row in self.table_rows:  # a title naming one programme: "…(MK-3475-024/KEYNOTE-024)", "PROCLAIM: A …"
                names = {name for _, _, name in self.trials.names_in(row.title or "")}
                if not names and (prefix := _TITLE_PREFIX.match(row.title or "")):
                    names = {prefix.group(1)}
                if len(names) == 1:
                    row.programme = names.pop()
        elif topic in ("indications", "conditions"):
            _list(doc, block, extraction)
        elif topic == "report":
            _research_report(doc, block, extraction)
        else:
            if topic is None:
                extraction.report.unrecognised.append((block.heading_line, block.heading, "kept as text under its own heading"))
            text = [line for line in block.content if not doc.placed(line)]
            doc.keep_block(block, topic or "other", extraction, text)
            if topic == "overview":
                self._titled_trials(block)
            if topic == "summary":
                _summary(block, extraction)
            if topic == "safety":
                for line in text:
                    read_effects_in_text(line.text, block.prov(line), extraction)
        if topic in _PROSE_TOPICS:
            for line in block.content:
                if not any(pattern.search(line.text) for pattern, _ in _FURNITURE):
                    for sentence in prose.sentences(line.text):
                        self.narrative.sentence(sentence, block.prov(line))
                    self.trials.paragraph(line.text, block.prov(line))

    def _titled_trials(self, block: Block) -> None:
        """"…in clinical trial NCT03729245 (A Study of NKTR-214 …)": the trial's title, in parentheses."""
        for line in block.content:
            for match in _TRIAL_WITH_TITLE.finditer(line.text):
                trial = self.trials.trial(match.group("id"), block.prov(line))
                trial.state("title", _balanced(match.group("title")), None, block.prov(line))


def _balanced(text: str) -> str:
    """The text up to the parenthesis that closes the one opened before it."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return text[:index]
    return text


def _list(doc: Document, block: Block, extraction: Extraction) -> None:
    """"Indication" and "Associated Conditions": one item per line, or the page's "No … available"."""
    topic = "indications" if block.topic == "indications" else "associated conditions"
    records = extraction.indications if block.topic == "indications" else extraction.conditions
    status = "as stated" if block.topic == "indications" else "associated condition"
    for line in block.content:
        if doc.placed(line):
            continue
        if _NOT_STATED.match(line.text):
            extraction.not_stated.append(NotStated(topic, line.text, block.prov(line)))
            doc.place(line)
        elif block.topic == "indications" and (stated := stated_indications(line.text, block.prov(line))):
            records.extend(stated)  # "Atezolizumab is indicated as a single agent for …; in combination …"
            doc.keep_block(block, block.topic, extraction, [line])
        elif line.text.endswith("."):
            doc.keep_block(block, block.topic, extraction, [line])
            extraction.report.text_only.append((line.number, line.text[:60], f"a sentence, not a list item: kept as {topic} text"))
        else:
            records.append(Indication(line.text.lstrip("•-* ").strip(), "", status, block.prov(line)))
            doc.place(line)


def _research_report(doc: Document, block: Block, extraction: Extraction) -> None:
    for line in block.content:
        if doc.placed(line):
            continue
        if line.text.startswith("Published:"):
            extraction.properties.append(Property("research_report_published", line.text, block.prov(line)))
            doc.place(line)
        elif match := _DRUGBANK.search(line.text):
            extraction.identifiers.append(Identifier("drugbank_id", match.group(1), block.prov(line)))
            extraction.properties.append(Property("research_report_title", line.text, block.prov(line)))
            doc.place(line)
        else:
            doc.keep_block(block, "report", extraction, [line])


def _summary(block: Block, extraction: Extraction) -> None:
    for line in block.content:
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
