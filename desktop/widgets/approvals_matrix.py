"""The approvals matrix view: a note on what the values mean, and a table of drugs × agencies whose row
and column headers stay in place while it scrolls. A cell opens its source passage; a row header opens
the drug."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMenu, QTableView, QVBoxLayout, QWidget

from ..models.approvals_matrix import PROV_ROLE, SHORT_NOT_STATED, ApprovalsMatrixModel
from ..store import Store
from .accessible import name_built_in_controls

NOTE = (f"Each cell is what a drug's sources state for that agency. “None found” is the source's own finding (it "
        f"looked and found no approval); “{SHORT_NOT_STATED}” means the sources are silent. "
        "Double-click a cell for its source passage, a drug's name for its record.")
WIDEST_ROW_HEADER = 280  # a long name is cut with an ellipsis rather than taking the table's width


class ApprovalsMatrix(QWidget):
    source_requested = Signal(object)  # Provenance
    drug_activated = Signal(str)       # drug id

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.model = ApprovalsMatrixModel(store, self)
        self.note = QLabel(NOTE)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("What the values mean")
        self.note.setContentsMargins(4, 2, 4, 2)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Approvals matrix")
        self.view.setAccessibleDescription("Rows are drugs, columns are agencies; each cell is the finding the sources state.")
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_menu)
        # `activated` is Enter, and a double-click (or the platform's single click): doubleClicked as well would open two.
        self.view.activated.connect(self._on_activated)
        metrics = self.view.fontMetrics()
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: no measuring 10,000 of them
        rows.setDefaultSectionSize(metrics.height() + 8)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setHighlightSections(True)
        rows.sectionDoubleClicked.connect(self._on_row_header)
        names = [self.model.drug_at(row).name for row in range(self.model.rowCount())]
        rows.setFixedWidth(min(WIDEST_ROW_HEADER, max((metrics.horizontalAdvance(n) for n in names), default=0) + 24))
        columns = self.view.horizontalHeader()
        columns.setHighlightSections(True)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        widest_value = max(metrics.horizontalAdvance(text) for text in ("not approved", "none found", SHORT_NOT_STATED))
        for column in range(self.model.columnCount()):
            title = metrics.horizontalAdvance(self.model.agency_at(column))
            columns.resizeSection(column, max(title, widest_value) + 20)

        self.open_drug_action = QAction("Open the drug's &record", self.view)
        self.open_drug_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.open_drug_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_drug_action.triggered.connect(lambda: self._open_drug(self.view.currentIndex().row()))
        self.view.addAction(self.open_drug_action)
        self.source_action = QAction("Show the &source passage", self.view)
        self.source_action.triggered.connect(lambda: self._on_activated(self.view.currentIndex()))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        self.setAccessibleName("Approvals matrix view")
        name_built_in_controls(self)

    def _on_activated(self, index: QModelIndex) -> None:
        prov = index.data(PROV_ROLE) if index.isValid() else None
        if prov is not None:
            self.source_requested.emit(prov)

    def _on_row_header(self, row: int) -> None:
        self._open_drug(row)

    def _open_drug(self, row: int) -> None:
        drug = self.model.drug_at(row)
        if drug is not None:
            self.drug_activated.emit(drug.id)

    def _show_menu(self, position) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        self.source_action.setEnabled(index.data(PROV_ROLE) is not None)
        menu = QMenu(self)
        menu.addAction(self.source_action)
        menu.addAction(self.open_drug_action)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def select_drug(self, drug_id: str) -> None:
        """Make the drug's row current, so the matrix opens where the reader was; no cell is selected
        (a filled cell would hide its finding's tint) until the reader picks one."""
        row = self.model.row_of(drug_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.Clear)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
