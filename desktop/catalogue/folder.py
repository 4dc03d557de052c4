"""The user's catalogue on disk: their documents, copied verbatim, with their own manifest, and the database
built from the bundled documents plus theirs. No Qt, and nothing heavy at import: the window asks
`database_to_open()` on every start.

    $XDG_DATA_HOME/DrugRef/   (default ~/.local/share/DrugRef/)
      sources/            the user's documents, byte for byte, and manifest.toml (the bundled manifest's format,
                          plus `added`, and `as_of_given_by_user` for a date given with --as-of)
      catalogue.sqlite    bundled + user documents; what opens once the user has added one
      changes.json        what each add and removal changed, newest last
      removed/            documents removed this session, kept so the removal can be undone (see changes.restore)
"""
from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .. import paths
from ..names import shown

MANIFEST = "manifest.toml"
Progress = Callable[[int, int, str], None]


class CatalogueError(Exception):
    """The catalogue cannot do what was asked; the message names the file or folder and why."""


@dataclass
class SourceEntry:
    """One document of the catalogue, as the Sources view lists it."""

    name: str                  # file name, the document's id in the database
    kind: str                  # label ("Drug monograph")
    shape: str                 # reader ("monograph")
    title: str
    as_of: str | None
    added: str | None          # ISO timestamp; None for a bundled document
    bundled: bool
    drugs: list[str] = field(default_factory=list)
    as_of_quote: str | None = None
    as_of_given_by_user: bool = False  # the date was given with --as-of, not read from the text


