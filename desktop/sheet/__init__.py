"""The printable one-page drug summary: HTML from a record (content), laid out and painted by Qt (render)."""
from __future__ import annotations

from ..store import Store


def data_note(store: Store) -> str:
    """How the footer names the data: the newest source date and the build's source digest."""
    as_of = store.meta("latest_source_as_of") or "undated"
    digest = (store.meta("sources_sha256") or "")[:8]
    return f"data: sources as of {as_of}, build {digest}"
