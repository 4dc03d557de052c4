"""Names for the controls Qt makes on its own (a field's clear button, a table's corner button, a toolbar's
overflow button): without one a screen reader announces only "button"."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget

_BY_OBJECT_NAME = {
    "qt_tableview_cornerbutton": "Select all",
    "qt_toolbar_ext_button": "More toolbar buttons",
    "qt_menubar_ext_button": "More menus",
}


def name_built_in_controls(root: QWidget) -> None:
    for button in root.findChildren(QAbstractButton):
        if button.accessibleName():
            continue
        if isinstance(field := button.parent(), QLineEdit):
            button.setAccessibleName(f"Clear {field.accessibleName().lower() or 'the field'}")
        elif name := _BY_OBJECT_NAME.get(button.objectName()):
            button.setAccessibleName(name)
