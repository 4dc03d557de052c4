"""The approvals matrix: the store's block query, the lazily fetched model, and the view in the window."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.ingest.synthetic import synthetic_documents
from desktop.models.approvals_matrix import BLOCK, FINDING_ROLE, PROV_ROLE, ApprovalsMatrixModel
from desktop.store import NOT_STATED, Store
from desktop.widgets.approvals_matrix import ApprovalsMatrix
from desktop.store.build import write_database
from desktop.widgets.passage_dialog import PassageDialog

SYNTHETIC_DRUGS = 300


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory) -> Path:
    return write_database(synthetic_documents(SYNTHETIC_DRUGS, 0, seed=7), tmp_path_factory.mktemp("matrix") / "m.sqlite")


# ---- store ---------------------------------------------------------------------------------------


def test_block_query_equals_one_drug_at_a_time(store):
    ids = [d.id for d in store.drugs()]
    assert store.approvals_of(ids) == {drug_id: store.approvals(drug_id) for drug_id in ids}
    assert store.approvals_of([]) == {}


def test_block_query_on_a_catalogue(synthetic_db):
    with Store(synthetic_db) as store:
        ids = [d.id for d in store.drugs()]
        block = store.approvals_of(ids[100:100 + BLOCK])
        assert list(block) == ids[100:100 + BLOCK]
        assert all([f.agency for f in findings] == store.agencies() for findings in block.values())


# ---- model ---------------------------------------------------------------------------------------


def test_matrix_passes_modeltester_and_equals_the_store(qtmodeltester, store):
    model = ApprovalsMatrixModel(store)
    qtmodeltester.check(model)
    assert model.rowCount() == len(store.drugs()) and model.columnCount() == len(store.agencies())
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == [d.name for d in store.drugs()]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == store.agencies()
    for row, drug in enumerate(store.drugs()):
        for column, finding in enumerate(store.approvals(drug.id)):
            assert model.index(row, column).data(FINDING_ROLE) == finding
            assert model.index(row, column).data(PROV_ROLE) == finding.prov


def _at(model: ApprovalsMatrixModel, drug_id: str, agency: str):
    return model.index(model.row_of(drug_id), model.column_of(agency))


def test_seed_cells(store):
    model = ApprovalsMatrixModel(store)
    bempeg_fda = _at(model, "bempegaldesleukin", "FDA")
    assert bempeg_fda.data() == "none found"
    prov = bempeg_fda.data(PROV_ROLE)
    assert prov is not None and "No FDA approvals found" in store.passage(prov).text
    tip = bempeg_fda.data(Qt.ItemDataRole.ToolTipRole)
    assert "“No FDA approvals found for this drug.”" in tip and f"line {prov.line_start}" in tip
    nemva_fda = _at(model, "nemvaleukin-alfa", "FDA")
    assert nemva_fda.data() == "not approved" and nemva_fda.data(PROV_ROLE) is not None
    for agency in store.agencies():
        silent = _at(model, "aldesleukin", agency)
        assert silent.data() == "not stated" and silent.data(PROV_ROLE) is None
        assert silent.data(FINDING_ROLE).finding == NOT_STATED
        assert NOT_STATED in silent.data(Qt.ItemDataRole.ToolTipRole)
        assert silent.data(Qt.ItemDataRole.AccessibleTextRole) == f"Aldesleukin, {agency}: {NOT_STATED}"
    nemva_ema = _at(model, "nemvaleukin-alfa", "EMA")
    assert nemva_ema.data() == "not stated" and nemva_ema.data(PROV_ROLE) is None


def test_not_stated_differs_by_more_than_colour(store):
    model = ApprovalsMatrixModel(store)
    silent, found, refused = (_at(model, *cell) for cell in
                              (("aldesleukin", "FDA"), ("bempegaldesleukin", "FDA"), ("nemvaleukin-alfa", "FDA")))
    assert silent.data(Qt.ItemDataRole.FontRole).italic()
    assert found.data(Qt.ItemDataRole.FontRole) is None and refused.data(Qt.ItemDataRole.FontRole) is None
    assert silent.data(Qt.ItemDataRole.ForegroundRole) == QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    tints = {index.data(Qt.ItemDataRole.BackgroundRole).name() for index in (found, refused)}
    assert len(tints) == 2 and silent.data(Qt.ItemDataRole.BackgroundRole) is None


def test_rows_are_fetched_a_block_at_a_time(qtmodeltester, synthetic_db, monkeypatch):
    with Store(synthetic_db) as store:
        asked: list[int] = []
        query = store.approvals_of
        monkeypatch.setattr(store, "approvals_of", lambda ids: asked.append(len(ids)) or query(ids))
        model = ApprovalsMatrixModel(store)
        assert model.rowCount() == SYNTHETIC_DRUGS and asked == []  # nothing read until a cell is asked for
        model.index(0, 0).data()
        model.index(BLOCK - 1, model.columnCount() - 1).data(Qt.ItemDataRole.ToolTipRole)
        assert asked == [BLOCK]
        model.index(SYNTHETIC_DRUGS - 1, 0).data()
        assert asked == [BLOCK, SYNTHETIC_DRUGS % BLOCK or BLOCK]
        model.index(1, 1).data()
        assert len(asked) == 2  # kept
        qtmodeltester.check(model)


# ---- the view in the window ----------------------------------------------------------------------


def test_ctrl_3_shows_the_matrix_built_only_then(qtbot, window):
    assert window.findChildren(ApprovalsMatrix) == []  # built when first shown
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.right.currentWidget() is window.matrix
    assert window.command_actions["matrix"].isChecked() and not window.command_actions["record"].isChecked()
    assert window.matrix.view.accessibleName() == "Approvals matrix"
    assert "“None found” is the source's own finding" in window.matrix.note.text()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.right.currentWidget() is window.record
    qtbot.waitUntil(lambda: window.complete)  # the toolbar gets its view buttons just after the first paint
    assert window.command_actions["matrix"] in window.toolbar.actions()


def _open_dialogs() -> list[PassageDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PassageDialog) and w.isVisible()]


def test_double_click_and_enter_open_the_passage(qtbot, window):
    window.show_view("matrix")
    view, model = window.matrix.view, window.matrix.model
    index = _at(model, "bempegaldesleukin", "FDA")
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click follows a press
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: len(_open_dialogs()) >= 1)
    assert len(_open_dialogs()) == 1
    assert "No FDA approvals found for this drug." in _open_dialogs()[0].highlighted_text
    for dialog in _open_dialogs():
        dialog.close()
    view.setCurrentIndex(_at(model, "nemvaleukin-alfa", "FDA"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_open_dialogs()) == 1)
    assert "not FDA-approved" in _open_dialogs()[0].highlighted_text
    for dialog in _open_dialogs():
        dialog.close()
    view.setCurrentIndex(_at(model, "aldesleukin", "EMA"))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # silent: nothing to show
    assert _open_dialogs() == []


def test_row_header_and_ctrl_enter_open_the_drug(qtbot, window):
    window.show_view("matrix")
    matrix = window.matrix
    rows = matrix.view.verticalHeader()
    row = matrix.model.row_of("nemvaleukin-alfa")
    centre = QPoint(rows.width() // 2, rows.sectionViewportPosition(row) + rows.sectionSize(row) // 2)
    qtbot.mouseDClick(rows.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.right.currentWidget() is window.record and window.record.title.text() == "Nemvaleukin alfa"
    window.show_view("matrix")
    matrix.view.setCurrentIndex(_at(matrix.model, "aldesleukin", "TGA"))
    matrix.view.setFocus()
    qtbot.keyClick(matrix.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.right.currentWidget() is window.record and window.record.title.text() == "Aldesleukin"
