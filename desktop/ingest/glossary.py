"""Terms a document explains and the references it lists, in the shapes documents write them.

Glossary entries come from bullets ("• Term (ABBR): definition", "- Term — definition"), from sentences
that define ("Open-label means …"), and from running text that says what a term means in so many words
("progressive disease, meaning the disease is getting worse", "tumor-infiltrating lymphocytes, also
called TILs"). References are numbered "1. …" or "[1] …", an address, a citation, or both.
"""
from __future__ import annotations

import re

from . import prose
from .clean import strip_citations
from .document import Block, Document, is_bullet
from .records import GlossaryEntry, Provenance, Reference
from .extraction import Extraction

_ENTRY = re.compile(r"^(?P<term>[^:—–]+?)(?:\s+\((?P<abbr>[A-Za-z0-9-]+)\))?(?::|\s+[—–]\s+)\s*(?P<definition>.+)$")
_DEFINES = re.compile(
    r"^(?P<term>[A-Z][\w-]*(?: [a-z][\w-]*)?) (?:means|is defined as|refers to|is(?= (?:a|an|the) )) (?P<definition>.+?)\.?$")
_IN_PASSING = re.compile(r"(?P<before>[^,;:()]+?), (?:meaning|which means|that is,) (?P<definition>[^,;]+?)(?=[,;]|\.?$)")
_ALSO_CALLED = re.compile(r"(?P<term>[a-z][\w-]*(?: [a-z][\w-]*){0,3}), (?:also called|also known as) (?P<abbr>[A-Z][\w-]+)")
# Words that end a term when reading back from its comma: verbs, articles and prepositions.
_NOT_IN_TERM = frozenset("""a an the of in on at to for by with from and or as is are was were be been being has have had
require requires required measure measures measured look looks looked study studies studied include includes included
also some many most several one two this that these those which who whose their its it they""".split())
_REFERENCE = re.compile(r"^(?:\[(?P<bracket>\d+)\]|(?P<number>\d+)\.)\s+(?P<rest>.+)$")
_URL = re.compile(r"https?://\S+")


def read_glossary(doc: Document, block: Block, extraction: Extraction) -> None:
    """A glossary section: bullets are entries, defining sentences too, other lines an introduction kept as text."""
    text_lines = []
    for line in block.content:
        text = line.text
        if is_bullet(text) and (match := _ENTRY.match(text[2:].strip())):
            extraction.glossary.append(GlossaryEntry(*_term_and_abbreviation(match), match.group("definition").strip(),
                                                     block.prov(line)))
            doc.place(line)
            continue
        text_lines.append(line)
        for sentence in prose.sentences(text):
            if match := _DEFINES.match(strip_citations(sentence)):
                extraction.glossary.append(GlossaryEntry(match.group("term"), None, match.group("definition") + ".",
                                                         block.prov(line)))
    doc.keep_block(block, "glossary", extraction, text_lines)


def _term_and_abbreviation(match: re.Match) -> tuple[str, str | None]:
    """"Minimal residual disease (MRD)" and "dMMR (mismatch repair deficient)": the term and its short form."""
    term, abbreviation = match.group("term").strip(), match.group("abbr")
    if abbreviation is None and (inner := re.fullmatch(r"(?P<short>\S+) \((?P<long>[^()]{6,})\)", term)):
        if len(inner.group("short")) <= 8 and any(c.isupper() for c in inner.group("short")):
            return inner.group("long"), inner.group("short")
    return term, abbreviation


def explained_in_passing(sentence: str, prov: Provenance) -> list[GlossaryEntry]:
    """Terms a sentence explains as it goes: "progressive disease, meaning the disease is getting worse"."""
    plain = strip_citations(sentence)
    entries = []
    for match in _IN_PASSING.finditer(plain):
        term = _term_before(match.group("before"))
        if term:
            entries.append(GlossaryEntry(term, None, match.group("definition").strip().rstrip("."), prov))
    for match in _ALSO_CALLED.finditer(plain):
        term = _term_before(match.group("term"))
        if term:
            entries.append(GlossaryEntry(match.group("abbr"), None, term, prov))
    return entries


def _term_before(text: str) -> str | None:
    """The noun phrase that ends `text`: its last words up to a verb, article or preposition (four at most)."""
    words = text.split()
    term: list[str] = []
    for word in reversed(words):
        if word.casefold() in _NOT_IN_TERM or len(term) == 4 or not re.fullmatch(r"[\w-]+", word):
            break
        term.insert(0, word)
    return " ".join(term) if term else None


def read_references(doc: Document, block: Block, extraction: Extraction) -> None:
    """Numbered references; a line that is none is left unplaced (and reported)."""
    for line in block.content:
        match = _REFERENCE.match(line.text.lstrip("• -"))
        if not match:
            continue
        number = int(match.group("bracket") or match.group("number"))
        rest = match.group("rest").strip()
        url = _URL.search(rest)
        title = _URL.sub("", rest).strip(" .;,") if url else rest
        extraction.references.append(Reference(number, url.group(0).rstrip(".,;") if url else None,
                                               block.prov(line), title or None))
        doc.place(line)
