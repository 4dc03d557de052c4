"""The drug record: a header with name, status and favourite star, and one pane per topic."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QToolButton, QVBoxLayout, QWidget

from ..icons import set_icon
from ..render.panes import PANE_RENDERERS, PANES
from ..store import Store
from ..store.results import DrugRecord, GlossaryEntry
from ..render.html import GlossaryLinker
from ..figures.data import receptor_figure, timeline_figure
from ..figures.painting import paint_receptor, paint_timeline, timeline_height
from .figure_view import FigureView
from .pane_browser import PaneBrowser
from .trials_grid import TrialsGrid

# Pane → (figure title, what it shows, painter, height for a line height). Drawn above the pane's text.
PANE_FIGURES = {
    "Overview": ("Development timeline", timeline_figure, paint_timeline, timeline_height),
    "Mechanism": ("IL-2 receptor diagram", receptor_figure, paint_receptor, lambda _figure, line: line * 15),
}


class RecordView(QWidget):
    source_requested = Signal(object)      # Provenance
    trial_activated = Signal(int)          # trial key
    favourite_toggled = Signal(str)        # drug id
    pane_changed = Signal(str)
    compare_requested = Signal(str)        # drug id

    def __init__(self, store: Store, glossary: list[GlossaryEntry], parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._link = GlossaryLinker.from_entries(glossary)
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
        self.favourite = QToolButton()
        self.favourite.setCheckable(True)
        self.favourite.setAccessibleName("Favourite")
        self.favourite.setToolTip("Pin this drug to the top of the list (Ctrl+D)")
        self.favourite.clicked.connect(self._on_favourite_clicked)
        self.compare = QToolButton()
        self.compare.setText("Compare with…")
        self.compare.setAccessibleName("Compare with other drugs")
        self.compare.setToolTip("Compare this drug with one or two others (Ctrl+Shift+C)")
        self.compare.clicked.connect(lambda: self.record and self.compare_requested.emit(self.record.summary.id))

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Drug record panes")
        self.tabs.setDocumentMode(True)
        self.panes: dict[str, PaneBrowser] = {}
        self.figures: dict[str, FigureView] = {}
        self.trials = TrialsGrid(store, drug_id="", parent=self)
        self.trials.setAccessibleName("Trials pane")
        self.trials.trial_activated.connect(self.trial_activated)
        for name in PANES:
            if name == "Trials":
                self.tabs.addTab(self.trials, name)
                continue
            pane = PaneBrowser(name, glossary)
            pane.source_requested.connect(self.source_requested)
            self.panes[name] = pane
            self.tabs.addTab(self._with_figure(name, pane) if name in PANE_FIGURES else pane, name)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._rendered: set[str] = set()

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

    def _with_figure(self, name: str, pane: PaneBrowser) -> QWidget:
        title, _, paint, height_for = PANE_FIGURES[name]
        figure = FigureView(title, paint, height_for)
        figure.source_requested.connect(self.source_requested)
        self.figures[name] = figure
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(figure)
        layout.addWidget(pane, 1)
        return page

    def show_record(self, record: DrugRecord, favourite: bool) -> None:
        self.record = record
        summary = record.summary
        self.title.setText(summary.name)
        self.codes.setText(", ".join(summary.code_names) or "No code name stated in the sources")
        self.status.setText(summary.status_label)
        self.set_favourite(favourite)
        self._rendered: set[str] = set()  # panes are rendered when first shown for this drug
        self._render_current()
        self.trials.set_drug(summary.id)
        self.tabs.setTabText(PANES.index("Trials"), f"Trials ({record.trial_count:,})")

    def _on_tab_changed(self, index: int) -> None:
        self._render_current()
        self.pane_changed.emit(self.tabs.tabText(index))

    def _render_current(self) -> None:
        self._render(PANES[self.tabs.currentIndex()])

    def _render(self, name: str) -> None:
        if self.record is None or name not in self.panes or name in self._rendered:
            return
        self.panes[name].set_pane_html(PANE_RENDERERS[name](self.record, self._link))
        if name in self.figures:
            figure = PANE_FIGURES[name][1](self.record)
            self.figures[name].set_figure(figure, figure.text_alternative())
        self._rendered.add(name)

    def pane_text(self, name: str) -> str:
        """A pane's text, rendering it first if it has not been shown yet (for tests and copying)."""
        self._render(name)
        return self.panes[name].toPlainText()

    def figure(self, name: str) -> FigureView:
        """A pane's picture, drawn for the current record (rendering the pane first if need be)."""
        self._render(name)
        return self.figures[name]

    def set_favourite(self, favourite: bool) -> None:
        self.favourite.setChecked(favourite)
        set_icon(self.favourite.setIcon, "favourite" if favourite else "not-favourite")
        self.favourite.setAccessibleName("Remove from favourites" if favourite else "Add to favourites")

    def _on_favourite_clicked(self) -> None:
        if self.record:
            self.favourite_toggled.emit(self.record.summary.id)

    def select_pane(self, name: str) -> None:
        index = PANES.index(name) if name in PANES else 0
        self.tabs.setCurrentIndex(index)

    def current_pane(self) -> str:
        return PANES[self.tabs.currentIndex()]
