"""What a document's own sentences say the drug is, where no labelled field says it: its code names and brand
("Osimertinib (brand name Tagrisso; development code AZD9291) …"), its class and route from the sentence that
defines it ("… is an oral, third-generation … inhibitor"), how it is given ("Tebentafusp is given as a weekly
intravenous infusion"), and who developed it ("developed by Immunocore", "Amgen, the developer").

Read after a document is parsed, from its sections, so that every reader gets the same rules. A value a
labelled field already gave is never overridden, and only sentences whose subject is the drug are read: a
sentence about a comparator ("nivolumab, developed by …") names someone else's developer.
"""
from __future__ import annotations

import re

from . import prose
from .records import Identifier, Property, Provenance
from .extraction import Extraction

# A code as companies write them: AZD9291, TSR-042, IMCgp100, AMG 510, MK-3475.
_CODE = r"[A-Z][A-Za-z]{0,5}[- ]?\d{2,}[A-Za-z]?(?:-\d+)?"
_CODE_NAMED = re.compile(
    rf"\b(?:development code|code name|research code|also known as|also called|formerly)\s+(?P<code>{_CODE})\b")
_BRAND_NAMED = re.compile(r"\bbrand names? (?P<brand>[A-Z][\w-]*(?:(?:,| and| or) [A-Z][\w-]*)*)")
# "<Drug> (…) is an oral, third-generation, irreversible … inhibitor (EGFR-TKI) developed by AstraZeneca."
_DEFINES = re.compile(r"^(?P<subject>[A-Z][\w-]*(?: [a-z][\w-]*){0,2})\s*(?:\([^()]*\)\s*)?is (?:a|an) (?P<rest>.+)$")
# Where the class phrase ends: an apposition (", a humanized … antibody"), or a clause about something else.
_CLASS_END = re.compile(
    r",\s+(?:a|an|the|which|that|and|with|used|approved)\b|\s+(?:developed|discovered|made|manufactured|marketed"
    r"|produced|approved|used|designed|given|that|which|for|in|from|by|with|to|targeting|and|currently)\b|[.;:]")
_ROUTE_WORDS = r"oral(?:ly)?|by mouth|intravenous(?:ly)?|subcutaneous(?:ly)?|intramuscular(?:ly)?|intravesical(?:ly)?|inhaled|topical(?:ly)?"
# Only the adjective leads a class phrase as its route: "an oral, … inhibitor", not "an orally available …".
_LEADING_ROUTE = re.compile(r"^(?P<route>oral|intravenous|subcutaneous|intramuscular|intravesical|inhaled|topical),?\s+", re.I)
# "<Drug> is cleared …, so it is given as a continuous intravenous infusion": the words after the verb.
_GIVEN_AS = re.compile(r"\b(?:is|are) (?:given|administered|infused|injected)\b(?P<how>(?:\s+[\w-]+){0,8})")
_ROUTE_IN = re.compile(rf"\b(?:{_ROUTE_WORDS})\b", re.I)
_DEVELOPED_BY = re.compile(r"\bdeveloped (?:jointly )?by ")
_THE_DEVELOPER = re.compile(r"(?P<org>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*)*), (?:the|its) (?:developer|originator)\b")
_COMPANY_SUFFIX = re.compile(r"^(?:Inc|Ltd|LLC|plc|AG|GmbH|S\.A|N\.V|B\.V|Co|Corp|SE)\.?,?$")
_MAX_CLASS_WORDS = 16


def code_names_in(text: str) -> list[str]:
    """The codes a text names as the drug's ("development code AZD9291", "also known as MK-3475")."""
    return [match.group("code") for match in _CODE_NAMED.finditer(text)]


def read_definition(extraction: Extraction) -> None:
    """Add what the document's sentences say the drug is, where no labelled field said it already."""
    names = {name.casefold() for name in extraction.names() if name}
    have = {p.name for p in extraction.properties}
    # Each line that gives a code is kept as a passage for it, a labelled field's line and a sentence's alike.
    codes = {(i.value, i.prov.line_start) for i in extraction.identifiers if i.kind == "code_name"}
    for sentence, prov in prose.section_sentences(prose.about_the_drug(extraction.sections)):
        for code in code_names_in(sentence):
            if (code, prov.line_start) not in codes:
                codes.add((code, prov.line_start))
                extraction.identifiers.append(Identifier("code_name", code, prov))
        about = _about_the_drug(sentence, names)
        if about:
            _what_it_is(sentence, prov, extraction, have)
        if "developer" not in have and (developer := _developer(sentence, about)):
            _add(extraction, have, "developer", developer, prov)


