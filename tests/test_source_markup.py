"""Source text is data: markup written in a source is shown as written in every label and tooltip, never drawn."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6 import QtGui
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.settings import Settings
from desktop.store import Store, build_database
from desktop.user_state import UserState
from desktop.widgets.main_window import MainWindow

NAME_MARKUP = '<img src="x"><a href="y">'
CONDITION_MARKUP = "<b>advanced</b>"


def shown(text: str) -> str:
    """What Qt draws for a label's or tooltip's text: rich text when it guesses so, else the text itself."""
    if QtGui.Qt.mightBeRichText(text):  # the namespace in QtGui carries Qt's text helpers
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


@pytest.fixture()
def marked_window(qtbot, sources_copy, tmp_path):
    overview = next(sources_copy.glob("002_*.txt"))
    text = overview.read_text(encoding="utf-8")
    text = text.replace("Aldesleukin\n", f"Aldesleukin {NAME_MARKUP}\n", 1)
    text = text.replace("Untreated advanced melanoma", f"Untreated {CONDITION_MARKUP} melanoma", 1)
    overview.write_text(text, encoding="utf-8")
    store = Store(build_database(sources_copy, tmp_path / "marked.sqlite"))
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(store, UserState.load(tmp_path / "state.json"), settings)
    qtbot.addWidget(window)
    window.show()
    drug = next(d for d in store.drugs() if NAME_MARKUP in d.name)
    window.show_drug(drug.id)
    yield window, drug
    window.close()
    store.close()


def test_the_record_title_shows_the_name_as_written(marked_window):
    window, drug = marked_window
    title = window.record.title
    drawn = title.text() if title.textFormat() == Qt.TextFormat.PlainText else shown(title.text())
    assert NAME_MARKUP in drawn


def test_the_drug_lists_tooltip_shows_the_name_as_written(marked_window):
    window, drug = marked_window
    model = window.drug_model
    row = model.row_of(drug.id)
    assert NAME_MARKUP in shown(model.data(model.index(row), Qt.ItemDataRole.ToolTipRole))


def test_the_trials_grids_tooltip_shows_the_condition_as_written(marked_window):
    window, _drug = marked_window
    window.show_view("trials")
    model = window.trials.view.model()
    tooltips = [shown(model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole))
                for row in range(model.rowCount()) for column in range(model.columnCount())]
    assert any(f"Untreated {CONDITION_MARKUP} melanoma" in tip for tip in tooltips)


def test_the_search_results_tooltip_shows_the_name_as_written(qtbot, marked_window):
    window, _drug = marked_window
    window.search.search_for("Aldesleukin")
    model = window.search.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    tooltips = [shown(model.data(model.index(row), Qt.ItemDataRole.ToolTipRole) or "") for row in range(model.rowCount())]
    assert any(NAME_MARKUP in tip for tip in tooltips)


def test_the_approvals_matrix_row_header_tooltip_shows_the_name_as_written(marked_window):
    window, drug = marked_window
    window.show_view("matrix")
    model = window.matrix.view.model()
    headers = [shown(model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole))
               for row in range(model.rowCount())]
    assert any(NAME_MARKUP in header for header in headers)


def test_a_pictures_tooltip_shows_the_source_text_as_written_and_where_it_is_from(qtbot, marked_window):
    window, drug = marked_window
    window.show_drug(drug.id, "mechanism")
    figure = window.record.figure("mechanism")
    qtbot.waitUntil(lambda: bool(figure.regions))  # painted
    drawn = []
    for region in figure.regions:
        point = region.rect.center().toPoint()
        QApplication.sendEvent(figure, QHelpEvent(QEvent.Type.ToolTip, point, figure.mapToGlobal(point)))
        drawn.append(shown(QToolTip.text()))
    assert any(NAME_MARKUP in tip for tip in drawn)  # "The sources do not state which receptor … engages."
    assert any(tip.endswith("— click to read") for tip in drawn)  # a part drawn from a passage names it
