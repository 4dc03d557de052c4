"""Every command's key works once, wherever focus is, and the README and About list the keys the window has."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible, QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QLineEdit

from desktop.commands import COMMAND, COMMANDS, shortcut_entries, shortcut_line

README = Path(__file__).resolve().parent.parent / "README.md"
WINDOW_CONTEXTS = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def window_keys(window) -> Counter:
    """How many enabled window-wide actions each key sequence is bound to (twice within one action counts twice)."""
    actions = set(window.findChildren(QAction)) | set(window.actions())
    return Counter(sequence.toString() for action in actions if action.shortcutContext() in WINDOW_CONTEXTS
                   for sequence in action.shortcuts())


def test_no_key_is_bound_twice(window):
    window.show_view("trials")  # the lazily built parts have their actions too
    window.show_view("matrix")
    keys = window_keys(window)
    assert "Ctrl+Q" in keys and "Ctrl+E" in keys
    assert [key for key, count in keys.items() if count > 1] == []  # Qt would run neither


def test_ctrl_q_quits_from_the_search_field(qtbot, window):
    window.search.field.setFocus()
    qtbot.waitUntil(window.search.field.hasFocus)
    qtbot.keyClick(window.search.field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_ctrl_e_from_the_search_field_opens_the_export_dialog(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: asked.append(args[1]) or ("", ""))
    qtbot.keyClicks(window.search.field, "ald")
    qtbot.keyClick(window.search.field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Export summary sheet as PDF"]
    assert window.search.field.text() == "ald"  # and the field's text is untouched


class X11LineEdit(QLineEdit):
    """A line edit as X11's key bindings make it: it claims Ctrl+E (end of line), Ctrl+K, Ctrl+D … before any
    shortcut, as QLineEdit does there. The offscreen platform's bindings claim none of them, so a plain field
    here would let every shortcut through whatever the window did."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            return True
        return super().event(event)


def focused_field(qtbot, window) -> QLineEdit:
    field = X11LineEdit()
    window.statusBar().addWidget(field)  # in the window, and visible (the toolbar may have no room)
    field.setText("ald")
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    return field


def test_ctrl_e_from_a_field_that_claims_it_opens_the_export_dialog(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: asked.append(args[1]) or ("", ""))
    field = focused_field(qtbot, window)
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Export summary sheet as PDF"]
    assert field.text() == "ald"


def test_ctrl_d_from_a_field_that_claims_it_toggles_the_favourite(qtbot, window):
    window.show_drug("aldesleukin")
    field = focused_field(qtbot, window)
    qtbot.keyClick(field, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "aldesleukin" in window.user_state.favourites


def test_every_command_key_with_a_modifier_is_left_to_its_command(qtbot, window):
    field = focused_field(qtbot, window)
    for command in COMMANDS:
        for key in command.shortcuts:
            combination = QKeySequence(key)[0]
            if combination.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
                continue  # "/" is typed into the field; F1 no field claims
            event = QKeyEvent(QEvent.Type.ShortcutOverride, combination.key(), combination.keyboardModifiers())
            event.setAccepted(False)
            QApplication.sendEvent(field, event)
            assert not event.isAccepted(), f"the field keeps {key} from {command.id}"


def test_the_readme_lists_the_windows_shortcuts():
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert shortcut_line() in text, "README's shortcut line differs from desktop.commands: paste shortcut_line()"


def test_the_shortcut_list_names_every_commands_keys():
    listed = " ".join(keys for keys, _what in shortcut_entries())
    for command in COMMANDS:
        for key in command.shortcuts:
            assert key.replace("Left", "←/").replace("Right", "/→").split("+")[-1] in listed, key


def test_about_lists_every_shortcut(qtbot, window):
    window.command_actions["about"].trigger()
    qtbot.waitUntil(lambda: window.about_box.isVisible())
    plain = re.sub(r"<[^>]+>", "", window.about_box.text()).replace("&amp;", "&")
    for keys, what in shortcut_entries():
        assert f"{keys} {what}" in plain
    window.about_box.close()


def test_controls_that_run_a_command_name_its_declared_key(window):
    """The record's buttons and the search field say which key does the same: the command's, as declared."""
    hints = {"favourite": window.record.favourite.toolTip(), "compare": window.record.compare.toolTip(),
             "find": window.search.field.placeholderText()}
    for command_id, hint in hints.items():
        assert hint.endswith(f"({COMMAND[command_id].shortcuts[0]})"), (command_id, hint)
    from desktop.widgets.sources_view import changes_html

    assert "File → Add documents… (Ctrl+O)" in changes_html([])


def test_a_status_message_has_room_beside_the_disclaimer(qtbot, window):
    window.resize(1024, 640)
    message = "drugref://drug/nosuch matched nothing"
    window.statusBar().showMessage(message)
    disclaimer = next(label for label in window.statusBar().findChildren(QLabel) if label.accessibleName() == "Disclaimer")
    qtbot.waitUntil(lambda: disclaimer.isVisible())
    free = disclaimer.geometry().left()
    assert free >= window.statusBar().fontMetrics().horizontalAdvance(message)


def test_every_button_has_an_accessible_name(qtbot, window):
    window.show_drug("bempegaldesleukin")
    window.show_view("trials")
    window.show_view("matrix")
    window.show_view("record")
    window.record.select_pane("trials")  # its grid is built when first shown
    qtbot.waitUntil(lambda: window.complete)
    unnamed = [f"{type(b).__name__} {b.objectName()!r} in {b.parent().objectName() or type(b.parent()).__name__}"
               for b in window.findChildren(QAbstractButton)
               if not QAccessible.queryAccessibleInterface(b).text(QAccessible.Text.Name)]
    assert unnamed == []


def test_ctrl_c_copies_the_selected_row_from_the_grid_with_focus(qtbot, window):
    window.show_drug("bempegaldesleukin")
    window.record.select_pane("trials")  # the drug's grid
    window.show_view("trials")  # and the catalogue's
    view = window.trials.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.selectRow(0)
    QApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0].startswith("Trial ID\t") and len(copied) == 2  # the header and the selected row


def test_back_shows_the_earlier_drug_whole_title_included(qtbot, window):
    window.show_drug("aldesleukin")
    window.show_drug("bempegaldesleukin", "trials")
    window.record.select_pane("safety")  # a tab the user chose: its own step in the history
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert (window.current_drug(), window.record.current_pane()) == ("bempegaldesleukin", "trials")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert (window.current_drug(), window.record.current_pane()) == ("aldesleukin", "overview")
    assert window.windowTitle().startswith("Aldesleukin")  # it kept the later drug's title before
    assert window.drug_model.drug_at(window.drug_list.currentIndex().row()).id == "aldesleukin"


def test_a_favourite_moves_up_the_list_with_the_selection_and_shows_no_other_drug(qtbot, window):
    window.show_drug("nemvaleukin-alfa")
    shown = []
    window.record.pane_changed.connect(lambda pane: shown.append(window.current_drug()))
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.drug_model.drug_at(0).id == "nemvaleukin-alfa"  # favourites first
    assert window.drug_list.currentIndex().row() == 0 and window.current_drug() == "nemvaleukin-alfa"
    assert shown == []
