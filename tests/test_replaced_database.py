"""A database replaced while it is open is reported as replaced, with an offer to reopen — never as damage."""
from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.settings import Settings
from desktop.store import Store, StoreError, StoreReplaced
from desktop.user_state import UserState
from desktop.widgets.main_window import MainWindow


@pytest.fixture()
def own_db(seed_db, tmp_path):
    """A copy of the seed database in a folder of its own, free to be replaced."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(seed_db, folder / "drugref.sqlite")
    return folder / "drugref.sqlite"


def replace_by_rename(own_db, seed_db) -> None:
    """What `drugref build-db` does: a new file renamed over the old."""
    fresh = own_db.with_name("fresh.sqlite")
    shutil.copyfile(seed_db, fresh)
    os.replace(fresh, own_db)


def test_a_file_rewritten_in_place_reads_as_replaced_not_damaged(own_db):
    store = Store(own_db)
    with open(own_db, "r+b") as rewritten:  # as `cp other.sqlite drugref.sqlite` does: same file, new bytes
        rewritten.seek(4096)
        rewritten.write(os.urandom(own_db.stat().st_size - 4096))
    with pytest.raises(StoreError) as raised:
        store.search("melanoma")
    assert isinstance(raised.value, StoreReplaced)
    assert "replaced" in str(raised.value) and "Reopen" in str(raised.value)
    assert "Rebuild" not in str(raised.value)
    store.close()


def test_damage_in_a_file_nobody_replaced_still_says_rebuild(own_db):
    with open(own_db, "r+b") as damaged:  # damage that was there before the file was opened
        damaged.seek(4096)
        damaged.write(os.urandom(own_db.stat().st_size - 4096))
    with pytest.raises(StoreError) as raised:
        with Store(own_db) as store:
            store.search("melanoma")
    assert not isinstance(raised.value, StoreReplaced) and "Rebuild" in str(raised.value)


def test_a_rebuild_renamed_over_the_open_file_is_noticed(own_db, seed_db):
    store = Store(own_db)
    assert not store.replaced()
    replace_by_rename(own_db, seed_db)
    assert store.replaced()
    assert store.drug("aldesleukin") is not None  # the window goes on reading the file it opened
    store.close()


def test_the_window_offers_to_reopen_and_shows_the_new_file_on_the_same_drug(qtbot, own_db, seed_db, tmp_path,
                                                                            monkeypatch):
    store = Store(own_db)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(store, UserState.load(tmp_path / "state.json"), settings)  # replaced and deleted below
    closed = []
    window.destroyed.connect(lambda: closed.append(True))
    window.show()
    window.show_drug("nemvaleukin-alfa", "safety")
    qtbot.waitUntil(lambda: window.complete)
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or box.buttons()[0].click())
    replace_by_rename(own_db, seed_db)
    qtbot.waitUntil(lambda: bool(closed), timeout=10000)
    new = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    qtbot.addWidget(new)
    assert "was replaced" in asked[0]
    assert not new.store.replaced()  # it reads the new file
    assert (new.current_drug(), new.record.current_pane()) == ("nemvaleukin-alfa", "safety")
    new.close()
    new.store.close()


def test_a_second_launch_reaches_the_window_that_replaced_the_first(qtbot, own_db, seed_db, tmp_path, monkeypatch):
    import threading

    from desktop.single_instance import hand_over, socket_path
    from helpers import run_window

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click())  # "Reopen"
    taken, shown = [], []

    def then(window):
        qtbot.waitUntil(lambda: window.complete and socket_path(own_db).exists())  # watching and listening
        closed = []
        window.destroyed.connect(lambda: closed.append(True))
        replace_by_rename(own_db, seed_db)
        qtbot.waitUntil(lambda: bool(closed), timeout=10000)  # the successor has taken its place
        new = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        thread = threading.Thread(target=lambda: taken.append(hand_over(socket_path(own_db), ["open", "NKTR-214"])))
        thread.start()
        qtbot.waitUntil(lambda: not thread.is_alive())
        qtbot.waitUntil(lambda: new.current_drug() == "bempegaldesleukin")
        shown.append(new.current_drug())
    assert run_window(["--db", str(own_db)], tmp_path, monkeypatch, then) == 0
    assert taken == [True] and shown == ["bempegaldesleukin"]
