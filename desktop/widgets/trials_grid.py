"""The trials grid: filters (drug, phase, status, text), a sortable table, row count, copy and CSV export,
and above the table the trial history chart of the same trials, its selection kept in step with the table's.

Used as a main view of its own and, scoped to one drug, inside the drug record's Trials pane.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QByteArray, QTimer, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMenu,
    QMessageBox, QSplitter, QTableView, QToolButton, QVBoxLayout, QWidget,
)

from ..files import replacing
from ..icons import set_icon
from ..models.drug_list import DRUG_ID_ROLE, DrugChoiceModel
from ..models.trial_history import TrialHistoryModel
from ..models.trials_table import COLUMNS, TRIAL_ROLE, TrialsTableModel
from ..render.trial_history import lane_label
from ..store import Store, TrialQuery
from ..store.export import write_trials_csv
from ..store.results import NO_DRUG
from .accessible import name_built_in_controls
from .trial_history_chart import TrialHistoryChart

ANY = "Any"


class TrialsGrid(QWidget):
    trial_activated = Signal(int)  # trial row key
    header_state_changed = Signal(QByteArray)

    def __init__(self, store: Store, drug_id: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._scoped = drug_id is not None
        self.model = TrialsTableModel(store, TrialQuery(drug_id=drug_id, sort="posted", descending=True), self)
        self.last_export_dir = Path.home()

        self.drug_filter = QComboBox()
        self.drug_filter.setAccessibleName("Filter by drug")
        self.drug_filter.setToolTip("Show only one drug's trials")
        if not self._scoped:  # a drug's own Trials pane has no drug to choose
            unlinked = store.has_trials(TrialQuery(drug_id=NO_DRUG))
            self.drug_filter.setModel(DrugChoiceModel(store.drugs(), self.drug_filter, unlinked))
        self.drug_filter.setVisible(not self._scoped)
        self.phase_filter = self._combo("Filter by phase", "Show only one phase", store.trial_phases(), lane_label)
        self.status_filter = self._combo("Filter by status", "Show only one status", store.trial_statuses(), str)
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter: ID, condition, country, title…")
        self.text_filter.setAccessibleName("Filter trials by text")
        self.text_filter.setToolTip("Show only trials whose ID, title, conditions, countries or description contain these words")
        self.text_filter.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Trial count")
        self.copy_button = self._button("copy", "Copy selected rows (Ctrl+C)", self.copy_selection)
        self.export_button = self._button("export", "Export the visible rows to CSV…", self.export_csv)
        self.columns_button = self._button("columns", "Show or hide columns", self._show_columns_menu)
        self.chart_button = self._button("chart", "Show or hide the trial history chart", self._on_chart_toggled)
        self.chart_button.setCheckable(True)
        # Registry records give start dates: the chart can place trials by them instead of by posted date.
        self.place_by = QComboBox()
        self.place_by.setAccessibleName("Place the chart's trials by")
        self.place_by.setToolTip("Place the trials in the chart by their posted date or by their start date")
        for by, words in (("posted", "By posted date"), ("start", "By start date")):
            self.place_by.addItem(words, by)
        self.place_by.currentIndexChanged.connect(lambda: self.history_model.place_by(self.place_by.currentData()))
        self._has_start_dates = store.dates_stated("start")

        self.history_model = TrialHistoryModel(store, self)
        self.chart = TrialHistoryChart(self.history_model)
        self.chart.trial_selected.connect(self.select_trial)
        self.chart.trial_activated.connect(self.trial_activated)
        # The chart reads its points only while it is on screen, after the grid has its rows:
        # a filter typed into the whole catalogue's grid with the chart hidden costs nothing more.
        self._chart_timer = QTimer(self, singleShot=True, interval=0)
        self._chart_timer.timeout.connect(self._refresh_chart)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Trials grid")
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        column_of = self.model.column_of
        header.setSortIndicator(column_of("posted"), Qt.SortOrder.DescendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_columns_menu)
        for number, column in enumerate(COLUMNS):  # never narrower than its title and sort arrow
            header.resizeSection(number, max(column.width, header.sectionSizeHint(number)))
        # Beside the ID, the title or programme is what names a trial that has no registry ID.
        header.moveSection(header.visualIndex(column_of("title")), header.visualIndex(column_of("trial_id")) + 1)
        if self._scoped:  # a drug's own grid: every row is that drug's
            header.hideSection(column_of("drug"))
        header.sectionMoved.connect(self._on_header_changed)
        header.sectionResized.connect(self._on_header_changed)
        header.sortIndicatorChanged.connect(self._on_header_changed)
        self.view.selectionModel().currentRowChanged.connect(self._highlight_current_row)
        # `activated` is Enter and a double-click (or the platform's single click); doubleClicked too would open two.
        self.view.activated.connect(self._on_activated)
        copy = QAction("Copy", self.view)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        # Only while the grid has focus: the window holds two grids (a drug's and all trials), and one key
        # bound twice in a window runs neither.
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.triggered.connect(self.copy_selection)
        self.view.addAction(copy)

        self._text_timer = QTimer(self, singleShot=True, interval=200)
        self._text_timer.timeout.connect(self._apply_filters)
        self.text_filter.textChanged.connect(self._text_timer.start)
        for combo in (self.drug_filter, self.phase_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.model.query_changed.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.model.query_changed.connect(self._schedule_chart)
        self.model.modelReset.connect(self._highlight_current_row)  # a reset clears the row without a signal

        bar = QHBoxLayout()
        for widget in (self.drug_filter, self.phase_filter, self.status_filter):
            bar.addWidget(widget)
        bar.addWidget(self.text_filter, 1)
        bar.addWidget(self.count_label)
        for widget in (self.copy_button, self.export_button, self.columns_button, self.chart_button, self.place_by):
            bar.addWidget(widget)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._update_count()
        # On by default for one drug's trials; off for the whole catalogue, where reading its points
        # would add to every filter's time (the grid filter's budget is already nearly spent).
        self.set_chart_visible(self._scoped)
        name_built_in_controls(self)

    def _combo(self, name: str, tip: str, values: list[str], label: Callable[[str], str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(tip)
        combo.addItem(f"{name.split()[-1].capitalize()}: {ANY}", None)
        for value in values:
            combo.addItem(label(value), value)
        return combo

    def _button(self, icon_name: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        set_icon(button.setIcon, icon_name)
        button.setToolTip(tip)
        button.setAccessibleName(tip.rstrip("…").split(" (")[0])
        button.clicked.connect(slot)
        return button

    # ---- filtering and state -------------------------------------------------------------------

    def set_drug(self, drug_id: str | None) -> None:
        self.model.set_query(replace(self.model.query, drug_id=drug_id))

    def _apply_filters(self) -> None:
        query = replace(
            self.model.query,
            drug_id=self.model.query.drug_id if self._scoped else self.drug_filter.currentData(DRUG_ID_ROLE),
            phase=self.phase_filter.currentData(),
            status=self.status_filter.currentData(),
            text=self.text_filter.text().strip() or None,
        )
        if query != self.model.query:
            self.model.set_query(query)

    def filter_by_text(self, text: str) -> None:
        self.text_filter.setText(text)
        self._text_timer.stop()
        self._apply_filters()

    def cancel_pending(self) -> None:
        self._text_timer.stop()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count_label.setText(f"{shown:,} of {total:,} trials")

    def restore_header(self, state: QByteArray | None) -> None:
        if state is not None:
            header = self.view.horizontalHeader()
            header.restoreState(state)
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _on_header_changed(self, *_: object) -> None:
        self.header_state_changed.emit(self.view.horizontalHeader().saveState())

    def _show_columns_menu(self, *_: object) -> None:
        header = self.view.horizontalHeader()
        menu = QMenu(self)
        for column, title in enumerate(c.title for c in COLUMNS):
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown) or self._on_header_changed())
        menu.exec(self.cursor().pos())

    # ---- the chart ---------------------------------------------------------------------------------

    def set_chart_visible(self, visible: bool) -> None:
        self.chart_button.setChecked(visible)
        self.chart.setVisible(visible)
        self.place_by.setVisible(visible and self._has_start_dates)
        self._schedule_chart()

    def _on_chart_toggled(self, *_: object) -> None:
        self.set_chart_visible(self.chart_button.isChecked())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._schedule_chart()  # the filters may have changed while the pane was hidden

    def _schedule_chart(self) -> None:
        if self.chart.isVisibleTo(self) and not self.history_model.is_current(self.model.query):
            self._chart_timer.start()

    def _refresh_chart(self) -> None:
        if not self.chart.isVisible():
            return
        self.history_model.set_query(self.model.query, total=self.model.rowCount())
        self._highlight_current_row()

    def _highlight_current_row(self, *_: object) -> None:
        current = self.view.currentIndex()
        key = self.model.data(current, TRIAL_ROLE) if current.isValid() else None
        self.chart.set_highlighted(None if key is None else int(key))

    # ---- actions ---------------------------------------------------------------------------------

    def _on_activated(self, index) -> None:
        key = self.model.data(index, TRIAL_ROLE)
        if key is not None:
            self.trial_activated.emit(int(key))

    def select_trial(self, key: int) -> bool:
        row = self.model.row_of(key)
        if row is None:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def visible_columns(self) -> list[int]:
        header = self.view.horizontalHeader()
        return [header.logicalIndex(v) for v in range(header.count()) if not header.isSectionHidden(header.logicalIndex(v))]

    def selected_text(self) -> str:
        """Selected rows as tab-separated text with a header line, in on-screen column order."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedIndexes()})
        if not rows:
            return ""
        columns = self.visible_columns()
        lines = ["\t".join(COLUMNS[c].title for c in columns)]
        for row in rows:
            trial = self.model.trial_at(row)
            lines.append("\t".join(COLUMNS[c].cell(trial) or "" for c in columns))
        return "\n".join(lines)

    def copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def export_csv(self, path: str | None = None) -> Path | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Export trials to CSV", str(self.last_export_dir / "trials.csv"), "CSV files (*.csv)")
            if not path:
                return None
        target = Path(path)
        try:
            with replacing(target) as temp, open(temp, "w", encoding="utf-8", newline="") as handle:
                write_trials_csv(self.model.visible_trials(), handle)
        except OSError as error:
            QMessageBox.warning(self, "Export failed", f"Could not write {target}: {error.strerror or error}")
            return None
        self.last_export_dir = target.parent
        return target
