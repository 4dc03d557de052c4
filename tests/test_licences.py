"""DrugRef's licence is stated everywhere a tool or a user looks, and About shows it with the licences
of what DrugRef runs on, read from the files those components were installed with."""
from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop import APP_ID
from desktop.licences import read_shipped, third_party, write_shipped

REPO = Path(__file__).resolve().parent.parent


def test_the_project_licence_is_mit_in_the_licence_file_the_metadata_and_the_metainfo():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Copyright (c) 2026 DrugRef contributors" in text
    assert tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"] == "MIT"
    metainfo = ElementTree.parse(REPO / "resources" / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("project_license") == "MIT"


def _row_text(dialog, name: str) -> str:
    row = next(i for i, c in enumerate(dialog.components) if c.name.casefold() == name.casefold())
    dialog.list.setCurrentRow(row)
    return dialog.text.toPlainText()


def test_about_opens_the_licences_of_drugref_and_what_it_runs_on(window, qtbot):
    window.show_about()
    box = window.about_box
    assert "MIT licence" in box.text()
    button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole)
    assert button.text().replace("&", "") == "Licences…"
    button.click()
    qtbot.waitUntil(lambda: getattr(window, "licences_dialog", None) is not None and window.licences_dialog.isVisible())
    dialog = window.licences_dialog
    assert dialog.list.item(0).text().startswith("DrugRef") and dialog.list.item(0).text().endswith("MIT")
    assert "Permission is hereby granted" in dialog.text.toPlainText()
    names = {c.name.casefold() for c in dialog.components}
    assert {"python", "pyside6_essentials", "shiboken6", "qtawesome", "qtpy"} <= names
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in _row_text(dialog, "Python")
    qtawesome = _row_text(dialog, "QtAwesome")
    assert "The MIT License" in qtawesome and "SIL Open Font License" in qtawesome  # its fonts' licences too
    pyside = _row_text(dialog, "PySide6_Essentials")
    assert "LGPL-3.0-only" in pyside
    if Path("/usr/share/common-licenses/LGPL-3").is_file():  # the wheel ships no text; Debian's copy stands in
        assert "GNU LESSER GENERAL PUBLIC LICENSE" in pyside


def test_shipped_licences_read_back_as_they_were_written(tmp_path):
    components = third_party()
    write_shipped(components, tmp_path)
    assert read_shipped(tmp_path) == components
    assert all(c.texts for c in components), [c.name for c in components if not c.texts]
