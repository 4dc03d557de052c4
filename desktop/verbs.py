"""The command line's verbs, declared once. The entry point tells a command from a window start by these names
without loading the command line's code, and the parser makes one sub-command of each, with this help."""
from __future__ import annotations

VERBS: dict[str, str] = {
    "build-db": "build the database from the source documents",
    "drugs": "list the drugs",
    "show": "everything the sources say about one drug",
    "search": "search drugs, trials, sections and glossary",
    "trials": "list trials, filtered and sorted",
    "compare": "two or three drugs side by side",
    "open": "open the window on the best match for a term or link",
    "sheet": "write a drug's one-page summary sheet as PDF, or print it",
    "add": "add your own documents to your catalogue (review first with --dry-run)",
    "sources": "list the catalogue's documents, bundled and yours",
    "remove": "remove one of your documents from your catalogue",
}
# `open` is the window's (desktop.app): the command line lists it for --help only.
WINDOW_VERBS = ("open",)
CATALOGUE_VERBS = ("add", "sources", "remove")
HEADLESS_VERBS = tuple(verb for verb in VERBS if verb not in WINDOW_VERBS)
