"""Where start-up time goes, phase by phase, in one warm process (used for docs/PERFORMANCE.md).

    .venv/bin/python bench/startup_phases.py [DATABASE]
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

marks = [("start", time.perf_counter())]
from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402,F401  what the bare window imports too
marks.append(("import PySide6 QtCore/QtGui/QtWidgets", time.perf_counter()))
import desktop.app  # noqa: E402,F401  timed: the window-side modules
marks.append(("import DrugRef's window-side modules", time.perf_counter()))
from PySide6.QtCore import QSettings  # noqa: E402

from desktop import paths  # noqa: E402
from desktop.app import create_application  # noqa: E402
from desktop.settings import Settings  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.user_state import UserState  # noqa: E402

app = create_application([])
marks.append(("QApplication and style", time.perf_counter()))
store = Store(Path(sys.argv[1]) if len(sys.argv) > 1 else paths.bundled_database())
from desktop.widgets.main_window import MainWindow  # noqa: E402
marks.append(("open the store, import the window module", time.perf_counter()))
with tempfile.TemporaryDirectory() as scratch:
    window = MainWindow(store, UserState(Path(scratch) / "state.json"),
                        Settings(QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)))
    marks.append(("build the window (the first frame's parts)", time.perf_counter()))
    window.first_painted.connect(lambda: app.exit(0))  # as `--quit-after-startup` does
    window.show()
    app.exec()
    marks.append(("show and first paint", time.perf_counter()))
    window.finish_building()
    marks.append(("after the first paint: the rest (not in start-up)", time.perf_counter()))
for (_, before), (name, after) in zip(marks, marks[1:]):
    print(f"{name:52} {1000 * (after - before):6.0f} ms")
