"""The trial history chart: its points from the store, the Qt-free layout, the model, and the widget in the
trials grid driven as a user would (click, hover, keys), on the seed database and a small synthetic one."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.ingest.clean import STATUS_WORDINGS, normalise_status, phase_rank
from desktop.ingest.synthetic import synthetic_documents
from desktop.models.trial_history import COLOUR_ROLE, KEY_ROLE, STATUS_ROLE, TrialHistoryModel
from desktop.models.trials_table import TRIAL_ROLE
from desktop.render.trial_history import (
    DRAWN_AS, STATUS_STYLES, Box, describe, layout_history, placed_date, status_style, tooltip_html,
)
from desktop.store import NOT_STATED, Store, TrialQuery
from desktop.store.build import write_database
from desktop.store.trial_queries import HISTORY_LIMIT
from desktop.widgets.trials_grid import TrialsGrid
from helpers import painted_text

BEMPEG = "bempegaldesleukin"
PLOT = Box(100, 20, 700, 200)
PITCH = 14.0


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory) -> Path:
    """More trials than the chart draws: 3,000 in 50 drugs (what `drugref build-db --synthetic 50,3000` writes)."""
    return write_database(synthetic_documents(50, 3000, seed=11), tmp_path_factory.mktemp("chart") / "s.sqlite")


@pytest.fixture()
def bempeg_grid(qtbot, store):
    grid = TrialsGrid(store, drug_id=BEMPEG)
    qtbot.addWidget(grid)
    grid.resize(1000, 640)
    grid.show()
    qtbot.waitUntil(lambda: grid.history_model.rowCount() == 15)
    return grid


# ---- store -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("drug_id", ["aldesleukin", BEMPEG, "nemvaleukin-alfa"])
def test_one_point_per_trial_of_each_drug(store, drug_id):
    history = store.trial_history(TrialQuery(drug_id=drug_id))
    count = store.count_trials(TrialQuery(drug_id=drug_id))
    assert len(history.points) == history.total == count
    assert sorted(p.key for p in history.points) == sorted(t.key for t in store.trials(TrialQuery(drug_id=drug_id)))
    assert not history.truncated


def test_seed_counts_as_the_database_holds_them(store):
    history = store.trial_history(TrialQuery(drug_id=BEMPEG))
    terminated = store.count_trials(TrialQuery(drug_id=BEMPEG, status="Terminated"))
    assert terminated == 5
    assert sum(p.status == "Terminated" for p in history.points) == terminated
    assert sum(p.posted is not None for p in history.points) == 10
    assert [len(store.trial_history(TrialQuery(drug_id=d)).points) for d in ("aldesleukin", "nemvaleukin-alfa")] == [26, 3]
    assert all(p.posted is None for p in store.trial_history(TrialQuery(drug_id="aldesleukin")).points)


def test_points_come_newest_first_with_the_undated_last_and_follow_the_filters(store):
    points = store.trial_history(TrialQuery(drug_id=BEMPEG)).points
    dated = [p.posted for p in points if p.posted]
    assert dated == sorted(dated, reverse=True) and dated[0] == "2021-07-21" and dated[-1] == "2017-05-03"
    assert all(p.posted is None for p in points[len(dated):])
    assert points[0].posted_text == "2021/07/21"  # as the source wrote it
    only = store.trial_history(TrialQuery(drug_id=BEMPEG, status="Terminated", sort="enrollment", descending=True))
    assert {p.status for p in only.points} == {"Terminated"} and only.total == 5


def test_a_catalogue_larger_than_the_limit_is_charted_newest_first_and_says_how_many_match(synthetic_db):
    with Store(synthetic_db) as store:
        history = store.trial_history(TrialQuery())
        assert (len(history.points), history.total, history.truncated) == (HISTORY_LIMIT, 3000, True)
        oldest_shown = min(p.posted for p in history.points)
        newer = sum(1 for trial in store.iter_trials(TrialQuery()) if trial.posted and trial.posted > oldest_shown)
        assert newer < HISTORY_LIMIT  # nothing posted later was left out
        assert store.trial_history(TrialQuery(), total=3000) == history
        assert describe(history).startswith(f"{HISTORY_LIMIT:,} most recently posted of 3,000 trials;")


# ---- layout ------------------------------------------------------------------------------------------

def test_lanes_follow_phase_order_with_phase_not_stated_last(store):
    points = store.trial_history(TrialQuery(drug_id=BEMPEG)).points
    layout = layout_history(points, PLOT, PITCH, strip_min=90)
    assert [lane.label for lane in layout.lanes] == ["Phase 1", "Phase 1/2", "Phase 2", "Phase 3", "Phase not stated"]
    assert [lane.count for lane in layout.lanes] == [6, 1, 4, 3, 1]
    for point, (x, y) in zip(points, layout.positions):
        lane = next(lane for lane in layout.lanes if lane.phase == point.phase)
        assert lane.top <= y <= lane.bottom and PLOT.left <= x <= PLOT.right


def test_dated_trials_on_a_time_axis_and_undated_ones_in_their_own_strip(store):
    points = store.trial_history(TrialQuery(drug_id=BEMPEG)).points
    layout = layout_history(points, PLOT, PITCH, strip_min=90)
    assert layout.dated and [t.label for t in layout.ticks] == ["2017", "2018", "2019", "2020", "2021", "2022"]
    dated = sorted((placed_date(p), x) for p, (x, _) in zip(points, layout.positions) if p.posted)
    assert [x for _, x in dated] == sorted(x for _, x in dated) and dated[0][1] < dated[-1][1]
    assert all(layout.axis[0] <= x <= layout.axis[1] for _, x in dated)
    undated = [x for p, (x, _) in zip(points, layout.positions) if not p.posted]
    assert len(undated) == 5 and all(x > layout.undated[0] > layout.axis[1] for x in undated)
    for i, a in enumerate(layout.positions):  # no marker hides another
        for b in layout.positions[i + 1:]:
            assert (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 >= (PITCH - 0.01) ** 2
    xs = [layout.positions[i][0] for i in layout.order]
    assert xs == sorted(xs)


def test_with_no_dates_the_chart_is_by_phase_alone(store):
    points = store.trial_history(TrialQuery(drug_id="aldesleukin")).points
    layout = layout_history(points, PLOT, PITCH)
    assert not layout.dated and layout.ticks == () and layout.undated is None
    assert [lane.phase for lane in layout.lanes] == ["1", "1/2", "2", "3", None]
    assert sorted(phase_rank(p) for p in ("1", "1/2", "2", "3")) == [phase_rank(l.phase) for l in layout.lanes[:-1]]
    assert len(set(layout.positions)) == len(points) == 26


def test_every_status_has_its_own_look_and_terminated_is_not_completed():
    looks = {(s.shape, s.light, s.hollow) for s in STATUS_STYLES.values()}
    assert len(looks) == len(STATUS_STYLES)
    registry_statuses = {normalise_status(wording) for wording in STATUS_WORDINGS}
    assert None not in registry_statuses and registry_statuses <= set(STATUS_STYLES) | set(DRAWN_AS)  # each is drawn
    assert set(DRAWN_AS.values()) <= set(STATUS_STYLES)
    terminated, completed = status_style("Terminated"), status_style("Completed")
    assert terminated.light != completed.light and terminated.dark != completed.dark
    assert terminated.shape == status_style("Withdrawn").shape == "triangle" != completed.shape


def test_tooltip_and_text_alternative(store):
    points = store.trial_history(TrialQuery(drug_id=BEMPEG)).points
    first = next(p for p in points if p.posted == "2017-05-03")
    tip = tooltip_html(first)
    assert "Posted: 2017/05/03" in tip and "Status: Terminated" in tip and "Phase: Phase 1" in tip
    undated = next(p for p in points if p.trial_id == "NCT03729245")
    assert f"Posted: <i>{NOT_STATED}</i>" in tooltip_html(undated)
    assert describe(store.trial_history(TrialQuery(drug_id=BEMPEG))) == (
        "15 trials; 10 posted 2017–2021, 5 with no posted date. By status: Terminated 5, Withdrawn 1, Completed 3, "
        "Active, not recruiting 1, Status not stated 5. By phase: Phase 1 6, Phase 1/2 1, Phase 2 4, Phase 3 3, "
        "Phase not stated 1.")


def test_source_text_in_a_tooltip_is_escaped(store):
    from dataclasses import replace

    point = store.trial_history(TrialQuery(drug_id=BEMPEG)).points[0]
    assert "&lt;b&gt;" in tooltip_html(replace(point, phase_text="<b>x</b>"))


# ---- model -------------------------------------------------------------------------------------------

def test_model_passes_modeltester_and_colours_by_status(qtmodeltester, store, seed_trial_count):
    model = TrialHistoryModel(store)
    qtmodeltester.check(model)
    model.set_query(TrialQuery(drug_id=BEMPEG))
    qtmodeltester.check(model)
    assert model.rowCount() == 15
    rows = {model.index(r).data(STATUS_ROLE): model.index(r) for r in range(model.rowCount())}
    assert rows["Terminated"].data(COLOUR_ROLE) != rows["Completed"].data(COLOUR_ROLE)
    assert isinstance(rows["Terminated"].data(COLOUR_ROLE), QColor)
    assert {model.index(r).data(KEY_ROLE) for r in range(15)} == {t.key for t in store.trials(TrialQuery(drug_id=BEMPEG))}
    model.set_query(TrialQuery())
    qtmodeltester.check(model)
    assert model.rowCount() == seed_trial_count


def test_a_new_sort_order_does_not_reread_the_points(qtbot, store):
    model = TrialHistoryModel(store)
    model.set_query(TrialQuery(drug_id=BEMPEG))
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_query(TrialQuery(drug_id=BEMPEG, sort="status", descending=True))
    with qtbot.waitSignal(model.modelReset):
        model.set_query(TrialQuery(drug_id=BEMPEG, status="Completed"))
    assert model.rowCount() == 3


# ---- the widget in the trials grid -------------------------------------------------------------------

def test_clicking_a_point_selects_its_row_in_the_grid(qtbot, bempeg_grid, store):
    grid = bempeg_grid
    key = next(p.key for p in grid.history_model.points if p.posted == "2019-08-09")
    position = grid.chart.point_position(key).toPoint()
    with qtbot.waitSignal(grid.chart.trial_selected) as selected:
        qtbot.mouseClick(grid.chart, Qt.MouseButton.LeftButton, pos=position)
    assert selected.args == [key]
    rows = {index.row() for index in grid.view.selectionModel().selectedRows()}
    assert len(rows) == 1 and grid.model.index(rows.pop(), 0).data(TRIAL_ROLE) == key
    assert grid.chart.highlighted_key == key
    with qtbot.waitSignal(grid.trial_activated) as activated:
        qtbot.mouseDClick(grid.chart, Qt.MouseButton.LeftButton, pos=position)
    assert activated.args == [key]


def test_selecting_a_row_highlights_its_point_and_a_new_filter_clears_it(qtbot, bempeg_grid):
    grid = bempeg_grid
    grid.view.selectRow(4)
    key = grid.model.index(4, 0).data(TRIAL_ROLE)
    assert grid.chart.highlighted_key == key
    grid.status_filter.setCurrentIndex(grid.status_filter.findData("Terminated"))
    qtbot.waitUntil(lambda: grid.history_model.rowCount() == 5)
    assert grid.chart.highlighted_key is None
    assert {p.status for p in grid.history_model.points} == {"Terminated"}


def test_hovering_a_point_names_the_trial(qtbot, bempeg_grid):
    chart = bempeg_grid.chart
    key = next(p.key for p in bempeg_grid.history_model.points if p.posted == "2021-06-23")
    position = chart.point_position(key).toPoint()
    qtbot.mouseMove(chart, position)
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, position, chart.mapToGlobal(position)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Trial posted 2021-06-23" in QToolTip.text() and "Posted: 2021/06/23" in QToolTip.text()
    assert "Status: Terminated" in QToolTip.text() and "Phase: Phase 2" in QToolTip.text()
    QToolTip.hideText()
    assert chart.key_at(position + QPoint(0, 200)) is None


def test_keys_move_between_points_left_to_right_and_enter_selects(qtbot, bempeg_grid):
    grid, chart = bempeg_grid, bempeg_grid.chart
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    visited = [chart.current_key]
    for _ in range(14):
        qtbot.keyClick(chart, Qt.Key.Key_Right)
        visited.append(chart.current_key)
    assert len(set(visited)) == 15
    xs = [chart.point_position(key).x() for key in visited]
    assert xs == sorted(xs)
    first_dated = next(p.key for p in grid.history_model.points if p.posted == "2017-05-03")
    assert visited[0] == first_dated
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.current_key == visited[-2]
    with qtbot.waitSignal(chart.trial_selected) as selected:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert selected.args == [visited[-2]]
    assert grid.model.index(grid.view.currentIndex().row(), 0).data(TRIAL_ROLE) == visited[-2]


def test_the_chart_is_named_described_and_shows_the_terminations(bempeg_grid):
    chart = bempeg_grid.chart
    assert chart.accessibleName() == "Trial history chart"
    assert chart.accessibleDescription().startswith("15 trials; 10 posted 2017–2021, 5 with no posted date.")
    image = chart.grab().toImage()
    terminated = QColor(status_style("Terminated").light)
    found = sum(image.pixelColor(x, y) == terminated for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    assert found > 20  # the vermillion triangles are drawn, not just listed


def test_the_whole_catalogue_grid_reads_no_points_until_the_chart_is_shown(qtbot, store):
    grid = TrialsGrid(store)
    qtbot.addWidget(grid)
    grid.show()
    assert not grid.chart_button.isChecked() and not grid.chart.isVisible()
    grid.status_filter.setCurrentIndex(grid.status_filter.findData("Completed"))
    QApplication.processEvents()
    assert grid.history_model.rowCount() == 0
    grid.chart_button.click()
    qtbot.waitUntil(lambda: grid.history_model.rowCount() == 6)
    assert grid.chart.isVisible()


def test_truncated_chart_says_how_many_it_shows(qtbot, synthetic_db):
    with Store(synthetic_db) as store:
        grid = TrialsGrid(store)
        qtbot.addWidget(grid)
        grid.resize(1024, 640)
        grid.show()
        grid.set_chart_visible(True)
        qtbot.waitUntil(lambda: grid.history_model.rowCount() == HISTORY_LIMIT)
        assert f"Showing the newest {HISTORY_LIMIT:,} of 3,000 trials" in " ".join(painted_text(grid.chart))
        assert grid.chart.accessibleDescription().startswith(f"{HISTORY_LIMIT:,} most recently posted of 3,000 trials")
        grid.close()


def test_the_drug_record_trials_pane_charts_the_drug(qtbot, make_window):
    window = make_window(activate=False)
    window.resize(1024, 640)
    window.show_drug("aldesleukin")
    assert window.record.trials.history_model.rowCount() == 0  # the Trials tab is not shown yet
    window.show_drug(BEMPEG, "trials")
    qtbot.waitUntil(lambda: window.record.trials.history_model.rowCount() == 15)
    assert window.record.trials.chart.isVisible()


def test_double_clicking_a_row_opens_the_trial_once(qtbot, bempeg_grid):
    grid = bempeg_grid
    index = grid.model.index(0, 0)
    centre = grid.view.visualRect(index).center()
    opened = []
    grid.trial_activated.connect(opened.append)
    qtbot.mouseClick(grid.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click follows a press
    with qtbot.waitSignal(grid.trial_activated):
        qtbot.mouseDClick(grid.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened == [grid.model.data(index, TRIAL_ROLE)]
    grid.view.setCurrentIndex(grid.model.index(1, 0))
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    assert opened[1:] == [grid.model.data(grid.model.index(1, 0), TRIAL_ROLE)]


def test_lane_and_filter_labels_read_as_registries_word_phases():
    """"Early 1" and "N/A" are stored short for sorting; a lane or a filter item reads them whole (the chart
    said "Phase Early 1" for dostarlimab's window-of-opportunity study)."""
    from desktop.render.trial_history import lane_label
    assert [lane_label(p) for p in ("Early 1", "1/2", "N/A", None)] == [
        "Early Phase 1", "Phase 1/2", "Phase not applicable", "Phase not stated"]


def test_the_phase_filter_lists_early_phase_1_by_its_name(qtbot, tmp_path):
    from desktop.ingest.corpus import load_corpus
    from desktop.store import Store
    from desktop.store.build import write_corpus
    from desktop.widgets.trials_grid import TrialsGrid

    db = write_corpus(load_corpus(Path(__file__).parent / "corpus_holdout"), tmp_path / "holdout.sqlite")
    with Store(db) as store:
        grid = TrialsGrid(store)
        qtbot.addWidget(grid)
        items = [grid.phase_filter.itemText(i) for i in range(grid.phase_filter.count())]
        assert "Early Phase 1" in items and "Phase not applicable" in items
        assert not any(item.startswith("Phase Early") or item == "Phase N/A" for item in items)


def test_a_chart_placed_by_a_date_no_trial_states_says_which_date(bempeg_grid, qtbot):
    # MedPath's table (000) gives posted dates, no start dates: placed by start, every point is undated.
    assert "No posted dates in the sources" not in " ".join(painted_text(bempeg_grid.chart))
    bempeg_grid.history_model.place_by("start")
    qtbot.waitUntil(lambda: bempeg_grid.history_model.rowCount() == 15)
    said = " ".join(painted_text(bempeg_grid.chart))
    assert "No start dates in the sources" in said and "posted" not in said
