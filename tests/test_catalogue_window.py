"""The window's side of the personal catalogue: Add documents → review → Add or Cancel, drops, the Sources view
with remove and undo, What's new, and the catalogue built again after an upgrade."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.catalogue import Catalogue
from desktop.store.schema import SCHEMA_VERSION
from desktop.widgets.catalogue_session import CatalogueSession
from desktop.widgets.main_window import MainWindow
from desktop.widgets.review_dialog import ReviewDialog

CORPUS = Path(__file__).resolve().parent / "corpus"
NEW_DRUG = CORPUS / "mono_ipilimumab.txt"  # a drug the seed does not have
SAME_DRUG = CORPUS / "ddp_aldesleukin.txt"  # a second document about a seed drug


@pytest.fixture()
def session(monkeypatch, tmp_path):
    """A session on an empty catalogue of this test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for old in QApplication.instance().findChildren(CatalogueSession):
        old.setParent(None)
    return CatalogueSession.instance()


@pytest.fixture()
def reviews(monkeypatch):
    """Answers the review dialog: the test sets `answer` ("Add" or "Cancel"); what it showed is kept."""
    shown: dict = {"answer": "Add", "texts": [], "add_enabled": []}

    def answer(dialog: ReviewDialog) -> int:
        shown["texts"].append(dialog.shown_text())
        shown["add_enabled"].append(dialog.add_button.isEnabled())
        button = dialog.add_button if shown["answer"] == "Add" else dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
        button.click()
        return dialog.result()

    monkeypatch.setattr(ReviewDialog, "exec", answer)
    return shown


@pytest.fixture()
def window(qtbot, store, tmp_path):
    """A main window on the seed store. Not handed to qtbot: an add or a removal replaces and deletes it."""
    from PySide6.QtCore import QSettings
    from shiboken6 import isValid

    from desktop.settings import Settings
    from desktop.user_state import UserState

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    first = MainWindow(store, UserState.load(tmp_path / "state.json"), settings)
    first.show()
    yield first
    if isValid(first):
        first.close()  # its store is the shared seed store: not closed here


def open_window(qtbot) -> MainWindow:
    """The main window now open: each change to the catalogue replaces (and deletes) the one before."""
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())


@pytest.fixture(autouse=True)
def close_the_windows_left():
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            widget.close()
            widget.store.close()


def test_add_review_and_accept_brings_the_new_drug_into_a_new_window(qtbot, window, session, reviews, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: ([str(NEW_DRUG)], ""))
    window.command_actions["add"].trigger()
    shown = reviews["texts"][0]
    assert "mono_ipilimumab.txt" in shown and "Drug monograph (detected)" in shown
    assert "Ipilimumab — new to the catalogue" in shown
    new = open_window(qtbot)
    assert new is not window
    assert "ipilimumab" in [new.drug_model.drug_at(row).id for row in range(new.drug_model.rowCount())]
    qtbot.waitUntil(lambda: new.whats_new.isVisible())
    assert "New drug: Ipilimumab" in new.whats_new.text()
    new.show_view("sources")
    listed = [document.name for document in new.sources.documents]
    assert "mono_ipilimumab.txt" in listed and len(listed) == 4
    shown = [new.sources.table.item(row, 0).text() for row in range(new.sources.table.rowCount())]
    assert "Ipilimumab (Yervoy)" in shown  # its title, as the review called it
    assert "New drug: Ipilimumab" in new.sources.history.toPlainText()  # kept where it can be read again
    assert Catalogue().database_to_open() == new.store.path


def test_cancel_changes_nothing(qtbot, window, session, reviews):
    reviews["answer"] = "Cancel"
    assert session.add(window, [NEW_DRUG]) is None
    assert window.isVisible()
    assert not Catalogue().has_documents()
    assert window.store.find_drug("ipilimumab") is None


def test_a_second_document_about_a_drug_joins_it_and_its_disagreement_is_shown_before_adding(qtbot, window, session,
                                                                                             reviews):
    reviews["answer"] = "Cancel"
    session.add(window, [SAME_DRUG])
    shown = reviews["texts"][0]
    assert "Aldesleukin — already in the catalogue: joins it" in shown
    assert "NCT05727904 status" in shown and "Authorised" in shown and "Recruiting" in shown


def test_a_refused_document_says_why_and_cannot_be_added(qtbot, window, session, reviews, tmp_path):
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    session.add(window, [scan])
    assert reviews["add_enabled"] == [False]
    assert "not UTF-8 text" in reviews["texts"][0] or "not text" in reviews["texts"][0]
    assert not Catalogue().has_documents()


def test_files_dropped_on_the_window_are_reviewed(qtbot, window, session, reviews):
    reviews["answer"] = "Cancel"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(NEW_DRUG))])
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: bool(reviews["texts"]))
    assert "mono_ipilimumab.txt" in reviews["texts"][0]


def test_remove_then_undo_in_the_sources_view(qtbot, window, session, reviews):
    session.add(window, [NEW_DRUG])
    added = open_window(qtbot)
    added.show_view("sources")
    added.sources.select("mono_ipilimumab.txt")
    assert added.sources.remove_button.isEnabled()
    added.sources.remove_button.click()
    removed = open_window(qtbot)
    assert removed.store.find_drug("ipilimumab") is None
    removed.show_view("sources")
    assert removed.sources.undo_button.isEnabled()
    removed.sources.select("002_12ec28ba8c7864ed.txt")
    assert not removed.sources.remove_button.isEnabled()  # a bundled document stays
    removed.sources.undo_button.click()
    restored = open_window(qtbot)
    assert restored.store.find_drug("ipilimumab") is not None


def test_the_catalogue_is_built_again_after_an_upgrade(seed_db, tmp_path):
    """A catalogue built by another version (here: its schema version changed) is rebuilt at the next start,
    keeping the user's documents; the window then opens on it."""
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_RUNTIME_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "desktop"]
    added = subprocess.run([*run, "add", str(NEW_DRUG)], env=env, capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    catalogue = tmp_path / "data" / "DrugRef" / "catalogue.sqlite"
    with sqlite3.connect(catalogue) as connection:  # as an older DrugRef would have left it
        connection.execute("UPDATE meta SET value = 'old' WHERE key = 'schema_version'")
    started = subprocess.run([*run, "--quit-after-startup", "open", "ipilimumab"], env=env, capture_output=True,
                             text=True, timeout=120)
    assert started.returncode == 0, started.stderr  # it opened on ipilimumab: the rebuilt catalogue has it
    with sqlite3.connect(catalogue) as connection:
        assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (SCHEMA_VERSION,)
    assert (tmp_path / "data" / "DrugRef" / "sources" / "mono_ipilimumab.txt").is_file()


def test_a_registry_page_shows_each_study_and_what_was_left_out_before_adding(qtbot, window, session, reviews):
    reviews["answer"] = "Cancel"
    registry = Path(__file__).resolve().parent / "registry"
    session.add(window, [registry / "page.json", registry / "list.json"])
    shown = reviews["texts"][0]
    assert "Bempegaldesleukin, linked by intervention name" in shown  # NKTR-214 is its code name
    assert "NCT06112301 — not linked to a drug" in shown
    assert "record 3: no NCT number (identificationModule.nctId: none); skipped" in shown
    assert "overallStatus: unknown value 'PAUSED_FOR_REVIEW'" in shown
