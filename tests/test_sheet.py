"""The printed summary sheet: facts, disclaimer and sources in the PDF's own text, page budget,
embedded fonts, markup printed literally, section choices, and print dialogs that never block."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtPrintSupport import QPrinter

from desktop import cli
from desktop.settings import Settings
from desktop.sheet import data_note
from desktop.sheet.content import SECTIONS, SheetOptions, parse_sections
from desktop.sheet.render import ONE_PAGE_SCALES, write_document_pdf, write_pdf
from desktop.store import Store, build_database
from desktop.widgets.sheet_actions import SheetActions
from helpers import accepting_print_dialog, pdf_text

FACTS = {
    "bempegaldesleukin": ["NKTR-214", "1939126-74-5", "BNO1JG5MZC", "DB15140", "Breakthrough Therapy",
                          "March and April of 2022", "None found", "Health Canada", "PIVOT-09"],
    "nemvaleukin-alfa": ["ALKS 4230", "Intravenous Schedule", "9-day rest", "nearly 70% of patients", "Neutropenia",
                         "ARTISTRY-7", "Not approved", "Fast Track", "Orphan Drug"],
    "aldesleukin": ["NCT05727904", "810", "Untreated advanced melanoma", "more trials in the sources",
                    "Not stated in the sources for Aldesleukin"],
}


def embedded_fonts(path: Path) -> list[tuple[str, bool]]:
    fonts = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            fonts.append((str(font["/BaseFont"]), any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    return fonts


@pytest.mark.parametrize("drug_id", sorted(FACTS))
def test_each_seed_sheet_has_its_facts_disclaimer_and_sources(qapp, store, tmp_path, drug_id):
    record = store.drug(drug_id)
    path = tmp_path / f"{drug_id}.pdf"
    pages = write_pdf(record, SheetOptions(), path, data_note(store, record.sources), dt.date(2026, 11, 23))
    assert pages == 1 and len(PdfReader(path).pages) == 1
    text = pdf_text(path)
    for fact in FACTS[drug_id]:
        assert fact in text, fact
    assert "not medical advice" in text
    assert "Printed 2026-11-23" in text and f"Page 1 of {pages}" in text
    for source in record.sources:
        assert source.id in text
        if source.as_of:
            assert f"as of {source.as_of}" in text
    fonts = embedded_fonts(path)
    assert fonts and all(embedded for _, embedded in fonts), fonts


@pytest.mark.parametrize("drug_id", sorted(FACTS))
def test_every_seed_sheet_fits_one_letter_page_with_every_section(qapp, store, tmp_path, drug_id):
    path = tmp_path / f"{drug_id}.pdf"
    record = store.drug(drug_id)
    assert write_pdf(record, SheetOptions(page_size="Letter"), path, data_note(store, record.sources)) == 1


def test_a_long_sheet_runs_on_rather_than_shrinking_past_the_legible_floor(qapp, tmp_path):
    html = "<h1>Long</h1>" + "".join(f"<p>Paragraph {n} of a sheet far longer than one page.</p>" for n in range(150))
    path = tmp_path / "long.pdf"
    pages = write_document_pdf(html, "long", "A4", path, "test data", scales=ONE_PAGE_SCALES)
    assert pages > 1 and len(PdfReader(path).pages) == pages
    assert "Paragraph 149 of" in pdf_text(path)  # nothing is cut off


def test_sections_can_be_chosen_and_missing_ones_are_named_not_left_empty(qapp, store, tmp_path):
    path = tmp_path / "dosing-only.pdf"
    record = store.drug("aldesleukin")
    write_pdf(record, SheetOptions(("mechanism", "dosing", "trials")), path, data_note(store, record.sources))
    text = pdf_text(path)
    # Nothing in 002 speaks of the mechanism; its trial descriptions name regimens (lines 17, 31, 43): "in passing".
    assert "Not stated in the sources for Aldesleukin: mechanism." in text
    assert "Touched on only in passing in the sources for Aldesleukin (see the window for the passages): dosing." in text
    assert "Key trials" in text and "Identity" not in text and "Approvals" not in text
    assert "not medical advice" in text  # the disclaimer is never optional


def test_parse_sections_rejects_unknown_names():
    assert parse_sections("safety, dosing") == ("dosing", "safety")
    with pytest.raises(ValueError, match="unknown section"):
        parse_sections("dosing,bogus")


def test_markup_in_a_source_prints_as_text(qapp, sources_copy, tmp_path):
    monograph = sources_copy / "001_bb6f0f708e6573de.txt"
    text = monograph.read_text(encoding="utf-8").replace(
        "| Setting | Unlike high-dose IL-2,", "| Setting | <b>Bold</b> & <i>x</i> <script>alert(1)</script> Unlike high-dose IL-2,")
    monograph.write_text(text, encoding="utf-8")
    manifest = sources_copy / "manifest.toml"
    db = build_database(sources_copy, tmp_path / "marked.sqlite")
    with Store(db) as marked:
        path = tmp_path / "marked.pdf"
        write_pdf(marked.drug("nemvaleukin-alfa"), SheetOptions(), path, data_note(marked, marked.drug("nemvaleukin-alfa").sources))
    assert "<b>Bold</b> & <i>x</i> <script>alert(1)</script>" in pdf_text(path)
    assert manifest.exists()


def test_cli_sheet_writes_a_pdf_and_reports_bad_input(seed_db, tmp_path, capsys):
    out = tmp_path / "sheet.pdf"
    assert cli.run(["--db", str(seed_db), "sheet", "ALKS-4230", "--output", str(out), "--page-size", "Letter"]) == 0
    assert "Nemvaleukin alfa" in capsys.readouterr().out
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US Letter in points
    assert cli.run(["--db", str(seed_db), "sheet", "ALKS-4230", "--output", str(out), "--sections", "nope"]) == 1
    assert "unknown section" in capsys.readouterr().err


class _PreviewStub(QObject):
    """Stands in for QPrintPreviewDialog: asks for one paint, as the real one does, without a window."""

    paintRequested = Signal(QPrinter)
    target: Path

    def __init__(self, printer: QPrinter, parent=None) -> None:
        super().__init__()
        self.printer = printer
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.target))

    def setWindowTitle(self, title: str) -> None:  # noqa: N802 - mirrors the Qt API
        self.title = title

    def exec(self) -> int:
        self.paintRequested.emit(self.printer)
        return 0


@pytest.fixture()
def sheet_actions(qtbot, store, tmp_path):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    record = store.drug("nemvaleukin-alfa")
    return SheetActions(store, settings, lambda: record, parent), settings, parent


def test_print_dialog_path_paints_the_sheet(sheet_actions, tmp_path):
    actions, _, _ = sheet_actions
    target = tmp_path / "printed.pdf"
    assert actions.print_sheet(dialog_factory=accepting_print_dialog(target)) is True
    assert "Intravenous Schedule" in pdf_text(target)


def test_preview_paints_the_same_sheet(sheet_actions, tmp_path):
    actions, _, _ = sheet_actions
    _PreviewStub.target = tmp_path / "preview.pdf"
    dialog = actions.preview_sheet(dialog_factory=_PreviewStub)
    assert dialog.title == "Print preview — Nemvaleukin alfa"
    assert "Neutropenia" in pdf_text(_PreviewStub.target)


def test_section_choice_is_remembered_and_applies_to_pdf_export(sheet_actions, store, tmp_path):
    actions, settings, parent = sheet_actions
    actions.section_actions["safety"].setChecked(False)
    again = SheetActions(store, settings, lambda: store.drug("nemvaleukin-alfa"), parent)
    assert not again.section_actions["safety"].isChecked()
    assert again.options().sections == tuple(s for s in SECTIONS if s != "safety")
    out = again.export_pdf(str(tmp_path / "no-safety.pdf"))
    text = pdf_text(out)
    assert "Neutropenia" not in text and "Intravenous Schedule" in text


def test_a_heading_near_the_foot_of_a_page_moves_to_the_next(qapp):
    from PySide6.QtCore import QBuffer, QIODevice, QSizeF
    from PySide6.QtGui import QPdfWriter

    from desktop.sheet.render import build_document

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    html = "".join(f"<p>Line {i}</p>" for i in range(200)) + "<h2>Heading</h2><p>Its text</p>"

    def heading_rect(page_height: float):
        document = build_document(html, writer, QSizeF(400, page_height))
        return document.documentLayout().blockBoundingRect(document.lastBlock().previous())

    on_one_page = heading_rect(1e7)
    page = on_one_page.bottom() + on_one_page.height() / 2  # the heading fits, with no room for its text after it
    moved = heading_rect(page)
    assert on_one_page.top() < page <= moved.top() < page + on_one_page.height()  # starts the next page


def test_the_footer_dates_each_sheet_by_its_own_sources(store):
    """Not the newest date of the whole catalogue: 000 is dated 2025-09-26, 002 gives no date."""
    assert data_note(store, store.drug("bempegaldesleukin").sources).startswith("data: source as of 2025-09-26, build ")
    assert data_note(store, store.drug("nemvaleukin-alfa").sources).startswith("data: source as of 2026-03, build ")
    assert data_note(store, store.drug("aldesleukin").sources).startswith("data: source undated, build ")


def test_the_footer_names_an_undated_source_beside_dated_ones(store):
    """Two sources, one dated and one not (a further page beside 002): the date, then how many give none."""
    from dataclasses import replace
    sources = store.drug("aldesleukin").sources
    dated = replace(sources[0], as_of="2026-02-11")
    assert data_note(store, [sources[0], dated]).startswith("data: sources as of 2026-02-11 (1 undated), build ")
