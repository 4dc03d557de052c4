"""`make bench`: time what users wait for, on the seed database and on a 10,000-drug / 500,000-trial
synthetic catalogue; print a table and write build/bench.json.

Figures (milliseconds unless the name says otherwise); `X_seed` and `X_large` for each, `X` = `X_large`:
  build_seed_ms, build_large_s       build the database (seed in-process; large via `build-db --synthetic`)
  startup_ratio                      cold `drugref --quit-after-startup` ÷ a bare PySide6 window painted once,
                                     alternating runs, median of 7 each (and the frozen app when dist/ exists)
  search_keystroke_p95_ms            per keystroke of realistic queries: key press → query → result list painted
                                     (the debounce wait is excluded: it is a deliberate pause, not work)
  grid_open_ms, grid_sort_p95_ms (every column, both directions), grid_filter_p95_ms, grid_scroll_fps
  show_drug_ms                       select a drug → every pane filled (median over drugs, incl. the largest)
  sheet_pdf_ms                       one drug's summary sheet to PDF
  peak_rss_mib                       the app process's peak memory after the runs above
  add_document_ms                    add one real document (tests/corpus/mono_ipilimumab.txt) to a new personal
                                     catalogue seeded from the database: review + accept, median of 3 (in-process;
                                     add_document_copy_ms: the part of it that copies the database file)
  add_registry_page_ms               add a generated page of 1,000 synthetic registry records (bench/registry_page.py)
                                     to a new personal catalogue seeded from each database: review + accept, median of 3
  package_mib, floor_mib, package_ratio, startup_ms_frozen   when dist/drugref exists
Each GUI run is a separate process (`bench.py --gui DB`), so peak memory is that database's alone.
"""
from __future__ import annotations

import json
import os
import platform
import random
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
PYTHON = sys.executable
LARGE = REPO / "build" / "large.sqlite"
LARGE_SIZE = (10_000, 500_000)

BUDGETS = {
    "startup_ratio_seed": 1.6,
    "startup_ratio": 2.0,
    "search_keystroke_p95_ms": 16,
    "grid_sort_p95_ms": 150,
    "grid_filter_p95_ms": 100,
    "show_drug_ms": 50,
    "sheet_pdf_ms_seed": 500,
    "build_seed_ms": 1000,
    "build_large_s": 120,
    "add_document_ms_seed": 1000,
    "add_document_ms_large": 5000,
    "add_registry_page_ms_seed": 5000,
    "add_registry_page_ms_large": 5000,
    "peak_rss_mib": 250,
    "package_ratio": 1.15,
}
QUERIES = ["aldesleukin", "NKTR-214", "melanoma", "ALKS 4230", "NCT05727904", "renal cell", "pembrolizumab",
           "Tregs", "lung cancer", "phase 2", "breast", "germany"]
BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
class Quit(QObject):
    def eventFilter(self, w, e):
        if e.type() == QEvent.Type.Paint:
            QApplication.instance().exit(0)
        return False
