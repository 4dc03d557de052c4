"""Compare (Ctrl+Shift+C): two or three drugs side by side, one row per attribute. Double-click a cell
for its passage; rows where all agree or all are silent can be hidden; print or export through the
sheet renderer."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMenu,
    QMessageBox, QPushButton, QTableView, QVBoxLayout,
)

from ..models.comparison import ComparisonModel
from ..models.roles import PROVENANCE_ROLE
from ..sheet import data_note
from ..sheet.content import comparison_html
from ..sheet.render import SheetError, default_page_size, paint_document, write_document_pdf
from ..store import Store
from ..store.compare import compare
from .accessible import name_built_in_controls
from .sizing import resize_within_screen

NONE = "—"


class CompareDialog(QDialog):
    source_requested = Signal(object)  # Provenance

    def __init__(self, store: Store, drug_ids: list[str], parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle("Compare drugs")
        self.setAccessibleName("Compare drugs")
        drugs = store.drugs()
        self.choosers: list[QComboBox] = []
        choose = QHBoxLayout()
        for number in range(3):
            combo = QComboBox()
            combo.setAccessibleName(f"Drug {number + 1}")
            if number == 2:
                combo.addItem(NONE, None)
            for drug in drugs:
                combo.addItem(drug.name, drug.id)
            wanted = drug_ids[number] if number < len(drug_ids) else None
            if wanted is None and number < 2:  # two different drugs to start with
                wanted = next((d.id for d in drugs if d.id not in drug_ids[:number] and
                               d.id not in [c.currentData() for c in self.choosers]), None)
            combo.setCurrentIndex(max(0, combo.findData(wanted)))
            combo.currentIndexChanged.connect(self._refresh)
            self.choosers.append(combo)
            choose.addWidget(combo, 1)
        self.hide_rows = QCheckBox("Hide rows where all agree or none says anything")
        self.hide_rows.toggled.connect(self._on_hide_rows)
        self.message = QLabel()
        self.message.setAccessibleName("Comparison note")
        self.model = ComparisonModel(compare(store, self.drug_ids()), self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Comparison table")
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(self.open_cell)  # Enter and double-click; doubleClicked as well would open two
        print_button = QPushButton("Print…")
        print_button.clicked.connect(self.print_comparison)
        pdf_button = QPushButton("Export PDF…")
        pdf_button.clicked.connect(lambda: self.export_pdf())
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hide_rows)
        buttons.addStretch(1)
        for button in (print_button, pdf_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        resize_within_screen(self, 1100, 720)
        name_built_in_controls(self)
        self._refresh()

    def drug_ids(self) -> list[str]:
        chosen = [c.currentData() for c in self.choosers if c.currentData()]
        return list(dict.fromkeys(chosen))  # the same drug twice is compared once

    def _refresh(self) -> None:
        ids = self.drug_ids()
        if len(ids) < 2:
            self.message.setText("Choose two different drugs.")
            return
        self.message.setText("Double-click a cell to read the passage it came from. "
                             "Italic cells: not stated in the sources.")
        self.model.set_comparison(compare(self._store, ids))

    def _on_hide_rows(self, hide: bool) -> None:
        self.model.set_hide_collapsible(hide)

    def open_cell(self, index) -> None:
        provs = self.model.data(index, PROVENANCE_ROLE) or []
        if len(provs) == 1:
            self.source_requested.emit(provs[0])
        elif len(provs) > 1:
            menu = QMenu(self)
            for prov in dict.fromkeys(provs):
                action = menu.addAction(prov.place)
                action.triggered.connect(lambda _=False, p=prov: self.source_requested.emit(p))
            menu.popup(self.view.viewport().mapToGlobal(self.view.visualRect(index).center()))
            self.cell_menu = menu

    def html(self) -> str:
        return comparison_html(self.model.comparison, self.hide_rows.isChecked())

    def print_comparison(self, dialog_factory=None) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # loaded on first print

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = (dialog_factory or QPrintDialog)(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        paint_document(self.html(), printer, data_note(self._store, self.model.comparison.sources))
        return True

    def export_pdf(self, path: str | None = None) -> Path | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Export comparison as PDF",
                                                  str(Path.home() / ("compare-" + "-".join(self.drug_ids()) + ".pdf")),
                                                  "PDF files (*.pdf)")
            if not path:
                return None
        names = " · ".join(r.summary.name for r in self.model.comparison.drugs)
        try:
            write_document_pdf(self.html(), f"{names} — DrugRef comparison", default_page_size(), Path(path),
                               data_note(self._store, self.model.comparison.sources))
        except SheetError as error:
            QMessageBox.warning(self, "Export failed", str(error))
            return None
        return Path(path)
