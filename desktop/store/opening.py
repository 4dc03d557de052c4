"""Opening the database read-only, with a message for each way that can fail that says what to do."""
from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from ..names import shown
from .errors import StoreError
from .schema import FTS_TABLES, KEYED_TABLES, SCHEMA_VERSION, TABLES


def open_read_only(path: Path) -> sqlite3.Connection:
    _check_readable(path)
    # immutable=1: the file is never written by anyone while we read it, so SQLite takes no locks
    # and creates no journal beside it. as_uri() escapes '#', '?' and spaces in the path.
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        present = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{shown(path)} is not a readable DrugRef database ({error}). Rebuild it with `drugref build-db`."
        ) from None
    missing = sorted((set(TABLES) | set(FTS_TABLES) | set(KEYED_TABLES)) - present)
    if version and version[0] == SCHEMA_VERSION and missing:
        connection.close()
        raise StoreError(f"{shown(path)} lacks the table(s) {', '.join(missing)}. Rebuild it with `drugref build-db`.")
    if not version or version[0] != SCHEMA_VERSION:
        connection.close()
        found = version[0] if version else "none"
        raise StoreError(
            f"{shown(path)} has database schema version {found}; this DrugRef needs {SCHEMA_VERSION}. "
            "Rebuild it with `drugref build-db`."
        )
    return connection


def _check_readable(path: Path) -> None:
    """Say what is wrong with a file SQLite could not open: missing, a folder, empty, or not ours to read.
    SQLite itself would report all of them as "unable to open database file"."""
    try:
        if stat.S_ISDIR(path.stat().st_mode):
            raise StoreError(f"{shown(path)} is a folder, not a DrugRef database file.")
        with open(path, "rb") as handle:
            empty = not handle.read(1)
    except (FileNotFoundError, NotADirectoryError):
        raise StoreError(f"No DrugRef database at {shown(path)}. Build it with `drugref build-db` (or `make db`).") from None
    except PermissionError:
        raise StoreError(f"Cannot read the DrugRef database {shown(path)}: permission denied. Make it (and its "
                         "folder) readable by this user, or point --db at a copy you can read.") from None
    except OSError as error:
        raise StoreError(f"Cannot read the DrugRef database {shown(path)}: {error.strerror or error}.") from None
    if empty:
        raise StoreError(f"The DrugRef database {shown(path)} is empty. Rebuild it with `drugref build-db`.")
