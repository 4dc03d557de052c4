"""Reader for a drug monograph: headings on lines of their own, an overview of labelled bullets, and
sections on mechanism, indications, dosing (a `|` table), efficacy, safety, research, patient management
and a disclaimer — each recognised by what its heading is about (`topics`), in any order, any of them
missing. A section under a heading no topic covers is kept as text under that heading and reported.
"""
from __future__ import annotations

import re

from . import prose
from .document import Block, Document, Line, bullets, first_of, is_bullet, note_missing, unbulleted
from .identity import LABELLED as _LABELLED, LabelledFields, known_label
from .indications import read_indications
from .narrative import Narrative
from .glossary import read_glossary, read_references
from .safety_prose import read_effects_in_text
from .trial_prose import TrialProse
from .trial_rows import header_of, merge_row, read_row
from .records import AdverseEffect, Advice, Disclaimer, DosingRow, Finding, Provenance, Section
from .extraction import Extraction, Trial
from .tables import Table, pipe_tables
from .topics import topic_of

# A monograph's usual sections: one that is missing is said in the report, and its pane says "not stated".
_EXPECTED = {"overview": "the overview", "mechanism": "the mechanism", "indications": "indications",
             "dosing": "dosing", "safety": "safety", "disclaimer": "a disclaimer"}
_NUMBERED = re.compile(r"^\d+\.\s+\S")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs", "with"}
# Frequencies as sources write them: "~70%", "10–20%", "<1%", "nearly 70% of patients", "(common)".
_PERCENT = (r"(?:(?:~|≈|<|>|≤|≥) ?|(?:about|approximately|nearly|around|roughly|over|up to|under|less than|more than) )?"
            r"\d+(?:\.\d+)?\s?%?(?:\s?(?:–|-|to)\s?\d+(?:\.\d+)?)?\s?%"
            r"|(?:about |approximately |roughly |nearly )?\d+ in \d+(?: patients| people)?")
_FREQUENCY = re.compile(rf"(?:occurring in )?(?P<freq>{_PERCENT})(?: of (?:patients|participants|people))?"
                        r"|\bin (?:nearly|almost|virtually) all (?:patients|participants)")
# A frequency as a word, with the source's gloss after it where it gives one: "very common (≥ 1/10)", "rare (<1%)".
_FREQUENCY_WORD = re.compile(r"^(?:very common|common|uncommon|rare|very rare|frequent|infrequent|occasional|not known)"
                             r"(?: \([^()]*\))?$", re.I)
_PARENTHESIS = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")


def _is_heading(_: int, line: Line) -> bool:
    """A short line standing for a title: not a bullet, table row, numbered part, sentence or sub-label,
    and either a heading of the vocabulary or written in title case."""
    text = line.text
    if len(text) > 90 or is_bullet(text) or text.startswith("|") or _NUMBERED.match(text):
        return False
    if text.endswith((".", ":", ";", ",", "!")):
        return False
    return topic_of(text) is not None or _title_case(text)


def _title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    significant = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return 0 < len(words) <= 10 and bool(significant) and all(w[0].isupper() for w in significant)


def parse(doc: Document) -> Extraction:
    blocks = doc.split(_is_heading, topic_of)
    first = next((line for line in doc.lines if not line.blank), None)
    if blocks and first is not None and blocks[0].heading_line == first.number and blocks[0].topic is None:
        blocks[0].topic = "title"  # "Ipilimumab (Yervoy)": the document's title, the text under it an introduction
    extraction = _identity(doc, blocks)
    narrative = Narrative(extraction)
    trials = TrialProse(exclude=extraction.code_names(), drug_names=extraction.names())
    trials.learn(_text(line) for line in doc.lines)
    readers = {
        "title": _overview, "overview": _overview, "mechanism": _mechanism, "indications": read_indications, "dosing": _dosing,
        "efficacy": _efficacy, "safety": _safety, "research": _research, "patient_management": _patient_management,
        "disclaimer": _disclaimer, "glossary": read_glossary, "references": read_references,
    }
    rows: list[Trial] = []
    for block in blocks:
        rows.extend(_trial_tables(doc, block, extraction))
        reader = readers.get(block.topic)
        if reader:
            reader(doc, block, extraction)
        else:
            if block.topic is None:
                extraction.report.unrecognised.append((block.heading_line, block.heading, "kept as text under its own heading"))
            doc.keep_block(block, block.topic or "other", extraction,
                           [line for line in block.content if not doc.placed(line)])
        if block.topic not in ("disclaimer", "patient_management", "glossary", "references"):
            _prose_facts(block, narrative, trials)
    for row in rows:
        merge_row(trials, row)
    extraction.trials.extend(trials.all_trials())
    note_missing(doc, blocks, _EXPECTED, extraction)
    doc.finish(extraction)
    return extraction


