"""Text cleaning and the normalised forms used for sorting, filtering and look-up.

The source wording is always kept beside a normalised value; these functions only derive.
"""
from __future__ import annotations

import re
import unicodedata

_GREEK = "α-ωΑ-Ω"
# `\α`, `\ β`: a backslash left over from escaping a Greek letter.
_ESCAPED_GREEK = re.compile(rf"\\\s*([{_GREEK}])")
# `α \ β`: a backslash standing between two Greek letters as a separator.
_SEPARATING_BACKSLASH = re.compile(rf"([{_GREEK}])\s*\\\s*(?=[{_GREEK}])")
# `α β γ` left once the backslashes are gone: one receptor complex, written together.
_SPACED_GREEK = re.compile(rf"(?<![\w{_GREEK}])([{_GREEK}])(?:\s+([{_GREEK}]))+(?![\w{_GREEK}])")
_SPACE_AFTER_PAREN = re.compile(rf"\(\s+(?=[{_GREEK}])")
_CITATIONS = re.compile(r"(?:\[\d+\])+")


# Characters that are there but not seen: a byte-order mark (at the start or pasted inside a line) and
# zero-width spaces. Left in, they become part of a name ("\ufeffNivolumab") and defeat every look-up.
_INVISIBLE = str.maketrans({"\ufeff": None, "\u200b": None, "\u2060": None, "\u00a0": " "})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


# C0 and C1 control characters and DEL, but for tab and the line breaks: in a terminal they are commands,
# not text (ESC starts sequences that retitle the window or clear the screen, BEL rings, BS erases), and
# no source means one.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# A terminal escape sequence goes whole, so that no "]0;title" or "[2J" is left behind as text: CSI
# (ESC [ or U+009B, parameters, a final byte) and OSC (ESC ], up to BEL or ESC \). An unfinished one
# loses only its ESC: what follows may be text.
_SEQUENCE = r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)"
_CONTROLS = re.compile(f"[{_CONTROL}]")
_IN_TEXT = re.compile(f"{_SEQUENCE}|[{_CONTROL}]")
# On a terminal a CR that ends no line sends the cursor back to overwrite what was shown.
_ON_TERMINAL = re.compile(f"{_SEQUENCE}|[{_CONTROL}]|\r(?!\n)")


def strip_controls(text: str, terminal: bool = False) -> str:
    """`text` without control characters; `terminal`: also without a CR that does not end a line."""
    return (_ON_TERMINAL if terminal else _IN_TEXT).sub("", text)


def control_characters(text: str) -> list[str]:
    """The control characters strip_controls takes out of `text` (alone or opening a sequence), each once,
    as U+XXXX."""
    return sorted({f"U+{ord(char):04X}" for found in _IN_TEXT.findall(text) for char in found if _CONTROLS.match(char)})


