"""A monograph's indications: bullets of conditions ("- Label: detail") under sub-labels that say in what
capacity ("Under investigation:"), labelled lines ("Still investigational: X plus Y for Z."), and sentences
that state an approval ("X is approved … for adult patients with Y", "is indicated for adults with Y …:"
with the numbered uses that follow it).

A condition is taken from the words that name it; where a line names none ("1. as adjuvant therapy after
tumour resection;") nothing is taken from it, and the line stays in the section's text.
"""
from __future__ import annotations

import re

from . import prose
from .clean import MONTH_PATTERN, strip_citations
from .document import Block, Document, is_bullet
from .identity import LABELLED
from .records import Indication, Provenance
from .extraction import Extraction

_NO_APPROVED_INDICATIONS = re.compile(r"\bno (?:\w+[- ])?approved indications\b|\bnot (?:\w+[- ])?approved for any\b", re.I)
# "Anktiva is approved, in combination with BCG, for adult patients with …", "Atezolizumab is indicated as a
# single agent for …; in combination with … for …; and for …": the uses follow the verb, parted by ";".
_STATES_USES = re.compile(r"\b(?:is|are|was|were|has been) (?:also )?(?:approved|indicated)\b(?!.*\bthe following\b)")
_NUMBERED_USE = re.compile(r"^(?:\d+|[a-z])[.)]\s+(?P<use>.+)$")
# Where a use names its condition: "for locally advanced … NSCLC that …", "as first-line treatment of metastatic
# NSCLC", "for the treatment of HLA-A*02:01-positive adult patients with unresectable … melanoma".
_USE_CONDITION = re.compile(
    r"\b(?:for|(?:treatment|therapy) of)\s+(?:the\s+)?(?:(?:first|second|third)-line\s+|adjuvant\s+|maintenance\s+"
    r"|consolidation\s+)?"
    r"(?:(?:treatment|therapy) (?:of|for)\s+)?(?P<condition>.+)$")
_WHO = re.compile(r"^(?:[\w*:+/-]+\s+){0,3}?(?:patients|adults|people|children|men|women)\s+with\s+")
# Where a condition's words end: a clause about the patients' course or the regimen, not the disease.
_CONDITION_CUT = re.compile(r"\s+(?:that|which|who)\b|,\s+(?:as|alone|in combination|after|following)\b"
                            r"|\s+in (?:adult|adults|pediatric|paediatric|patients)\b"
                            rf"|\s+(?:on|in) (?:(?:{MONTH_PATTERN})\b|\d)|,?\s+(?:based|supported|followed)\b"
                            r"|\s+(?:after|following)\s+(?:progression|failure|prior|at least)\b|[;:]|\.$")
# A bullet's text that tells what is done for the condition in its label ("Advanced Mucosal Melanoma:
# Evaluated as a single agent …"), not the condition itself.
_ACTION_FIRST = re.compile(r"^(?:Evaluated|Studied|Investigated|Tested|Being|Used|Approved|Under|In combination|As a|"
                           r"Given|Explored|Assessed|The subject)\b", re.I)
_DISEASE_WORDS = re.compile(r"\b(?:cancers?|carcinomas?|adenocarcinomas?|melanomas?|lymphomas?|leuka?emias?|myelomas?"
                            r"|sarcomas?|tumou?rs?|disease|syndrome)\b", re.I)
# Written in capitals, where the lower-case word means something else ("ALL" and "all").
_DISEASE_ACRONYMS = re.compile(r"(?<![\w-])(?:[A-Z0-9]+-)?(?:ALL|AML|CLL|CML|NSCLC|SCLC|HCC|RCC|NMIBC|MDS|mCRPC)\b")
_CONDITION_END = re.compile(r",? (?:in combination with|together with|plus|alone or|as monotherapy)\b")