class Catalogue:
    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.sources_dir = self.data_dir / "sources"
        self.database = self.data_dir / "catalogue.sqlite"
        self.changes_file = self.data_dir / "changes.json"
        self.removed_dir = self.data_dir / "removed"

    # ---- the user's manifest -------------------------------------------------------------------

    def manifest_entries(self) -> list[dict]:
        path = self.sources_dir / MANIFEST
        try:
            text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return []  # the usual start: nothing added, and nothing more imported for the window's start-up
        except (OSError, UnicodeDecodeError) as error:
            raise CatalogueError(f"cannot read your catalogue's manifest {shown(path)}: {error}") from None
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise CatalogueError(f"cannot read your catalogue's manifest {shown(path)}: {error}") from None
        entries = data.get("source", [])
        return [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []

    def write_manifest(self, entries: list[dict]) -> None:
        from ..files import write_bytes

        self.writable(self.sources_dir)
        try:
            write_bytes(self.sources_dir / MANIFEST, manifest_text(entries).encode("utf-8"))
        except OSError as error:
            raise CatalogueError(f"cannot write {shown(self.sources_dir / MANIFEST)}: {error.strerror or error}") from None

    def has_documents(self) -> bool:
        return bool(self.manifest_entries())

    # ---- which database -------------------------------------------------------------------------

    def database_to_open(self) -> Path:
        """The catalogue once the user has added a document (and it has been built), else the bundled one."""
        if self.has_documents() and self.database.is_file():
            return self.database
        return paths.bundled_database()

    def needs_rebuild(self) -> bool:
        """Whether the catalogue must be built again from its documents: the user has some, and the database
        is missing, of another schema (or the same with other indexes), built from other bundled sources, or
        from another manifest (an add killed between writing the database and the manifest)."""
        entries = self.manifest_entries()
        if not entries:
            return False
        from ..store.schema import SCHEMA_VERSION, schema_digest

        built = read_meta(self.database)
        expected = {"schema_version": SCHEMA_VERSION, "schema_digest": schema_digest(), **expected_meta(entries)}
        return any(built.get(key) != value for key, value in expected.items())

    def rebuild(self, progress: Progress | None = None) -> Path:
        from .rebuild import rebuild

        return rebuild(self, progress)

    # ---- listing -------------------------------------------------------------------------------

    def documents(self) -> list[SourceEntry]:
        """Every document of the catalogue: the bundled ones first, then the user's in the order added."""
        database = self.database_to_open()
        rows = read_rows(database, "SELECT s.id, s.kind, s.shape, s.title, s.as_of, s.as_of_quote, d.name FROM sources s "
                               "LEFT JOIN drugs d ON d.id = s.drug_id ORDER BY s.position")
        user = {entry["file"]: entry for entry in self.manifest_entries()}
        listed = []
        for name, kind, shape, title, as_of, quote, drug in rows:
            entry = user.get(name)
            listed.append(SourceEntry(name, kind, shape, title, as_of, entry.get("added") if entry else None,
                                      entry is None, [drug] if drug else [], quote,
                                      bool(entry and entry.get("as_of_given_by_user"))))
        found = {item.name for item in listed}
        for name, entry in user.items():  # listed in the manifest but not (yet) in the database: still shown
            if name not in found:
                listed.append(SourceEntry(name, entry.get("kind", ""), entry.get("shape", ""), entry.get("title", name),
                                          entry.get("as_of"), entry.get("added"), False, [], entry.get("as_of_quote"),
                                          bool(entry.get("as_of_given_by_user"))))
        return listed

    def changes(self) -> list["Changes"]:  # noqa: F821 - defined in .changes, imported lazily
        from .changes import read_history

        return read_history(self)

    # ---- checks ----------------------------------------------------------------------------------

    def writable(self, folder: Path) -> None:
        """Make `folder` (and the data folder above it) or say clearly why it cannot be written."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CatalogueError(f"cannot create the folder {shown(folder)}: {error.strerror or error}") from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise CatalogueError(f"cannot write to the folder {shown(folder)}: permission denied. Make it writable, "
                                 "or set XDG_DATA_HOME to a folder you can write")


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME")
    return (Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share") / "DrugRef"


def read_meta(database: Path) -> dict[str, str]:
    """A database's meta table; empty when it is missing or unreadable (then it needs building)."""
    try:
        return dict(read_rows(database, "SELECT key, value FROM meta"))
    except CatalogueError:
        return {}


def expected_meta(entries: list[dict]) -> dict[str, str]:
    """The meta rows the catalogue writes beside the build's own: the bundled sources it was built with and the
    manifest it holds. A catalogue whose meta differs is built again (Catalogue.needs_rebuild)."""
    return {"bundled_sources_sha256": read_meta(paths.bundled_database()).get("sources_sha256", ""),
            "catalogue_manifest_sha256": manifest_digest(manifest_text(entries))}


@contextmanager
def read_only(database: Path, described: str | None = None) -> Iterator[sqlite3.Connection]:
    """A read-only connection to `database`; an SQLite error, on opening or inside the block, is a
    CatalogueError naming the file (as `described`, when given)."""
    try:
        connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            yield connection
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise CatalogueError(f"cannot read {described or shown(database)}: {error}") from None


def read_rows(database: Path, sql: str) -> list[tuple]:
    if not database.is_file():
        raise CatalogueError(f"no database at {shown(database)}")
    with read_only(database) as connection:
        return connection.execute(sql).fetchall()


def manifest_digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_KEYS = ("file", "shape", "kind", "title", "publisher", "as_of", "as_of_quote", "as_of_given_by_user", "added")


def manifest_text(entries: list[dict]) -> str:
    """The manifest as TOML. A JSON string is a valid TOML basic string (the same escapes), so values are
    written with json.dumps: a title with quotes or backslashes round-trips."""
    parts = ["# Documents you added to DrugRef, copied verbatim beside this file. Same format as DrugRef's own\n"
             "# data/sources/manifest.toml, plus `added` (when) and `as_of_given_by_user` (a date you gave, not\n"
             "# one read from the text). Written by `drugref add` and `drugref remove`.\n"]
    for entry in entries:
        lines = ["[[source]]"]
        for key in _KEYS:
            value = entry.get(key)
            if value is None or value is False:
                continue
            lines.append(f"{key} = {'true' if value is True else json.dumps(str(value), ensure_ascii=False)}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
