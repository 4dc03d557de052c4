"""The user's catalogue as the window works on it: add documents (chosen, dropped or given), review, accept,
remove and undo, each step off the window's thread with a progress dialog when it takes a while, and the
window replaced by one on the new database when the catalogue changed.

One session per application, not per window: the window is replaced after every change, and a removal can
still be undone in the next one until the app closes."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from .. import APP_NAME

T = TypeVar("T")
# Work that ends sooner shows no progress dialog (the half second).
PROGRESS_AFTER_MS = 500


class _Done(QObject):
    finished = Signal()


def run_with_progress(parent: QWidget, label: str, work: Callable[[Callable[[int, int, str], None]], T]) -> T:
    """`work(progress)` on a worker thread while this thread's event loop runs (the window stays drawn and
    answers), with a progress dialog after PROGRESS_AFTER_MS. Returns its result or raises its exception."""
    outcome: dict = {}
    done = _Done()
    state = {"done": 0, "total": 0, "what": label}

    def progress(step: int, total: int, what: str) -> None:  # called from the worker: only plain values here
        state.update(done=step, total=total, what=what)

    def run() -> None:
        try:
            outcome["result"] = work(progress)
        except BaseException as error:  # re-raised on the window's thread
            outcome["error"] = error
        done.finished.emit()

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle(APP_NAME)
    dialog.setCancelButton(None)  # a half-written catalogue is never left: the step runs to its end
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_AFTER_MS)
    dialog.setAccessibleName("Progress")
    ticker = QTimer(dialog, interval=100)

    def tick() -> None:
        dialog.setMaximum(state["total"])
        dialog.setValue(min(state["done"], state["total"]))
        dialog.setLabelText(state["what"] or label)

    ticker.timeout.connect(tick)
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    worker = threading.Thread(target=run, name="drugref-catalogue", daemon=True)
    worker.start()
    ticker.start()
    loop.exec()  # a worker that already finished has queued its quit: the loop ends at once
    worker.join()
    ticker.stop()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


class CatalogueSession(QObject):
    """Adds and removes the user's documents for whichever main window is open."""

    catalogue_changed = Signal(object)  # the new main window

    def __init__(self) -> None:
        super().__init__(QApplication.instance())
        self._catalogue = None
        self.removed: list[str] = []  # documents removed, newest last: each can be put back until the app closes
        QApplication.instance().aboutToQuit.connect(self._forget_removed)

    @classmethod
    def instance(cls) -> "CatalogueSession":
        app = QApplication.instance()
        session = app.findChild(CatalogueSession)
        return session if session is not None else cls()

    @property
    def catalogue(self):
        if self._catalogue is None:
            from ..catalogue import Catalogue  # the catalogue's code loads when first used

            self._catalogue = Catalogue()
        return self._catalogue

    def choose_and_add(self, window) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(window, "Add documents", str(Path.home()),
                                                "Text documents (*.txt *.md *.text);;All files (*)")
        if files:
            self.add(window, [Path(f) for f in files])

    def add(self, window, paths: list[Path]):
        """Review `paths`, ask, and add what the user accepts; returns the new window, or None."""
        from ..catalogue import accept, review
        from .review_dialog import ReviewDialog

        plan = self._step(window, "Reading the documents…", lambda progress: review(self.catalogue, paths))
        if plan is None:
            return None
        dialog = ReviewDialog(plan, window)
        if dialog.exec() != ReviewDialog.DialogCode.Accepted:
            return None
        changes = self._step(window, "Adding to your catalogue…", lambda progress: accept(self.catalogue, plan, progress))
        return None if changes is None else self._reopen(window, changes)

    def remove(self, window, name: str):
        from ..catalogue import remove

        changes = self._step(window, f"Removing {name}…", lambda progress: remove(self.catalogue, name, progress))
        if changes is None:
            return None
        self.removed.append(name)
        return self._reopen(window, changes)

    def undo_remove(self, window):
        from ..catalogue import restore

        if not self.removed:
            return None
        name = self.removed[-1]
        changes = self._step(window, f"Putting {name} back…", lambda progress: restore(self.catalogue, name, progress))
        if changes is None:
            return None
        self.removed.pop()
        return self._reopen(window, changes)

    def _forget_removed(self) -> None:
        """The undo ends with the app: the copies kept for it go."""
        if self.removed:
            from ..catalogue import forget_removed

            forget_removed(self.catalogue)

    def _step(self, window, label: str, work):
        from ..catalogue import CatalogueError

        try:
            with window.database_watch().expected():
                result = run_with_progress(window, label, work)
                QApplication.processEvents()  # the watcher's notices of our own write arrive while still expected
                return result
        except CatalogueError as error:
            QMessageBox.warning(window, APP_NAME, str(error))
            return None

    def _reopen(self, window, changes):
        from ..store import Store
        from .reopen import successor

        new = successor(window, Store(self.catalogue.database_to_open()))
        new.show_changes(changes)
        self.catalogue_changed.emit(new)
        return new
