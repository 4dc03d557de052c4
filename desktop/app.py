"""QApplication set-up: names, style, colour scheme, open the store, show the main window.

`--quit-after-startup` exits 0 once the window has painted with the drug list filled (smoke tests
and start-up benchmarks); a database problem then exits 1 with the message on stderr.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from . import APP_ID, APP_NAME, __version__, paths
from .settings import Settings, user_state_path
from .store import Store, StoreError
from .theme import apply_color_scheme
from .user_state import UserState


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="drugref", add_help=False)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--quit-after-startup", action="store_true")
    parser.add_argument("--color-scheme", choices=("system", "light", "dark"), default="system")
    args, _unknown = parser.parse_known_args(list(argv))  # Qt's own options (-platform …) pass through
    return args


class _FirstPaint(QObject):
    """Quits the application after the first paint of the watched widget."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Start-up ends here: quit before anything queued for after the first paint (icons) runs.
            QApplication.instance().exit(0)
        return False


def create_application(argv: Sequence[str], color_scheme: str = "system") -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # Wayland matches the window to the .desktop entry by this name
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / f"{APP_ID}.svg")))
    app.setStyle("Fusion")  # one look everywhere, and it follows the light/dark colour scheme
    apply_color_scheme(app, color_scheme)
    return app


def _report_errors(window_title: str) -> None:
    """Errors raised inside Qt slots get a message box, not a silent traceback on a terminal nobody sees."""
    previous = sys.excepthook

    def hook(kind, error, trace) -> None:
        previous(kind, error, trace)  # keep the full report on stderr for a bug report
        if isinstance(error, StoreError):
            QMessageBox.critical(None, window_title, str(error))
        elif not isinstance(error, KeyboardInterrupt):
            QMessageBox.critical(None, window_title, f"Something went wrong: {error}\n\nDetails were written to the terminal.")

    sys.excepthook = hook


def run_app(argv: Sequence[str]) -> int:
    args = parse_gui_args(argv)
    app = create_application(argv, args.color_scheme)
    db_path = args.db or paths.bundled_database()
    try:
        store = Store(db_path)
    except StoreError as error:
        print(f"drugref: {error}", file=sys.stderr)
        if not args.quit_after_startup:
            QMessageBox.critical(None, f"{APP_NAME} cannot open its data", str(error))
        return 1
    from .widgets.main_window import MainWindow  # after the store: a bad database fails fast

    if not args.quit_after_startup:
        _report_errors(APP_NAME)
    state = UserState.load(user_state_path())
    window = MainWindow(store, state, Settings())
    window.show()
    if state.problem:
        window.statusBar().showMessage(state.problem, 10000)
    if args.quit_after_startup:
        watcher = _FirstPaint(window)
        window.drug_list.viewport().installEventFilter(watcher)
    code = app.exec()
    store.close()
    return code
