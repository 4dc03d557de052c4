"""The trials grid: a table model holding the matching row keys, fetching rows a page at a time.

Sorting and filtering happen in SQL (the store); the model only re-asks for keys. With 500,000
trials it holds 500,000 integers and the few pages the view has looked at.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ..store import NOT_STATED, Store, TrialQuery
from ..store.results import TrialRow

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
TRIAL_ROLE = Qt.ItemDataRole.UserRole + 1

# (sort key in the store, header title, how a row shows it)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("trial_id", "Trial ID"),
    ("drug", "Drug"),
    ("phase", "Phase"),
    ("status", "Status"),
    ("enrollment", "Enrollment"),
    ("posted", "Posted"),
    ("conditions", "Conditions"),
    ("countries", "Countries"),
    ("title", "Title / programme"),
    ("source", "Source"),
)


def cell_text(trial: TrialRow, column: str) -> str | None:
    value = {
        "trial_id": trial.trial_id,
        "drug": trial.drug,
        "phase": trial.phase_text,
        "status": trial.status,
        "enrollment": None if trial.enrollment is None else f"{trial.enrollment:,}",
        "posted": trial.posted,
        "conditions": trial.conditions,
        "countries": trial.countries_label,
        "title": trial.title or trial.programme,
        "source": f"{trial.prov.source}:{trial.prov.line_start}",
    }[column]
    return value or None


class TrialsTableModel(QAbstractTableModel):
    """State: the current query, the ordered keys it matches, and a cache of fetched rows."""

    query_changed = Signal()

    def __init__(self, store: Store, query: TrialQuery = TrialQuery(sort="posted", descending=True), parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._query = query
        self._keys: list[int] = store.trial_keys(query)
        self._cache: dict[int, TrialRow] = {}
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
        self._query = query
        self._keys = self._store.trial_keys(query)
        self._cache.clear()
        self.endResetModel()
        self.query_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def trial_at(self, row: int) -> TrialRow | None:
        if not 0 <= row < len(self._keys):
            return None
        key = self._keys[row]
        if key not in self._cache:
            start = (row // PAGE) * PAGE
            self._cache.update(self._store.trials_by_key(self._keys[start:start + PAGE]))
        return self._cache.get(key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        trial = self.trial_at(index.row())
        if trial is None:
            return None
        column = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(trial, column) or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = cell_text(trial, column)
            return text if text else NOT_STATED
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell_text(trial, column) or NOT_STATED
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "enrollment":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TRIAL_ROLE:
            return trial.key
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return COLUMNS[section][1]
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._keys):
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if COLUMNS[column][0] == self._query.sort and descending != self._query.descending:
            # Direction only: the same keys reversed, except that empty values must stay last.
            self.layoutAboutToBeChanged.emit()
            self._query = replace(self._query, descending=descending)
            self._keys = self._store.trial_keys(self._query)
            self.layoutChanged.emit()
            self.query_changed.emit()
            return
        self.set_query(replace(self._query, sort=COLUMNS[column][0], descending=descending))

    def visible_trials(self) -> list[TrialRow]:
        """Every row the current filters match, in display order (for export)."""
        rows = self._store.trials_by_key(self._keys)
        return [rows[key] for key in self._keys if key in rows]
