"""The main window driven as a user would: typing, keys, clicks; state surviving a restart."""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.render.panes import PANES
from desktop.widgets.main_window import MainWindow
from desktop.widgets.passage_dialog import PassageDialog

REPO = Path(__file__).resolve().parent.parent


def pane_text(window: MainWindow, pane: str) -> str:
    return window.record.pane_text(pane)


def test_typing_a_code_name_and_enter_opens_the_drug(qtbot, make_window):
    window = make_window()
    window.search.field.setFocus()
    qtbot.keyClicks(window.search.field, "nktr 214")
    qtbot.waitUntil(lambda: window.left.currentWidget() is window.search.view)
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.record.title.text() == "Bempegaldesleukin"
    overview = pane_text(window, "overview")
    assert "1939126-74-5" in overview and "BNO1JG5MZC" in overview and "DB15140" in overview
    assert "Breakthrough Therapy (FDA)" in overview
    assert "March and April of 2022" in overview


def test_misspelling_offers_a_correction_that_is_applied_only_when_chosen(qtbot, make_window):
    window = make_window()
    qtbot.keyClicks(window.search.field, "aldeslukin")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0)
    assert window.search.model.index(0).data() == "Did you mean “aldesleukin”?"
    assert window.search.field.text() == "aldeslukin"
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.search.field.text() == "aldesleukin"
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.record.title.text() == "Aldesleukin"


def test_escape_clears_search_and_returns_to_the_drug_list(qtbot, make_window):
    window = make_window()
    qtbot.keyClicks(window.search.field, "melanoma")
    qtbot.waitUntil(lambda: window.left.currentWidget() is window.search.view)
    qtbot.keyClick(window.search.field, Qt.Key.Key_Escape)
    assert window.search.field.text() == ""
    assert window.left.currentWidget() is window.drug_list


def test_down_arrow_moves_through_hits_skipping_group_headers(qtbot, make_window):
    window = make_window()
    qtbot.keyClicks(window.search.field, "NKTR-214")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 2)
    first = window.search.view.currentIndex().row()
    qtbot.keyClick(window.search.field, Qt.Key.Key_Down)
    second = window.search.view.currentIndex().row()
    assert second > first
    assert window.search.model.flags(window.search.view.currentIndex()) & Qt.ItemFlag.ItemIsSelectable


@pytest.mark.parametrize(("words", "pane"), [
    ("acetaminophen", "safety"),  # 001 line 59, under "Patient Management and Practical Recommendations" (line 53)
    ("strictly managed", "dosing"),  # 001 line 28, under "Dosage and Administration Protocols" (line 27)
])
def test_a_section_hit_opens_the_pane_that_shows_the_section(qtbot, make_window, words, pane):
    from desktop.models.search_results import HIT_ROLE

    window = make_window()  # on aldesleukin's Overview
    qtbot.keyClicks(window.search.field, words)
    qtbot.waitUntil(lambda: window.search.view.currentIndex().isValid())
    assert window.search.view.currentIndex().data(HIT_ROLE).kind == "section"
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.current_drug() == "nemvaleukin-alfa" and window.record.current_pane() == pane
    assert words in pane_text(window, pane)


def test_hostile_search_text_never_errors(qtbot, make_window):
    window = make_window()
    for text in ['"', "AND (", "*", "-x", "col:val", "😀", "NEAR(a b)"]:
        window.search.field.setText(text)
        window.search.run_query()
        assert window.search.model.rowCount() >= 1  # a "no results" row at least


def test_each_pane_shows_the_sources_facts_or_says_they_are_silent(make_window):
    window = make_window()
    window.show_drug("nemvaleukin-alfa")
    assert [window.record.tabs.tabText(i).split(" (")[0] for i in range(window.record.tabs.count())] == \
        [pane.title for pane in PANES]
    assert "Intravenous Schedule" in pane_text(window, "dosing")
    assert "14-day cycle" in pane_text(window, "dosing")
    safety = pane_text(window, "safety")
    assert "Pyrexia (Fever) and Chills" in safety and "nearly 70% of patients" in safety and "Neutropenia" in safety
    assert "(αβγ)" in pane_text(window, "mechanism") and "\\" not in pane_text(window, "mechanism")
    window.show_drug("aldesleukin")
    # No dosing table or section, but the trial descriptions name regimens (002 lines 17, 31): those passages,
    # not "not stated".
    dosing = pane_text(window, "dosing")
    assert dosing.startswith("The sources state no dosing for Aldesleukin as such; they touch on it in passing")
    assert "low-dose subcutaneous interleukin-2" in dosing and "high-dose IL-2" in dosing
    assert "not stated in the sources" in pane_text(window, "approvals")
    sources = pane_text(window, "sources")
    assert "no date stated in the document" in sources and "https://clinicaltrials.gov/study/2025-522841-23-00" in sources
    window.show_drug("bempegaldesleukin")
    assert "increased toxicity" in pane_text(window, "safety")  # 000 line 36, never "no safety"
    window.show_drug("nemvaleukin-alfa")
    assert "not stated" not in pane_text(window, "dosing")
    window.show_drug("bempegaldesleukin")
    approvals = pane_text(window, "approvals")
    assert approvals.count("none found") == 12 and "Health Canada" in approvals


