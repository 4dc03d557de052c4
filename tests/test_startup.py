"""The minimal first frame: what start-up builds, what it leaves for after the first paint, and that
nothing the user can do waits for the rest."""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, strategies as st
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.models.drug_list import DRUG_ID_ROLE, DrugListModel
from desktop.render.html import esc
from desktop.widgets.figure_view import FigureView
from desktop.widgets.pane_browser import PaneBrowser
from desktop.widgets.trials_grid import TrialsGrid

REPO = Path(__file__).resolve().parent.parent
CONTRACT = "the start-up contract (README, 'Start-up contract'): "


def test_the_window_is_built_with_only_what_the_first_frame_shows(make_window):
    window = make_window(show=False)
    assert not window.complete
    assert window.record.title.text() and window.drug_model.rowCount() == 3
    assert [pane.objectName() for pane in window.findChildren(PaneBrowser)] == ["pane-overview"], \
        CONTRACT + "only the pane on screen is built before the first paint"
    assert [figure.accessibleName() for figure in window.findChildren(FigureView)] == ["Development timeline"], \
        CONTRACT + "the pane on screen comes with its picture (its text must not move down a moment later)"
    assert window.findChildren(TrialsGrid) == [], CONTRACT + "the trials grids are built after the first paint"
    assert [action.text() for action in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Go", "&Help"], \
        CONTRACT + "the menu bar is whole from the start (the window must not jump down when entries arrive)"
    assert window.file_menu.actions() == [], CONTRACT + "the menus' entries come after the first paint"
    assert window.toolbar.actions()[:2] == [window.command_actions["back"], window.command_actions["forward"]]
    assert window.command_actions["print"] not in window.toolbar.actions(), \
        CONTRACT + "the toolbar's other buttons come after the first paint"
    assert window.record.tabs.count() == 7  # the whole tab bar, with the drug's trial count
    assert window.record.tabs.tabText(4).startswith("Trials (")


def test_the_rest_is_built_right_after_the_first_paint(qtbot, make_window):
    window = make_window()
    qtbot.waitUntil(lambda: window.complete)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Go", "&Help"]
    for action in (window.command_actions["print"], *window.view_actions(), window.command_actions["compare"]):
        assert action in window.toolbar.actions()
    assert window.sheet.sections_menu.menuAction() in window.file_menu.actions()
    assert len(window.findChildren(PaneBrowser)) == 6 and len(window.findChildren(FigureView)) == 2
    assert window.record.figure("overview").text_alternative  # drawn for the drug on screen
    grid = window.findChildren(TrialsGrid)[0]
    assert grid is window.record.trials and grid.model.rowCount() == window.record.record.trial_count
    assert window.drug_model.rowCount() == 3 and not window.drug_model.canFetchMore()


def test_a_part_asked_for_before_its_step_is_built_then(make_window):
    window = make_window(show=False)
    window.show_drug("nemvaleukin-alfa", "mechanism")
    assert "IL-2" in window.record.pane_text("mechanism")
    assert window.record.figure("mechanism").text_alternative
    assert window.record.trials.model.rowCount() == window.record.record.trial_count
    assert window.sheet.options().sections  # the sheet's section choices, read from the settings
    window.finish_building()
    assert window.complete
    assert len(window.findChildren(TrialsGrid)) == 1 and len(window.findChildren(FigureView)) == 2


def test_the_drug_started_on_is_written_to_the_user_file_after_the_first_paint(qtbot, make_window, tmp_path, monkeypatch):
    from desktop.widgets import main_window

    monkeypatch.setattr(main_window, "STATE_SAVE_DELAY_MS", 50)
    state = tmp_path / "state.json"
    window = make_window(show=False)
    assert window.user_state.recent == ["aldesleukin"] and not state.exists()
    window.show()
    qtbot.waitUntil(lambda: window.complete and state.exists())
    assert '"aldesleukin"' in state.read_text(encoding="utf-8")
    window.user_state.visited("aldesleukin")  # already first: nothing to write
    assert not window.user_state.unsaved


def test_every_shortcut_exists_before_the_first_paint(make_window):
    window = make_window(show=False)
    shortcuts = {sequence.toString() for action in window.actions() for sequence in action.shortcuts()}
    for key in ("Ctrl+K", "/", "Alt+Left", "Alt+Right", "Ctrl+D", "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+Shift+C",
                "F1", "Ctrl+Q", "Ctrl+P", "Ctrl+Shift+P", "Ctrl+E"):
        assert key in shortcuts, key
    assert QKeySequence(QKeySequence.StandardKey.Print).toString() in shortcuts


class HeldPaint(QObject):
    """Keeps a window's own paint events from it: the later steps are queued from its first paint."""

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt override
        return event.type() == QEvent.Type.Paint


def test_shortcuts_work_with_none_of_the_later_steps_run(qtbot, make_window):
    window = make_window(show=False)
    window.installEventFilter(HeldPaint(window))  # as if the user pressed keys before the first paint
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not window.complete
    window.show_drug("nemvaleukin-alfa")
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.right.currentWidget() is window.trials
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.right.currentWidget() is window.matrix
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.right.currentWidget() is window.record
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.record.title.text() == "Aldesleukin"  # the drug shown first, by name order
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.user_state.is_favourite(window.current_drug())
    window.drug_list.setFocus()
    qtbot.keyClicks(window.drug_list, "/")
    assert window.search.field.hasFocus()
    assert not window.complete  # every key above was pressed before the later steps ran


def test_slash_is_a_shortcut_from_the_keypad_and_from_a_read_only_pane(qtbot, make_window):
    window = make_window()
    window.drug_list.setFocus()
    qtbot.keyClick(window.drug_list, Qt.Key.Key_Slash, Qt.KeyboardModifier.KeypadModifier)
    assert window.search.field.hasFocus()
    pane = window.record.pane("overview")
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Slash)
    assert window.search.field.hasFocus() and window.search.field.text() == ""