app = QApplication(sys.argv)
window = QMainWindow(); label = QLabel("bare"); window.setCentralWidget(label); window.show()
label.installEventFilter(Quit(label))
sys.exit(app.exec())
"""


def timed(function, repeat: int = 1) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


# ---- in the GUI process ------------------------------------------------------------------------------

def gui_figures(db: Path) -> dict:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from desktop.app import create_application
    from desktop.settings import Settings
    from desktop.sheet import data_note
    from desktop.sheet.content import SheetOptions
    from desktop.sheet.render import write_pdf
    from desktop.store import Store, TrialQuery
    from desktop.user_state import UserState
    from desktop.widgets.main_window import MainWindow

    results: dict[str, float] = {}
    app = create_application([])
    store = Store(db)
    rng = random.Random(1)
    drugs = store.drugs()
    biggest = max(drugs[:200], key=lambda d: store.count_trials(TrialQuery(drug_id=d.id)))
    sample = [biggest] + rng.sample(drugs, min(len(drugs), 9))
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        notes = {drug.id: data_note(store, store.drug(drug.id).sources) for drug in sample[:3]}
        results["sheet_pdf_ms"] = statistics.median(
            [t for drug in sample[:3]
             for t in timed(lambda: write_pdf(store.drug(drug.id), SheetOptions(), scratch / "s.pdf", notes[drug.id]), 3)]
        )
        window = MainWindow(store, UserState(scratch / "state.json"),
                            Settings(QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat)))
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        window.finish_building()  # the parts built after the first paint (icons too) are not in what is timed
        app.processEvents()
        window.show_drug(sample[-1].id)  # the panes' first layout and font loading happen once, at start-up
        app.processEvents()
        results["show_drug_ms"] = statistics.median(
            [t for _ in range(3) for drug in sample for t in timed(lambda: (window.show_drug(drug.id), app.processEvents()))]
        )
        keystrokes = []
        field = window.search.field
        for query in QUERIES:
            field.clear()
            app.processEvents()
            for char in query:
                started = time.perf_counter()
                QTest.keyClicks(field, char)
                window.search.run_query()  # what the debounce timer runs when typing pauses
                app.processEvents()
                keystrokes.append((time.perf_counter() - started) * 1000)
        results["search_keystroke_p95_ms"] = p95(keystrokes)
        field.clear()
        window.show_view("trials")
        app.processEvents()
        grid = window.trials
        model = grid.model
        results["grid_open_ms"] = statistics.median(timed(lambda: (model.set_query(TrialQuery()), app.processEvents()), 3))
        sorts = []
        for column in range(model.columnCount()):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                sorts += timed(lambda: (model.sort(column, order), app.processEvents()))
        results["grid_sort_p95_ms"] = p95(sorts)
        filters = []
        for text in ("melanoma", "germany", "phase", "lung cancer", "NCT1"):
            filters += timed(lambda: (model.set_query(TrialQuery(text=text)), app.processEvents()))
        for status in store.trial_statuses():
            filters += timed(lambda: (model.set_query(TrialQuery(status=status)), app.processEvents()))
        for phase in store.trial_phases():
            filters += timed(lambda: (model.set_query(TrialQuery(phase=phase)), app.processEvents()))
        for drug in sample[:5]:
            filters += timed(lambda: (model.set_query(TrialQuery(drug_id=drug.id)), app.processEvents()))
        results["grid_filter_p95_ms"] = p95(filters)
        model.set_query(TrialQuery())
        app.processEvents()
        bar = grid.view.verticalScrollBar()
        steps, started = 0, time.perf_counter()
        for value in range(0, bar.maximum(), max(1, bar.maximum() // 150)):
            bar.setValue(value)
            grid.view.viewport().repaint()
            app.processEvents()
            steps += 1
        results["grid_scroll_fps"] = steps / max(time.perf_counter() - started, 1e-9)
        window.close()
    results["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


# ---- adding a document to the personal catalogue ---------------------------------------------------

ADDED_DOCUMENT = REPO / "tests" / "corpus" / "mono_ipilimumab.txt"


def _accept_ms(db: Path, document, check, beside=None) -> float:
    """Median of 3 reviews + accepts of `document(scratch)` into a fresh catalogue whose bundled database is `db`
    (the catalogue copies it beside itself and re-writes there, desktop.catalogue); `check(changes)` holds what
    the add must have done, and `beside(scratch)` runs after each add. The scratch folder is under build/, on
    the disk a real data folder would be on (/tmp may be memory)."""
    from unittest import mock

    from desktop.catalogue import Catalogue, accept, review

    samples = []
    with mock.patch.dict(os.environ, DRUGREF_DB=str(db)):  # the catalogue's bundled database
        for _ in range(3):
            with tempfile.TemporaryDirectory(dir=REPO / "build") as scratch:
                path = document(Path(scratch))
                catalogue = Catalogue(Path(scratch) / "data")
                started = time.perf_counter()
                changes = accept(catalogue, review(catalogue, [path]))
                samples.append((time.perf_counter() - started) * 1000)
                check(changes)
                if beside:
                    beside(Path(scratch))
    return statistics.median(samples)


def add_document_figures(db: Path) -> dict:
    """One real document added; and, apart, the time of copying the database alone."""
    import shutil

    def added(changes) -> None:
        assert changes.new_drugs == ["Ipilimumab"], changes

    copies = []
    ms = _accept_ms(db, lambda _: ADDED_DOCUMENT, added,
                    lambda scratch: copies.extend(timed(lambda: shutil.copyfile(db, scratch / "copy.sqlite"))))
    return {"add_document_ms": ms, "add_document_copy_ms": statistics.median(copies)}


def add_registry_page_ms(db: Path) -> float:
    """A generated page of 1,000 registry records added."""
    from registry_page import write_page

    def added(changes) -> None:
        assert len(changes.new_trials) == 1000, len(changes.new_trials)

    return _accept_ms(db, lambda scratch: write_page(scratch / "studies.json"), added)


# ---- in the orchestrating process --------------------------------------------------------------------

def run_gui(db: Path) -> dict:
    done = subprocess.run([PYTHON, __file__, "--gui", str(db)], cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def startup(db: Path | None, frozen: Path | None = None) -> tuple[float, float]:
    """Median cold start of the app and of the bare window, alternating runs (7 each).

    A frozen app starts on the database it carries (`db` None). The package is compiled first, as an
    installed one is: a checkout run with PYTHONDONTWRITEBYTECODE (or just edited) would otherwise
    time compiling its changed modules on every start."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "desktop")], check=True)
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": str(Path(home) / "config"), "QT_QPA_PLATFORM": "offscreen"}
        command = [str(frozen)] if frozen else [PYTHON, "-m", "desktop"]
        app, bare = [], []
        for _ in range(7):
            database = ["--db", str(db)] if db else []
            for runs, argv in ((app, [*command, *database, "--quit-after-startup"]), (bare, [PYTHON, "-c", BARE_WINDOW])):
                started = time.perf_counter()
                subprocess.run(argv, cwd=REPO, env=env, check=True, capture_output=True)
                runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(app), statistics.median(bare)


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def package_figures(results: dict) -> None:
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
    results["startup_ms_frozen"], bare = startup(None, app / "drugref")
    results["startup_ratio_frozen"] = results["startup_ms_frozen"] / bare


