"""Records → SQLite: the schema, the build, and read-only queries returning dataclasses. No Qt."""
from __future__ import annotations

from .build import BuildError, build_database
from .queries import SORT_COLUMNS, Store, StoreError, TrialQuery
from .results import NOT_STATED

__all__ = ["NOT_STATED", "SORT_COLUMNS", "BuildError", "Store", "StoreError", "TrialQuery", "build_database"]
