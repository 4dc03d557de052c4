"""Shared fixtures: the seed database built once per run into a temp folder, and a read-only store on it."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The user's catalogue (desktop.catalogue) lives under XDG_DATA_HOME: never the real one in tests. Subprocesses
# inherit this empty folder, so everything opens the bundled database unless a test makes a catalogue.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="drugref-test-data-")

from desktop.ingest import load_corpus  # noqa: E402
from desktop.store import Store, build_database  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser) -> None:
    parser.addoption("--package", action="store_true", help="also test the built packages in dist/")


def pytest_collection_modifyitems(config, items) -> None:
    if config.getoption("--package"):
        return
    skip = pytest.mark.skip(reason="tests the built packages: run `make package` (or pytest --package)")
    for item in items:
        if "package" in item.keywords:
            item.add_marker(skip)
SOURCES = REPO / "data" / "sources"


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(SOURCES)


@pytest.fixture(scope="session")
def extractions(corpus):
    """Extraction per source file name, e.g. extractions["000_d1e456e14f737604.txt"]."""
    return {e.source: e for e in corpus.extractions}


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    return build_database(SOURCES, tmp_path_factory.mktemp("db") / "drugref.sqlite")


@pytest.fixture()
def store(seed_db):
    with Store(seed_db) as opened:
        yield opened


@pytest.fixture()
def sources_copy(tmp_path) -> Path:
    """A writable copy of data/sources, for tests that damage a document."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    return target


@pytest.fixture()
def make_window(qtbot, store, tmp_path):
    """Main windows on the seed store with throwaway settings and user state. Made active by default:
    shortcuts only reach the active window."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.settings import Settings
    from desktop.user_state import UserState
    from desktop.widgets.main_window import MainWindow

    made: list[MainWindow] = []

    def make(start=None, activate: bool = True, show: bool = True) -> MainWindow:
        settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(store, UserState.load(tmp_path / "state.json"), settings, start)
        made.append(window)
        qtbot.addWidget(window)
        if not show:  # as built, before its first paint
            return window
        window.show()
        if activate:
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window
    yield make
    from shiboken6 import isValid

    for window in made:  # while the store is open: a closing window drops the parts it has not built
        if isValid(window):  # a window the catalogue replaced is deleted already
            window.close()


@pytest.fixture()
def window(make_window):
    return make_window()