def test_first_painted_comes_with_the_filled_list_painted(qtbot, make_window):
    """What `--quit-after-startup` waits for: the list is drawn, filled, in the same pass."""

    class Paints(QObject):
        count = 0

        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    window = make_window(show=False)
    watcher = Paints(window)
    window.drug_list.viewport().installEventFilter(watcher)
    painted_rows = []
    window.first_painted.connect(lambda: painted_rows.append(window.drug_model.rowCount()))
    window.show()
    qtbot.waitUntil(lambda: Paints.count > 0)
    assert painted_rows == [3]


def after_quit_after_startup(seed_db: Path, tmp_path: Path, *printed: str) -> list[str]:
    """What each expression in `printed` gives (words) in a process whose start-up has just ended: the app run
    with --quit-after-startup on the seed database, with its own empty home."""
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    probe = "\n".join(["import gc, sys", "from desktop.app import run_app", "code = run_app(sys.argv[1:])",
                       *(f"print({expression})" for expression in printed), "sys.exit(code)"])
    done = subprocess.run([sys.executable, "-c", probe, "--db", str(seed_db), "--quit-after-startup"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_quit_after_startup_leaves_before_the_later_steps(seed_db, tmp_path):
    # Neither the icons nor the trials grid (steps queued for after the first paint) were loaded.
    seen = after_quit_after_startup(seed_db, tmp_path, "'qtawesome' in sys.modules",
                                    "'desktop.widgets.trials_grid' in sys.modules",
                                    "gc.isenabled()", "gc.get_freeze_count() > 20000")
    assert seen[:2] == ["False", "False"], \
        CONTRACT + "qtawesome and the trials grid load after the first paint (queued steps)"
    assert seen[2:] == ["True", "True"], CONTRACT + "the collector is back on, start-up's objects frozen"


def test_the_collector_is_back_on_when_start_up_fails(tmp_path):
    import gc

    from desktop.__main__ import main

    assert main(["--db", str(tmp_path / "nope.sqlite"), "--quit-after-startup"]) == 1
    assert gc.isenabled()


def test_first_drugs_are_the_first_by_name_then_the_later_favourites(store):
    assert [d.id for d in store.first_drugs(1)] == ["aldesleukin"]
    assert [d.id for d in store.first_drugs(1, ["nemvaleukin-alfa", "nosuch", "aldesleukin"])] == [
        "aldesleukin", "nemvaleukin-alfa"]
    store.drugs()  # read from the full list once it is there, with the same answer
    assert [d.id for d in store.first_drugs(1, ["nemvaleukin-alfa"])] == ["aldesleukin", "nemvaleukin-alfa"]


def ids(model: DrugListModel) -> list[str]:
    return [model.index(r).data(DRUG_ID_ROLE) for r in range(model.rowCount())]


def test_a_drug_list_started_from_the_first_drugs_reads_the_rest_when_fetched(qtmodeltester, qtbot, store):
    model = DrugListModel(store.first_drugs(1, ["nemvaleukin-alfa"]), ["nemvaleukin-alfa"], read_all=store.drugs)
    assert ids(model) == ["nemvaleukin-alfa", "aldesleukin"] and model.canFetchMore()
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        model.fetchMore()
    assert inserted.args[1:] == [2, 2]  # the rest goes after the rows already shown
    assert ids(model) == ["nemvaleukin-alfa", "aldesleukin", "bempegaldesleukin"] and not model.canFetchMore()
    qtmodeltester.check(model)
    partial = DrugListModel(store.first_drugs(1), [], read_all=store.drugs)
    qtmodeltester.check(partial)  # the tester fetches more itself
    assert partial.rowCount() == 3


def test_looking_for_a_drug_not_read_yet_reads_the_rest(store):
    model = DrugListModel(store.first_drugs(1), [], read_all=store.drugs)
    assert model.rowCount() == 1
    assert model.row_of("nemvaleukin-alfa") == 2 and model.rowCount() == 3
    assert model.row_of("nosuch") == -1
    unpinned = DrugListModel(store.first_drugs(1, ["bempegaldesleukin"]), ["bempegaldesleukin"], read_all=store.drugs)
    unpinned.set_favourites([])
    assert ids(unpinned) == ["aldesleukin", "bempegaldesleukin", "nemvaleukin-alfa"]


@given(st.text())
def test_esc_escapes_as_the_standard_library_does(text):
    assert esc(text) == html.escape(text, quote=True)


# In a fresh interpreter, where no icon has been loaded yet (icons load once per process): the first frame's
# toolbar, then the same toolbar once the icons have arrived.
TOOLBAR_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop import icons
from desktop.settings import Settings
from desktop.store import Store
from desktop.user_state import UserState
from desktop.widgets.main_window import MainWindow
folder = Path(sys.argv[2])
with Store(Path(sys.argv[1])) as store:
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(store, UserState.load(folder / "state.json"), settings)
    back = window.command_actions["back"]
    button = window.toolbar.widgetForAction(back)
    def seen():
        size = button.sizeHint()
        return [back.icon().isNull(), back.icon().cacheKey(), window.toolbar.sizeHint().height(), size.width(), size.height()]
    before = seen()
    icons.load_pending()
    print(json.dumps([before, seen()]))
    window.close()
"""


def test_the_toolbar_keeps_its_height_when_the_icons_arrive(seed_db, tmp_path):
    done = subprocess.run([sys.executable, "-c", TOOLBAR_PROBE, str(seed_db), str(tmp_path)], cwd=REPO,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    (placeholder, key, *sizes), (null_after, real_key, *sizes_after) = json.loads(done.stdout)
    assert not placeholder, "the first frame's button holds a blank icon of the icon's size"
    assert not null_after and real_key != key, "the real icon replaced the placeholder"
    assert sizes_after == sizes, "toolbar height and button size are the same before and after"


# What start-up must not load, by family: each is loaded by the command that uses it.
LOADED_WHEN_USED = {
    "the readers and their Extraction": lambda name: name.startswith("desktop.ingest.") and name not in (
        "desktop.ingest.records", "desktop.ingest.trial_record", "desktop.ingest.provenance",
        "desktop.ingest.clean", "desktop.ingest.limits"),
    "the build": lambda name: name in ("desktop.store.build", "desktop.store.registry_links"),
    "the catalogue and its session": lambda name: name.startswith("desktop.catalogue") or name.endswith("catalogue_session"),
    "printing": lambda name: name.startswith("desktop.sheet."),
    "the command line": lambda name: name in ("desktop.cli", "desktop.cli_catalogue"),
    "dialogs": lambda name: name.endswith("_dialog"),
}


def test_start_up_loads_none_of_what_a_command_loads_when_used(seed_db, tmp_path):
    loaded = after_quit_after_startup(seed_db, tmp_path, "' '.join(sorted(m for m in sys.modules if m.startswith('desktop')))")
    assert "desktop.widgets.main_window" in loaded  # the probe saw a start-up
    for family, belongs in LOADED_WHEN_USED.items():
        early = [name for name in loaded if belongs(name)]
        assert not early, CONTRACT + f"{family} load when first used, not at start-up: {early}"
