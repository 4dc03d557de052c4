"""Build the catalogue again, whole, from the bundled documents and the user's: after an upgrade brings new
bundled sources or a new schema (or an add was killed between the database and the manifest).

The bundled documents are read from the bundled database, which keeps each one's text and reader, so an
installed app needs no sources folder; the user's from their folder and manifest. Their documents are
never touched: a failed rebuild leaves the previous catalogue.sqlite and every file as they were.
"""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..ingest.corpus import Corpus, load_corpus
from ..ingest.document import SourceError
from ..names import shown
from ..store.errors import BuildError
from .folder import Catalogue, CatalogueError, Progress, expected_meta, read_only
from .update import stored_documents


def rebuild(catalogue: Catalogue, progress: Progress | None = None) -> Path:
    from ..store.build import write_corpus

    entries = catalogue.manifest_entries()
    bundled_db = paths.bundled_database()
    with read_only(bundled_db, f"the bundled database {shown(bundled_db)}") as connection:
        bundled = stored_documents(connection, "")
    total = len(bundled) + len(entries) + 1
    if progress:
        progress(len(bundled), total, f"Reading your {len(entries)} document(s)")
    try:
        user = load_corpus(catalogue.sources_dir) if entries else Corpus([], [])
    except SourceError as error:
        raise CatalogueError(f"cannot read your documents in {shown(catalogue.sources_dir)}: {error}") from None
    for offset, info in enumerate(user.sources):
        info.position = len(bundled) + offset
    corpus = Corpus([info for info, _ in bundled] + user.sources, [e for _, e in bundled] + user.extractions)
    if progress:
        progress(total - 1, total, "Writing the catalogue")
    meta = expected_meta(entries)
    catalogue.writable(catalogue.data_dir)
    try:
        written = write_corpus(corpus, catalogue.database, meta)
    except BuildError as error:
        raise CatalogueError(str(error)) from None
    if progress:
        progress(total, total, "Done")
    return written
