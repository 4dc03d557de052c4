"""One icon registry: call sites ask for `icon("print")`; the qtawesome spec is chosen here only.

qtawesome is imported on first use, after the QApplication exists (earlier breaks every later
icon), and its cost stays off the startup path until an icon is actually drawn.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

SPECS = {
    "search": "mdi6.magnify",
    "back": "mdi6.arrow-left",
    "forward": "mdi6.arrow-right",
    "favourite": "mdi6.star",
    "not-favourite": "mdi6.star-outline",
    "print": "mdi6.printer",
    "preview": "mdi6.file-eye-outline",
    "pdf": "mdi6.file-pdf-box",
    "trials": "mdi6.table-large",
    "drug": "mdi6.pill",
    "source": "mdi6.file-document-outline",
    "export": "mdi6.file-delimited-outline",
    "copy": "mdi6.content-copy",
    "columns": "mdi6.table-column",
    "clear": "mdi6.close-circle-outline",
    "about": "mdi6.information-outline",
    "quit": "mdi6.exit-to-app",
    "glossary": "mdi6.book-open-variant",
    "section": "mdi6.text-box-outline",
    "app": "mdi6.pill",
}


def icon(name: str) -> QIcon:
    palette = QApplication.palette()
    return _icon(name, palette.color(QPalette.ColorRole.WindowText).name())


@lru_cache(maxsize=None)
def _icon(name: str, colour: str) -> QIcon:
    import qtawesome

    return qtawesome.icon(SPECS[name], color=colour)
