"""QApplication set-up: names, style, colour scheme, open the store, show the main window.

`--quit-after-startup` exits 0 once the window has painted with its list filled (smoke tests
and start-up benchmarks); a database problem then exits 1 with the message on stderr, and a link that
points at nothing (`drugref drugref://drug/nosuch`) exits 2 with the message on stderr. Without it, such
a link still opens the window, with the message in the status bar.

`drugref open TERM…` and `drugref drugref://…` (what `Exec=drugref %U` passes) start on the record the
term or link names (desktop.store.links).
"""
from __future__ import annotations

import argparse
import gc
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from . import APP_ID, APP_NAME, __version__, paths
from .names import for_qt, untext_problem
from .settings import Settings, user_state_path
from .single_instance import hand_over, listen, socket_path
from .store import Store, StoreError, StoreReplaced
from .theme import apply_color_scheme
from .user_state import UserState

if TYPE_CHECKING:
    from .store.links import Target


def _catalogue_database() -> Path:
    """The user's catalogue once they have added documents, else the bundled database (read only without
    --db). After an upgrade (new bundled sources or a new schema) the catalogue is built again from their
    documents first, with progress; if that fails the user is told why and the bundled database opens."""
    from .catalogue import Catalogue, CatalogueError

    catalogue = Catalogue()
    if not catalogue.needs_rebuild():
        return catalogue.database_to_open()
    from .widgets.catalogue_session import run_with_progress

    try:
        run_with_progress(None, "Building your catalogue again for this version of DrugRef…", catalogue.rebuild)
    except CatalogueError as error:
        print(f"drugref: {error}", file=sys.stderr)
        _critical(f"{APP_NAME} could not rebuild your catalogue",
                  f"{error}\n\nThe bundled sources open instead; your documents are kept in {catalogue.sources_dir}.")
        return paths.bundled_database()
    return catalogue.database_to_open()


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="drugref", add_help=False)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--quit-after-startup", action="store_true")
    parser.add_argument("--color-scheme", choices=("system", "light", "dark"), default="system")
    parser.add_argument("words", nargs="*")
    # Unknown options pass through; Qt's own (-platform …) are gone from QApplication.arguments().
    args, unknown = parser.parse_known_intermixed_args(list(argv))
    args.qt_options = unknown
    return args


def words_left_by_qt(words: Sequence[str], argv: Sequence[str], left: Sequence[str]) -> list[str]:
    """The words Qt left once it took its own options out: `-platform offscreen` is an option and its value,
    not the term "offscreen". What Qt took is argv less what it left; taking that from the words removes
    the option values, and only as many of a word as Qt took."""
    taken = Counter(argv) - Counter(left)
    kept = []
    for word in words:
        if taken[word]:
            taken[word] -= 1
        else:
            kept.append(word)
    return kept


def requested_text(words: Sequence[str]) -> str | None:
    """What `open TERM…` or a bare link asks for; None for a plain start. ValueError says what is wrong."""
    if not words:
        return None
    from .store.links import is_link  # a plain start does not load the link resolver

    if words[0] == "open":
        term = " ".join(words[1:]).strip()
        if not term:
            raise ValueError("open needs a term: a name, code name, ID, trial ID, search text or drugref:// link")
        return term
    if is_link(words[0]):
        return words[0]  # a desktop may pass several links; the window opens on the first
    raise ValueError(f"unknown command {words[0]!r}; see drugref --help")


def create_application(argv: Sequence[str], color_scheme: str = "system") -> QApplication:
    app = QApplication.instance() or QApplication(for_qt([sys.argv[0], *argv]))
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # Wayland matches the window to the .desktop entry by this name
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / f"{APP_ID}.svg")))
    app.setStyle("Fusion")  # one look everywhere, and it follows the light/dark colour scheme
    apply_color_scheme(app, color_scheme)
    return app


def _serve(window, db_path: Path | None) -> None:
    """Listen for second launches: `db_path` is --db, or None for the user's catalogue."""
    # The request goes to whichever window is open then: reopening a database replaces the window.
    window.instance_server = listen(socket_path(db_path), window,
                                    lambda words: _open_request(window.instance_server.parent(), words))