def test_the_glossary_linker_escapes_markup_in_source_text():
    from desktop.render.html import GlossaryLinker

    linked = GlossaryLinker.from_entries([])("<b>bold</b> & <script>x</script>")
    assert "<b>" not in linked and "&lt;b&gt;" in linked and "&lt;script&gt;" in linked


def click_text(qtbot, pane, text: str, occurrence: int = 0) -> None:
    """A real click in a pane on its `occurrence`-th `text` (a link's words), as a reader clicks it."""
    found = pane.document().find(text)
    for _ in range(occurrence):
        found = pane.document().find(text, found)
    assert not found.isNull(), f"{text!r} is not in the pane"
    inside = QTextCursor(found)
    inside.setPosition(found.selectionStart() + 1)  # a character into the link, not on its edge
    pane.setTextCursor(inside)
    pane.ensureCursorVisible()
    qtbot.waitUntil(lambda: pane.anchorAt(pane.cursorRect(inside).center()) != "")  # laid out on screen
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=pane.cursorRect(inside).center())


def test_source_link_opens_the_passage_highlighted(qtbot, make_window, store):
    window = make_window()
    window.show_drug("nemvaleukin-alfa", "dosing")
    pane = window.record.panes["dosing"]
    record = window.record.record
    prov = record.dosing[1].prov
    links = [anchor for anchor in re.findall(r'href="(source:[^"]+)"', pane.toHtml())]
    occurrence = links.index(f"source:{prov.source}:{prov.line_start}:{prov.line_end}")
    click_text(qtbot, pane, "[source]", occurrence)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PassageDialog)))
    dialog = next(d for d in window.findChildren(PassageDialog) if d.isVisible())
    assert "9-day rest (a 14-day cycle)" in dialog.highlighted_text
    assert dialog.windowTitle() == "Source — Nemvaleukin alfa (ALKS 4230) — drug overview"
    assert "as of 2026-03" in dialog.header.text() and "line 31" in dialog.header.text()


