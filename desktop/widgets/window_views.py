"""The main window's views beside the record — all trials, the approvals matrix, the catalogue's sources —
each built the first time it is shown, and switching between them. Part of MainWindow (main_window.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from .catalogue_session import CatalogueSession
    from .approvals_matrix import ApprovalsMatrix
    from .sources_view import SourcesView
    from .trials_grid import TrialsGrid


def catalogue_session() -> CatalogueSession:
    """The app's catalogue session; its module (a worker thread, progress and message boxes) loads when the
    user first adds, removes or lists documents, not at start-up."""
    from .catalogue_session import CatalogueSession

    return CatalogueSession.instance()


class WindowViews:
    """Expects the window's `store`, `settings`, `record`, `right` (the stacked views), `command_actions`,
    `current_drug`, `show_drug`, `show_source`, `show_trial`, and `_all_trials`, `_matrix`, `_sources` (None
    until built)."""

    @property
    def trials(self) -> TrialsGrid:
        """The all-trials grid, built when first needed: start-up does not pay for a view it may not show."""
        if self._all_trials is None:
            from .trials_grid import TrialsGrid

            grid = TrialsGrid(self.store)
            grid.setAccessibleName("All trials")
            grid.trial_activated.connect(self.show_trial)
            grid.restore_header(self.settings.header_state("trials"))
            grid.header_state_changed.connect(lambda state: self.settings.save_header("trials", state))
            self.right.addWidget(grid)
            self._all_trials = grid
        return self._all_trials

    @property
    def matrix(self) -> ApprovalsMatrix:
        """The approvals matrix, built when first shown (and its module loaded then)."""
        if self._matrix is None:
            from .approvals_matrix import ApprovalsMatrix

            matrix = ApprovalsMatrix(self.store)
            matrix.source_requested.connect(self.show_source)
            matrix.drug_activated.connect(self.show_drug)
            self.right.addWidget(matrix)
            self._matrix = matrix
        return self._matrix

    @property
    def sources(self) -> SourcesView:
        """Every document in the catalogue, built when first shown (a window never sees the catalogue change:
        a change replaces the window)."""
        if self._sources is None:
            from .sources_view import SourcesView

            session = catalogue_session()
            view = SourcesView(session.catalogue.documents(), session.catalogue.changes(), bool(session.removed))
            view.remove_requested.connect(lambda name: session.remove(self, name))
            view.undo_requested.connect(lambda: session.undo_remove(self))
            self.right.addWidget(view)
            self._sources = view
        return self._sources

    VIEWS = ("record", "trials", "matrix", "sources")

    def view_actions(self) -> tuple[QAction, ...]:
        return tuple(self.command_actions[view] for view in self.VIEWS)

    def show_view(self, name: str) -> None:
        """One of VIEWS; any other name shows the record."""
        name = name if name in self.VIEWS else "record"
        if name == "matrix":
            self.right.setCurrentWidget(self.matrix)
            if self.current_drug():
                self.matrix.select_drug(self.current_drug())
        else:
            self.right.setCurrentWidget(getattr(self, name))  # the view by its name, built when first shown
        for view, action in zip(self.VIEWS, self.view_actions()):
            action.setCheckable(True)
            action.setChecked(view == name)
