"""Sentences that speak of a topic outside the sections that state it: "the combination … resulted in … increased
toxicity" in a research report's summary, "low-dose subcutaneous interleukin-2" in a trial's description.

A pane whose topic a drug's sources state nothing structured about shows these passages instead of saying
"not stated": "not stated in the sources" is said only when no part of the sources touches the topic.
Read after a document is parsed, from its sections and its trials' sentences, one sentence at a time.
"""
from __future__ import annotations

import re
from typing import Iterator

from . import prose
from .records import Mention, Provenance
from .extraction import Extraction

# topic → (the words that speak of it, the section kinds that state it: their sentences are the topic itself)
TOPICS = {
    "safety": (re.compile(
        r"\b(?:toxicit(?:y|ies)|adverse (?:events?|effects?|reactions?)|side effects?|safety|tolerability|well tolerated"
        r"|dose-limiting|boxed warning)\b", re.I), {"safety"}),
    "dosing": (re.compile(
        # "dose finding" and "combination regimens" name a trial's design and a mix of drugs, not a dose
        r"\b(?:doses?(?![- ](?:finding|escalation|expansion|ranging))|dosing|dosage|(?:low|high)-dose|mg(?:/kg|/m²)?"
        r"|IU(?:/kg)?|subcutaneous(?:ly)?|intravenous(?:ly)?|(?<!combination )regimens?|instillations?)\b", re.I),
        {"dosing"}),
    "mechanism": (re.compile(
        r"\b(?:receptors?|binds?|binding|agonists?|antagonists?|inhibitors? of|mechanism|pathway|blocks?|blocking)\b", re.I),
        {"mechanism"}),
}


def read_mentions(extraction: Extraction) -> None:
    """Add to an extraction the sentences that touch a topic outside the sections that state it."""
    seen: set[tuple[str, str]] = set()
    for sentence, prov, kind in _sentences(extraction):
        for topic, (words, own) in TOPICS.items():
            if kind in own or not words.search(sentence) or (topic, sentence) in seen:
                continue
            seen.add((topic, sentence))
            extraction.mentions.append(Mention(topic, sentence, prov))


def _sentences(extraction: Extraction) -> Iterator[tuple[str, Provenance, str]]:
    for section in prose.about_the_drug(extraction.sections):
        for sentence, prov in prose.section_sentences([section]):
            yield sentence, prov, section.kind
    for trial in extraction.trials:  # a study's title ("Study on Low-Dose Aldesleukin and Ciclosporin …")
        for value in (v for v in trial.values if v.field == "title"):
            yield value.value, value.prov, "trial title"
        if trial.title and not any(v.field == "title" for v in trial.values):
            yield trial.title, trial.prov, "trial title"
