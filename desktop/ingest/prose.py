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
from .document import unbulleted
from .records import Provenance, Section

# Words a full stop follows without ending the sentence ("e.g. pembrolizumab", "vs. placebo").
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "vs", "approx", "ca", "cf", "al", "etc", "dr", "prof", "st", "no", "nos", "fig", "figs", "inc",
    "ltd", "co", "corp", "jr", "sr", "mt", "u.s", "u.k", "e.u", "incl", "resp", "ref", "refs", "vol", "min", "max",
})
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"]?(?:\[\d+\])*\s+(?=[A-Z0-9“\"(]|jRCT)")
_WORD_BEFORE = re.compile(r"([\w.]+)\.[”\"]?(?:\[\d+\])*$")


# Sections about words, documents or studies still to come, not about the drug: their sentences say nothing of
# what the drug is, how it is given or what it does.
NOT_ABOUT_THE_DRUG = frozenset({"disclaimer", "glossary", "contents", "references", "ongoing", "furniture"})


def about_the_drug(sections: Iterable[Section]) -> list[Section]:
    """The sections that speak of the drug, in the order of their lines (the first definition comes first)."""
    return sorted((s for s in sections if s.kind not in NOT_ABOUT_THE_DRUG), key=lambda s: s.prov.line_start)


def section_sentences(sections: Iterable[Section]) -> Iterator[tuple[str, Provenance]]:
    """Every sentence of the sections, each with the one source line it is on (a bullet's marker dropped):
    a section's body holds one line per line of its span (see Document.body)."""
    for section in sections:
        for offset, line in enumerate(section.body.split("\n")):
            number = section.prov.line_start + offset
            prov = Provenance(section.prov.source, section.prov.section, number, number)
            for sentence in sentences(unbulleted(line)):
                yield sentence, prov


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping citation markers with the sentence they follow. A full stop
    after a known abbreviation ("e.g.", "vs.") or a single initial ("J. Smith") ends no sentence."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = _WORD_BEFORE.search(text[start:match.start()])
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
# whole ("PIVOT-02", "PIVOT IO-001", "ARTISTRY-7", "QUILT-3.032", "CheckMate 067"), or a capitalised word run
# into its number ("IMpower133", "IMbrave150"). Drug code names look
# alike ("NKTR-214", "CNTY-101"): they have no vowel, more digits, or are known code names, excluded by
# the caller; and a name counts only in a sentence that speaks of a trial.
PROGRAMME = re.compile(
    r"(?<![\w.-])(?P<name>(?:[A-Z]{4,}|[A-Z][a-z]+[A-Z][A-Za-z]+)(?: [A-Z]{2})?[- ]\d{1,3}(?:\.\d{1,3})*"
    r"|[A-Z]{1,3}[a-z]{3,}\d{2,4})(?![\w.]*\d|[\w-])")
# Gene, protein and virus names written like programme names ("CTLA-4", "IL-15", "COVID-19"): never a trial.
_NOT_A_PROGRAMME = re.compile(
    r"^(?:CTLA|CD|IL|PD|HER|FGFR|EGFR|VEGFR?|TNF|IFN|TGF|LAG|TIM|TIGIT|COVID|SARS|HLA|KRAS|BRAF|MEK|ALK|ROS|RET|NTRK"
    r"|PIK3CA|BRCA|ATM|MET|JAK|STAT|BCL|MCL|CDK|PARP|MTOR|TLR|GITR|OX|ICOS|CXCR|CCR)\b", re.I)
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
        if name in exclude or not re.search(r"[AEIOUaeiou]", word) or _NOT_A_PROGRAMME.match(name):
            continue
        if speaks_of_trials or word in families:
            found.append((match.start(), match.end(), name))
    return found


def not_a_programme(name: str) -> bool:
    return bool(_NOT_A_PROGRAMME.match(name))


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


# Priority Review is written without the word "designation": "accepted with FDA Priority Review".
_PRIORITY_REVIEW = re.compile(r"\b(?:with|under|granted|received|for|given) (?:(FDA|EMA) )?Priority Review\b")


def designation_mentions(sentence: str) -> list[DesignationMention]:
    """Regulatory designations named in a sentence ("Fast Track and Orphan Drug designations").

    The agency is recorded only when the sentence writes it in front of the designation.
    """
    found = [DesignationMention(m.group(2), m.group(1)) for m in _DESIGNATION.finditer(sentence)]
    if not any(d.designation == "Priority Review" for d in found):
        found += [DesignationMention("Priority Review", m.group(1)) for m in _PRIORITY_REVIEW.finditer(sentence)][:1]
    return found


