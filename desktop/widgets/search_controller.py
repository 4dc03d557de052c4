"""Search as you type: a field, a debounce timer, and a results list the keyboard drives from the field.

Typing restarts a single-shot timer; only when it fires does the store run the query. Up/Down move
through the hits while focus stays in the field, Enter opens one, Esc clears.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView

from ..commands import COMMAND
from ..models.search_results import ALL_TRIALS_ROLE, HIT_ROLE, SUGGESTION_ROLE, SearchResultsModel
from ..store import Store
from .two_line_delegate import TwoLineDelegate

DEBOUNCE_MS = 120


class SearchController(QObject):
    hit_activated = Signal(object)   # Hit
    all_trials_requested = Signal(str)  # the search text, to filter the trials grid by
    active_changed = Signal(bool)    # results shown (True) or cleared (False)

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self.field = QLineEdit()
        self.field.setPlaceholderText(COMMAND["find"].hint("Search drugs, codes, trial IDs, conditions… "))
        self.field.setAccessibleName("Search")
        self.field.setToolTip("Search by name, code name (NKTR-214), CAS, UNII, DrugBank ID, trial ID, condition or term")
        self.field.setClearButtonEnabled(True)
        self.model = SearchResultsModel(self)
        self.view = QListView()
        self.view.setAccessibleName("Search results")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TwoLineDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(False)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_query)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.installEventFilter(self)
        self.view.installEventFilter(self)

    def _on_text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self.model.clear()
            self.active_changed.emit(False)

    def run_query(self) -> None:
        text = self.field.text()
        if not text.strip():
            return
        result = self._store.search(text, 40)
        self.model.set_result(text, result)
        first = self.model.first_selectable()
        if first >= 0:
            self.view.setCurrentIndex(self.model.index(first))
        self.active_changed.emit(True)

    def search_for(self, text: str) -> None:
        """Show the results for `text` at once, as if typed and the pause had passed."""
        self.field.setText(text)
        self._timer.stop()
        self.run_query()

    def _move(self, step: int) -> None:
        current = self.view.currentIndex().row()
        row = self.model.first_selectable() if current < 0 else self.model.next_selectable(current, step)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))

    def _on_activated(self, index: QModelIndex) -> None:
        suggestion = index.data(SUGGESTION_ROLE)
        if suggestion:
            self.field.setText(suggestion)  # the user chose the correction: now it is searched
            self.run_query()
            return
        if (text := index.data(ALL_TRIALS_ROLE)) is not None:
            self.all_trials_requested.emit(text)
            return
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.hit_activated.emit(hit)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.field.clear()
            self.field.setFocus()
            return True
        if watched is self.field:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                if self._timer.isActive():
                    self._timer.stop()
                    self.run_query()
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self._timer.stop()
                    self.run_query()
                if self.view.currentIndex().isValid():
                    self._on_activated(self.view.currentIndex())
                return True
        return False

    def cancel_pending(self) -> None:
        """Drop a search the timer has not run yet (the window is closing)."""
        self._timer.stop()

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
