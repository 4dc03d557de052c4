"""Sources → records: one parser per document shape, text cleaning, provenance. No Qt, no SQL.

The parsers load only when a corpus is read; the window needs just the cleaning helpers (and the
store's `ingest.clean` import runs this file first, so nothing here is imported eagerly).
"""
from __future__ import annotations

__all__ = ["Corpus", "SourceError", "SourceInfo", "group_by_drug", "load_corpus", "merge_trials"]
_CORPUS_NAMES = {"Corpus", "SourceInfo", "group_by_drug", "load_corpus", "merge_trials"}


def __getattr__(name: str):
    if name in _CORPUS_NAMES:
        from . import corpus

        return getattr(corpus, name)
    if name == "SourceError":
        from .document import SourceError

        return SourceError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
