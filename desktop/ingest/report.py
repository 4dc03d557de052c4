"""What the readers made of a corpus, for the person building: one line per document on the terminal,
and the whole detail as JSON (`drugref build-db --report FILE.json`), every entry with its line."""
from __future__ import annotations

from .corpus import Corpus
from .extraction import Extraction

_ENTRIES = (
    ("unrecognised", "unrecognised heading", "unrecognised headings"),
    ("text_only", "section kept as text only", "sections kept as text only"),
    ("unplaced", "line read into nothing", "lines read into nothing"),
    ("notes", "note", "notes"),
    ("removed", "line with control characters removed", "lines with control characters removed"),
)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def summary_line(file: str, extraction: Extraction) -> str:
    """"000_….txt — Bempegaldesleukin: 4 identifiers, 15 trials, 12 approvals; nothing unread"."""
    counts = ", ".join(f"{number} {name.replace('_', ' ')}" for name, number in extraction.counts().items())
    report = extraction.report
    problems = [_count(len(getattr(report, name)), one, many) for name, one, many in _ENTRIES if getattr(report, name)]
    return f"{file} — {extraction.drug_name}: {counts or 'no facts'}; {', '.join(problems) or 'every line placed'}"


def has_findings(extraction: Extraction) -> bool:
    return any(getattr(extraction.report, name) for name, _, _ in _ENTRIES)


def report_dict(corpus: Corpus) -> dict:
    documents = []
    for info, extraction in zip(corpus.sources, corpus.extractions):
        report = extraction.report
        documents.append({
            "file": info.file, "kind": info.kind, "shape": info.shape, "title": info.title, "drug": extraction.drug_name,
            "counts": extraction.counts(),
            **{name: [{"line": line, "text": text, "why": why} for line, text, why in getattr(report, name)]
               for name in ("unrecognised", "text_only", "unplaced", "ignored", "notes", "removed")},
        })
    return {"documents": documents}
