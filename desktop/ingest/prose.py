"""Facts stated in running prose: sentences, named trial programmes, designations, dated events.

Each extractor reads one sentence at a time and takes only what the sentence states in so many
words; a field it cannot find stays None. The patterns are about phrasing, never about particular
drugs, so a new document in the same style is read the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from typing import Iterable, Iterator

from .clean import MONTH_PATTERN, iso_date, normalise_phase
from .records import Provenance, Section

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"]?(?:\[\d+\])*\s+(?=[A-Z0-9“\"(])")


def section_sentences(sections: Iterable[Section]) -> Iterator[tuple[str, Provenance]]:
    """Every sentence of the sections, each with the one source line it is on (a bullet's "- " dropped)."""
    for section in sections:
        for offset, line in enumerate(section.body.splitlines()):
            number = section.prov.line_start + offset
            prov = Provenance(section.prov.source, section.prov.section, number, number)
            for sentence in sentences(line.removeprefix("- ").removeprefix("• ")):
                yield sentence, prov


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping citation markers with the sentence they follow."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        cut = match.start() + len(match.group(0).rstrip())
        parts.append(text[start:cut].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


# A trial programme name: an upper-case word, optionally a two-letter infix, then a number
# ("PIVOT-02", "PIVOT IO-001", "ARTISTRY-7"). Drug code names look alike and are excluded by the caller.
PROGRAMME = re.compile(r"\b[A-Z]{4,}(?: [A-Z]{2})?-\d{1,3}\b")
_PHASE_WORDS = re.compile(r"\bPhase (\d(?:/\d)?[a-c]?)\b")
_CONDITION_AFTER = re.compile(r"^(?:\s+(?:trial|study))?\s+in\s+(?!combination\b)([^,.;—()]+?)\s*(?=[,.;—(]|$| (?:were|was|is|showed)\b)")


@dataclass
class ProgrammeMention:
    name: str
    phase_text: str | None
    condition: str | None
    sentence: str


def programme_mentions(sentence: str, exclude: set[str]) -> list[ProgrammeMention]:
    """Named trial programmes in a sentence, each with the phase and condition the sentence gives it.

    The phase is the one written right after the name ("ARTISTRY-7 Phase 3 trial"), else the nearest
    one before it ("Phase 3 trials—PIVOT IO-001 …, and the Phase 2 PIVOT-10 study").
    """
    mentions = []
    phases = [(m.start(), m.group(0)) for m in _PHASE_WORDS.finditer(sentence)]
    for match in PROGRAMME.finditer(sentence):
        if match.group(0) in exclude:
            continue
        after = sentence[match.end():]
        following = re.match(r"\s+(Phase \d(?:/\d)?[a-c]?)\b", after)
        if following:
            phase = following.group(1)
        else:
            before = [text for start, text in phases if start < match.start()]
            phase = before[-1] if before else None
        condition = _CONDITION_AFTER.match(after)
        mentions.append(ProgrammeMention(match.group(0), phase, condition.group(1) if condition else None, sentence))
    return mentions


_DESIGNATION = re.compile(
    r"\b(?:(FDA|EMA|U\.S\. FDA)\s+)?(Breakthrough Therapy|Fast Track|Orphan Drug|Priority Review|Accelerated Approval)"
    r"(?=(?:\s+and\s+[A-Z][\w ]+?)?\s+[Dd]esignations?\b)"
)


@dataclass
class DesignationMention:
    designation: str
    agency: str | None


def designation_mentions(sentence: str) -> list[DesignationMention]:
    """Regulatory designations named in a sentence ("Fast Track and Orphan Drug designations").

    The agency is recorded only when the sentence writes it in front of the designation.
    """
    return [DesignationMention(m.group(2), m.group(1)) for m in _DESIGNATION.finditer(sentence)]


_MONTH_RANGE = re.compile(rf"\b({MONTH_PATTERN})(?: and ({MONTH_PATTERN}))?(?: of)? (\d{{4}})\b")
# "As of early 2026": a part of a year, kept at year precision.
_PART_OF_YEAR = re.compile(r"\b(?:early|mid|late)[- ](\d{4})\b", re.I)
_EVENT_KINDS = (
    ("termination", re.compile(r"\bterminat|\bdiscontinu|\bhalted\b", re.I)),
    # A readout says what it found where the sentence does; "results from" alone says only that there are results.
    ("primary endpoints not met", re.compile(r"\bfailed to meet (?:its|their) primary endpoints?\b", re.I)),
    ("primary endpoints met", re.compile(r"\bmet (?:its|their) primary endpoints?\b", re.I)),
    ("readout", re.compile(r"\bfailed to meet\b(?! (?:its|their) primary endpoint)|\bresults from\b", re.I)),
    ("not approved", re.compile(r"\bnot (?:[\w.]+[- ])?approved\b", re.I)),
    ("approval status", re.compile(r"\bapprov", re.I)),
    ("designation", re.compile(r"\bdesignat|\bgranted\b", re.I)),
    ("collaboration", re.compile(r"\bcollaborat|\bpartnership\b", re.I)),
)
# Kinds recorded even when the sentence gives no date: milestones a timeline places in the order
# the source tells them. (Designations have their own records; a bare status sentence is no event.)
_UNDATED_KINDS = ("primary endpoints not met", "primary endpoints met", "readout", "collaboration")


@dataclass
class DevelopmentEvent:
    date: str | None
    date_text: str | None
    kind: str
    sentence: str


def development_events(sentence: str) -> list[DevelopmentEvent]:
    """A development event the sentence states: dated to a month or part of a year ("terminated … in
    March and April of 2022", "As of early 2026, results from …"), or an undated readout or collaboration."""
    kinds = [name for name, pattern in _EVENT_KINDS if pattern.search(sentence)]
    if not kinds:
        return []
    if match := _MONTH_RANGE.search(sentence):
        first_month, _, year = match.groups()
        if date := iso_date(f"{first_month} {year}"):
            return [DevelopmentEvent(date, match.group(0), kinds[0], sentence)]
    if match := _PART_OF_YEAR.search(sentence):
        return [DevelopmentEvent(match.group(1), match.group(0), kinds[0], sentence)]
    return [DevelopmentEvent(None, None, kind, sentence) for kind in kinds if kind in _UNDATED_KINDS]


_INVESTIGATIONAL = re.compile(r"\b(?:is|was) an investigational\b")


def states_investigational(sentence: str) -> bool:
    return bool(_INVESTIGATIONAL.search(sentence))


def phase_of(text: str) -> tuple[str | None, str | None]:
    """The first "Phase N" a passage names: (normalised, as written)."""
    match = _PHASE_WORDS.search(text)
    if not match:
        return None, None
    return normalise_phase(match.group(0)), match.group(0)
