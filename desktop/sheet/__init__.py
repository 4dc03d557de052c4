"""The printable one-page drug summary: HTML from a record (content), laid out and painted by Qt (render)."""
from __future__ import annotations

from typing import Sequence

from ..store import Store
from ..store.results import SourceSummary


def data_note(store: Store, sources: Sequence[SourceSummary]) -> str:
    """How the footer names the data: the dates of the sources this sheet draws on (each source's own, or that
    it gives none), and the build's source digest."""
    dates = list(dict.fromkeys(source.as_of for source in sources if source.as_of))
    undated = sum(1 for source in sources if not source.as_of)
    if not sources:
        stated = "no sources"
    elif not dates:
        stated = "source undated" if undated == 1 else f"{undated} sources, undated"
    else:
        stated = ("source" if len(sources) == 1 else "sources") + " as of " + ", ".join(dates)
        if undated:
            stated += f" ({undated} undated)"
    digest = (store.meta("sources_sha256") or "")[:8]
    return f"data: {stated}, build {digest}"
