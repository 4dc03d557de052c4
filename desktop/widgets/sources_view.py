"""Every document in the catalogue — the bundled ones and the user's — with its kind, title, date and when it was
added; the user's can be removed (and put back until DrugRef closes). Below, what each change brought."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
    QTextBrowser, QVBoxLayout, QWidget,
)

from ..commands import COMMAND
from ..icons import set_icon
from ..render.html import esc, plain_tooltip
from .accessible import name_built_in_controls

COLUMNS = ("Title", "About", "Kind", "As of", "Added", "File")
TITLE_WIDTH = 230  # the title reads first; the file name, last, takes what room is left


def _when(added: str | None) -> str:
    """'2026-11-29T22:24:59+00:00' as '2026-11-29 22:24 UTC': to the minute is what a list needs."""
    if not added:
        return "bundled"
    day, _, time = added.partition("T")
    return f"{day} {time[:5]} UTC" if time.endswith(("+00:00", "Z")) else f"{day} {time[:5]}"


def changes_html(history) -> str:
    """What each addition or removal changed, newest first: new drugs, new trials, values that changed."""
    if not history:
        return f"<p><i>No documents of yours yet. {esc(COMMAND['add'].menu_path)}, or drop files on the window.</i></p>"
    parts = []
    for changes in reversed(history):
        items = [f"<li>New drug: {esc(name)}</li>" for name in changes.new_drugs]
        items += [f"<li>New trial: {esc(trial)}</li>" for trial in changes.new_trials]
        items += [f"<li>{esc(change.subject)}: {esc(change.before or 'not stated')} → {esc(change.after or 'not stated')}"
                  f" <span class='small'>({esc(change.source)})</span></li>" for change in changes.changed]
        what = ", ".join(changes.documents)
        parts.append(f"<h4>{esc(_when(changes.when))} — {esc(what)}</h4>"
                     + (f"<ul>{''.join(items)}</ul>" if items else "<p>No new drug, trial or changed value.</p>"))
    return "".join(parts)


def open_whats_new(parent: QWidget, changes):
    """What one addition or removal brought, in a box opened once (not exec'd)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, "What's new", changes_html([changes]), parent=parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class SourcesView(QWidget):
    remove_requested = Signal(str)
    undo_requested = Signal()

    def __init__(self, documents, history, can_undo: bool, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sources")
        self.documents = documents
        self.table = QTableWidget(len(documents), len(COLUMNS))
        self.table.setAccessibleName("Documents in the catalogue")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, TITLE_WIDTH)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        for row, document in enumerate(documents):
            as_of = document.as_of or "not stated"
            if document.as_of and document.as_of_given_by_user:
                as_of += " (given when added)"
            values = (document.title, ", ".join(document.drugs), document.kind, as_of, _when(document.added),
                      document.name)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(plain_tooltip(value))
                self.table.setItem(row, column, item)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.remove_button = QPushButton("Remove")
        set_icon(self.remove_button.setIcon, "remove")
        self.remove_button.setToolTip("Remove the selected document of yours from the catalogue (it can be put back "
                                      "until DrugRef closes)")
        self.remove_button.clicked.connect(self._remove)
        self.undo_button = QPushButton("Put back the last removed")
        set_icon(self.undo_button.setIcon, "undo")
        self.undo_button.setEnabled(can_undo)
        self.undo_button.clicked.connect(self.undo_requested)
        note = QLabel("Bundled documents come with DrugRef and cannot be removed. Yours are kept, verbatim, in "
                      "DrugRef's data folder.")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.history = QTextBrowser()
        self.history.setAccessibleName("What each change brought")
        self.history.setOpenLinks(False)
        self.history.setHtml("<h3>What's new</h3>" + changes_html(history))

        buttons = QHBoxLayout()
        buttons.addWidget(note, 1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.undo_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._update_buttons()
        name_built_in_controls(self)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.documents[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for row, document in enumerate(self.documents):
            if document.name == name:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        document = self.selected()
        self.remove_button.setEnabled(document is not None and not document.bundled)

    def _remove(self) -> None:
        document = self.selected()
        if document is not None and not document.bundled:
            self.remove_requested.emit(document.name)
