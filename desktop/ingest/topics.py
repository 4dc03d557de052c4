"""What a heading is about: one vocabulary of headings for every reader, so that "Adverse Effects",
"Side Effects" and "Safety Profile and Side Effects" all open the safety topic, and "Administration"
the dosing one, whichever document writes them.

A heading is matched by the phrases it contains, whole words, case and punctuation ignored. The topics
are tried in order and the first that matches decides, so a more particular topic comes before a general
one ("Ongoing Clinical Trials" is the ongoing list, not the trials narrative). A heading no phrase
matches has no topic: its section is kept as text under its own heading and reported.
"""
from __future__ import annotations

import re

# (topic, phrases). Order matters: the first topic with a phrase in the heading wins.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("disclaimer", ("disclaimer", "legal notice", "terms of use", "important notice")),
    ("contents", ("table of contents", "contents", "on this page")),
    ("ongoing", ("ongoing", "currently recruiting", "recruiting now", "open studies", "active studies")),
    ("glossary", ("glossary", "key terms", "terms explained", "terminology", "definitions", "patient terms",
                  "terms used", "abbreviations", "words used", "jargon", "jargon buster", "what the words mean")),
    ("references", ("references", "bibliography", "citations", "works cited", "further reading", "sources")),
    ("conditions", ("associated conditions", "related conditions")),
    ("eligibility", ("who can join", "who can take part", "eligibility", "who can participate")),
    ("endpoints", ("what the trials measure", "what the studies measure", "endpoints", "outcome measures",
                   "what is measured", "what researchers measure", "outcomes being measured", "outcomes measured")),
    ("mechanism", ("mechanism", "how does it work", "how it works", "mode of action", "pharmacology",
                   "pharmacodynamics", "how the drug works")),
    ("indications", ("indication", "indications", "approved use", "approved uses", "uses", "what is it used for",
                     "therapeutic use", "therapeutic uses", "used for", "conditions under investigation")),
    ("dosing", ("dosage", "dosing", "dose", "doses", "administration", "how to give", "how it is given", "posology",
                "regimen", "how to take")),
    ("safety", ("safety", "side effects", "adverse effects", "adverse reactions", "adverse events", "toxicity",
                "toxicities", "tolerability", "warnings", "precautions", "contraindications", "risks")),
    ("efficacy", ("efficacy", "effectiveness", "clinical results", "research results", "clinical evidence",
                  "trial results", "key findings", "pivotal evidence", "what the studies showed", "studies showed")),
    ("patient_management", ("patient management", "practical recommendations", "monitoring", "patient counselling",
                            "patient counseling", "patient advice", "what patients should know", "practical advice",
                            "advice for patients", "guidance for patients", "patient guidance", "patient care",
                            "information for patients", "counselling points", "counseling points", "for patients")),
    ("research", ("research areas", "future directions", "areas of research", "emerging research",
                  "ongoing research", "future research", "research directions", "other research")),
    ("development", ("clinical development", "development history", "development program", "regulatory history",
                     "regulatory status", "approval history", "regulatory", "approvals")),
    ("report", ("research report",)),
    ("summary", ("executive summary", "summary", "key points", "key takeaways", "takeaways", "highlights",
                 "conclusion", "conclusions")),
    ("trials", ("clinical trials", "clinical trial", "studies", "trials", "studies using", "clinical studies",
                "trial list", "study table", "study list", "list of trials", "key studies")),
    ("overview", ("overview", "introduction", "background", "about", "description", "at a glance", "key facts",
                  "quick facts", "drug facts", "fact sheet", "profile")),
)

_WORDS = re.compile(r"[a-z0-9]+")


def _words(text: str) -> str:
    return " " + " ".join(_WORDS.findall(text.casefold().replace("&", " and "))) + " "


_PHRASES = tuple((topic, tuple(_words(phrase) for phrase in phrases)) for topic, phrases in TOPICS)


# Headings that name the drug in the middle of a phrase: "How Ipilimumab Works".
_PATTERNS = ((re.compile(r" how (?:\w+ ){1,3}works? "), "mechanism"),)


def topic_of(heading: str) -> str | None:
    """The topic a heading names, or None when no phrase of the vocabulary is in it."""
    words = _words(heading)
    for topic, phrases in _PHRASES:
        if any(phrase in words for phrase in phrases):
            return topic
    return next((topic for pattern, topic in _PATTERNS if pattern.search(words)), None)
