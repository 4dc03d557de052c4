"""Reader for a clinical-trials overview: the drug's name on the first line, prose that describes trials
by registry number, a trials table (tab-separated, or with its cells run together as
`NCT04243499Phase 1/2Advanced solid tumors…Completed88`), a list of ongoing studies with their status and
countries, terms explained, and references. Sections are recognised by what their heading is about.

Mentions of one registry number are merged here. An ongoing study carries no number in the source; it
is joined to a trial only when the trial's own citation points at a page whose address is the study's
title, word for word. Otherwise it stays a trial of its own with no number.
"""
from __future__ import annotations

import re
from dataclasses import fields
from urllib.parse import urlsplit

from . import prose
from .clean import STATUS_WORDINGS, iso_date, normalise_phase, normalise_status, slug, strip_citations
from .countries import read_countries
from .document import Block, Document, Line, is_bullet, note_missing
from .glossary import explained_in_passing, read_glossary, read_references
from .narrative import Narrative
from .records import Extraction, GlossaryEntry, Provenance, Section, Trial, TrialFacts
from .registries import REGISTRY_ID, is_registry_id, registry_id_at_start, registry_ids
from .tables import tab_cells
from .topics import topic_of
from .trial_prose import TrialProse

_TABLE_HEADER = re.compile(r"^(?:Trial|Study|Registry) (?:ID|number|identifier)\b.*\bPhase\b.*\bStatus\b", re.I)
_PHASE_CELL = (r"(?:Early Phase 1|Not Applicable|N/A|Phase (?:[0-4]|IV|I{1,3})(?:[a-c](?=[A-Z/]))?"
               r"(?:/(?:Phase )?(?:[0-4]|IV|I{1,3})(?:[a-c](?=[A-Z]))?)?)")
_RUN_TOGETHER = re.compile(
    rf"^(?P<id>{REGISTRY_ID})(?P<phase>{_PHASE_CELL})(?P<condition>.+?)"
    rf"(?P<status>{'|'.join(re.escape(s) for s in STATUS_WORDINGS)})(?P<enrollment>\d{{1,3}}(?:,\d{{3}})+|\d+)?$"
)
# Column header → trial field, for tables whose cells are separated by tabs.
_COLUMNS = {
    "trial id": "trial_id", "study id": "trial_id", "registry id": "trial_id", "registry number": "trial_id",
    "phase": "phase", "condition studied": "conditions", "conditions studied": "conditions", "condition": "conditions",
    "conditions": "conditions", "status": "status", "recruitment status": "status", "enrollment": "enrollment",
    "enrolment": "enrollment", "participants": "enrollment", "sponsor": "sponsor", "title": "title",
    "study title": "title", "posted": "posted", "first posted": "posted", "start date": "start",
}
# Topics whose lines are items of a list: a standalone line there is an item, not a heading.
_LIST_TOPICS = ("ongoing", "glossary", "references", None)
# An overview's usual sections: one that is missing is said in the report (a file cut short loses them).
_EXPECTED = {"trials_table": "the trials table ('Trial ID … Phase … Status …')", "references": "references ('References')"}
_COUNTS_ROW = re.compile(r"^[\d ]+$")


def parse(doc: Document) -> Extraction:
    first = next((line for line in doc.lines if not line.blank), None)
    if first is None:
        raise doc.error(1, "the drug's name on the first line", "an empty document")
    name = _drug_name(first.text)
    if name is None:
        raise doc.error(first.number, "the drug's name on the first line", first.text)
    doc.place(first)
    blocks = doc.split(_heading_test(doc, first), _topic)
    extraction = Extraction(doc.name, name, Provenance(doc.name, "Title", first.number, first.number))
    intro = [line for line in doc.lines[first.number: (blocks[0].heading_line - 1 if blocks else None)] if not line.blank]
    if intro:
        extraction.sections.append(Section("overview", name, doc.body(intro),
                                           Provenance(doc.name, name, intro[0].number, intro[-1].number)))
        doc.place(intro)
    trials: dict[str, Trial] = {}
    narrative = Narrative(extraction)
    reader = TrialProse(trials, drug_names={name})
    reader.learn(line.text for line in doc.lines)
    for line in intro:
        reader.paragraph(line.text, Provenance(doc.name, name, line.number, line.number))
    for block in blocks:
        _read_block(doc, block, extraction, trials, reader, narrative)
    extraction.trials[:0] = reader.all_trials()
    for block in blocks:  # after the references: an ongoing study joins the trial whose citation names it
        if block.topic == "ongoing":
            _ongoing(doc, block, extraction, reader)
    note_missing(doc, blocks, _EXPECTED, extraction)
    doc.finish(extraction)
    return extraction


def registry_id_in(text: str) -> bool:
    return bool(registry_ids(text))


