"""The About box: version, the sources the catalogue holds, the disclaimer, every shortcut (from
desktop.commands) and the licences; loaded when first opened."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import APP_NAME, __version__
from ..commands import shortcut_entries
from ..licences import PROJECT_LICENCE
from ..render.html import esc

SOURCES_LISTED = 12  # a catalogue of the user's documents can hold hundreds: the box lists the first ones


def open_about(parent: QWidget, sources, disclaimer: str) -> QMessageBox:
    """The box, opened (not exec'd); Licences… opens the licences dialog."""
    listed = "".join(
        f"<li>{esc(s.title)} — {esc(s.kind)}; " + (f"as of {esc(s.as_of)}" if s.as_of else "no date stated") + "</li>"
        for s in sources[:SOURCES_LISTED]
    ) + (f"<li>… and {len(sources) - SOURCES_LISTED:,} more</li>" if len(sources) > SOURCES_LISTED else "")
    # An instance rather than QMessageBox.about, for the Licences… button.
    box = QMessageBox(
        QMessageBox.Icon.NoIcon, f"About {APP_NAME}",
        f"<h3>{APP_NAME} {esc(__version__)}</h3><p>An offline reference for the IL-2 pathway drugs.</p>"
        f"<p><b>Data sources</b></p><ul>{listed}</ul><p>{esc(disclaimer)}</p>"
        "<p>Shortcuts: " + " · ".join(f"{esc(keys)} {esc(what)}" for keys, what in shortcut_entries()) + "</p>"
        f"<p>{APP_NAME} is released under the {PROJECT_LICENCE} licence. <b>Licences…</b> shows it and the "
        "licences of the libraries it is built on.</p>",
        QMessageBox.StandardButton.Close, parent,
    )
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.addButton("&Licences…", QMessageBox.ButtonRole.ActionRole).clicked.connect(lambda: open_licences(parent))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def open_licences(parent: QWidget):
    from .licences_dialog import LicencesDialog

    dialog = LicencesDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    parent.licences_dialog = dialog  # found by tests and kept alive while open
    return dialog
