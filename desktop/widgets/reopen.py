"""A window on a new database: after the user's documents change the catalogue, or when the database file
is replaced while the window has it open (`make db`, an upgrade, a copy over it). For the latter the window
says so and offers to reopen; it keeps reading the file it opened until then (only a file rewritten in place
can fail a read, and that is reported as "replaced", not as damage to rebuild).

Reopening makes a successor window on the new store, where the old one stood and on the same drug, and
closes the old one: every view is built afresh from the new file, with no view left holding old rows."""
from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QFileSystemWatcher, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import APP_NAME
from ..store import Store, StoreError


def successor(window, store: Store):
    """A main window on `store` in place of `window`, showing the same drug and pane; `window` is closed."""
    from ..store.links import Target
    from .main_window import MainWindow

    drug, pane = window.current_drug(), window.record.current_pane()
    window.close()  # first: it saves the user's state and the window's geometry, which the new one reads
    summary = store.drug_summary(drug) if drug else None
    # Started on the drug, as a link starts a window: it is read and shown once, not after a default one.
    new = MainWindow(store, window.user_state, window.settings, Target(drug, summary) if summary else None)
    if summary is not None:
        new.record.select_pane(pane)
    server = getattr(window, "instance_server", None)
    if server is not None:  # a second launch now reaches the new window
        server.setParent(new)
        new.instance_server = server
    new.bring_forward()  # the old window had the focus: the new one takes it, keys and all
    old_store = window.store
    window.deleteLater()
    if old_store is not store:
        old_store.close()
    return new


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

    @contextmanager
    def expected(self):
        """While DrugRef itself writes the catalogue (an add or a removal, after which the window is replaced
        anyway), a change to the file is no news to offer."""
        answered, self._answered = self._answered, True
        try:
            yield
        finally:
            self._answered = answered

    def _check(self, _path: str) -> None:
        # A rebuild is seen twice (the file and its folder): the first notice asks.
        if not self._answered and self._window.store.replaced():
            self.offer(f"{self._window.store.path} was replaced while DrugRef had it open.")

    def offer(self, reason: str) -> None:
        """Ask once at a time; Reopen shows the new file in a new window, Later keeps reading the old one."""
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
        try:
            store = Store(window.store.path)
        except StoreError as error:  # the new file is no database (yet): say why, keep the old window
            QMessageBox.warning(window, APP_NAME, str(error))
            return
        successor(window, store)