def test_hovering_a_glossary_term_shows_its_definition(qtbot, make_window):
    window = make_window()
    window.show_drug("aldesleukin")
    pane = window.record.panes["overview"]
    found = pane.document().find("Phase 3")  # 002 line 7: "…from Phase 1 to Phase 3."
    assert not found.isNull()
    inside = QTextCursor(found)
    inside.setPosition(found.selectionStart() + 1)
    pane.setTextCursor(inside)
    pane.ensureCursorVisible()
    qtbot.waitUntil(lambda: pane.anchorAt(pane.cursorRect(inside).center()).startswith("term:"))
    position = pane.cursorRect(inside).center()
    QApplication.sendEvent(pane.viewport(), QHelpEvent(QEvent.Type.ToolTip, position,
                                                       pane.viewport().mapToGlobal(position)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Phase 3" in QToolTip.text() and "compares treatments" in QToolTip.text()  # 002 line 173
    QToolTip.hideText()


def test_grid_filter_export_and_count(qtbot, make_window, tmp_path, seed_trial_count):
    window = make_window()
    window.show_view("trials")
    grid = window.trials
    assert grid.count_label.text() == f"{seed_trial_count} of {seed_trial_count} trials"
    grid.status_filter.setCurrentIndex(grid.status_filter.findData("Terminated"))
    assert grid.count_label.text() == f"5 of {seed_trial_count} trials"
    qtbot.keyClicks(grid.text_filter, "zzzz")
    qtbot.waitUntil(lambda: grid.model.rowCount() == 0)
    grid.text_filter.clear()
    qtbot.waitUntil(lambda: grid.model.rowCount() == 5)
    target = grid.export_csv(str(tmp_path / "terminated.csv"))
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 5 and {r["status"] for r in rows} == {"Terminated"}
    assert {r["drug"] for r in rows} == {"Bempegaldesleukin"}


def test_copy_selected_rows_as_tab_separated_text(qtbot, make_window):
    window = make_window()
    grid = window.trials
    grid.view.selectRow(0)
    grid.copy_selection()
    text = QApplication.clipboard().text().splitlines()
    assert text[0].startswith("Trial ID\tTitle / programme\tDrug\tPhase")  # on-screen order
    assert len(text) == 2


def test_favourites_and_recent_survive_a_restart(qtbot, make_window, tmp_path):
    window = make_window()
    window.show_drug("bempegaldesleukin")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.user_state.favourites == ["bempegaldesleukin"]
    window.close()
    again = make_window()
    assert again.drug_model.index(0).data() == "Bempegaldesleukin"
    assert again.user_state.recent[0] == "bempegaldesleukin"
    assert again.record.title.text() == "Bempegaldesleukin"  # reopens on the last drug viewed


def test_recent_drugs_are_written_when_the_reader_pauses_and_on_close(qtbot, make_window, monkeypatch):
    import json

    from desktop.widgets import main_window

    monkeypatch.setattr(main_window, "STATE_SAVE_DELAY_MS", 50)
    window = make_window()
    saved = window.user_state.path

    def recent_on_disk() -> list[str]:
        return json.loads(saved.read_text(encoding="utf-8"))["recent"] if saved.exists() else []

    window.show_drug("aldesleukin")
    window.show_drug("nemvaleukin-alfa")
    assert recent_on_disk()[:1] != ["nemvaleukin-alfa"]  # not one durable write per drug shown
    qtbot.waitUntil(lambda: recent_on_disk()[:2] == ["nemvaleukin-alfa", "aldesleukin"])
    window.show_drug("bempegaldesleukin")
    window.close()  # closing before the pause ends still writes it
    assert recent_on_disk()[0] == "bempegaldesleukin"


def test_back_and_forward(qtbot, make_window):
    window = make_window()
    window.show_drug("aldesleukin")
    window.show_drug("nemvaleukin-alfa", "safety")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.record.title.text() == "Aldesleukin"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.record.title.text() == "Nemvaleukin alfa" and window.record.current_pane() == "safety"


def test_interactive_widgets_have_accessible_names(make_window):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QAbstractItemView

    window = make_window()
    unnamed = [
        w for cls in (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView)
        for w in window.findChildren(cls)
        if w.isVisibleTo(window) and not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()))
        and w.objectName() != "qt_toolbar_ext_button"
    ]
    assert unnamed == []


