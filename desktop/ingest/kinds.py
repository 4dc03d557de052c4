"""Which of the three document shapes a text is, decided from the text: each reader reads it, and the one
that reads it best by a clear margin is its shape. When none stands out the answer is "unsure", never a
guess: a document read by the wrong reader gives wrong facts, and a wrong fact is worse than none.

A reader's fit is what it found, less what it could not read: facts count for it; each heading outside
its vocabulary, section kept as text only and line read into nothing counts against it, and each of its
kind's usual sections the document lacks (the reader's "no section on …" notes) counts against it more,
since a document of another shape lacks most of them. On the 19 documents of data/sources, tests/corpus
and tests/corpus_holdout the right reader's fit is at least 27 and at least 2.6 times the next one's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import MONTHS
from .corpus import PARSERS, TEXT_PARSERS, open_document, read_document
from .registry import SHAPE as REGISTRY_SHAPE
from .registry_json import looks_like_json
from .document import BeyondLimits, SourceError
from .extraction import Extraction

# The label each shape gets in a manifest ("kind"), as the bundled manifest names them.
KIND_LABELS = {
    "drug-database-page": "Drug-database page",
    "monograph": "Drug monograph",
    "trials-overview": "Clinical-trials overview",
    REGISTRY_SHAPE: "ClinicalTrials.gov study records (JSON)",
}
# What a winner needs: a fit of its own, and that much above, and that many times, the runner-up's.
MIN_FIT = 10
MIN_LEAD = 10
MIN_RATIO = 2.0
_UNREAD_WEIGHT = 3
_MISSING_SECTION_WEIGHT = 4


@dataclass
class Reading:
    """One reader's attempt at a text: its extraction, or the error it stopped at, and its fit."""

    shape: str
    extraction: Extraction | None
    error: SourceError | None
    fit: int


@dataclass
class Detection:
    shape: str | None            # None: unsure
    readings: dict[str, Reading]
    problem: str | None = None   # why unsure, naming the kinds and --kind

    @property
    def extraction(self) -> Extraction | None:
        return self.readings[self.shape].extraction if self.shape else None


def fit(extraction: Extraction) -> int:
    counts = extraction.counts()
    facts = sum(number for name, number in counts.items() if name != "sections")
    report = extraction.report
    unread = len(report.unrecognised) + len(report.text_only) + len(report.unplaced)
    missing = sum(1 for _, _, why in report.notes if why.startswith("no section on"))
    return facts - _UNREAD_WEIGHT * unread - _MISSING_SECTION_WEIGHT * missing


def read_as(shape: str, name: str, text: str) -> Reading:
    """The text read by one reader (a fresh Document each time: a reader marks the lines it places)."""
    try:
        extraction = read_document(shape, open_document(shape, name, text))
    except SourceError as error:
        return Reading(shape, None, error, 0)
    return Reading(shape, extraction, None, fit(extraction))


def detect(name: str, text: str) -> Detection:
    """The shape whose reader reads `text` best by a clear margin, else unsure (shape None, with why).
    A SourceError for a line beyond the readers' limits is raised: no reader can read the text at all.

    A text that opens a JSON object or array is no prose: it is registry records or nothing, and the
    registry reader's error (malformed JSON with its line and column, not a study record) is the answer."""
    if looks_like_json(text):
        reading = read_as(REGISTRY_SHAPE, name, text)
        if reading.error is not None:
            raise reading.error
        return Detection(REGISTRY_SHAPE, {REGISTRY_SHAPE: reading})
    readings = {shape: read_as(shape, name, text) for shape in TEXT_PARSERS}
    for reading in readings.values():
        if isinstance(reading.error, BeyondLimits):  # too long for every reader alike
            raise reading.error
    ranked = sorted((r for r in readings.values() if r.extraction is not None), key=lambda r: -r.fit)
    if ranked:
        best = ranked[0]
        runner_up = ranked[1].fit if len(ranked) > 1 else 0
        if best.fit >= MIN_FIT and best.fit - runner_up >= MIN_LEAD and best.fit >= MIN_RATIO * max(runner_up, 1):
            return Detection(best.shape, readings)
    return Detection(None, readings, unsure_message(name, readings))


def unsure_message(name: str, readings: dict[str, Reading]) -> str:
    tried = "; ".join(
        f"as a {shape}: {reading.error}" if reading.error else f"as a {shape}: fit {reading.fit}"
        for shape, reading in readings.items())
    kinds = ", ".join(f'"{shape}"' for shape in PARSERS)  # registry records too: JSON, told by their shape
    return (f"{name}: not sure which kind of document this is ({tried}). DrugRef reads {kinds}; "
            f"if it is one of these, say which with --kind, e.g. --kind {next(iter(PARSERS))}")


# ---- the "as of" date a document states ---------------------------------------------------------------

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_FORMS = (
    re.compile(rf"{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})"),     # Sep 26, 2025
    re.compile(rf"(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>\d{{4}})"),     # 9 October 2025
    re.compile(rf"{_MONTH},? (?P<year>\d{{4}})"),                         # January 2025
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?"),  # 2025-06-02, 2025-06
    re.compile(r"(?P<year>\d{4})"),                                       # 2025
)
# A line that is nothing but a label and a date: "Published: Sep 26, 2025", "Last updated: 9 October 2025",
# "As of March 2026". A date inside a sentence ("As of March 2026, the drug is not approved") is the date of
# that statement, not necessarily of the document, and is not taken.
_DATED_LINE = re.compile(
    r"(?:published|updated|last updated|page updated|last reviewed|reviewed|current as of|information is current as of"
    r"|as of|last modified)\s*:?\s+(?P<date>[^.;]+?)\.?", re.IGNORECASE)


def as_of_date(text: str) -> str | None:
    """A dated line's date (clean.iso_date reads a table's and a sentence's): "Sep 26, 2025" → "2025-09-26",
    "January 2025" → "2025-01", "2025" → "2025"; None if not a date."""
    for form in _DATE_FORMS:
        match = form.fullmatch(text.strip())
        if not match:
            continue
        parts = match.groupdict()
        month = parts.get("month")
        if month is not None and not month.isdigit():
            month = MONTHS.get(month.casefold())
            if month is None:
                return None
        year, day = int(parts["year"]), parts.get("day")
        if month is not None and not 1 <= int(month) <= 12 or day is not None and not 1 <= int(day) <= 31:
            return None
        return "-".join([f"{year:04d}", *([f"{int(month):02d}"] if month else []), *([f"{int(day):02d}"] if day else [])])
    return None


def stated_as_of(doc_text: str) -> tuple[str, str] | None:
    """(ISO date, the line that states it) from a line that is only a label and a date; the latest when
    several lines state one (a page published, then updated). None when no line states one."""
    found = []
    for line in doc_text.splitlines():
        cleaned = " ".join(line.replace("\ufeff", "").split())
        match = _DATED_LINE.fullmatch(cleaned)
        if match and (date := as_of_date(match.group("date"))):
            found.append((date, cleaned))
    return max(found) if found else None
