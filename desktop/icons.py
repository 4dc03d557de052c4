"""One icon registry: call sites ask for an icon by name; the qtawesome spec is chosen here only.

qtawesome (with the qtpy layer it imports) costs about as much as Qt itself to load, so the window
does not wait for it: `set_icon` queues requests until `load_pending()` runs after the first paint,
then fills them in; meanwhile each holds a blank icon of the same size, so toolbars and buttons are laid
out once and do not jump when the real icons arrive. Later requests are served at once. qtawesome is never imported before a
QApplication exists (that breaks every later icon).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPalette, QPixmap
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
    "compare": "mdi6.compare-horizontal",
    "matrix": "mdi6.table-check",
    "export": "mdi6.file-delimited-outline",
    "copy": "mdi6.content-copy",
    "columns": "mdi6.table-column",
    "chart": "mdi6.chart-timeline-variant",
    "about": "mdi6.information-outline",
    "quit": "mdi6.exit-to-app",
    "add": "mdi6.file-plus-outline",
    "sources": "mdi6.bookshelf",
    "remove": "mdi6.file-remove-outline",
    "undo": "mdi6.undo",
}

_pending: list[tuple[Callable[[QIcon], None], str]] = []
_loaded = False


def icon(name: str) -> QIcon:
    """The icon now (loads qtawesome if it is not loaded yet)."""
    palette = QApplication.palette()
    return _icon(name, palette.color(QPalette.ColorRole.WindowText).name())


def set_icon(setter: Callable[[QIcon], None], name: str) -> None:
    """Give a widget or action its icon: at once if icons are loaded, else right after the first paint."""
    if name not in SPECS:
        raise KeyError(name)
    if _loaded:
        setter(icon(name))
    else:
        setter(_blank())
        _pending.append((setter, name))


def load_pending() -> None:
    global _loaded
    _loaded = True
    queued, _pending[:] = list(_pending), []
    for setter, name in queued:
        try:
            setter(icon(name))
        except RuntimeError:
            pass  # the widget was deleted before its icon arrived


@lru_cache(maxsize=1)
def _blank() -> QIcon:
    pixmap = QPixmap(64, 64)  # scaled down to whatever size the button draws icons at
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


@lru_cache(maxsize=None)
def _icon(name: str, colour: str) -> QIcon:
    import qtawesome

    return qtawesome.icon(SPECS[name], color=colour)
