"""Small helpers shared by test modules (pytest puts this folder on sys.path)."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def one(items, what: str):
    """The single item of `items`, with a message that lists them when there are none or several."""
    assert len(items) == 1, f"expected exactly one {what}, found {len(items)}: {items!r}"
    return items[0]


def corrupt_copy(database: Path, table: str, target: Path) -> Path:
    """A copy of `database` whose `table` root page is overwritten: it opens, but reading that table fails."""
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    connection.close()
    data = bytearray(database.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xff" * page_size
    target.write_bytes(bytes(data))
    return target


def nearest_by_scan(connection: sqlite3.Connection, word: str) -> str | None:
    """"Did you mean" the slow, obvious way: the edit distance to every vocabulary word (one edit under
    six letters, else two), ties to the word in most documents, then alphabetical."""
    from desktop.store.search import edit_distance

    allowed = 1 if len(word) < 6 else 2
    best = None
    for candidate, documents in connection.execute("SELECT word, documents FROM vocabulary"):
        distance = edit_distance(word, candidate, allowed)
        if distance <= allowed and (best is None or (distance, -documents, candidate) < best):
            best = (distance, -documents, candidate)
    return best[2] if best else None


def painted(widget) -> list[tuple[str, str]]:
    """(colour, text) of each string a widget draws, in the order it draws them: it paints into an SVG, whose
    text stays text with its fill colour."""
    import re
    from xml.sax.saxutils import unescape

    from PySide6.QtCore import QBuffer, QIODevice, QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    painter = QPainter(generator)
    widget.render(painter, QPoint())
    painter.end()
    svg = bytes(buffer.data()).decode("utf-8")
    return [(colour, unescape(text, {"&quot;": '"', "&apos;": "'"}))
            for colour, text in re.findall(r'<text fill="(#[0-9a-f]{6})"[^>]*>([^<]*)</text>', svg)]


def painted_text(widget) -> list[str]:
    return [text for _, text in painted(widget)]


def run_window(argv: list[str], folder: Path, monkeypatch, then) -> int:
    """`desktop.app.run_app(argv)` in this process, as a launch runs it, with settings and user state in
    `folder`: `then(window)` runs inside its event loop once the window is on screen (a test waits there with
    qtbot.waitUntil), then every window is closed, which ends run_app. Returns run_app's exit code; what `then`
    raised is raised here (inside the loop, the app's own error hook would show it in a dialog)."""
    import sys

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop import app
    from desktop.settings import Settings
    from desktop.widgets.main_window import MainWindow

    monkeypatch.setattr(app, "user_state_path", lambda: folder / "state.json")
    monkeypatch.setattr(app, "Settings", lambda: Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own; ours comes back after
    raised: list[BaseException] = []

    def windows() -> list:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

    def poll() -> None:  # until run_app has made its window
        if not windows():
            return
        timer.stop()
        try:
            then(windows()[0])
        except BaseException as error:  # noqa: BLE001 - re-raised once run_app has returned
            raised.append(error)
        for window in windows():  # the last window closed: exec() returns (app.exit() would upset later loops)
            window.close()

    timer = QTimer(interval=10)
    timer.timeout.connect(poll)
    timer.start()
    code = app.run_app(argv)
    timer.stop()
    if raised:
        raise raised[0]
    return code


def pdf_text(path: Path) -> str:
    """A PDF's text, its runs of white space made one space."""
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def accepting_print_dialog(target: Path):
    """A stand-in for QPrintDialog that accepts at once, sending the job to the PDF file `target`."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    class Accepting:
        def __init__(self, printer: QPrinter, parent=None) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))

        def exec(self) -> QPrintDialog.DialogCode:
            return QPrintDialog.DialogCode.Accepted
    return Accepting