def _identity(doc: Document, blocks: list[Block]) -> Extraction:
    """The drug's name and identity from the overview's labelled bullets ("- Generic Name: …"), else from
    the document's title line."""
    overview = first_of(blocks, "overview")
    fields = LabelledFields(doc)
    preamble = [line for line in doc.lines[: blocks[0].heading_line - 1 if blocks else None] if not line.blank]
    # Identity bullets stand above the first heading, in the overview, or in the first section whatever
    # its heading ("Drug at a Glance").
    sections = [block for block in blocks[:1] if block is not overview] + ([overview] if overview else [])
    summary = first_of(blocks, "summary")
    sections += [summary] if summary and summary not in sections else []
    for block, lines in [(None, preamble), *((block, block.content) for block in sections)]:
        for line in lines:  # "- Code Name: …" as a bullet, or "Identifiers: CAS …" as a line of its own
            text = unbulleted(line.text)
            if (match := _LABELLED.match(text)) and known_label(match.group("label")):
                prov = block.prov(line) if block else Provenance(doc.name, "Drug identity", line.number, line.number)
                fields.add(match.group("label"), match.group("value"), line, prov)
    name = fields.generic_name()
    if name is None:
        title = _title_line(doc, blocks)
        if title is None:
            raise doc.error(overview.last_line if overview else 1, "the drug's name: a '- Generic Name: …' bullet "
                            "in the overview, or a title line naming the drug", None)
        name = (title[0], Provenance(doc.name, "Title", title[1].number, title[1].number))
        doc.place(title[1])
    extraction = Extraction(doc.name, name[0], name[1])
    fields.write(extraction)
    return extraction


def _title_line(doc: Document, blocks: list[Block]) -> tuple[str, Line] | None:
    """"Pembrolizumab (Keytruda) — Drug Monograph" above the first heading → "Pembrolizumab". A sentence
    is no title: the name is never guessed from the start of one."""
    first = next((line for line in doc.lines if not line.blank), None)
    if first is None or (blocks and first.number > blocks[0].heading_line):
        return None
    if len(first.text) > 80 or first.text.endswith((".", ":", ";", ",")):
        return None
    name = re.split(r"\s+[—–-]\s+|:\s|\s\(", first.text)[0].strip()
    return (name, first) if name and topic_of(name) is None and len(name.split()) <= 5 else None


def _trial_tables(doc: Document, block: Block, extraction: Extraction) -> list[Trial]:
    """A `|` table of trials in any section ("| Study | Registry ID | Phase | …"): its rows, placed."""
    rows = []
    for table in pipe_tables(block.content):
        header = header_of(table.header.line)
        if header is None:
            continue
        doc.place(table.header.line, table.rules)
        for row in table.rows:
            if (trial := read_row(row.line, header, block.prov(row.line), extraction.report)) is not None:
                rows.append(trial)
                doc.place(row.line)
    return rows


def _text(line: Line) -> str:
    """A line's text without its bullet marker or its label ("- Label: text" → "text")."""
    text = unbulleted(line.text)
    match = _LABELLED.match(text)
    return match.group("value") if match else text