def main() -> int:
    from desktop import paths
    from desktop.store import build_database

    seed_db = paths.bundled_database()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        results["build_seed_ms"] = statistics.median(timed(lambda: build_database(paths.sources_dir(), Path(scratch) / "s.sqlite"), 5))
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "desktop", "build-db", "--synthetic", ",".join(map(str, LARGE_SIZE)), "--output", str(LARGE)],
                   cwd=REPO, check=True, capture_output=True)
    results["build_large_s"] = time.perf_counter() - started
    results["large_db_mib"] = LARGE.stat().st_size / 2**20
    for suffix, db in (("seed", seed_db), ("large", LARGE)):
        for key, value in add_document_figures(db).items():
            results[f"{key}_{suffix}"] = value
        results[f"add_registry_page_ms_{suffix}"] = add_registry_page_ms(db)
        for key, value in run_gui(db).items():
            results[f"{key}_{suffix}"] = value
        app_ms, bare_ms = startup(db)
        results[f"startup_ms_{suffix}"], results[f"bare_window_ms_{suffix}"] = app_ms, bare_ms
        results[f"startup_ratio_{suffix}"] = app_ms / bare_ms
    for key in [k for k in results if k.endswith("_large")]:
        results[key.removesuffix("_large")] = results[key]
    package_figures(results)
    report = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
              "results": {k: round(v, 3) for k, v in sorted(results.items())}}
    out = REPO / "build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.with_suffix(".tmp").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    out.with_suffix(".tmp").replace(out)
    over = []
    print(f"{'figure':<34}{'value':>10}  {'budget':>7}")
    for key, value in sorted(results.items()):
        budget = BUDGETS.get(key)
        mark = "" if budget is None else ("ok" if value <= budget else "OVER")
        if mark == "OVER":
            over.append(key)
        print(f"{key:<34}{value:>10.2f}  {'' if budget is None else budget:>7}  {mark}")
    print(f"\nwrote {out.relative_to(REPO)}" + (f"; over budget: {', '.join(over)}" if over else "; every budget met"))
    return 1 if over else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--add-document":  # just these figures: bench.py --add-document DB
        print(json.dumps(add_document_figures(Path(sys.argv[2]))))
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--add-registry-page":  # bench.py --add-registry-page DB
        print(json.dumps({"add_registry_page_ms": add_registry_page_ms(Path(sys.argv[2]))}))
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--gui":
        print(json.dumps(gui_figures(Path(sys.argv[2]))))
        sys.exit(0)
    sys.exit(main())
