"""Reader for a clinical-trials overview: the drug's name on the first line, prose that describes trials
by registry number or programme name, a table of trials (tab- or `|`-separated, or with its cells run
together as `NCT04243499Phase 1/2Advanced solid tumors…Completed88`), lists of studies with their status
and countries, terms explained, and references. Sections are recognised by what their heading is about.

Mentions of one registry number are merged here; a table row is its trial's record and becomes its
primary passage. A study listed without a number joins a trial only where the document itself says they
are one (see `study_list`).
"""
from __future__ import annotations

import re

from . import prose
from .document import Block, Document, Line, is_bullet, note_missing, unbulleted
from .glossary import explained_in_passing, read_glossary, read_references
from .narrative import Narrative
from .records import Provenance, Section
from .extraction import Extraction, Trial
from .registries import registry_id_at_start, registry_ids
from .study_list import is_study_list, read_study_list
from .topics import topic_of
from .trial_prose import TrialProse
from .trial_rows import Header, header_of, is_row, merge_row, read_row

# Topics whose lines are items of a list: a standalone line there is an item, not a heading.
_LIST_TOPICS = ("trials_table", "ongoing", "glossary", "references")
# An overview's usual sections: one that is missing is said in the report (a file cut short loses them).
_EXPECTED = {"trials_table": "the trials table ('Trial ID … Phase … Status …')", "references": "references ('References')"}


def parse(doc: Document) -> Extraction:
    first = next((line for line in doc.lines if not line.blank), None)
    if first is None:
        raise doc.error(1, "the drug's name on the first line", "an empty document")
    name = _drug_name(first.text)
    if name is None:
        raise doc.error(first.number, "the drug's name on the first line", first.text)
    doc.place(first)
    headers = {line.number: header for line in doc.lines if not line.blank and (header := header_of(line))}
    blocks = doc.split(_heading_test(doc, first, headers), topic_of)
    for block in blocks:
        if block.heading_line in headers:
            block.topic = "trials_table"
    extraction = Extraction(doc.name, name, Provenance(doc.name, "Title", first.number, first.number))
    intro = [line for line in doc.lines[first.number: (blocks[0].heading_line - 1 if blocks else None)] if not line.blank]
    if intro:
        extraction.sections.append(Section("overview", name, doc.body(intro),
                                           Provenance(doc.name, name, intro[0].number, intro[-1].number)))
        doc.place(intro)
    narrative = Narrative(extraction)
    reader = TrialProse(drug_names={name})
    reader.learn(line.text for line in doc.lines)
    for line in intro:
        reader.paragraph(line.text, Provenance(doc.name, name, line.number, line.number))
    rows: list[Trial] = []
    lists: list[Block] = []
    for block in blocks:
        if block.topic == "trials_table":
            rows.extend(_table(doc, block, headers[block.heading_line], extraction))
        elif block.topic not in ("glossary", "references", "contents") and is_study_list(block):
            lists.append(block)  # read once the trials are known
        else:
            _read_block(doc, block, extraction, reader, narrative)
    for row in rows:
        merge_row(reader, row)
    extraction.trials[:0] = reader.all_trials()
    for block in lists:  # after the references: a study joins the trial whose citation names it
        read_study_list(doc, block, extraction, reader)
    note_missing(doc, blocks, _EXPECTED, extraction)
    doc.finish(extraction)
    return extraction


def _drug_name(title: str) -> str | None:
    """"Aldesleukin", "Pembrolizumab — clinical trials overview", "Dostarlimab (Jemperli) — Clinical Trials
    Overview", "Blinatumomab clinical trials at a glance" → the name."""
    name = re.split(r"\s+[—–|-]\s+|:\s", title)[0]
    name = re.sub(r"\s+(?:clinical\s+)?(?:trials?|studies)\b.*$", "", name, flags=re.I)
    name = re.sub(r"\s*\([^()]*\)$", "", name).strip()  # a brand name in parentheses
    return name if name and topic_of(name) is None and len(name.split()) <= 6 else None


def _heading_test(doc: Document, title: Line, headers: dict[int, Header]):
    """A short, unindented line standing alone between blank lines, or a trials table's header; inside a
    table or a list (studies, glossary, references) only a heading of the vocabulary ends it."""
    lines = doc.lines
    state = {"topic": "overview"}

    def is_heading(index: int, line: Line) -> bool:
        if line is title:
            return False
        if line.number in headers:
            state["topic"] = "trials_table"
            return True
        before_blank = index == 0 or lines[index - 1].blank
        after_blank = index + 1 >= len(lines) or lines[index + 1].blank
        text = line.text
        candidate = (
            before_blank and after_blank and not line.raw[:1].isspace() and len(text) <= 80
            and not text.endswith((".", ":", ";", ",", "]", ")")) and ": " not in text and not is_bullet(text)
            and not re.match(r"^(?:\[\d+\]|\d+\.)\s", text) and "://" not in text
            and not registry_id_at_start(text) and "\t" not in line.raw and "|" not in text
        )
        if not candidate:
            return False
        topic = topic_of(text)
        if state["topic"] in _LIST_TOPICS and topic is None:
            return False
        state["topic"] = topic
        return True

    return is_heading


def _read_block(doc: Document, block: Block, extraction: Extraction, reader: TrialProse, narrative: Narrative) -> None:
    topic = block.topic
    if topic == "glossary":
        read_glossary(doc, block, extraction)
    elif topic == "references":
        read_references(doc, block, extraction)
    elif topic == "contents":
        doc.keep_block(block, "contents", extraction)
    else:
        if topic is None and any(reader.names_in(line.text) or registry_ids(line.text) for line in block.content):
            topic = block.topic = "trials"  # "Other cancers": a heading over prose that describes trials
        if topic is None and block.content:
            extraction.report.unrecognised.append((block.heading_line, block.heading, "kept as text under its own heading"))
        kind = {"trials": "trials_narrative", None: "other"}.get(topic, topic)
        doc.keep_block(block, kind, extraction)
        _prose(block, extraction, reader, narrative)


def _prose(block: Block, extraction: Extraction, reader: TrialProse, narrative: Narrative) -> None:
    for line in block.content:
        prov = block.prov(line)
        text = unbulleted(line.text)
        reader.paragraph(text, prov)
        for sentence in prose.sentences(text):
            narrative.sentence(sentence, prov)
            extraction.glossary.extend(explained_in_passing(sentence, prov))


def _table(doc: Document, block: Block, header: Header, extraction: Extraction) -> list[Trial]:
    """The table's rows as trials, in order; a row that gives no trial is left for the report."""
    unread = [name for name, field in zip(header.names, header.fields) if field is None]
    if unread:
        extraction.report.notes.append((block.heading_line, block.heading,
                                        f"column(s) {', '.join(repr(n) for n in unread)} not read into a field"))
    rows = []
    for line in block.content:
        if not is_row(line, header):
            continue  # not a row: left for the report
        trial = read_row(line, header, block.prov(line), extraction.report)
        if trial is not None:
            rows.append(trial)
            doc.place(line)
    if not rows:
        extraction.report.notes.append((block.heading_line, block.heading, "the trials table has no rows"))
    return rows
