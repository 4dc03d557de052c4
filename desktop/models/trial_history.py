"""The trial history chart's model: one row per charted trial, read from the store per trials query."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ..render.trial_history import point_text, status_style, tooltip_html
from ..store import Store, TrialQuery
from ..store.results import TrialHistory, TrialPoint

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 60      # the trial's row key (int)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 61   # normalised status, or None where the sources give none
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 62   # QColor of the status for the application palette
POINT_ROLE = Qt.ItemDataRole.UserRole + 63    # the TrialPoint


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def status_colour(status: str | None, palette: QPalette) -> QColor:
    style = status_style(status)
    return QColor(style.dark if is_dark(palette) else style.light)


class TrialHistoryModel(QAbstractListModel):
    """State: the filters last charted and their TrialHistory (at most the store's limit of points).

    Sort order is not part of what is charted, so re-sorting the grid never re-reads the points.
    """

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._query: TrialQuery | None = None
        self._history = TrialHistory((), 0)
        self._by = "posted"

    @property
    def history(self) -> TrialHistory:
        return self._history

    @property
    def points(self) -> tuple[TrialPoint, ...]:
        return self._history.points

    def is_current(self, query: TrialQuery) -> bool:
        return self._query is not None and _filters(query) == self._query

    def set_query(self, query: TrialQuery, total: int | None = None) -> None:
        """Chart the trials `query` matches; `total` is its count where the caller knows it already."""
        if not self.is_current(query):
            self._read(_filters(query), total)

    def place_by(self, by: str) -> None:
        """Place the trials by another date (store.trial_queries.PLACED_BY): the points are read again."""
        if by == self._by:
            return
        self._by = by
        if self._query is not None:
            self._read(self._query, self._history.total)

    def _read(self, query: TrialQuery, total: int | None) -> None:
        self.beginResetModel()
        self._query = query
        self._history = self._store.trial_history(query, total=total, by=self._by)
        self.endResetModel()

    def row_of(self, key: int) -> int | None:
        return next((row for row, point in enumerate(self._history.points) if point.key == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._history.points)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._history.points):
            return None
        point = self._history.points[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return point.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(point)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return point_text(point)
        if role == KEY_ROLE:
            return point.key
        if role == STATUS_ROLE:
            return point.status
        if role == COLOUR_ROLE:
            return status_colour(point.status, QApplication.palette())
        if role == POINT_ROLE:
            return point
        return None


def _filters(query: TrialQuery) -> TrialQuery:
    return replace(query, sort="posted", descending=False)
