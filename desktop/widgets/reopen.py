"""When the database file is replaced while the window has it open (`make db`, an upgrade, a copy over it):
say so and offer to reopen — DrugRef starts again on the new file, on the same drug. The window keeps
reading the file it opened until then; only a file rewritten in place can fail a read, and that is
reported as "replaced", not as damage to rebuild."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QProcess
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import APP_NAME


def relaunch_command(db_path: Path, drug_id: str | None) -> tuple[str, list[str]]:
    """The program and arguments that start DrugRef again on `db_path`, showing `drug_id`."""
    words = ["--db", str(db_path)] + ([f"drugref://drug/{drug_id}"] if drug_id else [])
    if getattr(sys, "frozen", False):  # the packaged app is its own executable
        return sys.executable, words
    return sys.executable, ["-m", "desktop", *words]


class ReplacedDatabase(QObject):
    """Watches the window's database file and offers to reopen it once it has been replaced."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._asking = False
        self._answered = False  # the watch asks once; a read that fails on the new file asks again
        path = window.store.path
        # The folder too: a rebuild renames a new file over the old, and the file's own watch ends with it.
        self._watcher = QFileSystemWatcher([str(path), str(path.parent)], self)
        self._watcher.fileChanged.connect(self._check)
        self._watcher.directoryChanged.connect(self._check)

    def _check(self, _path: str) -> None:
        # A rebuild is seen twice (the file and its folder): the first notice asks.
        if not self._answered and self._window.store.replaced():
            self.offer(f"{self._window.store.path} was replaced while DrugRef had it open.")

    def offer(self, reason: str) -> None:
        """Ask once at a time; Reopen starts DrugRef again on the new file, Later keeps reading the old one."""
        if self._asking:
            return
        self._asking = True
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME,
                          f"{reason}\n\nReopen it to read the new database? Until then this window shows the "
                          "database as it was when opened.", parent=self._window)
        reopen = box.addButton("Reopen", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        self._asking = False
        self._answered = True
        if box.clickedButton() is reopen:
            self.reopen()

    def reopen(self) -> None:
        window = self._window
        server = getattr(window, "instance_server", None)
        if server is not None:
            server.close()  # else the new DrugRef would hand its request back to this one
        program, arguments = relaunch_command(window.store.path, window.current_drug())
        QProcess.startDetached(program, arguments)
        window.close()