def _prose_facts(block: Block, narrative: Narrative, trials: TrialProse) -> None:
    """Designations, events and trials anywhere, with the condition an indication bullet's label gives."""
    for line in block.content:
        if line.text.startswith("|"):
            continue
        label = None
        if is_bullet(line.text) and (match := _LABELLED.match(line.text[2:])):
            label = match.group("label")
        text = _text(line)
        for sentence in prose.sentences(text):
            narrative.sentence(sentence, block.prov(line))
        trials.paragraph(text, block.prov(line), label if block.topic == "indications" else None)


def _overview(doc: Document, block: Block, extraction: Extraction) -> None:
    """Everything but the identity bullets `_identity` read (a label it does not know stays text, shown)."""
    text = [line for line in block.content if not doc.placed(line)]
    doc.keep_block(block, "overview", extraction, text)


def _mechanism(doc: Document, block: Block, extraction: Extraction) -> None:
    """One section for the introduction and one per numbered part, each with its own line span."""
    parts: list[tuple[str, list[Line]]] = [(block.heading, [])]
    for line in block.content:
        if _NUMBERED.match(line.text):
            parts.append((line.text, []))
            doc.place(line)
        else:
            parts[-1][1].append(line)
    for heading, lines in parts:
        lines = [line for line in lines if not line.blank]
        if lines:
            extraction.sections.append(Section("mechanism", heading, doc.body(lines), block.prov(lines[0], lines[-1])))
            doc.place(lines)


def _dosing(doc: Document, block: Block, extraction: Extraction) -> None:
    tables = pipe_tables(block.content)
    table_lines = {line.number for table in tables for line in table.lines}
    text = [line for line in block.content if line.number not in table_lines and not line.text.startswith("|")]
    doc.keep_block(block, "dosing", extraction, text)
    for table in tables:
        _dosing_table(doc, block, table, extraction)
    stray = [line for line in block.content if line.text.startswith("|") and line.number not in table_lines]
    doc.place(stray)  # rule rows with no table above them: formatting
    if not tables:
        extraction.report.text_only.append((block.heading_line, block.heading, "no dosing table: kept as text"))


def _dosing_table(doc: Document, block: Block, table: Table, extraction: Extraction) -> None:
    doc.place(table.lines)
    extraction.report.notes.extend(table.notes)
    headers = table.columns
    for row in table.rows:
        cells = row.cells
        if not any(cells):
            continue
        if len(cells) == 2:
            specification = cells[1]
        else:
            specification = "; ".join(f"{h}: {c}" if h else c for h, c in zip(headers[1:], cells[1:]) if c)
        extraction.dosing.append(DosingRow(cells[0], specification, block.prov(row.line), list(headers), list(cells)))


def _efficacy(doc: Document, block: Block, extraction: Extraction) -> None:
    doc.keep_block(block, "efficacy", extraction)
    for line, text in bullets(block.content):
        match = _LABELLED.match(text)
        label, statement = (match.group("label"), match.group("value")) if match else (None, text)
        extraction.efficacy.append(Finding(label, statement, block.prov(line)))


def _safety(doc: Document, block: Block, extraction: Extraction) -> None:
    doc.keep_block(block, "safety", extraction)
    seriousness, group = _group(block.heading) if _names_a_group(block.heading) else (None, None)
    for table in pipe_tables(block.content):
        _effects_table(block, table, extraction)
    for line in block.content:
        text = line.text
        if text.endswith(":") and not is_bullet(text):
            seriousness, group = _group(text[:-1])
        elif is_bullet(text):
            extraction.adverse_effects.append(_effect(text[2:], seriousness, group, block.prov(line)))
        elif not text.startswith("|"):
            read_effects_in_text(text, block.prov(line), extraction)


def _names_a_group(heading: str) -> bool:
    return bool(re.search(r"\b(?:serious|common|rare|frequent)\b", heading, re.I))


def _group(heading: str) -> tuple[str, str | None]:
    """"Common Side Effects (>25%)" → ("common", ">25%"); "Serious Risks" → ("serious", None);
    "Very common (≥1/10)" → ("Very common", "≥1/10")."""
    inner = _PARENTHESIS.search(heading)
    group = inner.group("inner") if inner and re.search(r"\d", inner.group("inner")) else None
    name = _PARENTHESIS.sub("", heading).strip()
    bare = re.sub(r"\b(?:side effects|adverse (?:effects|reactions|events)|reactions|effects)\b", "", name, flags=re.I).strip()
    if "serious" in name.casefold():
        return "serious", group
    if bare.casefold() == "common":
        return "common", group
    return name, group


