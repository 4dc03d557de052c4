"""`make bench`: time what users wait for, print a table, write build/bench.json.

Figures (milliseconds unless the name says otherwise), each the median or p95 of repeated runs:
  build_seed_ms            build the seed database (in-process, to a temp file)
  sheet_pdf_ms_seed        render one drug's summary sheet to PDF (median over the seed drugs)
  show_drug_ms_seed        select a drug → every pane filled
  search_keystroke_p95_ms_seed  work done per keystroke (query + result list update), debounce excluded
  grid_open_ms_seed, grid_sort_p95_ms_seed, grid_filter_p95_ms_seed
  startup_ratio_seed       cold `drugref --quit-after-startup` ÷ a bare PySide6 window painted once,
                           alternating runs, median of 7 each
  peak_rss_mib_seed        the benchmark process's peak resident memory after the runs above
When dist/drugref exists (after `make package`):
  package_mib, floor_mib, package_ratio   the one-folder build's size, that of a minimal PySide6 +
                           qtawesome window frozen with the same settings, and their ratio
  startup_ms_frozen, startup_ratio_frozen the frozen app's cold start, and ÷ the bare window

Timed in-process with time.perf_counter; never part of `make test`.
"""
from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop import paths  # noqa: E402
from desktop.store import Store, TrialQuery, build_database  # noqa: E402

BUDGETS = {  # from issue 6; seed figures where the issue names the seed
    "build_seed_ms": 1000,
    "sheet_pdf_ms_seed": 500,
    "show_drug_ms_seed": 50,
    "search_keystroke_p95_ms_seed": 16,
    "grid_sort_p95_ms_seed": 150,
    "grid_filter_p95_ms_seed": 100,
    "startup_ratio_seed": 1.6,
    "package_ratio": 1.15,
}
QUERIES = ["aldesleukin", "NKTR-214", "melanoma", "ALKS 4230", "NCT05727904", "renal cell", "pembrolizumab", "Tregs"]

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
class Quit(QObject):
    def eventFilter(self, w, e):
        if e.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.instance().quit)
        return False