def _what_it_is(sentence: str, prov: Provenance, extraction: Extraction, have: set[str]) -> None:
    """Brand, class and route from a sentence whose subject is the drug."""
    if "brand_names" not in have and (match := _BRAND_NAMED.search(sentence)):
        _add(extraction, have, "brand_names", match.group("brand"), prov)
    if "drug_class" not in have and (match := _DEFINES.match(sentence)):
        route, cls = _class_and_route(match.group("rest"))
        if cls:
            _add(extraction, have, "drug_class", cls, prov)
            if route and "route" not in have:
                _add(extraction, have, "route", route, prov)
    if "route" not in have and (match := _GIVEN_AS.search(sentence)):
        routes = {_route_word(m.group(0)) for m in _ROUTE_IN.finditer(match.group("how"))}
        if len(routes) == 1:  # "intravenously or subcutaneously" says no one route
            _add(extraction, have, "route", routes.pop(), prov)


def _developer(sentence: str, about_the_drug: bool) -> str | None:
    """"developed by Immunocore" in a sentence about the drug; "Amgen, the developer" in any."""
    if about_the_drug and (match := _DEVELOPED_BY.search(sentence)):
        return _company(sentence[match.end():])
    match = _THE_DEVELOPER.search(sentence)
    return match.group("org") if match else None


def _company(text: str) -> str | None:
    """"Merck & Co., Inc. (known as MSD …)" → "Merck & Co., Inc."; "Amgen Inc. Marketed as …" → "Amgen Inc."."""
    taken: list[str] = []
    for word in text.split():
        if taken and _COMPANY_SUFFIX.match(taken[-1]) and taken[-1].endswith("."):
            break  # "Inc." that ends the sentence
        if word[0].isupper() or word == "&" or _COMPANY_SUFFIX.match(word):
            taken.append(word)
            if word.endswith((".", ";")) and not _COMPANY_SUFFIX.match(word):
                break
        else:
            break
    name = " ".join(taken).rstrip(",;")
    return name.rstrip(".") + ("." if name.endswith(".") and _COMPANY_SUFFIX.match(taken[-1]) else "") if taken else None


def _class_and_route(rest: str) -> tuple[str | None, str | None]:
    """"oral, third-generation, irreversible … (EGFR-TKI) developed by …" → ("oral", "third-generation, …")."""
    route = None
    if match := _LEADING_ROUTE.match(rest):
        route, rest = _route_word(match.group("route")), rest[match.end():]
    end = _outside_parentheses(rest)
    cls = rest[:end].strip().rstrip(",")
    if not cls or len(cls.split()) > _MAX_CLASS_WORDS or cls.count("(") != cls.count(")"):
        return route, None
    return route, cls


def _outside_parentheses(text: str) -> int:
    """Where the class phrase ends: the first end-word that is not inside parentheses."""
    for match in _CLASS_END.finditer(text):
        if text[:match.start()].count("(") == text[:match.start()].count(")"):
            return match.start()
    return len(text)


def _route_word(word: str) -> str:
    word = word.casefold()
    return {"by mouth": "oral", "orally": "oral"}.get(word, re.sub(r"ly$", "", word) if word != "topically" else "topical")


def _about_the_drug(sentence: str, names: set[str]) -> bool:
    """A sentence whose subject is the drug: it starts with one of the drug's names."""
    first = re.match(r"[\w-]+(?: [a-z][\w-]*){0,2}", sentence)
    return bool(first) and any(first.group(0).casefold().startswith(name) for name in names)


def _add(extraction: Extraction, have: set[str], name: str, value: str, prov: Provenance) -> None:
    have.add(name)
    extraction.properties.append(Property(name, value, prov))