def split_lines(text: str) -> list[str]:
    """A text's lines as an editor numbers them: LF, CRLF or a lone CR end a line, nothing else does
    (str.splitlines also breaks at form feeds and U+2028, which `cat -n` and editors do not)."""
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def clean_text(text: str) -> str:
    """Remove escape artefacts (`\\α`, `( \\α \\β\\γ)`) and invisible characters, fold runs of spaces and
    tabs; nothing else changes."""
    text = text.translate(_INVISIBLE)
    text = _SEPARATING_BACKSLASH.sub(r"\1", text)
    text = _ESCAPED_GREEK.sub(r"\1", text)
    text = _SPACED_GREEK.sub(lambda m: re.sub(r"\s+", "", m.group(0)), text)
    text = _SPACE_AFTER_PAREN.sub("(", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def citation_numbers(text: str) -> list[int]:
    """The reference numbers cited as `[1][2]` in a passage, in order, each once."""
    seen: dict[int, None] = {}
    for number in re.findall(r"\[(\d+)\]", text):
        seen.setdefault(int(number), None)
    return list(seen)


def strip_citations(text: str) -> str:
    return re.sub(r"\s+([.,;])", r"\1", _CITATIONS.sub("", text)).strip()


def lookup_key(text: str) -> str:
    """Case, space, dash and accent-insensitive key: "NKTR-214", "nktr 214" and "nktr214" agree."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", text.casefold())


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_PHASE_NUMBER = r"(?:[0-4]|iv|iii|ii|i)"
# "Phase 1", "Phase I/II", "Phase 1b/2", "Phase 1/Phase 2", "Phase 2-3", "Phase I and Phase II (Integrated)",
# "Early Phase 1": the number(s) are kept; sub-phase letters stay in the source wording only.
_PHASE = re.compile(
    rf"^\s*(?P<early>early\s+)?phase\s*(?P<first>{_PHASE_NUMBER})[a-c]?"
    rf"(?:\s*(?:/|-|–|and|&)\s*(?:phase\s*)?(?P<second>{_PHASE_NUMBER})[a-c]?)?"
    r"(?:\s*\((?:integrated|combined)\))?\s*$",
    re.I,
)
_NO_PHASE = re.compile(r"^\s*(?:not applicable|n/a|na)\s*$", re.I)
NOT_APPLICABLE = "N/A"
EARLY_PHASE_1 = "Early 1"


def normalise_phase(text: str) -> str | None:
    """"Phase 1/2a" → "1/2", "Phase I/II" → "1/2", "Early Phase 1" → "Early 1", "Not Applicable" → "N/A".
    Sub-phase letters are dropped here and kept in the source wording; anything else is no phase (None)."""
    if _NO_PHASE.match(text):
        return NOT_APPLICABLE
    match = _PHASE.match(text)
    if not match:
        return None
    first = _ROMAN.get(match.group("first").casefold(), match.group("first"))
    second = match.group("second") and _ROMAN.get(match.group("second").casefold(), match.group("second"))
    if match.group("early"):
        return EARLY_PHASE_1 if first == "1" and not second else None
    if second and second != first:
        return f"{first}/{second}" if int(second) == int(first) + 1 else None
    return first


def phase_filter(text: str) -> str | None:
    """A phase as a user asks for it: "Phase 2", "2", "1/2", "early 1", "N/A" all work; None when it is no phase."""
    return (normalise_phase(text) or normalise_phase(f"Phase {text}")
            or normalise_phase(re.sub(r"(?i)^early\s+(?!phase)", "Early Phase ", text)))


def phase_rank(phase: str | None) -> float | None:
    """Sort order for phases: 0 < early 1 < 1 < 1/2 < 2 < 2/3 < 3 < 4 < not applicable; None for none."""
    if not phase:
        return None
    if phase == NOT_APPLICABLE:
        return 5.0
    if phase == EARLY_PHASE_1:
        return 0.5
    try:
        parts = [int(p) for p in phase.split("/")]
    except ValueError:
        return None
    return sum(parts) / len(parts)


# One spelling per status, whatever the registry wrote; keys are casefolded source wording with runs of
# spaces folded and the comma in "Active, not recruiting" optional. ClinicalTrials.gov, the EU registers
# (EudraCT, CTIS), ISRCTN and ANZCTR; expanded-access statuses too.
_STATUSES = {
    "active, not recruiting": "Active, not recruiting",
    "active not recruiting": "Active, not recruiting",
    "active - not recruiting": "Active, not recruiting",
    "authorised": "Authorised",
    "authorized": "Authorised",
    "not authorised": "Not authorised",
    "not authorized": "Not authorised",
    "completed": "Completed",
    "enrolling by invitation": "Enrolling by invitation",
    "not yet recruiting": "Not yet recruiting",
    "recruiting": "Recruiting",
    "no longer recruiting": "No longer recruiting",
    "suspended": "Suspended",
    "terminated": "Terminated",
    "withdrawn": "Withdrawn",
    "unknown status": "Unknown",
    "unknown": "Unknown",
    "ongoing": "Ongoing",
    "ongoing, recruiting": "Ongoing, recruiting",
    "ongoing, recruitment ended": "Ongoing, recruitment ended",
    "ongoing, not yet recruiting": "Ongoing, not yet recruiting",
    "ended": "Ended",
    "prematurely ended": "Prematurely ended",
    "temporarily halted": "Temporarily halted",
    "halted": "Halted",
    "restarted": "Restarted",
    "revoked": "Revoked",
    "expired": "Expired",
    "cancelled": "Cancelled",
    "stopped": "Stopped",
    "stopped early": "Stopped early",
    "closed: follow-up complete": "Closed: follow-up complete",
    "closed: follow-up continuing": "Closed: follow-up continuing",
    "available": "Available",
    "no longer available": "No longer available",
    "temporarily not available": "Temporarily not available",
    "approved for marketing": "Approved for marketing",
    "withheld": "Withheld",
}
# As a registry writes them, capital first ("Active, not recruiting"): in run-together table rows the
# capital is what tells where the condition ends and the status begins.
STATUS_WORDINGS = tuple(sorted({key[0].upper() + key[1:] for key in _STATUSES}, key=len, reverse=True))


# A count as sources write it: "810", "1,027".
COUNT = r"\d{1,3}(?:,\d{3})+|\d+"


def count_of(text: str) -> int | None:
    """"1,027" → 1027; None for anything that is not a count."""
    return int(text.replace(",", "")) if re.fullmatch(COUNT, text) else None


def normalise_status(text: str) -> str | None:
    return _STATUSES.get(re.sub(r"\s+", " ", text).strip().rstrip(".").casefold())


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_PATTERN = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))


def iso_date(text: str) -> str | None:
    """"2021/07/21" → "2021-07-21"; "Sep 26, 2025" → "2025-09-26"; "March 2026" → "2026-03"."""
    text = text.strip()
    if match := re.fullmatch(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})", text):
        year, month, day = map(int, match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None
    if match := re.fullmatch(rf"({MONTH_PATTERN})\.? (\d{{1,2}}), (\d{{4}})", text, re.I):
        month, day, year = MONTHS[match.group(1).casefold()], int(match.group(2)), int(match.group(3))
        return f"{year:04d}-{month:02d}-{day:02d}"
    if match := re.fullmatch(rf"({MONTH_PATTERN})\.?(?: of)? (\d{{4}})", text, re.I):
        return f"{int(match.group(2)):04d}-{MONTHS[match.group(1).casefold()]:02d}"
    return None
