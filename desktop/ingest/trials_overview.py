"""Parser for a clinical-trials overview: prose that describes trials by ID, a trials table whose
columns are run together (`NCT04243499Phase 1/2Advanced solid tumors…Completed88`), a list of
ongoing studies with recruitment status and countries, patient terms, a glossary and references.

Mentions of one trial ID are merged here. An ongoing study carries no ID in the source; it is
joined to a trial only when the trial's own citation points at a page whose address is the
study's title, word for word. Otherwise it stays a trial of its own with no ID.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import prose
from .clean import STATUS_WORDINGS, citation_numbers, normalise_phase, normalise_status, slug, strip_citations
from .document import Block, Document, Line, optional, require
from .records import Extraction, GlossaryEntry, Provenance, Reference, Section, Trial

TRIAL_ID = r"(?:NCT\d{8}|\d{4}-\d{6}-\d{2}-\d{2})"
_TRIAL_ID_IN_TEXT = re.compile(rf"\b{TRIAL_ID}\b")
_TABLE_HEADER = re.compile(r"^Trial ID\s+Phase\b.*\bStatus\b")
_TABLE_ROW = re.compile(
    rf"^(?P<id>{TRIAL_ID})(?P<phase>Phase \d(?:/\d)?(?:[a-c](?=[A-Z]))?)(?P<condition>.+?)"
    rf"(?P<status>{'|'.join(re.escape(s) for s in STATUS_WORDINGS)})(?P<enrollment>\d+)$"
)
_BULLET = "• "
_REFERENCE = re.compile(r"^(?P<number>\d+)\.\s+(?P<url>\S+)$")
_GLOSSARY = re.compile(r"^(?P<term>[^:]+?)(?:\s+\((?P<abbr>[A-Za-z0-9-]+)\))?:\s+(?P<definition>.+)$")
_DEFINES = re.compile(r"^(?P<term>[A-Z][\w-]*(?: [a-z][\w-]*)?) (?:means|is) (?P<definition>.+?)\.$")
# Names of interventions as a registry writes them: code names (ICT01, LN-145, CNTY-101), INN stems,
# and a few generic treatment words. Lexical only: the field lists what the passage names.
_INTERVENTION = re.compile(
    r"\b(?:(?!CD\d)(?!NCT)[A-Z]{2,5}-?\d{2,4}"
    r"|[A-Za-z]+(?:leukin|leucel|mab|sporin)"
    r"|(?:low-dose |high-dose )?(?:subcutaneous )?interleukin-2"
    r"|tumor-infiltrating lymphocytes|(?:autologous )?TIL therapy|dendritic cell vaccine|vaccine treatment"
    r"|IL-2 analog|high-dose IL-2)\b"
)
_ENDPOINT = re.compile(
    r"(?:main (?:goal|outcome|endpoint) (?:was|is|being)(?: to assess)?|\bmeasure[sd]?|focuses on|looks at|designed to assess)"
    r" (?P<endpoint>.+?)(?=, which\b|, meaning\b|, and Aldesleukin\b|, with the main\b|\.$|$)"
)
_CONDITION = re.compile(
    r"(?:\bstudie[sd] (?!people\b|children\b)(?P<object>[^,]+?) (?=and (?:compares|measures)\b)"
    r"|\bfocused on (?P<focus>.+?) and\b"
    r"|\bstudie[sd] (?:people|children) with (?P<people>.+?)\.$"
    r"|\b(?:Phase [\w/]+ )?(?:study|trial) in (?P<study_in>.+?)(?= that\b|\.$| compares\b|, and\b)"
    r"|\b[\w-]+ in (?P<in>recurrent.+?|advanced.+?|solid tumors)(?:, with\b|, and\b|\.$)"
    r"|\bconditions such as (?P<such_as>.+?)\.$"
    r"|\bfor (?P<for>stage [IV]+ .+?)\.$)"
)
_MULTIWORD_COUNTRY_START = {"The", "United", "Czech", "New", "South", "North", "Saudi", "Costa", "Puerto", "Sri", "El", "Hong"}


def _is_heading(index: int, line: Line, lines: list[Line]) -> bool:
    """A short, unindented line standing alone between blank lines, or the trials-table header."""
    if _TABLE_HEADER.match(line.text):
        return True
    before_blank = index == 0 or lines[index - 1].blank
    after_blank = index + 1 >= len(lines) or lines[index + 1].blank
    return (
        before_blank and after_blank
        and not line.raw[:1].isspace()
        and len(line.text) <= 70
        and not line.text.endswith((".", ":", "]", ")"))
        and not _TRIAL_ID_IN_TEXT.match(line.text)
    )


def parse(doc: Document) -> Extraction:
    first = next((line for line in doc.lines if not line.blank), None)
    if first is None:
        raise doc.error(1, "the drug's name on the first line", "an empty document")
    blocks = doc.split(lambda index, line: line is not first and _is_heading(index, line, doc.lines))
    extraction = Extraction(doc.name, first.text, Provenance(doc.name, "Title", first.number, first.number))
    intro = [line for line in doc.lines[first.number: (blocks[0].heading_line - 1 if blocks else None)] if not line.blank]
    if intro:
        extraction.sections.append(
            Section("overview", first.text, "\n".join(l.text for l in intro), Provenance(doc.name, first.text, intro[0].number, intro[-1].number))
        )
    trials: dict[str, Trial] = {}
    table = require(doc, blocks, lambda h: bool(_TABLE_HEADER.match(h)), "'Trial ID Phase Condition studied Status Enrollment' (the trials table)")
    for block in blocks:
        kind = _section_kind(block.heading)
        if kind in ("trials_narrative", "overview", "eligibility", "endpoints", "patient_terms") and block.content:
            extraction.sections.append(Section(kind, block.heading, "\n".join(l.text for l in block.content), block.prov()))
        if kind in ("trials_narrative", "overview"):
            _prose_trials(block, trials)
        elif kind == "patient_terms":
            _patient_terms(block, extraction)
        elif kind == "glossary":
            _glossary(doc, block, extraction)
        elif kind == "references":
            _references(doc, block, extraction)
    _table(doc, table, trials)
    # References close the overview: without them the file was cut short (and citations point nowhere).
    require(doc, blocks, lambda h: _section_kind(h) == "references", "'References' (the overview's closing section)")
    extraction.trials.extend(trials.values())
    ongoing = optional(blocks, lambda h: _section_kind(h) == "ongoing")
    if ongoing:
        _ongoing(doc, ongoing, extraction)
    return extraction


def _section_kind(heading: str) -> str:
    lowered = heading.casefold()
    for keyword, kind in (
        ("trial id", "trials_table"), ("ongoing", "ongoing"), ("glossary", "glossary"), ("references", "references"),
        ("terms", "patient_terms"), ("who can join", "eligibility"), ("measure", "endpoints"),
        ("table of contents", "contents"), ("overview", "overview"),
    ):
        if keyword in lowered:
            return kind
    return "trials_narrative"


def _prose_trials(block: Block, trials: dict[str, Trial]) -> None:
    """Each sentence belongs to the trial ID it names, or to the last one named in its paragraph."""
    for line in block.content:
        current: Trial | None = None
        for sentence in prose.sentences(line.text):
            ids = _TRIAL_ID_IN_TEXT.findall(sentence)
            if ids:
                current = trials.setdefault(ids[0], Trial(ids[0], block.prov(line)))
                if current.prov != block.prov(line) and block.prov(line) not in current.mentions:
                    current.mentions.append(block.prov(line))
            if current is None:
                continue
            _describe(current, sentence)


def _describe(trial: Trial, sentence: str) -> None:
    trial.summary = f"{trial.summary} {sentence}".strip() if trial.summary else sentence
    for number in citation_numbers(sentence):
        if number not in trial.citations:
            trial.citations.append(number)
    plain = strip_citations(sentence)
    phase, phase_text = prose.phase_of(plain)
    if phase and not trial.phase:
        trial.phase, trial.phase_text = phase, phase_text
    if (match := _ENDPOINT.search(plain)) and not trial.endpoints:
        trial.endpoints = match.group("endpoint")
    if (match := _CONDITION.search(plain)) and not trial.conditions:
        trial.conditions = next(value for value in match.groupdict().values() if value)
    names = [m.group(0) for m in _INTERVENTION.finditer(plain) if m.group(0) != trial.trial_id]
    if names:
        known = trial.interventions.split("; ") if trial.interventions else []
        for name in names:
            if name.casefold() not in (k.casefold() for k in known):
                known.append(name)
        trial.interventions = "; ".join(known)


def _table(doc: Document, block: Block, trials: dict[str, Trial]) -> None:
    rows = block.content
    if not rows:
        raise doc.error(block.heading_line + 1, "trial rows under the trials-table header", "")
    for line in rows:
        match = _TABLE_ROW.match(line.text)
        if not match:
            raise doc.error(
                line.number,
                "a trial row: ID, 'Phase N', condition, status (Completed, Authorised, …), enrollment",
                line.text,
            )
        trial_id = match.group("id")
        trial = trials.get(trial_id)
        if trial is None:
            trial = trials[trial_id] = Trial(trial_id, block.prov(line))
        else:
            # The table row is the trial's registry record: it becomes the primary passage.
            trial.mentions.insert(0, trial.prov)
            trial.prov = block.prov(line)
        trial.phase_text = match.group("phase")
        trial.phase = normalise_phase(trial.phase_text)
        trial.conditions = match.group("condition").strip()
        trial.status_text = match.group("status")
        trial.status = normalise_status(trial.status_text)
        trial.enrollment = int(match.group("enrollment"))


def _ongoing(doc: Document, block: Block, extraction: Extraction) -> None:
    """Bullets of study titles, each followed by its recruitment status and a line of countries."""
    studies: list[tuple[Line, list[Line]]] = []
    for line in block.content:
        if line.text.startswith(_BULLET):
            studies.append((line, []))
        elif studies:
            studies[-1][1].append(line)
        else:
            raise doc.error(line.number, "a '•' bullet starting an ongoing study", line.text)
    cited = _trials_by_cited_slug(extraction)
    for title_line, details in studies:
        title = title_line.text[len(_BULLET):].strip()
        status_line = next((l for l in details if normalise_status(l.text)), None)
        if status_line is None:
            last = details[-1] if details else title_line
            raise doc.error(last.number, f"a recruitment status for the ongoing study {title!r}", last.text)
        # What follows the status: a row of counts, bare labels with no values, and the countries last.
        values = [l for l in details if l is not status_line and not re.fullmatch(r"[\d ]+", l.text) and not l.text.endswith(":")]
        countries, more = _countries(values[-1].text) if values else ([], 0)
        end = (details[-1] if details else title_line)
        prov = block.prov(title_line, end)
        trial = cited.get(slug(title))
        if trial is None:
            trial = Trial(None, prov)
            extraction.trials.append(trial)
        else:
            trial.mentions.append(prov)
        trial.state("title", title, title, prov)
        trial.state("status", normalise_status(status_line.text), status_line.text, prov)
        trial.state("countries", countries, None, prov)
        if more:
            trial.state("countries_more", more, f"+{more}", prov)


def _trials_by_cited_slug(extraction: Extraction) -> dict[str, Trial]:
    urls = {ref.number: ref.url for ref in extraction.references}
    by_slug = {}
    for trial in extraction.trials:
        for number in trial.citations:
            if number in urls:
                page = urlsplit(urls[number]).path.rstrip("/").rsplit("/", 1)[-1]
                by_slug.setdefault(page, trial)
    return by_slug


def _countries(text: str) -> tuple[list[str], int]:
    """"Belgium Czechia The Netherlands +6" → (["Belgium", "Czechia", "The Netherlands"], 6)."""
    words, countries, more = text.split(), [], 0
    index = 0
    while index < len(words):
        word = words[index]
        if re.fullmatch(r"\+\d+", word):
            more = int(word[1:])
        elif word in _MULTIWORD_COUNTRY_START and index + 1 < len(words):
            countries.append(f"{word} {words[index + 1]}")
            index += 1
        else:
            countries.append(word)
        index += 1
    return countries, more


def _patient_terms(block: Block, extraction: Extraction) -> None:
    for line in block.content:
        for sentence in prose.sentences(line.text):
            if match := _DEFINES.match(strip_citations(sentence)):
                extraction.glossary.append(GlossaryEntry(match.group("term"), None, match.group("definition"), block.prov(line)))


def _glossary(doc: Document, block: Block, extraction: Extraction) -> None:
    for line in block.content:
        if not line.text.startswith(_BULLET):
            raise doc.error(line.number, "a glossary bullet '• Term: definition'", line.text)
        match = _GLOSSARY.match(line.text[len(_BULLET):])
        if not match:
            raise doc.error(line.number, "'Term: definition' in the glossary", line.text)
        extraction.glossary.append(
            GlossaryEntry(match.group("term"), match.group("abbr"), match.group("definition"), block.prov(line))
        )


def _references(doc: Document, block: Block, extraction: Extraction) -> None:
    for line in block.content:
        match = _REFERENCE.match(line.text)
        if not match:
            raise doc.error(line.number, "a numbered reference 'N. https://…'", line.text)
        extraction.references.append(Reference(int(match.group("number")), match.group("url"), block.prov(line)))
