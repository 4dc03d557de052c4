"""Records → SQLite: the schema, the build, and read-only queries returning dataclasses. No Qt.

The build (and sqlite-utils with it) loads only when asked for: the window never builds.
"""
from __future__ import annotations

from .errors import BuildError, StoreError, StoreReplaced
from .queries import Store, TrialQuery
from .trial_columns import SORT_COLUMNS
from .results import NOT_STATED

__all__ = ["NOT_STATED", "SORT_COLUMNS", "BuildError", "Store", "StoreError", "StoreReplaced", "TrialQuery", "build_database"]


def __getattr__(name: str):
    if name == "build_database":
        from .build import build_database

        return build_database
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
