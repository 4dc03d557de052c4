"""Adding and removing the user's documents: the files, the manifest, the database and the history.

Order, so that a kill at any moment leaves a usable catalogue:
1. the new documents are copied into sources/ (each atomically); a file no manifest lists is not part of
   the catalogue, and its name is free for the next add;
2. the database is updated on a copy beside catalogue.sqlite (`.catalogue.sqlite.tmp-PID`), fsynced and
   renamed over it — a kill before the rename leaves the previous catalogue whole, and the next write
   removes the leftover copy;
3. the manifest is written (atomically). A kill between 2 and 3 leaves a database whose meta names
   another manifest: `Catalogue.needs_rebuild()` says so, and the rebuild follows the manifest.

Why a copy and a rename rather than one SQLite transaction in the file itself (also atomic): the window
reads the database with immutable=1, which takes no locks and ignores journals, so pages written in place
would change under it mid-read, and the hot journal a killed in-place add leaves would never be rolled back
by such a reader — it would read a half-written file. A renamed-over file leaves the open one whole (the
window's Store notices the rename through `Store.replaced()` and reopens). The price is the copy: on the
10,000-drug / 500,000-trial catalogue (890 MB) it is about 0.6–0.8 s of an add of about 1.2 s (bench.py
`add_document_copy_ms_large`), well inside the 5 s budget; on the seeds, under a millisecond.

Undo of a removal: `remove` moves the file to removed/ with its manifest entry; `restore` adds it back;
`forget_removed` empties removed/ (the window calls it when it closes). A removed file is never lost
before then.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..files import replacing, write_bytes
from ..ingest.corpus import SourceInfo, open_document
from ..ingest.document import Document
from ..ingest.kinds import read_as
from ..names import shown
from ..store.errors import BuildError
from .. import paths
from .folder import Catalogue, CatalogueError, Progress, expected_meta, read_rows
from .planning import AddPlan, DocumentReview, review
from .update import Rewrite, rewrite


@dataclass
class ValueChange:
    subject: str      # "NCT01234567 status"
    before: str       # "Recruiting"
    after: str        # "Terminated"
    source: str       # the document that says so


@dataclass
class Changes:
    """What one add or removal changed; JSON-serialisable (asdict), kept in changes.json."""

    new_drugs: list[str] = field(default_factory=list)
    new_trials: list[str] = field(default_factory=list)          # "NCT01234567 (Aldesleukin)"
    changed: list[ValueChange] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    when: str = ""
    action: str = "add"                                           # add, remove, restore
    removed_drugs: list[str] = field(default_factory=list)        # drugs whose only documents were removed
    removed_trials: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)              # refused documents, with why

    def to_json(self) -> dict:
        return asdict(self)


def accept(catalogue: Catalogue, plan: AddPlan, progress: Progress | None = None) -> Changes:
    """Add the plan's acceptable documents. Raises CatalogueError (nothing changed) when none is acceptable
    or the data folder cannot be written."""
    documents = plan.accepted
    if not documents:
        raise CatalogueError("nothing to add: " + "; ".join(d.problem or d.name for d in plan.documents))
    return _add(catalogue, documents, progress, skipped=[d.problem for d in plan.documents if d.problem])


def _add(catalogue: Catalogue, documents: list[DocumentReview], progress: Progress | None, skipped: list[str],
         action: str = "add", added: dict[str, str] | None = None) -> Changes:
    _prepare(catalogue, progress)
    entries = catalogue.manifest_entries()
    base = _base_database(catalogue)
    # A plan reviewed before another add (or accepted twice) may hold a document the catalogue now has.
    stored = read_rows(base, "SELECT id, sha256, position FROM sources")
    held = {sha256: name for name, sha256, _ in stored}
    skipped = skipped + [f"{d.name}: already in the catalogue (the same text as {held[d.sha256]})"
                         for d in documents if d.sha256 in held]
    documents = [d for d in documents if d.sha256 not in held]
    if not documents:
        raise CatalogueError("nothing to add: " + "; ".join(skipped))
    taken = {name for name, _, _ in stored} | {e["file"] for e in entries}
    position = max((place for _, _, place in stored if place is not None), default=-1) + 1
    now = _now()
    new, copied = [], []
    try:
        for index, document in enumerate(documents):
            name = _free_name(document.name, taken)
            taken.add(name)
            _report(progress, index, len(documents) + 1, f"Copying {name}")
            # What was reviewed, byte for byte (strict UTF-8 decoding round-trips): not the file as it may be now.
            write_bytes(catalogue.sources_dir / name, document.text.encode("utf-8"))
            copied.append(name)
            _rename_source(document, name)
            entries.append(_entry(document, name, (added or {}).get(document.name, now)))
            # As the build stores a document: its text without control characters, its date's line as found.
            doc = open_document(document.shape, name, document.text, document.sha256)
            quoted = doc.find_line(document.as_of_quote) if document.as_of_quote and isinstance(doc, Document) else None
            new.append((SourceInfo(name, document.shape, document.kind, document.title, None, document.as_of,
                                   document.as_of_quote, quoted.number if quoted else None, doc.raw_text,
                                   document.sha256, position + index), document.extraction))
        _report(progress, len(documents), len(documents) + 1, "Updating the catalogue")
        done = _update_database(catalogue, base, new, [], entries)
        catalogue.write_manifest(entries)
    except BaseException as error:
        for name in copied:  # not in any manifest: not part of the catalogue; tidied rather than left
            (catalogue.sources_dir / name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_write(error) from None
        raise
    changes = Changes(
        new_drugs=sorted(name for drug_id, name in done.drugs_after.items() if drug_id not in done.drugs_before),
        new_trials=[f"{label} ({drug})" for drug, label in sorted(done.trials_after - done.trials_before)],
        changed=[ValueChange(c.subject, c.catalogue_value, c.new_value, c.new_source.source)
                 for d in documents for c in d.conflicts],
        documents=copied, when=now, action=action, skipped=skipped)
    _report(progress, len(documents) + 1, len(documents) + 1, "Done")
    _record(catalogue, changes)
    return changes


def remove(catalogue: Catalogue, name: str, progress: Progress | None = None) -> Changes:
    """Take one of the user's documents out; its drugs are written again from their other documents, and a
    drug it alone was about disappears. The file waits in removed/ for `restore` until `forget_removed`."""
    entries = catalogue.manifest_entries()
    entry = next((e for e in entries if e.get("file") == name), None)
    if entry is None:
        bundled = {row[0] for row in read_rows(paths.bundled_database(), "SELECT id FROM sources")}
        if name in bundled:
            raise CatalogueError(f"{name} is one of DrugRef's bundled documents; only documents you added can be removed")
        known = ", ".join(e["file"] for e in entries) or "none"
        raise CatalogueError(f"no document named {name!r} in your catalogue (yours: {known})")
    catalogue.writable(catalogue.data_dir)
    catalogue.writable(catalogue.removed_dir)
    remaining = [e for e in entries if e is not entry]
    if catalogue.needs_rebuild():
        # The catalogue must be built again anyway (an upgrade; or this very document is missing or no longer
        # readable, which a rebuild could not get past): build it from the documents that stay.
        done = Rewrite(drugs_before=_drug_names(_base_database(catalogue)))
        _keep_removed(catalogue, name, entry, remaining)
        catalogue.rebuild(progress)
        done.drugs_after = _drug_names(catalogue.database_to_open())
    else:
        done = _update_database(catalogue, _base_database(catalogue), [], [name], remaining)
        _keep_removed(catalogue, name, entry, remaining)
    changes = Changes(
        documents=[name], when=_now(), action="remove",
        removed_drugs=sorted(n for drug_id, n in done.drugs_before.items() if drug_id not in done.drugs_after),
        removed_trials=[f"{label} ({drug})" for drug, label in sorted(done.trials_before - done.trials_after)])
    _record(catalogue, changes)
    return changes


def _keep_removed(catalogue: Catalogue, name: str, entry: dict, remaining: list[dict]) -> None:
    """The removed file and its manifest entry into removed/ (for `restore`), then the manifest without it."""
    try:
        write_bytes(catalogue.removed_dir / (name + ".json"), json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        if (catalogue.sources_dir / name).is_file():  # a file the user deleted by hand has nothing to keep
            shutil.copyfile(catalogue.sources_dir / name, catalogue.removed_dir / name)
        catalogue.write_manifest(remaining)
        (catalogue.sources_dir / name).unlink(missing_ok=True)
        if not remaining:  # nothing of the user's left: the bundled database opens again
            catalogue.database.unlink(missing_ok=True)
    except OSError as error:
        raise _cannot_write(error) from None


def _drug_names(database: Path) -> dict[str, str]:
    try:
        return dict(read_rows(database, "SELECT id, name FROM drugs"))
    except CatalogueError:
        return {}


def restore(catalogue: Catalogue, name: str, progress: Progress | None = None) -> Changes:
    """Undo `remove(name)`: the document comes back with its kind, title, date and when it was added."""
    kept = catalogue.removed_dir / name
    entry_file = catalogue.removed_dir / (name + ".json")
    if not kept.is_file() or not entry_file.is_file():
        raise CatalogueError(f"{name} was not removed in this session, so it cannot be restored")
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    user_date = entry.get("as_of") if entry.get("as_of_given_by_user") else None
    plan = review(catalogue, [kept], kind=entry.get("shape"), title=entry.get("title"), as_of=user_date)
    if not plan.acceptable:
        raise CatalogueError(f"cannot restore {name}: {plan.documents[0].problem}")
    changes = _add(catalogue, plan.accepted, progress, [], action="restore", added={name: entry.get("added")})
    kept.unlink(missing_ok=True)
    entry_file.unlink(missing_ok=True)
    return changes


def forget_removed(catalogue: Catalogue, name: str | None = None) -> None:
    """Removals can no longer be undone (the window is closing; the command line has no undo): the removed
    files go — all of them, or the one named."""
    if name is None:
        shutil.rmtree(catalogue.removed_dir, ignore_errors=True)
        return
    for path in (catalogue.removed_dir / name, catalogue.removed_dir / (name + ".json")):
        path.unlink(missing_ok=True)


def read_history(catalogue: Catalogue) -> list[Changes]:
    try:
        data = json.loads(catalogue.changes_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        raise CatalogueError(f"cannot read {shown(catalogue.changes_file)}: {error}") from None
    history = []
    for item in data if isinstance(data, list) else []:
        changed = [ValueChange(**c) for c in item.pop("changed", [])]
        history.append(Changes(**{k: v for k, v in item.items() if k in Changes.__dataclass_fields__}, changed=changed))
    return history


# ---- helpers --------------------------------------------------------------------------------------

def _prepare(catalogue: Catalogue, progress: Progress | None) -> None:
    catalogue.writable(catalogue.data_dir)
    catalogue.writable(catalogue.sources_dir)
    if catalogue.needs_rebuild():
        catalogue.rebuild(progress)


def _base_database(catalogue: Catalogue) -> Path:
    return catalogue.database if catalogue.database.is_file() and catalogue.has_documents() else paths.bundled_database()


def _update_database(catalogue: Catalogue, base: Path, new: list, removed: list[str], entries: list[dict]):
    """The update on a copy of `base` beside catalogue.sqlite, renamed over it once complete."""
    meta = expected_meta(entries)
    try:
        with replacing(catalogue.database) as temp:
            shutil.copyfile(base, temp)
            connection = sqlite3.connect(temp)
            try:
                connection.execute("PRAGMA journal_mode=OFF")   # a private copy: a failure discards it whole
                connection.execute("PRAGMA synchronous=OFF")    # fsynced once, before the rename
                done = rewrite(connection, new, removed, meta)
                connection.commit()
            finally:
                connection.close()
    except BuildError as error:
        raise CatalogueError(str(error)) from None
    except (OSError, sqlite3.Error) as error:
        raise CatalogueError(f"cannot write the catalogue {shown(catalogue.database)}: "
                             f"{getattr(error, 'strerror', None) or error}") from None
    return done


def _cannot_write(error: OSError) -> CatalogueError:
    where = f" {shown(Path(error.filename))}" if error.filename else ""
    return CatalogueError(f"cannot write{where}: {error.strerror or error}")


def _free_name(name: str, taken: set[str]) -> str:
    """The file's own name, or "name (2).txt" when a document of the catalogue has it already."""
    if name not in taken:
        return name
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    number = 2
    while (candidate := f"{stem} ({number}){dot}{suffix}") in taken:
        number += 1
    return candidate


def _rename_source(document: DocumentReview, name: str) -> None:
    """Provenance names the document by the name it is stored under: read again under that name."""
    if name != document.name:
        document.extraction = read_as(document.shape, name, document.text).extraction


def _entry(document: DocumentReview, name: str, added: str) -> dict:
    return {"file": name, "shape": document.shape, "kind": document.kind, "title": document.title,
            "as_of": document.as_of, "as_of_quote": document.as_of_quote,
            "as_of_given_by_user": document.as_of_given_by_user, "added": added}


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _report(progress: Progress | None, done: int, total: int, message: str) -> None:
    if progress is not None:
        progress(done, total, message)


def _record(catalogue: Catalogue, changes: Changes) -> None:
    """Append to changes.json; the history is a convenience, so a failure to write it does not undo the add."""
    try:
        history = [c.to_json() for c in read_history(catalogue)]
    except CatalogueError:
        history = []
    history.append(changes.to_json())
    try:
        write_bytes(catalogue.changes_file, (json.dumps(history, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    except OSError:
        pass
