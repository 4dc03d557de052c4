"""Facts stated in running prose: sentences, named trial programmes, designations, dated events.

Each extractor reads one sentence at a time and takes only what the sentence states in so many
words; a field it cannot find stays None. Where a sentence could be read two ways, nothing is taken:
a wrong fact is worse than a missing one, and the sentence itself is kept with the record. The patterns
are about phrasing, never about particular drugs, so a new document in the same style reads the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from .clean import MONTH_PATTERN, iso_date, normalise_phase
from .records import Provenance, Section

# Words a full stop follows without ending the sentence ("e.g. pembrolizumab", "vs. placebo").
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "vs", "approx", "ca", "cf", "al", "etc", "dr", "prof", "st", "no", "nos", "fig", "figs", "inc",
    "ltd", "co", "corp", "jr", "sr", "mt", "u.s", "u.k", "e.u", "incl", "resp", "ref", "refs", "vol", "min", "max",
})
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"]?(?:\[\d+\])*\s+(?=[A-Z0-9“\"(])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.[”\"]?(?:\[\d+\])*$")


def section_sentences(sections: Iterable[Section]) -> Iterator[tuple[str, Provenance]]:
    """Every sentence of the sections, each with the one source line it is on (a bullet's marker dropped)."""
    for section in sections:
        for offset, line in enumerate(section.body.splitlines()):
            number = section.prov.line_start + offset
            prov = Provenance(section.prov.source, section.prov.section, number, number)
            for sentence in sentences(re.sub(r"^(?:[-•*] )", "", line)):
                yield sentence, prov


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping citation markers with the sentence they follow. A full stop
    after a known abbreviation ("e.g.", "vs.") or a single initial ("J. Smith") ends no sentence."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = _WORD_BEFORE.search(text[start:match.start() + 1])
        if before and (before.group(1).casefold() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", before.group(1))):
            continue
        cut = match.start() + len(match.group(0).rstrip())
        parts.append(text[start:cut].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


# ---- trial programmes -----------------------------------------------------------------------------

# A trial programme's name: a pronounceable word of four or more letters (an upper-case acronym, or a
# camel-case name such as "CheckMate"), an optional two-letter infix, then a number, sub-numbers kept
# whole ("PIVOT-02", "PIVOT IO-001", "ARTISTRY-7", "QUILT-3.032", "CheckMate 067"). Drug code names look
# alike ("NKTR-214", "CNTY-101"): they have no vowel, more digits, or are known code names, excluded by
# the caller; and a name counts only in a sentence that speaks of a trial.
PROGRAMME = re.compile(
    r"(?<![\w.-])(?P<name>(?:[A-Z]{4,}|[A-Z][a-z]+[A-Z][A-Za-z]+)(?: [A-Z]{2})?[- ]\d{1,3}(?:\.\d{1,3})*)(?![\w.]*\d|[\w-])")
_TRIAL_WORDS = re.compile(r"\b(?:trials?|stud(?:y|ies)|program(?:me)?s?|cohorts?|readouts?)\b", re.I)
PHASE_WORDS = re.compile(
    r"\b[Pp]hase (?:[0-4]|IV|I{1,3})[a-c]?(?:\s*/\s*(?:[Pp]hase )?(?:[0-4]|IV|I{1,3})[a-c]?)?(?![\w/])")
_CONDITION_AFTER = re.compile(
    r"^(?:\s+(?:trial|study))?\s+in\s+(?!combination\b)(?!patients\b)([^,.;—()]+?)\s*(?=[,.;—(]|$| (?:were|was|is|showed|and the)\b)")


@dataclass
class ProgrammeMention:
    name: str
    phase_text: str | None
    condition: str | None
    sentence: str


_FAMILY = re.compile(r"\bthe ([A-Z]{4,}|[A-Z][a-z]+[A-Z][A-Za-z]+) (?:clinical )?(?:program(?:me)?|series|trials|studies)\b")


def programme_names(sentence: str, exclude: set[str] = frozenset(),
                    families: set[str] = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, name) of each trial programme the sentence names: in a sentence that speaks of a
    trial, or of a family of programmes the document names elsewhere ("the ARTISTRY program")."""
    speaks_of_trials = bool(_TRIAL_WORDS.search(sentence))
    found = []
    for match in PROGRAMME.finditer(sentence):
        name = match.group("name")
        word = re.match(r"[A-Za-z]+", name).group(0)
        if name in exclude or not re.search(r"[AEIOUaeiou]", word):
            continue
        if speaks_of_trials or word in families:
            found.append((match.start(), match.end(), name))
    return found


def programme_families(sentences: Iterable[str], exclude: set[str] = frozenset()) -> set[str]:
    """The words programme names of a document share ("ARTISTRY", "PIVOT"): from the names in sentences
    that speak of trials, and from "the ARTISTRY program"."""
    families: set[str] = set()
    for sentence in sentences:
        families.update(match.group(1) for match in _FAMILY.finditer(sentence))
        families.update(re.match(r"[A-Za-z]+", name).group(0) for _, _, name in programme_names(sentence, exclude))
    return families


def programme_mentions(sentence: str, exclude: set[str], families: set[str] = frozenset()) -> list[ProgrammeMention]:
    """Named trial programmes in a sentence, each with the phase and condition the sentence gives it.

    The phase is the one written right after the name ("ARTISTRY-7 Phase 3 trial"), else the nearest one
    before it when no other programme stands between them ("Phase 1/2 data, particularly from the PIVOT-02
    trial") or when that phase heads a list of trials ("Phase 3 trials—PIVOT IO-001 …, PIVOT-09 …").
    """
    names = programme_names(sentence, exclude, families)
    phases = [(m.start(), m.end(), m.group(0)) for m in PHASE_WORDS.finditer(sentence)]
    mentions = []
    for start, end, name in names:
        after = sentence[end:]
        following = re.match(r"\s+(" + PHASE_WORDS.pattern[2:] + ")", after)
        phase = following.group(1) if following else _phase_before(sentence, start, phases, names)
        condition = _CONDITION_AFTER.match(after)
        mentions.append(ProgrammeMention(name, phase, condition.group(1).strip() if condition else None, sentence))
    return mentions


def _phase_before(sentence: str, start: int, phases, names) -> str | None:
    before = [(p_start, p_end, text) for p_start, p_end, text in phases if p_end <= start]
    if not before:
        return None
    p_start, p_end, text = before[-1]
    between = [n for n in names if p_end <= n[0] < start]
    if not between:
        return text
    # "Phase 3 trials—A in X, B in Y": a plural that heads the list gives its phase to each item.
    heads_list = re.match(r"\s*(?:clinical\s+)?(?:trials|studies)\s*(?:—|:|–|,|\()", sentence[p_end:])
    return text if heads_list else None


# ---- designations and events ----------------------------------------------------------------------

_DESIGNATION = re.compile(
    r"\b(?:(FDA|EMA|U\.S\. FDA)\s+)?(Breakthrough Therapy|Fast Track|Orphan Drug|Priority Review|Accelerated Approval"
    r"|PRIME|Regenerative Medicine Advanced Therapy|RMAT)"
    r"(?=(?:\s+and\s+[A-Z][\w ]+?)?\s+[Dd]esignations?\b|\s+\(PRIME\))"
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


_MONTH_RANGE = re.compile(rf"\b({MONTH_PATTERN})\.?(?: (\d{{1,2}}),)?(?: and ({MONTH_PATTERN}))?(?: of)? (\d{{4}})\b")
_IN_YEAR = re.compile(r"\b(?:in|by|since|from|during) (\d{4})\b")
# "As of early 2026": a part of a year, kept at year precision.
_PART_OF_YEAR = re.compile(r"\b(?:early|mid|late)[- ](\d{4})\b", re.I)
# (kind, pattern whose match is the event's label). Tried in this order: where a dated sentence tells
# two kinds of event, the first listed decides what the date belongs to.
_EVENT_KINDS = (
    ("termination", re.compile(
        r"\b(?:(?:complete|early|the) )?(?:terminat\w*|discontinu\w*)(?: of)?(?: the)?(?: global)?"
        r"(?: clinical)?(?: development)?(?: program(?:me)?)?|\bhalted\b", re.I)),
    ("not approved", re.compile(r"\bnot (?:yet )?(?:[\w.]+[- ])?approved\b(?: by the [\w.]+)?", re.I)),
    ("approval", re.compile(
        r"\b(?:(?:the )?(?:FDA|EMA|European Commission|Health Canada|MHRA|PMDA|TGA)\s+(?:granted\s+)?(?:full |accelerated )?"
        r"approv(?:ed|al)\b|(?:was|were|is) approved\b(?: by the [\w.]+(?: [A-Z][\w.]*)*)?|received (?:\w+ )?approval\b"
        r"|(?:marketing )?authori[sz]ation was granted\b)")),
    ("primary endpoints not met", re.compile(r"\bfailed to meet (?:its|their|the) primary endpoints?\b", re.I)),
    ("primary endpoints met", re.compile(r"\b(?<!failed to )met (?:its|their|the) primary endpoints?\b", re.I)),
    ("readout", re.compile(
        r"\bresults from (?:the )?(?:(?:[\w.-]+ ){0,4}?(?:trials?|stud(?:y|ies)|program(?:me)?)\b|[\w.-]+)", re.I)),
    ("collaboration", re.compile(r"\b(?:[\w-]+ )?collaboration\b|\bpartnership\b", re.I)),
)
# Kinds recorded even when the sentence gives no date: milestones a timeline places in the order the
# source tells them. (Designations have their own records; a bare status sentence is no event.)
_UNDATED_KINDS = ("primary endpoints not met", "primary endpoints met", "readout", "collaboration", "approval")


@dataclass
class DevelopmentEvent:
    date: str | None
    date_text: str | None
    kind: str
    sentence: str
    label: str


def development_events(sentence: str) -> list[DevelopmentEvent]:
    """A development event the sentence states: dated to a day, a month or part of a year ("terminated …
    in March and April of 2022", "As of early 2026, results from …"), or an undated readout, approval or
    collaboration. The label is the sentence's own words for what happened."""
    kinds = [(name, match) for name, pattern in _EVENT_KINDS if (match := pattern.search(sentence))]
    if not kinds:
        return []
    date, date_text = _date_in(sentence)
    if date:
        name, match = kinds[0]
        return [DevelopmentEvent(date, date_text, name, sentence, _label(match))]
    return [DevelopmentEvent(None, None, name, sentence, _label(match)) for name, match in kinds if name in _UNDATED_KINDS]


def _date_in(sentence: str) -> tuple[str | None, str | None]:
    if match := _MONTH_RANGE.search(sentence):
        month, day, _, year = match.groups()
        date = iso_date(f"{month} {day}, {year}") if day else iso_date(f"{month} {year}")
        if date:
            return date, match.group(0)
    if match := _PART_OF_YEAR.search(sentence):
        return match.group(1), match.group(0)
    if match := _IN_YEAR.search(sentence):
        if 1900 < int(match.group(1)) < 2100:
            return match.group(1), match.group(1)
    return None, None


def _label(match: re.Match) -> str:
    text = match.group(0).strip()
    return text[0].upper() + text[1:]


_INVESTIGATIONAL = re.compile(r"\b(?:is|was|remains) an investigational\b")


def states_investigational(sentence: str) -> bool:
    return bool(_INVESTIGATIONAL.search(sentence))


def phase_of(text: str) -> tuple[str | None, str | None]:
    """The phase a passage names, when it names exactly one: (normalised, as written)."""
    found = {(normalise_phase(m.group(0)), m.group(0)) for m in PHASE_WORDS.finditer(text)}
    found = {pair for pair in found if pair[0]}
    if len({phase for phase, _ in found}) != 1:
        return None, None
    return min(found, key=lambda pair: text.find(pair[1]))