def test_quit_after_startup_exits_zero_and_a_missing_database_exits_one(seed_db, tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    ok = subprocess.run([sys.executable, "-m", "desktop", "--db", str(seed_db), "--quit-after-startup"],
                        cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    missing = subprocess.run([sys.executable, "-m", "desktop", "--db", str(tmp_path / "nope.sqlite"), "--quit-after-startup"],
                             cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1
    assert "No DrugRef database at" in missing.stderr and "Traceback" not in missing.stderr


def test_slash_focuses_search_unless_the_user_is_typing(qtbot, make_window):
    window = make_window()
    window.drug_list.setFocus()
    qtbot.keyClicks(window.drug_list, "/")
    assert window.search.field.hasFocus()
    window.trials.text_filter.setFocus()
    window.show_view("trials")
    qtbot.keyClicks(window.trials.text_filter, "1/2")
    assert window.trials.text_filter.text() == "1/2"  # "/" typed into a field stays there


def test_trial_detail_lists_the_cited_reference_addresses(qtbot, store):
    from desktop.widgets.trial_dialog import TrialDialog

    key = next(t.key for t in store.trials() if t.trial_id == "2023-504632-17-00")
    dialog = TrialDialog(store, key, store.glossary())
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "[7] https://clinicaltrials.gov/study/2023-504632-17-00" in text
    assert "Advanced solid tumors with SWI/SNF complex alterations" in text


def test_trial_detail_cites_each_value_to_a_passage_that_states_it(qtbot, store):
    """NCT05727904: its table row (002 line 88) is its primary passage and names no intervention; line 25
    says "lifileucel … pembrolizumab". The dialog cites line 25 for them, once, never line 88."""
    from desktop.widgets.trial_dialog import TrialDialog

    trial = next(t for t in store.trials() if t.trial_id == "NCT05727904")
    assert trial.prov.line_start == 88
    assert [(value, prov.line_start) for value, _, prov in trial.statements("interventions")] == [
        ("lifileucel; pembrolizumab", 25)]
    dialog = TrialDialog(store, trial.key, store.glossary())
    qtbot.addWidget(dialog)
    html = dialog.browser.toHtml()
    assert html.count("lifileucel; pembrolizumab") == 1
    assert "source:002_12ec28ba8c7864ed.txt:25:25" in html
    text = dialog.browser.toPlainText()
    assert text.count("NCT05727904 is a Phase 3 study in untreated advanced melanoma") == 1  # its summary, once


def test_grid_column_layout_survives_a_restart(qtbot, make_window):
    from PySide6.QtCore import QTimer

    from desktop.models.trials_table import TrialsTableModel

    countries, posted = TrialsTableModel.column_of("countries"), TrialsTableModel.column_of("posted")
    window = make_window()
    grid = window.trials
    header = grid.view.horizontalHeader()

    def untick_countries() -> None:  # in the columns menu, open (it runs its own event loop)
        menu = QApplication.activePopupWidget()
        next(action for action in menu.actions() if action.text() == "Countries").trigger()
        menu.close()
    header.moveSection(header.visualIndex(posted), 0)  # as a drag of its header does
    QTimer.singleShot(0, untick_countries)
    qtbot.mouseClick(grid.columns_button, Qt.MouseButton.LeftButton)
    assert header.isSectionHidden(countries)
    window.close()
    again = make_window()
    restored = again.trials.view.horizontalHeader()
    assert restored.isSectionHidden(countries)
    assert restored.logicalIndex(0) == posted


def test_show_all_matching_trials_opens_the_grid_filtered(qtbot, make_window, seed_trial_count):
    window = make_window()
    window.show_trials_matching("melanoma")
    assert window.right.currentWidget() is window.trials
    assert window.trials.text_filter.text() == "melanoma"
    assert window.trials.model.query.text == "melanoma"
    assert 0 < window.trials.model.rowCount() < seed_trial_count


def test_double_clicking_a_trial_hit_opens_one_trial_dialog(qtbot, make_window):
    from desktop.widgets.trial_dialog import TrialDialog

    window = make_window()
    qtbot.keyClicks(window.search.field, "NCT05727904")
    window.search.run_query()
    qtbot.waitUntil(lambda: window.left.currentWidget() is window.search.view)
    view = window.search.view
    row = next(r for r in range(view.model().rowCount()) if "NCT05727904" in str(view.model().index(r).data()))
    centre = view.visualRect(view.model().index(row)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click follows a press
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    def shown():
        return [d for d in window.findChildren(TrialDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: bool(shown()))
    assert len(shown()) == 1 and "NCT05727904" in shown()[0].windowTitle()
    passage = window.store.glossary()[0].prov
    window.show_source(passage)
    window.show_source(passage)
    assert len([d for d in window.findChildren(PassageDialog) if d.isVisible()]) == 1


def test_a_glossary_term_is_not_linked_inside_a_longer_phase(store):
    """"Phase 1" (002 line 171) is a term; in "Phase 1/2" it is part of another phase."""
    from desktop.render.html import GlossaryLinker

    link = GlossaryLinker.from_entries(store.glossary())
    assert 'href="term:' not in link("a Phase 1/2 study")
    assert link("a Phase 1 study").count('href="term:') == 1


def test_grid_headers_read_whole_the_title_stands_beside_the_id_and_a_drugs_grid_hides_the_drug(qapp, store):
    from desktop.store.trial_columns import COLUMNS
    from desktop.widgets.trials_grid import TrialsGrid

    grid = TrialsGrid(store)
    header = grid.view.horizontalHeader()
    for number, column in enumerate(COLUMNS):
        assert header.sectionSize(number) >= header.sectionSizeHint(number), column.title  # title and arrow fit
    assert [COLUMNS[header.logicalIndex(v)].key for v in range(3)] == ["trial_id", "title", "drug"]
    assert COLUMNS[header.sortIndicatorSection()].key == "posted"
    own = TrialsGrid(store, drug_id="aldesleukin").view.horizontalHeader()
    assert [COLUMNS[n].key for n in range(len(COLUMNS)) if own.isSectionHidden(n)] == ["drug"]
