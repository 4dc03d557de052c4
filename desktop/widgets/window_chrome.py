"""The main window's actions, toolbar and menus, made from the declared commands (desktop.commands): the
actions and the empty menus are in the first frame, so every shortcut works at once and the window does not
jump when the entries arrive; the entries and the rest of the toolbar come just after. Part of MainWindow."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from ..commands import COMMANDS
from .actions import CommandKeysFirst, make_action
from .window_views import catalogue_session


class WindowChrome:
    """Expects the window's `search`, `sheet`, `store`, `user_state`, the navigation and view methods its
    handlers name, and `view_actions` (WindowViews)."""

    def _build_actions(self) -> None:
        handlers = {
            "find": self.search.focus, "back": self.go_back, "forward": self.go_forward,
            "favourite": lambda: self.toggle_favourite(self.current_drug()),
            "record": lambda: self.show_view("record"), "trials": lambda: self.show_view("trials"),
            "matrix": lambda: self.show_view("matrix"), "sources": lambda: self.show_view("sources"),
            "compare": self.show_compare, "add": lambda: catalogue_session().choose_and_add(self),
            "about": self.show_about, "quit": self.close, **self.sheet.handlers,
        }
        self.command_actions = {command.id: make_action(command, self, handlers[command.id]) for command in COMMANDS}
        CommandKeysFirst(self, list(self.command_actions.values()))
        self._update_history_actions()

    def _build_toolbar(self) -> None:
        """The first frame's toolbar: back, forward and the search field (`_finish_toolbar` adds the rest)."""
        bar = QToolBar("Main")
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setAccessibleName("Main toolbar")
        bar.addAction(self.command_actions["back"])
        bar.addAction(self.command_actions["forward"])
        bar.addWidget(self.search.field)
        self.addToolBar(bar)
        self.toolbar = bar

    def _finish_toolbar(self) -> None:
        self.toolbar.addAction(self.command_actions["print"])
        for action in (*self.view_actions(), self.command_actions["compare"]):
            self.toolbar.addAction(action)
            self.toolbar.widgetForAction(action).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def _build_menu_bar(self) -> None:
        """The menu bar with its menus, empty: in the first frame, so the window does not jump down when
        `_fill_menus` adds the entries just after it."""
        bar = self.menuBar()
        bar.setAccessibleName("Menu bar")
        self.file_menu, self.edit_menu, self.view_menu, self.go_menu, self.help_menu = (
            bar.addMenu(title) for title in ("&File", "&Edit", "&View", "&Go", "&Help"))

    def _fill_menus(self) -> None:
        menus = dict(zip(("File", "Edit", "View", "Go", "Help"),
                         (self.file_menu, self.edit_menu, self.view_menu, self.go_menu, self.help_menu)))
        for command in COMMANDS:
            menu = menus[command.menu]
            if command.id == "quit":
                menu.addMenu(self.sheet.sections_menu)
                menu.addSeparator()
            elif command.id == "compare":
                menu.addSeparator()
            menu.addAction(self.command_actions[command.id])
        self.recent_menu = self.go_menu.addMenu("&Recently viewed")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        names = {d.id: d.name for d in self.store.drugs()}
        for drug_id in self.user_state.recent:
            if drug_id in names:
                action = self.recent_menu.addAction(names[drug_id])
                action.triggered.connect(lambda _=False, d=drug_id: self.show_drug(d))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("Nothing viewed yet").setEnabled(False)
