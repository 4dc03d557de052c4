"""What the sources say about the IL-2 receptor: its subunits, the receptor forms and the cells that
carry them, and what each drug is said to engage or avoid.

Read after a document is parsed, from its sections and its mechanism summary, one sentence at a
time. Like `prose`, the patterns are about phrasing ("binds … to the βγ receptors", "CD122-preferential",
"without activating …"), never about particular drugs; what a sentence does not say is not recorded.
Sentences about IL-2 in general ("Traditional IL-2 binds to three subunits") give the receptor's
parts, never a statement about the drug.
"""
from __future__ import annotations

import re
from typing import Iterator

from . import prose
from .records import SUBUNIT_LETTERS, Provenance, ReceptorComplex, ReceptorStatement, ReceptorSubunit, subunits_of
from .extraction import Extraction

_SUBUNITS = rf"[{SUBUNIT_LETTERS}][{SUBUNIT_LETTERS}/\\ ]*"

# "α (CD25)"
_SUBUNIT = re.compile(rf"(?P<subunit>[{SUBUNIT_LETTERS}])\s*\((?P<marker>CD\d+)\)")
# "The High-Affinity Receptor (αβγ): This is found on Tregs, …"
_COMPLEX = re.compile(
    rf"\bThe (?P<name>[\w-]+ Receptor) \(\s*(?P<subunits>{_SUBUNITS})\)\s*:\s*This is found on (?P<cells>[^,.;]+)"
)
_STATEMENTS: tuple[tuple[str, str, re.Pattern], ...] = (
    # "binds specifically to the intermediate-affinity IL-2 receptor (βγ subunits)"
    ("engages", "subunits", re.compile(
        rf"\bbinds? (?:specifically |only |selectively )?to the (?:[\w-]+ )?(?:IL-2 )?receptors? \((?P<target>{_SUBUNITS}) subunits?\)")),
    # "only binds to the βγ receptors"
    ("engages", "subunits", re.compile(
        rf"\bbinds? (?:specifically |only |selectively )?to the (?P<target>{_SUBUNITS}) receptors?\b")),
    # "activation of … through the βγ IL-2 receptor complex"
    ("engages", "subunits", re.compile(rf"\bthrough the (?P<target>{_SUBUNITS}) IL-2 receptor complex\b")),
    # "while avoiding the high-affinity IL-2 receptor (αβγ subunits)"
    ("avoids", "subunits", re.compile(
        rf"\bavoiding the (?:[\w-]+ )?(?:IL-2 )?receptors? \((?P<target>{_SUBUNITS}) subunits?\)")),
    # "prevents the molecule from binding to the α subunits"
    ("avoids", "subunits", re.compile(rf"\bprevents?\b[^.]*?\bfrom binding to the (?P<target>{_SUBUNITS}) subunits?\b")),
    # "a CD122-preferential IL-2 pathway agonist"
    ("prefers", "marker", re.compile(r"\b(?P<target>CD\d+)-preferential\b")),
    # "selectively stimulate anti-tumor CD8+ T cells and Natural Killer (NK) cells"
    ("engages", "cells", re.compile(
        r"\b(?:selectively stimulate|selectively activate|(?<!avoiding the )activation of) (?:anti-tumou?r )?"
        r"(?P<target>[^,.;]*?cells)(?= while\b| through\b|[,.;]|$)")),
    # "while avoiding the activation of … Tregs", "without activating the suppressor Tregs"
    ("avoids", "cells", re.compile(r"\b(?:avoiding the activation of|without activating) (?:the )?(?P<target>[^,.;]+)")),
)


# A sentence that states what the drug was designed or aimed to do, not what it was found to do.
_INTENT = re.compile(r"\b(?:designed|aimed|aims|intended|was meant|is meant|hoped)\b", re.I)


def read_receptor_facts(extraction: Extraction) -> None:
    """Add the receptor facts stated in an extraction's sections and mechanism summary to it."""
    seen_subunits = {s.subunit for s in extraction.receptor_subunits}
    for sentence, prov in _sentences(extraction):
        for match in _SUBUNIT.finditer(sentence):
            if match.group("subunit") not in seen_subunits:
                seen_subunits.add(match.group("subunit"))
                extraction.receptor_subunits.append(ReceptorSubunit(match.group("subunit"), match.group("marker"), prov))
        if match := _COMPLEX.search(sentence):
            extraction.receptor_complexes.append(ReceptorComplex(
                match.group("name"), subunits_of(match.group("subunits")), match.group("cells").strip(), prov))
            continue  # a sentence describing a receptor form says nothing about the drug
        for action, kind, pattern in _STATEMENTS:
            for match in pattern.finditer(sentence):
                target = match.group("target").strip()
                if kind == "subunits":
                    target = subunits_of(target)
                intent = _INTENT.search(sentence)
                extraction.receptor_statements.append(ReceptorStatement(
                    action, target, kind, sentence, prov, intent.group(0).casefold() if intent else None))


def _sentences(extraction: Extraction) -> Iterator[tuple[str, Provenance]]:
    """Every sentence of the sections (one provenance line each) and of the mechanism summary."""
    yield from prose.section_sentences(extraction.sections)
    for prop in extraction.properties:
        if prop.name == "mechanism_summary" and not any(s.prov.line_start <= prop.prov.line_start <= s.prov.line_end
                                                        for s in extraction.sections):
            yield prop.value, prop.prov
