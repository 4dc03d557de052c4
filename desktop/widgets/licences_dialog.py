"""Help → About → Licences: DrugRef's licence, then each component it runs on with its licence texts."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QPlainTextEdit, QVBoxLayout

from .. import APP_NAME, __version__
from ..licences import PROJECT_LICENCE, Component, project_licence, third_party
from .sizing import resize_within_screen


class LicencesDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Licences")
        self.setAccessibleName("Licences")
        self.components = [Component(APP_NAME, __version__, PROJECT_LICENCE, (("LICENSE", project_licence()),)),
                           *third_party()]
        self.list = QListWidget()
        self.list.setAccessibleName("Components")
        for component in self.components:
            self.list.addItem(f"{component.name} {component.version} — {component.licence}")
        # Plain text: licence files are shown as written, never interpreted as markup.
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Licence text")
        self.list.currentRowChanged.connect(self._show)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addWidget(self.text, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.list.setCurrentRow(0)
        resize_within_screen(self, 1000, 640)

    def _show(self, row: int) -> None:
        if row < 0:
            return
        component = self.components[row]
        parts = [f"{component.name} {component.version}\nLicence: {component.licence}"]
        parts += [f"——— {origin} ———\n\n{text}" for origin, text in component.texts]
        self.text.setPlainText("\n\n".join(parts))
