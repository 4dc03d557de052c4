"""The main window: search on top, drug list (or search results) on the left, the drug record, the
trials grid or the approvals matrix on the right; history, favourites, recent items and the disclaimer.

Start-up builds what the first frame shows: the search field with back and forward, the menu bar with
its (still empty) menus, the drug list (or a start request's results), the record's header and the pane
on screen with its picture, and the disclaimer. Every action exists from the start, so its shortcut
works at once. The rest — the menus' entries, the other toolbar buttons, the other panes and picture,
the drug's trials grid, the icons — is built by steps queued one after another once the window has
painted (`_finish_steps`), and any part asked for before its step runs is built then.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from PySide6.QtCore import QModelIndex, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QMainWindow, QSplitter, QStackedWidget

from .. import APP_NAME
from .. import icons
from ..labels import DISCLAIMER, DISCLAIMER_SHORT
from ..models.drug_list import DRUG_ID_ROLE, DrugListModel
from ..render.panes import FIRST_PANE, PANE_OF_SECTION
from ..settings import Settings
from ..store import Store
from ..store.results import Hit
from ..user_state import UserState
from .two_line_delegate import TwoLineDelegate
from .accessible import name_built_in_controls
from .window_chrome import WindowChrome
from .window_dialogs import WindowDialogs
from .window_views import WindowViews, catalogue_session
from .history import NavigationHistory
from .record_view import RecordView
from .search_controller import SearchController
from .sheet_actions import SheetActions
from .sizing import resize_within_screen

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from ..store.links import Target
    from .approvals_matrix import ApprovalsMatrix
    from .reopen import ReplacedDatabase
    from .sources_view import SourcesView
    from .trials_grid import TrialsGrid

# Drugs read before the first paint: more rows than any screen shows (each is two lines high). The
# rest of a large catalogue (10,000 drugs: about 20 ms to read, as much again to lay out) comes after.
FIRST_DRUGS = 100

STATE_SAVE_DELAY_MS = 2000


class MainWindow(WindowChrome, WindowViews, WindowDialogs, QMainWindow):
    """State: the store, the user's favourites/recent, and a back/forward history of (drug, pane)."""

    # The window's first paint has begun. Qt paints the whole window — toolbar, list, record — in
    # that one pass, before the event loop runs again (and so before any step queued from it).
    first_painted = Signal()

    def __init__(self, store: Store, user_state: UserState, settings: Settings, start: Target | None = None) -> None:
        super().__init__()
        self.store = store
        self.user_state = user_state
        self.settings = settings
        self.glossary = store.glossary()
        self.history = NavigationHistory()
        # Recent drugs are written once the reader pauses (and on close), not on every drug shown.
        self._save_state = QTimer(self, singleShot=True, interval=STATE_SAVE_DELAY_MS)
        self._save_state.timeout.connect(self._save_user_state)
        self.setWindowTitle(APP_NAME)

        self.search = SearchController(store, self)
        self.search.hit_activated.connect(self.open_hit)
        self.search.active_changed.connect(self._on_search_active)
        self.search.all_trials_requested.connect(self.show_trials_matching)

        self.drug_model = DrugListModel(store.first_drugs(FIRST_DRUGS, user_state.favourites), user_state.favourites,
                                        self, read_all=store.drugs)
        self.drug_list = QListView()
        self.drug_list.setModel(self.drug_model)
        self.drug_list.setAccessibleName("Drug list")
        self.drug_list.setItemDelegate(TwoLineDelegate(self.drug_list))
        self.drug_list.setUniformItemSizes(True)
        self.drug_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.drug_list.selectionModel().currentChanged.connect(self._on_drug_selected)

        self.left = QStackedWidget()
        self.left.addWidget(self.drug_list)
        self.left.addWidget(self.search.view)

        self.record = RecordView(store, self.glossary, settings.header_state("drug-trials"))
        self.record.source_requested.connect(self.show_source)
        self.record.trial_activated.connect(self.show_trial)
        self.record.favourite_toggled.connect(self.toggle_favourite)
        self.record.pane_changed.connect(self._on_pane_changed)
        self.record.compare_requested.connect(lambda drug_id: self.show_compare([drug_id]))
        self.record.trials_header_changed.connect(lambda state: settings.save_header("drug-trials", state))
        self._all_trials: TrialsGrid | None = None  # made the first time it is shown
        self._matrix: ApprovalsMatrix | None = None  # likewise
        self._sources: SourcesView | None = None  # likewise
        self.setAcceptDrops(True)  # documents dropped on the window are added to the user's catalogue
        self.right = QStackedWidget()
        self.right.addWidget(self.record)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 1000])
        self.setCentralWidget(self.splitter)

        self.sheet = SheetActions(store, settings, lambda: self.record.record, self)
        self._build_actions()
        self._build_toolbar()
        self._build_menu_bar()
        disclaimer = QLabel(DISCLAIMER_SHORT)
        disclaimer.setToolTip(DISCLAIMER)
        disclaimer.setAccessibleName("Disclaimer")
        disclaimer.setAccessibleDescription(DISCLAIMER)
        disclaimer.setWordWrap(False)
        # No stretch: a message (showMessage) is drawn in the space the permanent widgets leave.
        self.statusBar().addPermanentWidget(disclaimer)
        self.statusBar().setSizeGripEnabled(True)

        name_built_in_controls(self)
        if (geometry := settings.window_geometry()) is not None:
            self.restoreGeometry(geometry)
        else:
            resize_within_screen(self, 1280, 800)
        if (state := settings.window_state()) is not None:
            self.restoreState(state)
        if (splitter := settings.splitter_state()) is not None:
            self.splitter.restoreState(splitter)
        self._painted = False
        # After the first paint, in this order: what is on screen first, the icons last (qtawesome is
        # the slowest to load). Each step runs once, from its own turn of the event loop.
        self._finish_steps: list[Callable[[], None]] = [
            self._fill_menus, self._finish_toolbar, self.drug_model.fetchMore,
            self.record.complete, icons.load_pending, self.database_watch,
        ]

        shows_drug = start is not None and (start.drug is not None or (start.hit is not None and start.hit.drug_id))
        if not shows_drug:  # else the start's own drug: no default record is loaded first
            first = user_state.recent[0] if user_state.recent and store.find_drug(user_state.recent[0]) else None
            self.show_drug(first or (self.drug_model.drug_at(0).id if self.drug_model.rowCount() else ""), FIRST_PANE)
        self.search.field.setFocus()
        self._tell_about_state(self._favourites_elsewhere())
        if start is not None:
            self.open_target(start)

    # ---- construction --------------------------------------------------------------------------

    def database_watch(self) -> ReplacedDatabase:
        """The watch on this window's database file, made after the first paint (or when first asked for)."""
        if getattr(self, "replaced_database", None) is None:
            from .reopen import ReplacedDatabase

            self.replaced_database = ReplacedDatabase(self)
        return self.replaced_database

    # ---- navigation ------------------------------------------------------------------------------

    def current_drug(self) -> str | None:
        return self.record.record.summary.id if self.record.record else None

    def show_drug(self, drug_id: str, pane: str = FIRST_PANE) -> None:
        if not drug_id:
            return
        self._display(drug_id, pane)
        self._push_history(drug_id, pane)
        self.user_state.visited(drug_id)
        self._save_state.start()

    def _display(self, drug_id: str, pane: str) -> None:
        """The one way a drug comes on screen, whether chosen or stepped back to: record, pane, the list's
        selection, the view and the window title."""
        record = self.store.drug(drug_id)
        with QSignalBlocker(self.record):  # the pane it opens on is no tab the user chose: no history entry
            self.record.show_record(record, self.user_state.is_favourite(drug_id))
            self.record.select_pane(pane)
        row = self.drug_model.row_of(drug_id)
        if row >= 0 and self.drug_list.currentIndex().row() != row:
            self.drug_list.setCurrentIndex(self.drug_model.index(row))  # the drug is shown already: no-op
        self.show_view("record")
        self.setWindowTitle(f"{record.summary.name} — {APP_NAME}")

    def _push_history(self, drug_id: str, pane: str) -> None:
        if self.history.push(drug_id, pane):
            self._update_history_actions()

    def _step_history(self, step: int) -> None:
        if (place := self.history.step(step)) is not None:
            self._display(*place)
            self._update_history_actions()

    def go_back(self) -> None:
        self._step_history(-1)

    def go_forward(self) -> None:
        self._step_history(1)

    def _update_history_actions(self) -> None:
        self.command_actions["back"].setEnabled(self.history.can_go_back)
        self.command_actions["forward"].setEnabled(self.history.can_go_forward)

    def _on_pane_changed(self, pane: str) -> None:
        if self.current_drug():
            self._push_history(self.current_drug(), pane)

    def _on_drug_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        drug_id = current.data(DRUG_ID_ROLE)
        if drug_id and drug_id != self.current_drug():
            self.show_drug(drug_id)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if _dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        if files := _dropped_files(event):
            event.acceptProposedAction()
            # After the drop has finished: the review dialog must not run inside the drag's own event.
            QTimer.singleShot(0, lambda: catalogue_session().add(self, files))

    def show_changes(self, changes) -> None:
        """What an addition or removal brought, said once (the Sources view keeps it)."""
        from .sources_view import open_whats_new

        self.whats_new = open_whats_new(self, changes)

    # ---- search ----------------------------------------------------------------------------------

    def _on_search_active(self, active: bool) -> None:
        self.left.setCurrentWidget(self.search.view if active else self.drug_list)

    def open_hit(self, hit: Hit, trial_detail: bool = True) -> None:
        """Show what a search hit points at; a trial also opens its detail dialog unless `trial_detail` is False."""
        if hit.kind == "drug" and hit.drug_id:
            self.show_drug(hit.drug_id, FIRST_PANE)
        elif hit.kind == "section" and hit.target is not None:
            location = self.store.section_location(hit.target)
            if location:
                self.show_drug(location[0], PANE_OF_SECTION.get(location[1], FIRST_PANE))
        elif hit.kind == "trial" and hit.target is not None:
            if hit.drug_id:
                self.show_drug(hit.drug_id, "trials")
                self.record.trials.select_trial(hit.target)
            if trial_detail:
                self.show_trial(hit.target)
        elif hit.kind == "glossary" and hit.target is not None:
            entry = self.store.glossary_entry(hit.target)
            if entry:
                self.show_source(entry.prov)

    def bring_forward(self) -> None:
        """Shown, restored if minimised, raised and given focus: a second launch's request was opened here."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def open_target(self, target: Target) -> None:
        """Show what `drugref open` or a link resolved to: the drug, the hit (a trial selected in its drug's
        Trials pane), or the search results for the text, saying so when nothing matched."""
        if target.drug is not None:
            self.show_drug(target.drug.id)
        elif target.hit is not None:
            self.open_hit(target.hit, trial_detail=False)
        else:
            self.search.search_for(target.query)
        if target.message:
            self.statusBar().showMessage(target.message)

    def show_trials_matching(self, text: str) -> None:
        self.show_view("trials")
        self.trials.filter_by_text(text)

    # ---- favourites and recent -----------------------------------------------------------------

    def toggle_favourite(self, drug_id: str | None) -> None:
        if not drug_id:
            return
        favourite = self.user_state.toggle_favourite(drug_id)
        self._tell_about_state()
        # The list re-sorts (favourites first): the selection follows the drug, and no other drug is shown
        # on the way.
        with QSignalBlocker(self.drug_list.selectionModel()):
            self.drug_model.set_favourites(self.user_state.favourites)
            self.drug_list.setCurrentIndex(self.drug_model.index(self.drug_model.row_of(drug_id)))
        self.drug_list.viewport().update()
        if self.current_drug() == drug_id:
            self.record.set_favourite(favourite)

    def _favourites_elsewhere(self) -> list[str]:
        """Favourites this catalogue has no drug for stay in the file: the catalogue is what changed (another
        `--db`, an older database, a document removed), and the user's list should outlive it."""
        missing = self.store.missing_drugs(self.user_state.favourites)
        if not missing:
            return []
        named = ", ".join(missing[:3]) + (", …" if len(missing) > 3 else "")
        return [f"{len(missing):,} favourite{'s are' if len(missing) > 1 else ' is'} not in this catalogue ({named}); "
                "kept, for a catalogue that has them."]

    def _save_user_state(self) -> None:
        self.user_state.save_changes()
        self._tell_about_state()

    def _tell_about_state(self, more: Sequence[str] = ()) -> None:
        """Say what the user state has to say (a damaged file set aside, changes that cannot be saved) once."""
        if notices := [*self.user_state.take_notices(), *more]:
            self.statusBar().showMessage(" ".join(notices))

    # ---- after the first frame, and closing ----------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._run_next_step)
            self.first_painted.emit()

    def _run_next_step(self) -> None:
        if self._finish_steps:
            self._finish_steps.pop(0)()
            QTimer.singleShot(0, self._run_next_step)  # user input queued meanwhile is handled first

    def finish_building(self) -> None:
        """Run every step still waiting for its turn now."""
        while self._finish_steps:
            self._finish_steps.pop(0)()

    @property
    def complete(self) -> bool:
        """Whether every part of the window has been built."""
        return not self._finish_steps

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._finish_steps.clear()  # a closing window builds nothing more
        self._save_state.stop()
        self.user_state.save_changes()
        self.search.cancel_pending()
        if self._all_trials is not None:
            self._all_trials.cancel_pending()
        self.record.cancel_pending()
        self.settings.save_window(self.saveGeometry(), self.saveState(), self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)


def _dropped_files(event) -> list[Path]:
    """The local files a drag carries (a drag of text or of a web link adds nothing)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
