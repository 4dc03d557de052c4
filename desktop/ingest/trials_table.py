"""The trials table of a drug-database page: six column headers (Title, Posted, Study ID, Phase, Status,
Sponsor), then each row's cells one per line, in column order, an empty cell simply absent.

A posted date, a registry number, a phase and a status each say which column they are in; a row ends
where a cell comes whose column is not after the last one's. Text cells are the Title (before the row's
other cells, over one or more lines) or the Sponsor (after them). Where text stands between two rows and
could be either, it is read by what it looks like; where that does not tell, it is left unplaced and
reported rather than given to the wrong trial.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import iso_date, normalise_phase, normalise_status
from .document import Block, Document, Line
from .extraction import Extraction, Trial
from .registries import is_registry_id

COLUMNS = ("Title", "Posted", "Study ID", "Phase", "Status", "Sponsor")
_DATE = re.compile(r"^\d{4}[/-]\d{1,2}[/-]\d{1,2}$")
_TITLE_WORDS = re.compile(r"\b(?:study|trial|phase|versus|vs\.?|compared|patients|participants|subjects|safety|efficacy"
                          r"|treatment|therapy|combination|randomi[sz]ed|open-label|evaluat\w*|investigat\w*)\b", re.I)


_ORGANISATION = re.compile(
    r"\b(?:Inc|LLC|Ltd|Limited|Corporation|Corp|Company|Co|GmbH|AG|S\.?A|plc|N\.V|B\.V|Pty|University|Universit\w+"
    r"|Hospital|Institute|Center|Centre|Clinic|Foundation|Group|Network|Consortium|Council|Pharma\w*|Therapeutics"
    r"|Biotherapeutics|Biotech\w*|Biosciences|Biologics|Laboratories|Health|Services|Oncology|Medical|Sciences|Squibb"
    r"|Merck|Pfizer|Novartis|Roche|Genentech|AstraZeneca|Amgen|Sanofi|Bayer|Lilly|AbbVie|Gilead)\b\.?")


@dataclass
class _Row:
    cells: dict[int, Line] = field(default_factory=dict)
    title: list[Line] = field(default_factory=list)
    sponsor: Line | None = None

    @property
    def last_column(self) -> int:
        return max(self.cells, default=0)

    @property
    def lines(self) -> list[Line]:
        found = [*self.title, *self.cells.values(), *([self.sponsor] if self.sponsor else [])]
        return sorted(found, key=lambda line: line.number)


def _column(text: str) -> int | None:
    """Which structured column a cell is in: 1 posted, 2 study ID, 3 phase, 4 status; None for text."""
    if _DATE.match(text):
        return 1
    if is_registry_id(text):
        return 2
    if normalise_phase(text):
        return 3
    if normalise_status(text):
        return 4
    return None


def read_trials_table(doc: Document, block: Block, extraction: Extraction) -> list[Trial]:
    """The table's rows as trials (placed), in the table's order; what could not be placed is reported."""
    content = [line for line in block.content if not doc.placed(line)]
    header = [line for line in content[: len(COLUMNS)] if line.text in COLUMNS]
    if [line.text for line in header] != list(COLUMNS[: len(header)]) or not header:
        extraction.report.notes.append((block.heading_line, block.heading,
                                        "no column headers (Title, Posted, Study ID, Phase, Status, Sponsor) under it"))
    doc.place(header)
    rows, trailing = _rows(content[len(header):])
    unsure = _assign_text(rows, trailing)
    trials = []
    for row in rows:
        trial = _trial(block, row)
        if trial is not None:
            trials.append(trial)
            doc.place(row.lines)
    for line, why in unsure:
        extraction.report.notes.append((line.number, line.text, why))
    return trials


def _rows(cells: list[Line]) -> tuple[list[_Row], list[Line]]:
    """Rows of structured cells, each with the text lines that stand before it (`title`) for now, and
    the text after the last row's cells."""
    rows: list[_Row] = []
    text: list[Line] = []
    current: _Row | None = None
    for line in cells:
        column = _column(line.text)
        if column is None:
            text.append(line)
            continue
        if current is None or column <= current.last_column or text:
            current = _Row(title=text)
            rows.append(current)
            text = []
        current.cells[column] = line
    return rows, text


_BETWEEN = "text between two trials that could be the one's sponsor or the other's title: left unplaced"


def _assign_text(rows: list[_Row], trailing: list[Line]) -> list[tuple[Line, str]]:
    """Split the text standing between two rows into the earlier row's sponsor and the later row's title.
    Returns the lines that could be either, left to no trial."""
    titles = bool(rows and rows[0].title)
    sponsors = any(len(row.title) > 1 and not _looks_like_title(row.title[0].text) for row in rows[1:])
    unsure: list[Line] = []
    for previous, row in zip(rows, rows[1:]):
        text = row.title
        if not text:
            continue
        first = text[0]
        if len(text) > 1 and sponsors and not _looks_like_title(first.text):
            previous.sponsor, row.title = first, text[1:]
        elif len(text) == 1 and _looks_like_organisation(first.text):
            previous.sponsor, row.title = first, []
        elif len(text) == 1 and not _looks_like_title(first.text):
            if not titles:
                previous.sponsor, row.title = first, []
            elif sponsors:
                unsure.append(first)
                row.title = []
    # Text after the last row is its sponsor only where other rows have one: a file cut short in the
    # middle of a row ("Termi") leaves text there too, and that must not become a sponsor.
    if rows and len(trailing) == 1 and (_looks_like_organisation(trailing[0].text) or (
            not _looks_like_title(trailing[0].text) and any(r.sponsor for r in rows))):
        rows[-1].sponsor = trailing[0]
    elif trailing:
        extra = [(line, "text after the last row that could be its sponsor or a cell cut short: left unplaced")
                 for line in trailing]
        return [*((line, _BETWEEN) for line in unsure), *extra]
    return [(line, _BETWEEN) for line in unsure]


def _looks_like_title(text: str) -> bool:
    return not _looks_like_organisation(text) and (len(text) > 60 or bool(_TITLE_WORDS.search(text)))


def _looks_like_organisation(text: str) -> bool:
    return len(text) <= 80 and bool(_ORGANISATION.search(text)) and not _TITLE_WORDS.search(text)


def _trial(block: Block, row: _Row) -> Trial | None:
    if not row.cells:
        return None
    lines = row.lines
    prov = block.prov(lines[0], lines[-1])
    trial_id = row.cells[2].text if 2 in row.cells else None
    trial = Trial(trial_id, prov)
    if row.title:
        trial.state("title", " ".join(line.text for line in row.title), None, prov)
    if 1 in row.cells:
        text = row.cells[1].text
        trial.state("posted", iso_date(text), text, prov)
    if 3 in row.cells:
        trial.state("phase", normalise_phase(row.cells[3].text), row.cells[3].text, prov)
    if 4 in row.cells:
        trial.state("status", normalise_status(row.cells[4].text), row.cells[4].text, prov)
    if row.sponsor:
        trial.state("sponsor", row.sponsor.text, None, prov)
    return trial
