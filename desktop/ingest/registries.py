"""Trial registry numbers as registries write them: one pattern for every reader.

ClinicalTrials.gov (NCT), the EU's CTIS (EU CT numbers, 2023-506400-99-00) and its older EudraCT
(2015-001234-56), ISRCTN, ANZCTR (ACTRN), Japan (jRCT, UMIN), China (ChiCTR), India (CTRI), Germany (DRKS),
Korea (KCT), the Pan African registry (PACTR) and the Netherlands (NL…). An EU CT number is tried before
a EudraCT number, which is its first three parts.
"""
from __future__ import annotations

import re

REGISTRY_ID = (
    r"(?:NCT\d{8}|\d{4}-\d{6}-\d{2}-\d{2}|\d{4}-\d{6}-\d{2}(?![-\d])|ISRCTN\d{8}|ACTRN\d{14}|jRCTs?\d{9,10}"
    r"|UMIN\d{9}|ChiCTR-?(?:[A-Z]{2,4}-)?\d{8,10}|CTRI/\d{4}/\d{2,3}/\d{6}|DRKS\d{8}|KCT\d{7}|PACTR\d{15}"
    r"|NL-OMON\d+|NL\d{4,5}(?![\d-]))"
)
REGISTRY_ID_IN_TEXT = re.compile(rf"(?<![\w/-]){REGISTRY_ID}(?![\w/])")
WHOLE_REGISTRY_ID = re.compile(rf"^{REGISTRY_ID}$")
_AT_START = re.compile(REGISTRY_ID)


def registry_ids(text: str) -> list[str]:
    """The registry numbers a text names, in order, each once."""
    return list(dict.fromkeys(REGISTRY_ID_IN_TEXT.findall(text)))


def registry_id_at_start(text: str) -> str | None:
    """The registry number a table row starts with, its other cells run on after it ("NCT04243499Phase 1")."""
    match = _AT_START.match(text)
    return match.group(0) if match else None


def is_registry_id(text: str) -> bool:
    return bool(WHOLE_REGISTRY_ID.match(text.strip()))


# Two numbers of one trial written together: "NCT05723562; EudraCT 2022-003289-18", "NCT02910063 (EudraCT
# 2016-002044-16)", "NCT02013167/2013-000536-10". The first is the trial's number, the second another of its
# numbers, in another registry.
_PAIRED = re.compile(
    rf"(?P<first>{REGISTRY_ID})\s*(?:;|,|/|\()\s*(?:EudraCT|EU CT|CTIS|ISRCTN|ANZCTR|jRCT)?(?: number| No\.?)?:?\s*(?P<second>{REGISTRY_ID})")


def registry_of(number: str) -> str:
    return "NCT" if number.startswith("NCT") else "EU" if re.match(r"\d{4}-", number) else re.match(r"[A-Za-z]+", number).group(0)


def paired_ids(text: str) -> dict[str, str]:
    """{second: first} for numbers of two registries written together as one trial's."""
    return {m.group("second"): m.group("first") for m in _PAIRED.finditer(text)
            if registry_of(m.group("first")) != registry_of(m.group("second"))}
