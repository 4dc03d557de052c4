"""The user's own documents beside the bundled ones: review before adding, add, remove and undo, and the
catalogue database kept up to date incrementally. No Qt. See folder.py for where everything lives."""
from __future__ import annotations

from .folder import Catalogue, CatalogueError, SourceEntry

__all__ = ["AddPlan", "Catalogue", "CatalogueError", "Changes", "Conflict", "DocumentReview", "DrugChange",
           "SourceEntry", "ValueChange", "accept", "forget_removed", "remove", "restore", "review"]
_LATER = {"AddPlan": "planning", "Conflict": "planning", "DocumentReview": "planning", "DrugChange": "planning",
          "review": "planning", "Changes": "changes", "ValueChange": "changes", "accept": "changes",
          "remove": "changes", "restore": "changes", "forget_removed": "changes"}


def __getattr__(name: str):
    # The readers and the build load only when a document is reviewed or added: the window's start needs
    # just `Catalogue.database_to_open()`.
    if name in _LATER:
        from importlib import import_module

        return getattr(import_module(f".{_LATER[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