# Dates as sentences write them: "May 23, 2017", "23 May 2017", "March and April of 2022", "May 2023",
# "early 2026" (kept at year precision), and a bare year after "in", "by", "since".
_DATES = re.compile(
    rf"\b(?:(?P<md_month>{MONTH_PATTERN})\.? (?P<md_day>\d{{1,2}}), (?P<md_year>\d{{4}})"
    rf"|(?P<dm_day>\d{{1,2}}) (?P<dm_month>{MONTH_PATTERN}) (?P<dm_year>\d{{4}})"
    rf"|(?P<m_month>{MONTH_PATTERN})\.?(?: and (?:{MONTH_PATTERN}))?(?: of)? (?P<m_year>\d{{4}})"
    r"|(?P<part>(?:early|mid|late)[- ](?P<p_year>\d{4}))"
    # "2016-01 — FDA Breakthrough Therapy designation …": never part of a longer number (EudraCT 2016-002044-16)
    r"|(?<![\w-])(?P<iso>\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?![\w-])"
    r"|(?:(?<=\bin )|(?<=\bby )|(?<=\bsince )|(?<=\bfrom )|(?<=\bduring ))(?P<year>(?:19|20)\d{2})(?![\d/-]))\b"
)
# (kind, pattern whose match is the event's label), most particular first: where a stretch of a sentence
# tells two kinds of event, the first listed decides what its date belongs to.
_EVENT_KINDS = (
    ("termination", re.compile(
        r"\b(?:(?:complete|early|the) )?(?:terminat\w*|discontinu\w*)(?: of)?(?: the)?(?: global)?"
        r"(?: clinical)?(?: development)?(?: program(?:me)?)?|\bhalted\b|\bdecided not to (?:continue|proceed|open|start)\b", re.I)),
    ("withdrawal", re.compile(r"\b(?:(?:was|were) )?(?:voluntarily )?withdrawn\b|\bwithdrawal\b", re.I)),
    ("not approved", re.compile(r"\bnot (?:yet )?(?:[\w.]+[- ])?approved\b(?: by the [\w.]+(?: [A-Z][\w.]*)?)?", re.I)),
    ("complete response letter", re.compile(r"\bcomplete response letter\b", re.I)),
    ("approval", re.compile(
        r"\b(?:(?:FDA|EMA|European Commission|Health Canada|MHRA|PMDA|TGA|NMPA)\s+(?:granted\s+)?"
        r"(?:full |accelerated |conditional )?(?:approv(?:ed|al)|marketing authori[sz]ation)\b"
        r"|(?:was|were|has been|first) approved\b(?: by the [\w.]+(?: [A-Z][\w.]*)?)?"
        r"|(?:received|granted|gained|won|issued) (?:an? )?(?:[\w.-]+ ){0,3}?(?:approval|marketing authori[sz]ation)\b"
        r"|\bgained (?:[\w-]+ ){0,2}indications?\b|\bindications?,? granted\b"
        # the noun alone ("First-line approval followed on …", "adjuvant approval on …"), but not an aim
        # ("path to approval", "applied for approval")
        r"|(?<!for )(?<!to )(?<!seeking )(?<!toward )(?<!towards )\b(?:[\w-]+ )?approvals?\b(?! (?:application|process|pathway|decision)s?\b)"
        r"|extended the approval\b|(?:marketing )?authori[sz]ation was granted\b|\bbecame the first [\w -]+? approved\b"
        r"|\b(?:the )?(?:[A-Z][\w.]+ ){1,3}approved\b)")),
    ("designation", re.compile(r"\b(?:[\w.]+ ){0,4}designation\b", re.I)),
    ("action date", re.compile(r"\b(?:(?:original|target|new|extended|PDUFA) )?action date\b", re.I)),
    ("submission", re.compile(
        r"\b(?:(?:was|were) (?:re)?submitted|resubmission|(?:was|were) accepted(?: for (?:\w+ ){0,3}review)?"
        r"|(?:was|were) filed|submitted (?:a|an|the) [\w ]+? application|accepted (?:a|an|the) [\w ]+? application)\b", re.I)),
    ("enrolment closed", re.compile(r"\b(?:enrol?ment|accrual|recruitment)\b[^.;]{0,60}?\bclosed\b", re.I)),
    ("first in human", re.compile(r"\bfirst[- ]in[- ]human (?:dosing|dose|study|trial)\b|\bfirst (?:patient|participant) (?:was )?dosed\b", re.I)),
    ("recommendation", re.compile(r"\b(?:NICE|CHMP|[A-Z]{3,5}) recommended\b|\brecommended (?:approval|[\w-]+ for use)\b")),
    ("transfer", re.compile(
        r"\b(?:was |were )?sold to [A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*|\bacquired the (?:[\w-]+ )?rights\b"
        r"|\bacquired\b|\blicensed to [A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*")),
    ("primary endpoints not met", re.compile(r"\bfailed to meet (?:its|their|the) primary endpoints?\b", re.I)),
    ("primary endpoints met", re.compile(r"\b(?<!failed to )met (?:its|their|the) primary endpoints?\b", re.I)),
    ("readout", re.compile(
        r"\bresults from (?:the )?(?:(?:[\w.-]+ ){0,4}?(?:trials?|stud(?:y|ies)|program(?:me)?)\b|[\w.-]+)", re.I)),
    ("collaboration", re.compile(r"\b(?:[\w-]+ )?collaboration\b|\bpartnership\b", re.I)),
)
# Kinds recorded even when the sentence gives no date: milestones a timeline places in the order the
# source tells them. (Designations have their own records; a bare status sentence is no event.)
_UNDATED_KINDS = ("primary endpoints not met", "primary endpoints met", "readout", "collaboration")
# What may stand between two dated events told one after the other ("sold to A in 2010 and to B in 2019"):
# the second takes the first's kind.
_CONTINUES = re.compile(r"^\s*(?:,|and\b|or\b|then\b)[^.;]{0,80}$")
# A parenthesis that closes the previous event's date ("on May 18, 2020 (IMpower110, NCT02409342), and in …").
_CLOSING_PARENTHESIS = re.compile(r"^\s*\([^()]*\)")


