"""The comparison as a table: one row per attribute, one column per drug; rows that agree or are
silent can be hidden. Each cell carries the passages its values were read from."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ..render.html import plain_tooltip
from ..store.compare import Comparison, Row
from ..ingest.limits import shortened
from ..store.results import NOT_STATED
from .roles import PROVENANCE_ROLE

Index = QModelIndex | QPersistentModelIndex


class ComparisonModel(QAbstractTableModel):
    """State: the comparison and whether collapsible rows are hidden."""

    def __init__(self, comparison: Comparison, parent=None) -> None:
        super().__init__(parent)
        self._comparison = comparison
        self._hide_collapsible = False
        self._rows: list[Row] = list(comparison.rows)

    @property
    def comparison(self) -> Comparison:
        return self._comparison

    def set_comparison(self, comparison: Comparison) -> None:
        self.beginResetModel()
        self._comparison = comparison
        self._rows = self._visible_rows()
        self.endResetModel()

    def set_hide_collapsible(self, hide: bool) -> None:
        self.beginResetModel()
        self._hide_collapsible = hide
        self._rows = self._visible_rows()
        self.endResetModel()

    def _visible_rows(self) -> list[Row]:
        return [r for r in self._comparison.rows if not (self._hide_collapsible and r.collapsible)]

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._comparison.drugs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < self.columnCount():
            return None
        row = self._rows[index.row()]
        values = row.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shortened("\n".join(v.text for v in values)) or NOT_STATED
        if role == Qt.ItemDataRole.ToolTipRole:
            if not values:
                return plain_tooltip(f"{self._comparison.drugs[index.column()].summary.name}: {row.label.lower()} is {NOT_STATED}.")
            if all(v.prov is None for v in values):
                return "Counted from the trials the sources list"
            return "Double-click to read the passage this came from"
        if role == Qt.ItemDataRole.FontRole and not values:
            font = QFont()
            font.setItalic(True)
            return font
        if role == PROVENANCE_ROLE:
            return [v.prov for v in values if v.prov is not None]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._comparison.drugs):
            return self._comparison.drugs[section].summary.name
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            row = self._rows[section]
            return row.label + (" (all agree)" if row.agrees else "")
        return None