def _drug_name(title: str) -> str | None:
    """"Aldesleukin", "Pembrolizumab — clinical trials overview", "Nivolumab: Clinical Trials" → the name."""
    name = re.split(r"\s+[—–|-]\s+|:\s", title)[0]
    name = re.sub(r"\s+(?:clinical\s+)?(?:trials?|studies)\b.*$", "", name, flags=re.I).strip()
    return name if name and topic_of(name) is None and len(name.split()) <= 6 else None


def _topic(heading: str) -> str | None:
    return "trials_table" if _TABLE_HEADER.match(heading) else topic_of(heading)


def _heading_test(doc: Document, title: Line):
    """A short, unindented line standing alone between blank lines, or the trials-table header; inside a
    list (ongoing studies, glossary, references) only a heading of the vocabulary ends the list."""
    lines = doc.lines
    state = {"topic": "overview"}

    def is_heading(index: int, line: Line) -> bool:
        if line is title:
            return False
        if _TABLE_HEADER.match(line.text):
            state["topic"] = "trials_table"
            return True
        before_blank = index == 0 or lines[index - 1].blank
        after_blank = index + 1 >= len(lines) or lines[index + 1].blank
        text = line.text
        candidate = (
            before_blank and after_blank and not line.raw[:1].isspace() and len(text) <= 80
            and not text.endswith((".", ":", ";", ",", "]", ")")) and ": " not in text and not is_bullet(text)
            and not re.match(r"^(?:\[\d+\]|\d+\.)\s", text) and "://" not in text
            and not registry_id_at_start(text) and "\t" not in line.raw
        )
        if not candidate:
            return False
        topic = topic_of(text)
        if state["topic"] in ("trials_table", *_LIST_TOPICS[:-1]) and topic is None:
            return False
        state["topic"] = topic
        return True

    return is_heading


def _read_block(doc: Document, block: Block, extraction: Extraction, trials: dict[str, Trial],
                reader: TrialProse, narrative: Narrative) -> None:
    topic = block.topic
    if topic == "trials_table":
        _table(doc, block, trials, extraction)
    elif topic == "glossary":
        read_glossary(doc, block, extraction)
    elif topic == "references":
        read_references(doc, block, extraction)
    elif topic == "ongoing":
        pass  # read once the trials are known
    elif topic == "contents":
        doc.keep_block(block, "contents", extraction)
    else:
        if topic is None and any(reader.names_in(line.text) or registry_id_in(line.text) for line in block.content):
            topic = block.topic = "trials"  # "Other cancers": a heading over prose that describes trials
        if topic is None:
            extraction.report.unrecognised.append((block.heading_line, block.heading, "kept as text under its own heading"))
        kind = {"trials": "trials_narrative", None: "other"}.get(topic, topic)
        doc.keep_block(block, kind, extraction)
        _prose(block, extraction, reader, narrative)


def _prose(block: Block, extraction: Extraction, reader: TrialProse, narrative: Narrative) -> None:
    for line in block.content:
        prov = block.prov(line)
        text = line.text[2:] if is_bullet(line.text) else line.text
        reader.paragraph(text, prov)
        for sentence in prose.sentences(text):
            narrative.sentence(sentence, prov)
            extraction.glossary.extend(explained_in_passing(sentence, prov))


# ---- the trials table -------------------------------------------------------------------------------


def _table(doc: Document, block: Block, trials: dict[str, Trial], extraction: Extraction) -> None:
    header = next(line for line in doc.lines if line.number == block.heading_line)
    columns = [_COLUMNS.get(cell.casefold()) for cell in tab_cells(header.raw)] if "\t" in header.raw else None
    if not block.content:
        extraction.report.notes.append((block.heading_line, block.heading, "the trials table has no rows"))
    for line in block.content:
        if not registry_id_at_start(line.text):
            continue  # not a row: left for the report
        if columns:
            trial = _tab_row(line, columns, block, extraction)
        else:
            trial = _run_together_row(line, block, extraction)
        if trial is None:
            continue
        _merge_row(trials, trial)
        doc.place(line)


def _tab_row(line: Line, columns: list[str | None], block: Block, extraction: Extraction) -> Trial | None:
    cells = tab_cells(line.raw)
    if len(cells) < len(columns):  # trailing empty cells left off ("…\tTemporarily halted" without enrollment)
        cells += [""] * (len(columns) - len(cells))
    if len(cells) != len(columns):
        collapsed = tab_cells(line.raw, collapse=True)
        if len(collapsed) != len(columns):
            extraction.report.notes.append((line.number, line.text, f"{len(cells)} cells under {len(columns)} column headers: "
                                            "row kept as text"))
            return _id_only(line, block, extraction)
        cells = collapsed
    values = dict(zip(columns, cells))
    if not is_registry_id(values.get("trial_id") or ""):
        return None
    trial = Trial(values["trial_id"], block.prov(line))
    _fill(trial, values, line, extraction)
    return trial


