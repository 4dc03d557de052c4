"""The dialogs the main window opens — a source passage, a trial, Compare, About — each loaded when first
opened, and brought forward rather than opened twice. Part of MainWindow (main_window.py)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ..labels import DISCLAIMER
from ..store.results import Provenance


class WindowDialogs:
    """Expects the window's `store`, `glossary` and `current_drug`."""

    def _raise_open(self, kind: type, subject) -> bool:
        """Bring forward the dialog already showing `subject`: a double-click or a second link opens it once."""
        for dialog in self.findChildren(kind):
            if dialog.isVisible() and dialog.subject == subject:
                dialog.raise_()
                dialog.activateWindow()
                return True
        return False

    def show_source(self, prov: Provenance) -> None:
        from .passage_dialog import PassageDialog  # dialogs load when first opened

        if self._raise_open(PassageDialog, prov):
            return
        dialog = PassageDialog(self.store, prov, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_trial(self, key: int) -> None:
        from .trial_dialog import TrialDialog

        if self._raise_open(TrialDialog, key):
            return
        dialog = TrialDialog(self.store, key, self.glossary, self)
        dialog.source_requested.connect(self.show_source)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_compare(self, drug_ids: list[str] | None = None) -> None:
        from .compare_dialog import CompareDialog  # off the start-up path

        current = [self.current_drug()] if self.current_drug() else []
        dialog = CompareDialog(self.store, drug_ids or current, self)
        dialog.source_requested.connect(self.show_source)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.compare_dialog = dialog

    def show_about(self) -> None:
        from .about import open_about  # loaded when first needed

        self.about_box = open_about(self, self.store.sources(), DISCLAIMER)