def _critical(title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # only for errors: off the start-up path

    QMessageBox.critical(None, title, *for_qt([text]))


def _replaced_database_watch():
    """The open window's offer to reopen a replaced database, once it has been set up."""
    for widget in QApplication.topLevelWidgets():
        if (watch := getattr(widget, "replaced_database", None)) is not None:
            return watch
    return None


def _report_errors(window_title: str) -> None:
    """Errors raised inside Qt slots get a message box, not a silent traceback on a terminal nobody sees."""
    previous = sys.excepthook

    def hook(kind, error, trace) -> None:
        previous(kind, error, trace)  # keep the full report on stderr for a bug report
        if isinstance(error, StoreReplaced) and (watch := _replaced_database_watch()) is not None:
            watch.offer(str(error))
        elif isinstance(error, StoreError):
            _critical(window_title, str(error))
        elif not isinstance(error, KeyboardInterrupt):
            _critical(window_title, f"Something went wrong: {error}\n\nDetails were written to the terminal.")

    sys.excepthook = hook


def _start_of(store: Store, request: str | None) -> tuple[Target | None, str | None]:
    """What the window starts on, or why a link names nothing."""
    if request is None:
        return None, None
    from .store.links import LinkError, resolve

    try:
        return resolve(store, request), None
    except LinkError as error:
        return None, str(error)


def _open_request(window, words: list[str]) -> None:
    """What a second launch asked of this window (see desktop.single_instance): open it, and come forward."""
    try:
        request = requested_text(words)
    except ValueError as error:
        window.statusBar().showMessage(str(error))
    else:
        start, problem = _start_of(window.store, request)
        if start is not None:
            window.open_target(start)
        if problem:
            window.statusBar().showMessage(problem[:1].upper() + problem[1:])
    window.bring_forward()


def run_app(argv: Sequence[str]) -> int:
    args = parse_gui_args(argv)
    # Before Qt sees them: a term that is not text names nothing (and the --db path, bytes, is fine).
    problem = untext_problem(("argument", word) for word in args.words)
    if problem:
        print(f"drugref: {problem}", file=sys.stderr)
        return 2
    # A window already open on this database takes the request. Not for --quit-after-startup (a start-up
    # measure) nor with Qt's own options, which only a window of this launch's own could honour.
    if not args.quit_after_startup and not args.qt_options:
        try:
            requested_text(args.words)
        except ValueError:
            pass  # this launch reports it, below
        else:
            if hand_over(socket_path(args.db), args.words):
                return 0
    ours = QApplication.instance() is None
    app = create_application(argv, args.color_scheme)
    words = words_left_by_qt(args.words, argv, app.arguments()[1:]) if ours else args.words
    try:
        request = requested_text(words)
    except ValueError as error:
        print(f"drugref: {error}", file=sys.stderr)
        return 2
    db_path = args.db or _catalogue_database()
    try:
        store = Store(db_path)
    except StoreError as error:
        print(f"drugref: {error}", file=sys.stderr)
        if not args.quit_after_startup:
            _critical(f"{APP_NAME} cannot open its data", str(error))
        return 1
    start, problem = _start_of(store, request)
    if problem:
        print(f"drugref: {problem}", file=sys.stderr)
        if args.quit_after_startup:
            store.close()
            return 2
    from .widgets.main_window import MainWindow  # after the store: a bad database fails fast

    if not args.quit_after_startup:
        _report_errors(APP_NAME)
    state = UserState.load(user_state_path())
    window = MainWindow(store, state, Settings(), start)
    # What start-up made lives as long as the app: later collections (and the one at exit) skip it.
    gc.freeze()
    gc.enable()
    window.show()
    if problem:  # over the user state's notices, which the window has shown: the link is what was asked
        window.statusBar().showMessage(problem[:1].upper() + problem[1:])
    if not args.quit_after_startup:
        window.first_painted.connect(lambda: _serve(window, args.db))
    else:
        # Start-up ends with the first paint, which draws the filled drug list (or a start's search
        # results): quit before any part queued for after it is built.
        window.first_painted.connect(lambda: app.exit(0))
    code = app.exec()
    store.close()
    return code
