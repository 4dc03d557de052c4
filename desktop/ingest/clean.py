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


def clean_text(text: str) -> str:
    """Remove escape artefacts (`\\α`, `( \\α \\β\\γ)`) and fold runs of spaces; nothing else changes."""
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


_PHASE = re.compile(r"^\s*(?:early\s+)?phase\s*(\d)(?:\s*/\s*(?:phase\s*)?(\d))?\s*([a-c])?\s*$", re.I)


def normalise_phase(text: str) -> str | None:
    """"Phase 1/2a" → "1/2". Sub-phase letters are dropped here and kept in the source wording."""
    match = _PHASE.match(text)
    if not match:
        return None
    first, second, _ = match.groups()
    return f"{first}/{second}" if second else first


def phase_filter(text: str) -> str | None:
    """A phase as a user asks for it: "Phase 2", "2" and "1/2" all work; None when it is no phase."""
    return normalise_phase(text) or normalise_phase(f"Phase {text}")


def phase_rank(phase: str | None) -> float | None:
    """Sort order for phases: 1 < 1/2 < 2 < 2/3 < 3 < 4."""
    if not phase:
        return None
    parts = [int(p) for p in phase.split("/")]
    return sum(parts) / len(parts)


# One spelling per status, whatever the registry wrote; keys are casefolded source wording.
_STATUSES = {
    "active, not recruiting": "Active, not recruiting",
    "authorised": "Authorised",
    "authorized": "Authorised",
    "completed": "Completed",
    "enrolling by invitation": "Enrolling by invitation",
    "not yet recruiting": "Not yet recruiting",
    "recruiting": "Recruiting",
    "suspended": "Suspended",
    "terminated": "Terminated",
    "withdrawn": "Withdrawn",
    "ongoing": "Ongoing",
    "ended": "Ended",
    "temporarily halted": "Temporarily halted",
    "unknown status": "Unknown",
}
# As a registry writes them, capital first ("Active, not recruiting"): in run-together table rows the
# capital is what tells where the condition ends and the status begins.
STATUS_WORDINGS = tuple(sorted({key.capitalize() for key in _STATUSES}, key=len, reverse=True))


def normalise_status(text: str) -> str | None:
    return _STATUSES.get(re.sub(r"\s+", " ", text).strip().casefold())


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