@dataclass
class DevelopmentEvent:
    date: str | None
    date_text: str | None
    kind: str
    sentence: str
    label: str


def development_events(sentence: str) -> list[DevelopmentEvent]:
    """The development events a sentence states, each date with the event told beside it: "the FDA approved
    aldesleukin in May 1992 … and extended the approval in January 1998" is two approvals; "On February 16,
    2024, lifileucel received FDA accelerated approval" dates the approval that follows it. A sentence with
    no date gives an undated readout, primary-endpoint finding or collaboration. The label is the
    sentence's own words for what happened."""
    events: list[DevelopmentEvent] = []
    for clause in re.split(r";\s+", sentence):
        events.extend(_dated(clause, sentence))
    if events or _DATES.search(sentence):
        return events
    found = [(name, match) for name, pattern in _EVENT_KINDS if (match := pattern.search(sentence))]
    return [DevelopmentEvent(None, None, name, sentence, _label(match)) for name, match in found if name in _UNDATED_KINDS]


def _dated(clause: str, sentence: str) -> list[DevelopmentEvent]:
    dates = list(_DATES.finditer(clause))
    events: list[DevelopmentEvent] = []
    previous: DevelopmentEvent | None = None
    for index, match in enumerate(dates):
        start = dates[index - 1].end() if index else 0
        end = dates[index + 1].start() if index + 1 < len(dates) else len(clause)
        before, after = clause[start:match.start()], clause[match.end():end]
        kind = _kind(before) or _kind(after)
        if kind is None and previous is not None and _CONTINUES.match(_CLOSING_PARENTHESIS.sub("", before)):
            kind = (previous.kind, _continued(previous.label, before))
        if kind is None:
            continue
        iso = _iso(match)
        if iso:
            previous = DevelopmentEvent(iso, match.group(0), kind[0], sentence, kind[1])
            events.append(previous)
    return events


def _kind(text: str) -> tuple[str, str] | None:
    for name, pattern in _EVENT_KINDS:
        if match := pattern.search(text):
            return name, _label(match)
    return None


def _iso(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups["md_year"]:
        return iso_date(f"{groups['md_month']} {groups['md_day']}, {groups['md_year']}")
    if groups["dm_year"]:
        return iso_date(f"{groups['dm_month']} {groups['dm_day']}, {groups['dm_year']}")
    if groups["m_year"]:
        return iso_date(f"{groups['m_month']} {groups['m_year']}")
    return groups["iso"] or groups["p_year"] or groups["year"]


def _label(match: re.Match) -> str:
    text = re.sub(r"^(?:(?:and|or|then|but) )?(?:(?:was|were|has been|had been|is) )?", "", match.group(0).strip(), flags=re.I)
    return text[0].upper() + text[1:]


def _continued(label: str, between: str) -> str:
    """"Sold to Prometheus Laboratories" then "and to Clinigen in 2019" → "Sold to Clinigen"."""
    words = re.sub(r"^\W*(?:and|or|then)?\s*|\s+(?:in|on|by|from|during)\s*$", "", between.strip(" ,"))
    head = label.split(" to ")[0] if words.startswith("to ") and " to " in label else None
    return f"{head} {words}" if head else label


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