def _run_together_row(line: Line, block: Block, extraction: Extraction) -> Trial | None:
    match = _RUN_TOGETHER.match(line.text)
    if not match:
        extraction.report.notes.append((line.number, line.text, "the row's phase or status is not one DrugRef knows: "
                                        "the trial is kept with its ID, the rest of the row as text"))
        return _id_only(line, block, extraction)
    trial = Trial(match.group("id"), block.prov(line))
    _fill(trial, {"phase": match.group("phase"), "conditions": match.group("condition"), "status": match.group("status"),
                  "enrollment": match.group("enrollment")}, line, extraction)
    return trial


def _id_only(line: Line, block: Block, extraction: Extraction) -> Trial | None:
    trial_id = registry_id_at_start(line.text)
    return Trial(trial_id, block.prov(line), summary=line.text) if trial_id else None


# A cell's field → how its wording is read, and what it is called when it cannot be.
_NORMALISED = {
    "phase": (normalise_phase, "a phase"),
    "status": (normalise_status, "a status"),
    "enrollment": (lambda text: int(text.replace(",", "")) if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text) else None,
                   "an enrollment count"),
}


def _fill(trial: Trial, values: dict, line: Line, extraction: Extraction) -> None:
    """A row's cells into the trial; a cell DrugRef cannot read is kept in the row's text and reported."""
    prov = trial.prov
    for name, (read, what) in _NORMALISED.items():
        if cell := values.get(name):
            value = read(cell)
            if value is None:
                extraction.report.notes.append((line.number, cell, f"not {what} DrugRef knows: kept in the row's text"))
                trial.summary = line.text
            trial.state(name, value, cell, prov)
    for name in ("conditions", "sponsor", "title"):
        trial.state(name, (values.get(name) or "").strip() or None, None, prov)
    if posted := values.get("posted"):
        trial.state("posted", iso_date(posted), posted, prov)


def _merge_row(trials: dict[str, Trial], row: Trial) -> None:
    """The table row is the trial's registry record: it becomes the primary passage, its cells the trial's
    fields; what the prose said before is kept beside them, each value with the line it came from."""
    trial = trials.get(row.trial_id)
    if trial is None:
        trials[row.trial_id] = row
        return
    trial.keep_as_values()
    trial.mentions.insert(0, trial.prov)
    trial.prov = row.prov
    for f in fields(TrialFacts):
        if getattr(row, f.name) not in (None, "", []):
            setattr(trial, f.name, getattr(row, f.name))


# ---- ongoing studies --------------------------------------------------------------------------------


def _ongoing(doc: Document, block: Block, extraction: Extraction, reader: TrialProse) -> None:
    """Bullets of study titles, each followed by its recruitment status and a line of countries."""
    studies: list[tuple[Line, list[Line]]] = []
    for line in block.content:
        if is_bullet(line.text):
            studies.append((line, []))
        elif studies:
            studies[-1][1].append(line)
    cited = _trials_by_cited_slug(extraction)
    doc.keep_block(block, "ongoing", extraction, [line for line in block.content if not studies or line.number < studies[0][0].number])
    for title_line, details in studies:
        _study(doc, block, title_line, details, cited, extraction, reader)


def _study(doc: Document, block: Block, title_line: Line, details: list[Line], cited: dict[str, Trial],
           extraction: Extraction, reader: TrialProse) -> None:
    title = title_line.text[2:].strip()
    prov = block.prov(title_line, details[-1] if details else title_line)
    trial = cited.get(slug(title)) or _named_by_programme(title, reader)
    if trial is None:
        trial = Trial(None, prov)
        extraction.trials.append(trial)
    else:
        trial.mentioned_at(prov)
    trial.state("title", title, title, prov)
    doc.place(title_line)
    for line in details:
        if status := normalise_status(line.text):
            trial.state("status", status, line.text, prov)
            doc.place(line)
        elif _COUNTS_ROW.match(line.text):
            doc.ignore(line, "a row of counts with no labels (the page's icons)")
        elif line.text.endswith(":"):
            doc.ignore(line, "a label with no value after it")
        elif (countries := read_countries(line.text)) is not None:
            trial.state("countries", countries[0], None, prov)
            if countries[1]:
                trial.state("countries_more", countries[1], f"+{countries[1]}", prov)
            doc.place(line)


def _named_by_programme(title: str, reader: TrialProse) -> Trial | None:
    """A study whose title names one programme that the document elsewhere pairs with a registry number
    ("… Resectable Lung Cancer (CheckMate 77T)" and "NCT04025879 (CheckMate 77T)") is that trial."""
    names = {name for _, _, name in reader.names_in(title)}
    if len(names) == 1 and (trial_id := reader.id_of.get(names.pop())):
        return reader.trials.get(trial_id)
    return None


def _trials_by_cited_slug(extraction: Extraction) -> dict[str, Trial]:
    urls = {ref.number: ref.url for ref in extraction.references if ref.url}
    by_slug = {}
    for trial in extraction.trials:
        for number in trial.citations:
            if number in urls:
                page = urlsplit(urls[number]).path.rstrip("/").rsplit("/", 1)[-1]
                by_slug.setdefault(page, trial)
    return by_slug
