"""The store's two errors, kept apart so that reading the database never imports the build."""
from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used; the message says which file and what to do."""


class StoreReplaced(StoreError):
    """The database file was replaced or rewritten while open: reopening it, not rebuilding, is the remedy."""


class BuildError(Exception):
    """The database could not be written; the message names the path and the reason."""
