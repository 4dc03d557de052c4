"""The printable one-page drug summary: HTML from a record (content), laid out and painted by Qt (render)."""
from __future__ import annotations

from typing import Sequence

from ..store import Store
from ..store.results import SourceSummary


def data_note(store: Store, sources: Sequence[SourceSummary]) -> str:
    """How the footer names the data: the dates of the sources this sheet draws on (each source's own, or that
    it gives none), and the build's source digest."""
    dates = list(dict.fromkeys(source.as_of or "undated" for source in sources))
    if not dates:
        stated = "no sources"
    elif len(sources) == 1:
        stated = f"source as of {dates[0]}" if dates[0] != "undated" else "source undated"
    else:
        stated = "sources as of " + ", ".join(dates)
    digest = (store.meta("sources_sha256") or "")[:8]
    return f"data: {stated}, build {digest}"
