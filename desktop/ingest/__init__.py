"""Sources → records: one parser per document shape, text cleaning, provenance. No Qt, no SQL."""
from __future__ import annotations

from .corpus import Corpus, SourceInfo, load_corpus, merge_trials
from .document import SourceError

__all__ = ["Corpus", "SourceError", "SourceInfo", "load_corpus", "merge_trials"]