app = QApplication(sys.argv)
window = QMainWindow(); label = QLabel("bare"); window.setCentralWidget(label); window.show()
label.installEventFilter(Quit(label))
sys.exit(app.exec())
"""


def timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def bench_build(results: dict) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        samples = timed(lambda: build_database(paths.sources_dir(), Path(scratch) / "seed.sqlite"), 5)
    results["build_seed_ms"] = statistics.median(samples)


def bench_gui(store: Store, results: dict) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from desktop.app import create_application
    from desktop.settings import Settings
    from desktop.sheet import data_note
    from desktop.sheet.content import SheetOptions
    from desktop.sheet.render import write_pdf
    from desktop.user_state import UserState
    from desktop.widgets.main_window import MainWindow

    app = create_application([])
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        note = data_note(store)
        sheet = []
        for drug in store.drugs():
            record = store.drug(drug.id)
            sheet += timed(lambda: write_pdf(record, SheetOptions(), scratch / "sheet.pdf", note), 5)
        results["sheet_pdf_ms_seed"] = statistics.median(sheet)

        window = MainWindow(store, UserState(scratch / "state.json"), Settings(QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat)))
        window.show()
        app.processEvents()
        ids = [d.id for d in store.drugs()]
        show = []
        for _ in range(5):
            for drug_id in ids:
                show += timed(lambda: (window.show_drug(drug_id), app.processEvents()), 1)
        results["show_drug_ms_seed"] = statistics.median(show)

        keystrokes = []
        field = window.search.field
        for query in QUERIES:
            field.clear()
            app.processEvents()
            for char in query:
                started = time.perf_counter()
                QTest.keyClicks(field, char)
                window.search.run_query()  # what the debounce timer runs once typing pauses
                app.processEvents()
                keystrokes.append((time.perf_counter() - started) * 1000)
        results["search_keystroke_p95_ms_seed"] = p95(keystrokes)

        grid = window.trials
        model = grid.model
        results["grid_open_ms_seed"] = statistics.median(timed(lambda: model.set_query(TrialQuery()), 5))
        sorts = []
        for column in range(model.columnCount()):
            for order in (0, 1):
                from PySide6.QtCore import Qt

                sorts += timed(lambda: model.sort(column, Qt.SortOrder(order)), 3)
        results["grid_sort_p95_ms_seed"] = p95(sorts)
        filters = []
        for text in ("melanoma", "phase", "germany", "NCT0", "renal cell carcinoma"):
            filters += timed(lambda: model.set_query(TrialQuery(text=text)), 3)
        for status in store.trial_statuses():
            filters += timed(lambda: model.set_query(TrialQuery(status=status)), 3)
        results["grid_filter_p95_ms_seed"] = p95(filters)
        window.close()


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def median_start(argv: list[str], env: dict, runs: int = 7) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, cwd=REPO, env=env, check=True, capture_output=True)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def bench_package(results: dict) -> None:
    """Size against the frozen floor, and frozen start-up, when `make package` has built dist/."""
    app = REPO / "dist" / "drugref"
    if not (app / "drugref").is_file():
        return
    floor_dist = REPO / "build" / "floor" / "dist"
    subprocess.run([str(REPO / ".venv" / "bin" / "pyinstaller"), "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(floor_dist), "--workpath", str(REPO / "build" / "floor" / "work"),
                    str(REPO / "bench" / "floor" / "floor.spec")], check=True, capture_output=True)
    results["package_mib"] = folder_mib(app)
    results["floor_mib"] = folder_mib(floor_dist / "floor")
    results["package_ratio"] = results["package_mib"] / results["floor_mib"]
    with tempfile.TemporaryDirectory() as home:
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        results["startup_ms_frozen"] = median_start([str(app / "drugref"), "--quit-after-startup"], env)
        results["startup_ms_floor_frozen"] = median_start([str(floor_dist / "floor" / "floor"), "--quit-after-startup"], env)
    if "bare_window_ms" in results:
        results["startup_ratio_frozen"] = results["startup_ms_frozen"] / results["bare_window_ms"]


def bench_startup(db: Path, results: dict) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as home:
        env.update(HOME=home, XDG_CONFIG_HOME=str(Path(home) / "config"))
        app_runs, bare_runs = [], []
        command = [sys.executable, "-m", "desktop", "--db", str(db), "--quit-after-startup"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        for _ in range(7):  # alternate, so machine load affects both alike
            for runs, argv in ((app_runs, command), (bare_runs, bare)):
                started = time.perf_counter()
                subprocess.run(argv, cwd=REPO, env=env, check=True, capture_output=True)
                runs.append((time.perf_counter() - started) * 1000)
    results["startup_ms_seed"] = statistics.median(app_runs)
    results["bare_window_ms"] = statistics.median(bare_runs)
    results["startup_ratio_seed"] = results["startup_ms_seed"] / results["bare_window_ms"]


def main() -> int:
    db = paths.bundled_database()
    results: dict[str, float] = {}
    bench_build(results)
    with Store(db) as store:
        bench_gui(store, results)
    bench_startup(db, results)
    bench_package(results)
    results["peak_rss_mib_seed"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = REPO / "build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    report = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
              "results": {k: round(v, 3) for k, v in results.items()}}
    temp = out.with_suffix(".tmp")
    temp.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    temp.replace(out)
    print(f"{'figure':<32}{'value':>10}  {'budget':>8}")
    failed = []
    for key, value in results.items():
        budget = BUDGETS.get(key)
        mark = "" if budget is None else ("ok" if value <= budget else "OVER")
        if mark == "OVER":
            failed.append(key)
        print(f"{key:<32}{value:>10.2f}  {'' if budget is None else budget:>8}  {mark}")
    print(f"\nwrote {out.relative_to(REPO)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
