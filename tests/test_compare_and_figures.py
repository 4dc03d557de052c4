"""Compare (store, CLI, window) and the pictures (receptor diagram, development timeline) on the seed data.

Expected values come from the sources (`cat -n`): 000 line 34 (bempegaldesleukin's class, CD122),
001 lines 6–9, 14–20, 31–32 (nemvaleukin alfa), and the trial tables' counts.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.figures.data import AVOIDED, ENGAGED, SILENT, receptor_figure, timeline_figure
from desktop.models.comparison import ComparisonModel
from desktop.models.roles import PROVENANCE_ROLE
from desktop.sheet.content import comparison_html
from desktop.store import TrialQuery
from desktop.store.compare import compare
from desktop.store.results import NOT_STATED
from desktop.widgets.passage_dialog import PassageDialog
from helpers import accepting_print_dialog, pdf_text

REPO = Path(__file__).resolve().parent.parent
DRUGS = ["bempegaldesleukin", "nemvaleukin-alfa", "aldesleukin"]


def _row(comparison, label):
    return next(r for r in comparison.rows if r.label == label)


def _texts(cell):
    return [v.text for v in cell]


# ---- store ----------------------------------------------------------------------------------------

def test_compare_cells_are_the_sources_values_with_their_lines(store):
    comparison = compare(store, DRUGS)
    klass = _row(comparison, "Class")
    assert _texts(klass.cells[0]) == ["CD122-preferential IL-2 pathway agonist"]
    assert (klass.cells[0][0].prov.source, klass.cells[0][0].prov.line_start) == ("000_d1e456e14f737604.txt", 34)
    assert _texts(klass.cells[1]) == ["Selective IL-2 Receptor Agonist; Cytokine Immunotherapy"]
    assert klass.cells[1][0].prov.line_start == 6
    schedule = _row(comparison, "Schedule")
    assert [v.prov.line_start for v in schedule.cells[1]] == [31, 32]
    assert _texts(_row(comparison, "Receptor targeting").cells[1])[:2] == ["Targets βγ", "Avoids αβγ"]
    assert _texts(_row(comparison, "Approvals found").cells[1]) == ["FDA: not approved"]


def test_silent_sources_give_empty_cells_shown_as_not_stated(store):
    comparison = compare(store, DRUGS)
    route = _row(comparison, "Route")
    assert route.cells[0] == () and route.cells[2] == ()
    assert comparison.cell_text(route, 2) == NOT_STATED
    assert not route.silent and not route.collapsible
    serious = _row(compare(store, ["bempegaldesleukin", "aldesleukin"]), "Serious adverse effects")
    assert serious.silent and serious.collapsible


def test_trial_counts_equal_the_trials_table(store):
    comparison = compare(store, DRUGS)
    by_status = _texts(_row(comparison, "Trials by status").cells[0])
    terminated = sum(1 for t in store.trials() if t.drug_id == "bempegaldesleukin" and t.status == "Terminated")
    assert f"Terminated: {terminated}" in by_status
    by_phase = _row(comparison, "Trials by phase").cells[2]
    assert sum(int(v.text.rsplit(": ", 1)[1]) for v in by_phase) == store.count_trials(TrialQuery(drug_id="aldesleukin"))


def test_engineering_sentences_name_the_drug(store):
    cell = _row(compare(store, DRUGS), "How the molecule is engineered").cells[1]
    assert [v.prov.line_start for v in cell] == [2, 3, 18]  # not line 52's "the engineered cells" of CAR-T


def test_comparison_html_escapes_and_marks_silence(store):
    html = comparison_html(compare(store, DRUGS))
    assert "Bempegaldesleukin" in html and NOT_STATED in html and "not medical advice" in html


# ---- CLI ------------------------------------------------------------------------------------------

def _drugref(*args, db):
    return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args], capture_output=True, text=True, timeout=60)


def test_cli_compare_json_matches_the_store(seed_db, store):
    result = _drugref("compare", "NKTR-214", "ALKS 4230", "--json", db=seed_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["drugs"]] == ["bempegaldesleukin", "nemvaleukin-alfa"]
    route = next(r for r in data["rows"] if r["label"] == "Route")
    assert route["cells"][0]["stated"] is False
    assert route["cells"][1]["values"][0]["prov"]["line_start"] == 8


def test_cli_compare_rejects_bad_input_with_a_message(seed_db):
    one = _drugref("compare", "NKTR-214", db=seed_db)
    same = _drugref("compare", "NKTR-214", "bempegaldesleukin", db=seed_db)
    unknown = _drugref("compare", "NKTR-214", "nosuchdrug", db=seed_db)
    for result in (one, same, unknown):
        assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "two or three" in one.stderr and "different drugs" in same.stderr and "nosuchdrug" in unknown.stderr


def test_cli_compare_text_hides_silent_rows_unless_asked(seed_db):
    text = _drugref("compare", "NKTR-214", "aldesleukin", db=seed_db).stdout
    assert "Serious adverse effects (none of them says)" in text
    assert "Serious adverse effects\n" in _drugref("compare", "NKTR-214", "aldesleukin", "--all-rows", db=seed_db).stdout


# ---- models and window ------------------------------------------------------------------------------

def test_comparison_model(qtmodeltester, store):
    model = ComparisonModel(compare(store, ["bempegaldesleukin", "aldesleukin"]))
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Bempegaldesleukin"
    rows = model.rowCount()
    model.set_hide_collapsible(True)
    assert model.rowCount() < rows
    assert all(not model.row_at(r).collapsible for r in range(model.rowCount()))


def test_ctrl_shift_c_opens_compare_with_the_current_drug(qtbot, window):
    window.show_drug("nemvaleukin-alfa")
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(window, "compare_dialog", None) is not None and window.compare_dialog.isVisible())
    dialog = window.compare_dialog
    assert dialog.drug_ids()[0] == "nemvaleukin-alfa" and len(dialog.drug_ids()) == 2


def test_double_clicking_a_cell_opens_its_passage(qtbot, window):
    window.show_compare(["bempegaldesleukin", "nemvaleukin-alfa"])
    dialog = window.compare_dialog
    model = dialog.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).label == "Route")
    index = model.index(row, 1)
    assert [p.line_start for p in model.data(index, PROVENANCE_ROLE)] == [8]
    dialog.view.scrollTo(index)
    centre = dialog.view.visualRect(index).center()
    requested = []
    dialog.source_requested.connect(requested.append)
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click follows a press
    qtbot.mouseDClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: any(isinstance(w, PassageDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
    assert [p.line_start for p in requested] == [8]  # one passage, not one per signal Qt sends for a double-click


def nemvaleukin_class() -> str:
    """001 line 6: "- Drug Class: Selective IL-2 Receptor Agonist; Cytokine Immunotherapy." """
    line = (REPO / "data" / "sources" / "001_bb6f0f708e6573de.txt").read_text(encoding="utf-8").splitlines()[5]
    return line.split(": ", 1)[1].rstrip(".")


def squashed(text: str) -> str:  # a PDF's lines break where the page does
    return "".join(text.split())


def test_compare_exports_a_pdf(qtbot, window, tmp_path):
    window.show_compare(["bempegaldesleukin", "nemvaleukin-alfa"])
    target = window.compare_dialog.export_pdf(str(tmp_path / "compare.pdf"))
    assert target is not None and target.read_bytes().startswith(b"%PDF")
    assert squashed(nemvaleukin_class()) in squashed(pdf_text(target))


def test_compare_prints_the_comparison_from_its_print_button(qtbot, window, tmp_path, monkeypatch):
    from PySide6 import QtPrintSupport
    from PySide6.QtWidgets import QPushButton

    target = tmp_path / "printed.pdf"
    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", accepting_print_dialog(target))  # the printer: a PDF file
    window.show_compare(["bempegaldesleukin", "nemvaleukin-alfa"])
    button = next(b for b in window.compare_dialog.findChildren(QPushButton) if b.text() == "Print…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    printed = squashed(pdf_text(target))
    assert squashed("Bempegaldesleukin") in printed and squashed(nemvaleukin_class()) in printed


# ---- pictures ---------------------------------------------------------------------------------------

def test_receptor_figure_follows_each_source(store):
    nem = receptor_figure(store.drug("nemvaleukin-alfa"))
    assert [(c.cell, c.verdict) for c in nem.cells] == [("Tregs", AVOIDED), ("CD8+ T-cells", ENGAGED), ("NK cells", ENGAGED)]
    assert nem.avoided_subunits == "α" and nem.preferred == ""
    bempeg = receptor_figure(store.drug("bempegaldesleukin"))
    assert bempeg.preferred == "β"  # "CD122-preferential", and β is CD122 in 001 line 14
    aldes = receptor_figure(store.drug("aldesleukin"))
    assert {c.verdict for c in aldes.cells} == {SILENT}
    assert "not stated in the sources" in aldes.text_alternative()


def test_timeline_keeps_dated_and_undated_events_apart(store):
    bempeg = timeline_figure(store.drug("bempegaldesleukin"))
    assert [(m.date, m.when) for m in bempeg.dated] == [("2022-03", "March and April of 2022")]
    # Each label is the sentence's own words (000 lines 34 and 36), never a word that says more.
    assert [m.label for m in bempeg.undated] == ["Breakthrough Therapy designation (FDA)", "Strategic collaboration",
                                                 "Failed to meet their primary endpoints"]
    nem = timeline_figure(store.drug("nemvaleukin-alfa"))
    assert [(m.when, m.label) for m in nem.dated] == [("early 2026", "Results from the ARTISTRY clinical program"),
                                                      ("March 2026", "Not FDA-approved")]
    assert timeline_figure(store.drug("aldesleukin")).text_alternative() == \
        "The sources state no development events for Aldesleukin."


def test_figures_in_the_panes_have_text_alternatives_and_open_passages(qtbot, window):
    window.show_drug("nemvaleukin-alfa", "mechanism")
    figure = window.record.figure("mechanism")
    qtbot.waitUntil(lambda: bool(figure.regions))
    assert "Nemvaleukin alfa targets CD8+ T-cells and NK cells" in figure.accessibleDescription()
    drug_box = figure.regions[0]
    with qtbot.waitSignal(window.record.source_requested) as signal:
        qtbot.mouseClick(figure, Qt.MouseButton.LeftButton, pos=drug_box.rect.center().toPoint())
    assert signal.args[0].source == "001_bb6f0f708e6573de.txt"
    timeline = window.record.figure("overview")
    assert timeline.accessibleDescription().startswith("Dated events for Nemvaleukin alfa: early 2026")


def test_compare_opens_within_a_small_screen(window):
    window.show_compare(["bempegaldesleukin", "nemvaleukin-alfa"])
    dialog = window.compare_dialog
    room = dialog.screen().availableGeometry()  # 800 × 800 on the offscreen platform
    assert room.width() < 1100  # smaller than the dialog's own size, so fitting is what is tested
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.height() == 720  # where the screen has room, the size it asks for


def test_timeline_labels_never_overlap_however_close_the_events(qapp):
    """Six events within four years (as in a monograph's regulatory history): each label is drawn where it
    overlaps no other; an event without room keeps its diamond, and its tooltip still tells it."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter, QPalette

    from desktop.figures.data import Milestone, TimelineFigure
    from desktop.figures.painting import paint_timeline
    from desktop.ingest.records import Provenance

    prov = Provenance("doc.txt", "History", 1, 1)
    dates = ["2014-04", "2015-11-13", "2016-02", "2017-03-30", "2018-04-18", "2018-06"]
    figure = TimelineFigure("Example", tuple(
        Milestone(f"Event number {i} with a long label", date, date, f"Sentence {i}.", prov) for i, date in enumerate(dates)), ())
    image = QImage(900, 200, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    regions = paint_timeline(painter, QRectF(0, 0, 900, 200), figure, QPalette())
    painter.end()
    assert len(regions) == len(dates)  # every event can be pointed at
    labelled = [r.rect for r in regions if r.rect.width() > r.rect.height()]
    assert 0 < len(labelled) < len(dates)  # not all fit here: some stand unlabelled
    for i, one in enumerate(labelled):
        for other in labelled[i + 1:]:
            same_row = abs(one.top() - other.top()) < 1
            assert not (same_row and one.intersects(other)), (one, other)
