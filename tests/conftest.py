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
def seed_trial_count(corpus) -> int:
    """How many distinct trials the three source documents list, counted from what the readers read, not
    from the store, so a store that merges two trials or drops one fails the tests that use this.

    A trial's identity is the rule the README states and ingest.merge applies: within one drug, a registry
    number (NCT or EU) is one trial, whatever entries give it; a trial named without a number (PIVOT-02,
    ARTISTRY-7) is one per name; an entry with neither (a MedPath table row, an ongoing study without an ID)
    is a trial of its own. Two simplifications, neither reached by the seeds: the drug is the name its
    document gives (the store also joins documents by code name or identifier; the seeds name three drugs
    once each), and a name shared by two unnumbered entries counts once (the store keeps both when the name
    has two namesakes). Merging a document's own mentions (the drug page's table row and prose for one
    trial) is the reader's, and test_ingest_* check each document's list against its lines."""
    identities: set[tuple] = set()
    for extraction in corpus.extractions:
        drug = extraction.drug_name.casefold()
        for index, trial in enumerate(extraction.trials):
            numbers = [n for n in (trial.trial_id, *trial.other_ids) if n]
            if numbers:
                known = [i for i in identities if i[:2] == (drug, "number") and i[2] in numbers]
                identities.add(known[0] if known else (drug, "number", numbers[0]))
            elif trial.programme:
                identities.add((drug, "name", trial.programme.casefold()))
            else:
                identities.add((extraction.source, "entry", index))
    return len(identities)


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