def read_indications(doc: Document, block: Block, extraction: Extraction) -> None:
    doc.keep_block(block, "indications", extraction)
    none_approved = any(_NO_APPROVED_INDICATIONS.search(line.text) for line in block.content)
    heading = block.heading.casefold()
    default = "under investigation" if none_approved or "investigation" in heading else (
        "approved" if "approved" in heading else "as stated")
    status = default
    numbered_status = None  # the capacity a lead-in sentence ending in ":" gives the numbered uses below it
    for line in block.content:
        text, prov = line.text, block.prov(line)
        labelled = LABELLED.match(text) if not is_bullet(text) else None
        numbered = _NUMBERED_USE.match(text)
        if numbered and numbered_status:
            if condition := _use_condition(numbered.group("use")):
                extraction.indications.append(Indication(condition, text, numbered_status, prov))
            continue
        numbered_status = None
        if text.endswith(":") and not is_bullet(text) and not _STATES_USES.search(text):
            status = _capacity(text[:-1]) or default
        elif is_bullet(text):
            match = LABELLED.match(text[2:])
            condition, detail = _condition_and_detail(match.group("label"), match.group("value")) if match else (
                text[2:].rstrip("."), "")
            extraction.indications.append(Indication(condition, detail, status, prov))
        elif labelled and (capacity := _capacity(labelled.group("label"))):
            # "Under investigation (not approved for this use …): first-line … cancer in combination with durvalumab."
            value = labelled.group("value")
            condition = _use_condition(value) or _CONDITION_END.split(value.rstrip("."))[0]
            extraction.indications.append(Indication(condition, value, capacity, prov))
        elif not none_approved:
            for sentence in prose.sentences(text):
                extraction.indications.extend(stated_indications(sentence, prov))
                if _STATES_USES.search(sentence) and sentence.endswith(":"):
                    numbered_status = "approved"


def stated_indications(sentence: str, prov: Provenance) -> list[Indication]:
    """The uses a sentence says the drug is approved or indicated for, one per use it names."""
    plain = strip_citations(sentence)
    match = _STATES_USES.search(plain)
    if match is None:
        return []
    uses = [use for use in re.split(r";\s+(?:and\s+)?", plain[match.end():]) if use.strip()]
    found = []
    for use in uses:
        if condition := _use_condition(use):
            found.append(Indication(condition, use.strip().rstrip(".") if len(uses) > 1 else sentence, "approved", prov))
    return found


# In a history: "granted accelerated approval for … on December 3, 2014", "the FDA approved blinatumomab for
# consolidation treatment of …", "extended this to all adults with …".
_APPROVAL_FOR = re.compile(r"(?:\b(?:approval|approved(?: [\w-]+){0,5}?) (?P<use>for [^;]+?)"
                           r"|\bextended (?:this|it|the (?:approval|indication)) to (?P<to>[^;]+?))(?=, and\b|;|$)")


def indications_from_approvals(extraction: Extraction) -> None:
    """Where a document lists no indications, the uses its history says were approved: each kept with its
    sentence, marked "approval reported" (a history is not a current label: a later change may not be told)."""
    if extraction.indications:
        return
    for sentence, prov in prose.section_sentences(prose.about_the_drug(extraction.sections)):
        plain = strip_citations(sentence)
        for match in _APPROVAL_FOR.finditer(plain):
            condition = _use_condition(match.group("use")) if match.group("use") else _named_condition(match.group("to"))
            if condition and condition.casefold() not in (i.condition.casefold() for i in extraction.indications):
                extraction.indications.append(Indication(condition, sentence, "approval reported", prov))


def _named_condition(text: str) -> str | None:
    condition = _cut(_WHO.sub("", text))
    return condition if _names_a_disease(condition) else None


def _names_a_disease(text: str) -> bool:
    return bool(_DISEASE_WORDS.search(text) or _DISEASE_ACRONYMS.search(text))


def _use_condition(use: str) -> str | None:
    """"for locally advanced, unresectable (stage III) NSCLC that has not progressed …" → "locally advanced,
    unresectable (stage III) NSCLC"; None where the use names no disease."""
    match = _USE_CONDITION.search(use)
    return _named_condition(match.group("condition")) if match else None


def _cut(condition: str) -> str:
    return _CONDITION_CUT.split(condition, maxsplit=1)[0].strip().rstrip(".,;")


def _condition_and_detail(label: str, value: str) -> tuple[str, str]:
    """Which side of "Label: text" is the condition: "Advanced Mucosal Melanoma: Evaluated as a single agent …"
    names it in the label; "Breast cancer, adjuvant: germline BRCA-mutated, HER2-negative high-risk early breast
    cancer previously treated with …" in the text, the label being the use's name."""
    if _ACTION_FIRST.match(value) or not _names_a_disease(value):
        return label, value
    condition = prose.sentences(value)[0].rstrip(".")
    condition = re.split(r"\s+(?:previously treated|that has|that have|who have|whose|in complete or partial|"
                         r"in combination with|with or without)\b", condition)[0]
    return condition, f"{label}: {value}"


def _capacity(label: str) -> str | None:
    lowered = label.casefold()
    if "investigat" in lowered or "studied" in lowered or "research" in lowered:
        return "under investigation"
    if "approved" in lowered or "licensed" in lowered or "authori" in lowered:
        return "approved"
    return None
