"""The drug record: a header with name, status and favourite star, and one pane per topic.

Start-up builds the header, the tab bar and the pane on screen with its picture; the other panes, the
other picture and the drug's trials grid are built by `complete()` just after the first paint, or when
something asks for them before that (a tab switch, a test, a search hit).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QToolButton, QVBoxLayout, QWidget

from ..commands import COMMAND
from ..icons import set_icon
from ..ingest.limits import shortened
from ..render.html import GlossaryLinker
from ..render.panes import FIRST_PANE, PANE, PANES
from ..store import Store
from ..store.results import DrugRecord, GlossaryEntry
from .pane_browser import PaneBrowser

if TYPE_CHECKING:
    from .figure_view import FigureView
    from .trials_grid import TrialsGrid

FIGURE_PANES = tuple(pane.id for pane in PANES if pane.picture)  # panes with a picture above their text
WIDGET_PANES = tuple(pane.id for pane in PANES if pane.render is None)  # the trials grid, not HTML
TEXT_PANES = tuple(pane.id for pane in PANES if pane.render is not None)


def _pane_figure(pane_id: str) -> tuple[str, Callable, Callable, Callable]:
    """Pane → (figure title, what it shows, painter, height for a line height); the drawing code loads
    with the first picture, not with the window."""
    from ..figures.data import receptor_figure, timeline_figure
    from ..figures.painting import paint_receptor, paint_timeline, timeline_height

    return {
        "timeline": ("Development timeline", timeline_figure, paint_timeline, timeline_height),
        "receptor": ("IL-2 receptor diagram", receptor_figure, paint_receptor, lambda _figure, line: line * 15),
    }[PANE[pane_id].picture]


class RecordView(QWidget):
    """State: the record shown, which of its panes are rendered, and the parts built so far."""

    source_requested = Signal(object)      # Provenance
    trial_activated = Signal(int)          # trial key
    favourite_toggled = Signal(str)        # drug id
    pane_changed = Signal(str)             # pane id
    compare_requested = Signal(str)        # drug id
    trials_header_changed = Signal(QByteArray)

    def __init__(self, store: Store, glossary: list[GlossaryEntry], trials_header: QByteArray | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._glossary = glossary
        self._link = GlossaryLinker.from_entries(glossary)
        self._trials_header = trials_header
        self.record: DrugRecord | None = None

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName("Drug name")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setAccessibleName("Drug status")
        self.codes = QLabel()
        self.codes.setAccessibleName("Code names")
        for label in (self.title, self.status, self.codes):  # source text: never guessed to be markup
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.favourite = QToolButton()
        self.favourite.setCheckable(True)
        self.favourite.setAccessibleName("Favourite")
        self.favourite.setToolTip(COMMAND["favourite"].hint("Pin this drug to the top of the list"))
        self.favourite.clicked.connect(self._on_favourite_clicked)
        self.compare = QToolButton()
        self.compare.setText("Compare with…")
        self.compare.setAccessibleName("Compare with other drugs")
        self.compare.setToolTip(COMMAND["compare"].hint("Compare this drug with one or two others"))
        self.compare.clicked.connect(lambda: self.record and self.compare_requested.emit(self.record.summary.id))

        # Every tab gets an empty page now, so the tab bar is whole from the first frame; a page's
        # content is built when it is first needed.
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Drug record panes")
        self.tabs.setDocumentMode(True)
        self._pages: dict[str, QVBoxLayout] = {}
        for pane in PANES:
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(0)
            self._pages[pane.id] = layout
            self.tabs.addTab(page, pane.title)
        self._panes: dict[str, PaneBrowser] = {}
        self._figures: dict[str, FigureView] = {}
        self._trials: TrialsGrid | None = None
        self._rendered: set[str] = set()
        self.tabs.currentChanged.connect(self._on_tab_changed)

        heading = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.codes)
        names.addWidget(self.status)
        heading.addLayout(names, 1)
        heading.addWidget(self.compare, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(self.favourite, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)

    # ---- parts built after the first frame ---------------------------------------------------------

    def complete(self) -> None:
        """Build every part not built yet: the picture on screen first, then the other panes, then the
        trials grid."""
        current = self.current_pane()
        for name in sorted(FIGURE_PANES, key=lambda name: name != current):
            self._figure_view(name)
        for name in TEXT_PANES:
            self.pane(name)
        self._trials_grid()

    def pane(self, name: str) -> PaneBrowser:
        """The text pane with id `name`, built into its page the first time it is asked for."""
        if name not in self._pages or name in WIDGET_PANES:
            raise KeyError(name)
        if name not in self._panes:
            pane = PaneBrowser(PANE[name].title, self._glossary)
            pane.source_requested.connect(self.source_requested)
            self._pages[name].addWidget(pane, 1)
            self._panes[name] = pane
        return self._panes[name]

    @property
    def panes(self) -> dict[str, PaneBrowser]:
        """Every text pane by id (building any not built yet)."""
        return {name: self.pane(name) for name in TEXT_PANES}

    def _figure_view(self, name: str) -> FigureView:
        """The picture above pane `name`, built (and drawn for the current record) when first asked for."""
        if name not in self._figures:
            from .figure_view import FigureView

            title, _, paint, height_for = _pane_figure(name)
            figure = FigureView(title, paint, height_for)
            figure.source_requested.connect(self.source_requested)
            self._pages[name].insertWidget(0, figure)
            self._figures[name] = figure
            if name in self._rendered:
                self._draw_figure(name)
        return self._figures[name]

    @property
    def trials(self) -> TrialsGrid:
        """The Trials pane: the current drug's trials grid and history chart."""
        return self._trials_grid()

    def _trials_grid(self) -> TrialsGrid:
        """The trials grid, built (on the current drug) the first time it is asked for."""
        if self._trials is None:
            from .trials_grid import TrialsGrid

            grid = TrialsGrid(self._store, drug_id=self.record.summary.id if self.record else "", parent=self)
            grid.setAccessibleName("Trials pane")
            grid.trial_activated.connect(self.trial_activated)
            grid.restore_header(self._trials_header)
            grid.header_state_changed.connect(self.trials_header_changed)
            self._pages["trials"].addWidget(grid, 1)
            self._trials = grid
        return self._trials

    def cancel_pending(self) -> None:
        """Drop work queued by timers (the window is closing)."""
        if self._trials is not None:
            self._trials.cancel_pending()

    # ---- showing a record ------------------------------------------------------------------------------

    def show_record(self, record: DrugRecord, favourite: bool) -> None:
        self.record = record
        summary = record.summary
        self.title.setText(shortened(summary.name))
        self.codes.setText(shortened(", ".join(summary.code_names)) or "No code name stated in the sources")
        self.status.setText(shortened(summary.status_label))
        self.set_favourite(favourite)
        self._rendered = set()  # panes are rendered when first shown for this drug
        self._render_current()
        if self._trials is not None:  # else it starts on this drug when built
            self._trials.set_drug(summary.id)
        trials = PANE["trials"]
        self.tabs.setTabText(PANES.index(trials), f"{trials.title} ({record.trial_count:,})")

    def _on_tab_changed(self, index: int) -> None:
        self._render_current()
        self.pane_changed.emit(PANES[index].id)

    def _render_current(self) -> None:
        # The pane on screen is built whole at once, its picture too: text that moved down when the
        # picture arrived a moment later would be a jump on every start.
        name = self.current_pane()
        if name in WIDGET_PANES:
            self._trials_grid()
        elif name in FIGURE_PANES:
            self._figure_view(name)
        self._render(name)

    def _render(self, name: str) -> None:
        if self.record is None or name in WIDGET_PANES or name in self._rendered:
            return
        self.pane(name).set_pane_html(PANE[name].render(self.record, self._link))
        self._rendered.add(name)
        if name in self._figures:
            self._draw_figure(name)

    def _draw_figure(self, name: str) -> None:
        figure = _pane_figure(name)[1](self.record)
        self._figures[name].set_figure(figure, figure.text_alternative())

    def pane_text(self, name: str) -> str:
        """A pane's text, rendering it first if it has not been shown yet (for tests and copying)."""
        self._render(name)
        return self.pane(name).toPlainText()

    def figure(self, name: str) -> FigureView:
        """A pane's picture, drawn for the current record (rendering the pane first if need be)."""
        self._render(name)
        return self._figure_view(name)

    def set_favourite(self, favourite: bool) -> None:
        self.favourite.setChecked(favourite)
        set_icon(self.favourite.setIcon, "favourite" if favourite else "not-favourite")
        self.favourite.setAccessibleName("Remove from favourites" if favourite else "Add to favourites")

    def _on_favourite_clicked(self) -> None:
        if self.record:
            self.favourite_toggled.emit(self.record.summary.id)

    def select_pane(self, name: str) -> None:
        """Show the pane with id `name` (an unknown id shows the first)."""
        self.tabs.setCurrentIndex(PANES.index(PANE.get(name, PANE[FIRST_PANE])))

    def current_pane(self) -> str:
        """The id of the pane on screen."""
        return PANES[self.tabs.currentIndex()].id
