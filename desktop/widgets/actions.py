"""QActions made from the declared commands (desktop.commands), and the rule that keeps their shortcuts
working while a text field has focus."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from ..commands import Command
from ..icons import set_icon


def make_action(command: Command, parent: QWidget, slot: Callable[[], object]) -> QAction:
    action = QAction(command.text, parent)
    if command.icon:
        set_icon(action.setIcon, command.icon)
    action.setShortcuts([QKeySequence(key) for key in command.shortcuts])
    action.setToolTip(command.tooltip)
    action.setObjectName(f"action-{command.id}")
    action.triggered.connect(slot)
    parent.addAction(action)  # its shortcut works before a menu or toolbar shows it
    return action


class CommandKeysFirst(QObject):
    """A line edit claims some Ctrl keys for editing (on X11 Ctrl+E is "end of line", Ctrl+K "delete to end",
    Ctrl+D "delete"), so the window's commands on those keys did nothing while the search field had focus —
    which is most of the time. For the window's own fields, a command's key is left to the command; printable
    keys ("/") stay with the field, where the user is typing."""

    def __init__(self, window: QWidget, actions: list[QAction]) -> None:
        super().__init__(window)
        self._window = window
        self._keys = {
            sequence[0].toCombined() for action in actions for sequence in action.shortcuts()
            if sequence.count() == 1 and sequence[0].keyboardModifiers() & ~Qt.KeyboardModifier.ShiftModifier
            or sequence.count() == 1 and Qt.Key.Key_F1 <= sequence[0].key() <= Qt.Key.Key_F35
        }
        QApplication.instance().focusChanged.connect(self._on_focus)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit) and new.window() is self._window:
            new.installEventFilter(self)  # again is harmless: Qt keeps one

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.keyCombination().toCombined() in self._keys:
            return True  # not accepted by the field, so the shortcut map runs the command
        return False
