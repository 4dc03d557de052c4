"""File → Print…, Print Preview, Export PDF… and the sheet's section choices, for the current drug.

All three paths paint through `sheet.render.paint_sheet`, so what is previewed is what prints. The
actions (and their shortcuts) exist from the start; the sheet code loads when they are first used,
and the section choices when their menu is first built.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ..settings import Settings
from ..sheet import data_note
from ..store import Store
from ..store.results import DrugRecord

if TYPE_CHECKING:
    from ..sheet.content import SheetOptions

SECTIONS_KEY = "sheet/sections"
FOLDER_KEY = "sheet/last-folder"


class SheetActions(QObject):
    def __init__(self, store: Store, settings: Settings, current: Callable[[], DrugRecord | None], parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._current = current
        self._parent = parent
        # The commands these run (desktop.commands: print, preview, pdf); the window makes their actions.
        self.handlers = {"print": self.print_sheet, "preview": self.preview_sheet, "pdf": self.export_pdf}
        self._sections_menu: QMenu | None = None

    @property
    def sections_menu(self) -> QMenu:
        """One checkable entry per sheet section, ticked as last saved; built when first asked for."""
        if self._sections_menu is None:
            from ..sheet.content import SECTION_TITLES, SECTIONS

            menu = QMenu("Sheet &sections")
            chosen = set(self._settings.string_list(SECTIONS_KEY, list(SECTIONS)))
            for section in SECTIONS:
                action = menu.addAction(SECTION_TITLES[section])
                action.setData(section)
                action.setCheckable(True)
                action.setChecked(section in chosen)
                action.toggled.connect(self._save_sections)
            self._sections_menu = menu
        return self._sections_menu

    @property
    def section_actions(self) -> dict[str, QAction]:
        """Section → its entry in `sections_menu`, in sheet order."""
        return {action.data(): action for action in self.sections_menu.actions()}

    def chosen_sections(self) -> tuple[str, ...]:
        return tuple(section for section, action in self.section_actions.items() if action.isChecked())

    def _save_sections(self) -> None:
        self._settings.set_string_list(SECTIONS_KEY, list(self.chosen_sections()))

    def options(self, page_size: str | None = None) -> SheetOptions:
        from ..sheet.content import SheetOptions
        from ..sheet.render import default_page_size

        return SheetOptions(self.chosen_sections(), page_size or default_page_size())

    def _record(self) -> DrugRecord | None:
        record = self._current()
        if record is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self._parent, "No drug selected", "Choose a drug first; the sheet summarises one drug.")
        return record

    def paint(self, printer, record: DrugRecord) -> int:
        from ..sheet.render import paint_sheet

        return paint_sheet(record, self.options(), printer, data_note(self._store, record.sources))

    def print_sheet(self, dialog_factory=None) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # loaded on first print, off the startup path

        dialog_factory = dialog_factory or QPrintDialog
        record = self._record()
        if record is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"{record.summary.name} — DrugRef")
        dialog = dialog_factory(printer, self._parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        self.paint(printer, record)
        return True

    def preview_sheet(self, dialog_factory=None):
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        dialog_factory = dialog_factory or QPrintPreviewDialog
        record = self._record()
        if record is None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = dialog_factory(printer, self._parent)
        dialog.setWindowTitle(f"Print preview — {record.summary.name}")
        dialog.paintRequested.connect(lambda device: self.paint(device, record))
        dialog.exec()
        return dialog

    def export_pdf(self, path: str | None = None) -> Path | None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox  # dialogs load when first used

        record = self._record()
        if record is None:
            return None
        if not path:
            folder = Path(self._settings.text(FOLDER_KEY, str(Path.home())))
            suggested = folder / f"{record.summary.id}-summary.pdf"
            # The file dialog asks before replacing an existing file.
            path, _ = QFileDialog.getSaveFileName(self._parent, "Export summary sheet as PDF", str(suggested), "PDF files (*.pdf)")
            if not path:
                return None
        from ..sheet.render import SheetError, write_pdf

        target = Path(path)
        try:
            write_pdf(record, self.options(), target, data_note(self._store, record.sources))
        except SheetError as error:
            QMessageBox.warning(self._parent, "Export failed", str(error))
            return None
        self._settings.set_text(FOLDER_KEY, str(target.parent))
        return target