def _effect(text: str, seriousness: str | None, group: str | None, prov: Provenance) -> AdverseEffect:
    """"Fatigue (~70%): …", "Rash (common)", "Pyrexia (Fever) and Chills: … nearly 70% of patients …"."""
    match = _LABELLED.match(text)
    effect, description = (match.group("label"), match.group("value")) if match else (text.rstrip("."), "")
    frequency = None
    if _FREQUENCY_WORD.match(description.rstrip(".")):  # "- Painful urination (dysuria): very common."
        frequency = description.rstrip(".")
    # "Keratitis — rare (<1%)": the dash parts the effect from its frequency, gloss and all
    dash = re.match(r"^(?P<effect>.+?)\s+[—–-]\s+(?P<freq>.+)$", text) if match is None else None
    inner = _PARENTHESIS.search(effect)
    if frequency is None and dash and _is_frequency(dash.group("freq")):
        effect, frequency = dash.group("effect"), dash.group("freq")
    elif frequency is None and inner and _is_frequency(inner.group("inner")):
        frequency, effect = inner.group("inner"), _PARENTHESIS.sub("", effect).strip()
    if frequency is None and (found := _FREQUENCY.search(description)):
        frequency = found.group(0).removeprefix("occurring in ")
        if found.start() == 0 and len(description.split()) <= 8:  # "7% when combined with abiraterone": its context too
            frequency = description.rstrip(".")
    return AdverseEffect(effect.strip().rstrip("."), description, seriousness, frequency, group, prov)


def _is_frequency(text: str) -> bool:
    return bool(_FREQUENCY_WORD.match(text) or re.fullmatch(_PERCENT, text))


def _effects_table(block: Block, table: Table, extraction: Extraction) -> None:
    """| Effect | Frequency | …: a row per effect, the frequency from the column that says so."""
    columns = [c.casefold() for c in table.columns]
    frequency_at = next((i for i, c in enumerate(columns) if "frequen" in c or "incidence" in c or "%" in c), None)
    for row in table.rows:
        cells = row.cells + [""] * (len(columns) - len(row.cells))
        details = "; ".join(f"{h}: {c}" for i, (h, c) in enumerate(zip(table.columns, cells)) if i and i != frequency_at and c)
        frequency = cells[frequency_at] if frequency_at is not None and cells[frequency_at] else None
        extraction.adverse_effects.append(AdverseEffect(cells[0], details, None, frequency, None, block.prov(row.line)))
    extraction.report.notes.extend(table.notes)


def _research(doc: Document, block: Block, extraction: Extraction) -> None:
    doc.keep_block(block, "research", extraction)
    for line in block.content:
        for sentence in prose.sentences(line.text):
            extraction.research_areas.append(Finding(None, sentence, block.prov(line)))


def _patient_management(doc: Document, block: Block, extraction: Extraction) -> None:
    doc.keep_block(block, "patient_management", extraction)
    category = block.heading  # until a sub-label ("Before treatment:") names the group
    for line in block.content:
        text = line.text
        if text.endswith(":") and not is_bullet(text):
            category = text[:-1]
        elif is_bullet(text):
            body = text[2:]
            if match := re.match(r"^(DO|DON[’']T)\b\s*(.+)$", body):
                label, advice = match.group(1), match.group(2)
            elif match := _LABELLED.match(body):
                label, advice = match.group("label"), match.group("value")
            else:
                label, advice = None, body
            extraction.advice.append(Advice(category, label, advice, block.prov(line)))


def _disclaimer(doc: Document, block: Block, extraction: Extraction) -> None:
    if doc.keep_block(block, "disclaimer", extraction):
        extraction.disclaimers.append(Disclaimer(" ".join(line.text for line in block.content), block.prov()))
