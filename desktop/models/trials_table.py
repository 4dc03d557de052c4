"""The trials grid: a table model holding the matching row keys, fetching rows a page at a time.

Sorting and filtering happen in SQL (the store); the model holds a row count and the few pages the
view has looked at, so 500,000 trials cost what 50 do.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Iterator

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ..ingest.limits import shortened
from ..render.html import plain_tooltip
from ..store import NOT_STATED, Store, TrialQuery
from ..store.results import TrialRow
from ..store.trial_columns import COLUMNS, cell_text

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
MAX_PAGES = 20  # pages kept: a few screens either way of where the view is
TRIAL_ROLE = Qt.ItemDataRole.UserRole + 1

_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.TextAlignmentRole, TRIAL_ROLE})


class TrialsTableModel(QAbstractTableModel):
    """State: the current query, its row count, and a few cached pages.

    Rows are fetched a page at a time in display order (the store reads index ranges), so the model's
    memory and every operation stay independent of the catalogue's size.
    """

    query_changed = Signal()

    def __init__(self, store: Store, query: TrialQuery = TrialQuery(sort="posted", descending=True), parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._query = query
        self._pages: OrderedDict[int, list[TrialRow]] = OrderedDict()
        self._count = store.count_trials(query)
        self._total = store.count_trials(TrialQuery(drug_id=query.drug_id))

    @property
    def query(self) -> TrialQuery:
        return self._query

    @property
    def total(self) -> int:
        """Trials before the phase/status/text filters (the drug scope still applies)."""
        return self._total

    def set_query(self, query: TrialQuery) -> None:
        self.beginResetModel()
        if query.drug_id != self._query.drug_id:
            self._total = self._store.count_trials(TrialQuery(drug_id=query.drug_id))
        if replace(query, sort="", descending=False) != replace(self._query, sort="", descending=False):
            self._count = self._store.count_trials(query)  # a new order of the same rows keeps its count
        self._query = query
        self._pages.clear()
        self.endResetModel()
        self.query_changed.emit()

    @staticmethod
    def column_of(key: str) -> int:
        """The model column of a trial column's key (desktop.store.trial_columns)."""
        return [column.key for column in COLUMNS].index(key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def trial_at(self, row: int) -> TrialRow | None:
        if not 0 <= row < self._count:
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._store.trial_page(self._query, number * PAGE, PAGE)
            self._pages[number] = page
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE
        return page[offset] if offset < len(page) else None

    def row_of(self, key: int) -> int | None:
        return self._store.trial_position(self._query, key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # A repaint asks each cell for a dozen roles: the ones this model leaves to the style are
        # answered before the row is looked up.
        if role not in _ROLES or not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        trial = self.trial_at(index.row())
        if trial is None:
            return None
        column = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return shortened(cell_text(trial, column) or "") or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(cell_text(trial, column) or NOT_STATED)  # escaped and shortened
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return shortened(cell_text(trial, column) or "") or NOT_STATED
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "enrollment":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TRIAL_ROLE:
            return trial.key
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return COLUMNS[section].title
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < self._count:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort=COLUMNS[column].key, descending=descending))

    def visible_trials(self) -> Iterator[TrialRow]:
        """Every row the current filters match, in display order, read a chunk at a time (for export)."""
        return self._store.iter_trials(self._query)
