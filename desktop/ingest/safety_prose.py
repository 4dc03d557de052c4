"""Adverse effects a safety section states in running text rather than as bullets:

- a list after "adverse reactions … are/include": "The most common adverse reactions (≥20%) were diarrhea,
  nausea, fatigue and cough";
- a boxed warning's list: "a boxed warning for treatment-related mortality, … and renal impairment";
- one effect and how often: "Interstitial lung disease or pneumonitis is uncommon (<1%)".

A list is taken only when every item is short enough to be an effect's name; otherwise the sentence stays
text (the section keeps it whole).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import prose
from .clean import strip_citations
from .records import AdverseEffect, Provenance
from .extraction import Extraction

_LIST_END = r"(?=;|, (?:most|which|but|and most|although)\b| and (?:must|should|may|can|is|are|was|were|has|have)\b|\.$|$)"
_AFTER_EFFECTS = re.compile(
    r"(?P<group>\b(?:[\w-]+ ){0,3}?)(?:adverse (?:reactions|effects|events)|side effects|toxicities)"
    r"(?P<middle>[^.;()]{0,60}?)(?: \((?P<freq>[^)]*\d[^)]*)\))?(?P<middle2>[^.;()]{0,40}?)"
    rf" (?P<verb>include|includes|included|are|were)(?: the following)?:? (?P<list>.+?){_LIST_END}", re.I)
_BOXED = re.compile(rf"\bboxed warning (?:for|about|on) (?P<list>.+?){_LIST_END}", re.I)
_HOW_OFTEN = re.compile(
    r"^(?P<effect>[A-Z][^,;:]{2,60}?) (?:is|are|was|were) (?:(?:very|relatively) )?(?P<word>common|uncommon|rare|frequent"
    r"|infrequent)(?: \((?P<freq>[^)]+)\))?")
_FREQUENCY_WORDS = re.compile(r"\b(?:very frequent|very common|most common|common|frequent|uncommon|rare)\b", re.I)


@dataclass
class StatedEffect:
    effect: str
    frequency: str | None
    group: str | None
    seriousness: str | None


def effects_in(sentence: str) -> list[StatedEffect]:
    plain = strip_citations(sentence)
    match = _AFTER_EFFECTS.search(plain)
    group = (match.group("group") or "").strip() if match else ""
    word = _FREQUENCY_WORDS.search(group)
    # "are"/"were" lists only where the sentence says how often ("The most common … (≥20%) were"): "most side
    # effects are local" is no list.
    if match and (match.group("verb").casefold().startswith("include") or word or match.group("freq")):
        items = _items(match.group("list"))
        seriousness = "common" if word and "common" in word.group(0).casefold() else ("serious" if "serious" in group.casefold()
                                                                                      else group or None)
        frequency = match.group("freq") or (word.group(0).casefold() if word and word.group(0).casefold() != "most common" else None)
        return [StatedEffect(item, None, frequency, seriousness) for item in items]
    if match := _BOXED.search(plain):
        return [StatedEffect(item, None, None, "boxed warning") for item in _items(match.group("list"))]
    if match := _HOW_OFTEN.match(plain):
        frequency = match.group("freq") or match.group("word")
        return [StatedEffect(match.group("effect"), frequency, None, None)]
    return []


def _items(text: str) -> list[str]:
    parts = [part.strip() for part in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+", text) if part.strip()]
    if not parts or any(len(part.split()) > 5 or re.search(r"\b(?:is|are|was|were|can|may)\b", part) for part in parts):
        return []
    return parts


def read_effects_in_text(text: str, prov: Provenance, extraction: Extraction) -> None:
    """The effects a paragraph of a safety section states, each with the sentence it is stated in."""
    for sentence in prose.sentences(text):
        for effect in effects_in(sentence):
            extraction.adverse_effects.append(
                AdverseEffect(effect.effect, sentence, effect.seriousness, effect.frequency, effect.group, prov))
