"""The drug list: every drug with its status and code names, favourites pinned on top."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ..ingest.limits import shortened
from ..render.html import plain_tooltip
from ..store.results import NO_DRUG, NO_DRUG_LABEL, DrugSummary
from .roles import ROW_ROLE, row, DETAIL_ROLE, TITLE_ROLE

DRUG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FAVOURITE_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class DrugListModel(QAbstractListModel):
    """Holds the drug summaries in display order and the set of favourite ids.

    With `read_all`, it starts from some drugs only (`Store.first_drugs`: the first by name and every
    favourite) and reads the rest when fetched: when the view reaches the end of what is read, when a
    drug not read yet is looked for, and, in the window, right after the first paint. The rows read
    first are then the first rows of the whole list, so the rest is inserted after them.
    """

    def __init__(self, drugs: list[DrugSummary], favourites: list[str], parent=None,
                 read_all: Callable[[], list[DrugSummary]] | None = None) -> None:
        super().__init__(parent)
        self._all = list(drugs)
        self._read_all = read_all
        self._favourites = set(favourites)
        self._rows = self._ordered()

    def _ordered(self) -> list[DrugSummary]:
        pinned = [d for d in self._all if d.id in self._favourites]
        return pinned + [d for d in self._all if d.id not in self._favourites]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self._read_all is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802 - Qt override
        if not self.canFetchMore(parent):
            return
        self._all, self._read_all = self._read_all(), None
        rows = self._ordered()
        if rows[:len(self._rows)] == self._rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(rows) - 1)
            self._rows = rows
            self.endInsertRows()
        else:  # not a prefix after all: say so plainly rather than move rows about
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()

    def set_favourites(self, favourites: list[str]) -> None:
        self.fetchMore()  # a favourite removed goes back to its place by name, which may not be read yet
        self.beginResetModel()
        self._favourites = set(favourites)
        self._rows = self._ordered()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == ROW_ROLE:
            return row(self, index)
        drug = self._rows[index.row()]
        favourite = drug.id in self._favourites
        if role == Qt.ItemDataRole.DisplayRole:
            return shortened(drug.name)
        if role == DETAIL_ROLE:
            return shortened(" · ".join([*drug.code_names, drug.status_label]))
        if role == TITLE_ROLE:
            return ("★ " if favourite else "") + shortened(drug.name)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [drug.name, *drug.code_names, drug.status_label] + (["favourite"] if favourite else [])
            text = shortened(", ".join(parts))
            return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == DRUG_ID_ROLE:
            return drug.id
        if role == FAVOURITE_ROLE:
            return favourite
        return None

    def row_of(self, drug_id: str) -> int:
        row = next((i for i, d in enumerate(self._rows) if d.id == drug_id), -1)
        if row < 0 and self.canFetchMore():
            self.fetchMore()
            return self.row_of(drug_id)
        return row

    def drug_at(self, row: int) -> DrugSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


class DrugChoiceModel(QAbstractListModel):
    """"All drugs" and then every drug, for a filter box: a view over the list, so 10,000 drugs cost nothing."""

    def __init__(self, drugs: list[DrugSummary], parent=None, unlinked: bool = False) -> None:
        super().__init__(parent)
        self._drugs = drugs
        self._unlinked = unlinked  # a last row for registry studies naming no drug, when there are some

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._drugs) + 1 + self._unlinked

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if self._unlinked and index.row() == len(self._drugs) + 1:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return NO_DRUG_LABEL
            return NO_DRUG if role == DRUG_ID_ROLE else None
        drug = self._drugs[index.row() - 1] if index.row() else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return drug.name if drug else "All drugs"
        if role == DRUG_ID_ROLE:
            return drug.id if drug else None
        return None
