"""The user-state file is the user's to edit and a program's to damage; the config folder may be read-only.

A file of the wrong shape never stops the app: what is unusable is set aside under a name of its own
(never over an earlier copy), the usable entries are kept, and the window says so once. Favourites the
open catalogue lacks stay in the file. A folder that cannot be written keeps everything in memory, the
star agreeing with it, and is reported once, without a dialog.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.user_state import UserState

DRUG = "nemvaleukin-alfa"


def write(path: Path, data) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def set_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".unreadable*"))


@pytest.fixture()
def open_window(qtbot, store, tmp_path):
    """A window on the seed store with the user state at `path`."""
    from PySide6.QtCore import QSettings

    from desktop.settings import Settings
    from desktop.widgets.main_window import MainWindow

    def make(path: Path) -> MainWindow:
        settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(store, UserState.load(path), settings)
        qtbot.addWidget(window)
        window.show()
        return window
    return make


# ---- shape -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [{"favourites": 5}, {"favourites": {"a": 1}, "recent": 7}, {"favourites": None}])
def test_a_list_of_the_wrong_type_is_left_out_and_the_file_kept(tmp_path, data):
    path = write(tmp_path / "state.json", data)
    state = UserState.load(path)
    assert state.favourites == [] and state.recent == []
    [copy] = set_aside(path)
    assert json.loads(copy.read_text(encoding="utf-8")) == data
    [notice] = state.take_notices()
    assert "'favourites' is not a list" in notice and copy.name in notice
    assert state.take_notices() == []  # said once
    state.save_changes()  # as the window does on closing: the next start finds nothing to set aside
    assert UserState.load(path).take_notices() == [] and len(set_aside(path)) == 1


def test_favourites_as_a_string_are_not_split_into_letters(tmp_path):
    path = write(tmp_path / "state.json", {"favourites": DRUG, "recent": [DRUG]})
    state = UserState.load(path)
    assert state.favourites == [] and state.recent == [DRUG]
    state.toggle_favourite("aldesleukin")
    assert json.loads(path.read_text(encoding="utf-8"))["favourites"] == ["aldesleukin"]


def test_entries_that_are_not_drug_ids_are_dropped_and_the_others_kept(tmp_path):
    path = write(tmp_path / "state.json", {"favourites": [DRUG, 5, None, "", DRUG, "aldesleukin"], "recent": [[], DRUG]})
    state = UserState.load(path)
    assert state.favourites == [DRUG, "aldesleukin"] and state.recent == [DRUG]
    [notice] = state.take_notices()
    assert "3 favourites entries are not drug ids and 1 recent entry is not a drug id, so left out" in notice


@pytest.mark.parametrize("text", ["null", "[1, 2]", "5", '"favourites"', "{broken"])
def test_a_file_that_is_not_an_object_is_set_aside_whole(tmp_path, text):
    path = write(tmp_path / "state.json", text)
    state = UserState.load(path)
    assert state.favourites == [] and not path.exists()
    [copy] = set_aside(path)
    assert copy.read_text(encoding="utf-8") == text
    assert "start empty" in state.take_notices()[0]


def test_every_unreadable_copy_is_kept(tmp_path):
    path = tmp_path / "state.json"
    for text in ("null", "{broken", "[]"):
        write(path, text)
        UserState.load(path)
    assert sorted(copy.read_text(encoding="utf-8") for copy in set_aside(path)) == sorted(["null", "{broken", "[]"])


@pytest.mark.parametrize("data", [{"favourites": 5, "recent": None}, '{"favourites": ["aldes'], ids=["wrong-types", "not-json"])
def test_the_window_starts_on_a_damaged_file_and_says_so_once(open_window, tmp_path, data):
    path = write(tmp_path / "state.json", data)
    window = open_window(path)
    message = window.statusBar().currentMessage()
    assert str(path) in message and set_aside(path)[0].name in message
    window.statusBar().clearMessage()
    window.toggle_favourite(DRUG)
    assert window.statusBar().currentMessage() == ""
    assert json.loads(path.read_text(encoding="utf-8"))["favourites"] == [DRUG]


# ---- favourites this catalogue lacks -------------------------------------------------------------------


def test_unknown_favourites_are_kept_and_not_blamed_on_the_database(open_window, store, tmp_path):
    unknown = [f"drug-{n}" for n in range(250_001)]
    path = write(tmp_path / "state.json", {"favourites": unknown + [DRUG], "recent": []})
    window = open_window(path)
    assert window.drug_model.drug_at(0).id == DRUG  # the one it has is pinned
    message = window.statusBar().currentMessage()
    assert "250,001 favourites are not in this catalogue" in message and "damaged" not in message
    window.toggle_favourite("aldesleukin")
    assert json.loads(path.read_text(encoding="utf-8"))["favourites"] == unknown + [DRUG, "aldesleukin"]
    assert store.missing_drugs(["aldesleukin", "nosuch", DRUG]) == ["nosuch"]


# ---- a folder that cannot be written -------------------------------------------------------------------


@pytest.fixture()
def unwritable(tmp_path) -> Path:
    """A state path under a regular file: no one, root included, can create it."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    return blocker / "user-state.json"


def test_changes_live_in_memory_and_are_reported_once(unwritable):
    state = UserState.load(unwritable)
    assert state.toggle_favourite(DRUG) is True
    assert state.is_favourite(DRUG)
    [notice] = state.take_notices()
    assert "cannot be saved" in notice and str(unwritable) in notice
    assert state.toggle_favourite(DRUG) is False
    state.visited(DRUG)
    state.save_changes()
    assert state.take_notices() == [] and state.recent == [DRUG]


def test_the_window_keeps_working_on_a_read_only_folder(open_window, unwritable, qtbot, monkeypatch):
    from desktop.widgets import main_window

    monkeypatch.setattr(main_window, "STATE_SAVE_DELAY_MS", 50)  # the pause after browsing that writes recent items
    window = open_window(unwritable)
    for drug in ("aldesleukin", DRUG, "bempegaldesleukin"):
        window.show_drug(drug)
    qtbot.waitUntil(lambda: "cannot be saved" in window.statusBar().currentMessage())
    assert str(unwritable) in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    window.toggle_favourite("bempegaldesleukin")
    assert window.record.favourite.isChecked() and window.user_state.is_favourite("bempegaldesleukin")
    assert window.drug_model.drug_at(0).id == "bempegaldesleukin"
    assert window.statusBar().currentMessage() == ""  # said once
    window.toggle_favourite("bempegaldesleukin")
    assert not window.record.favourite.isChecked() and not window.user_state.is_favourite("bempegaldesleukin")
    window.close()
    assert not unwritable.parent.is_dir()
