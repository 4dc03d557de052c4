"""Lay the sheet out with Qt's own text engine and paint it on a PDF writer or a printer.

Vector text with embedded fonts (QPdfWriter), a footer on every page (print date, version, data
as-of and build, page X of N, the disclaimer), and no heading left alone at the foot of a page.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPalette, QPdfWriter,
    QTextBlockFormat, QTextCursor, QTextDocument,
)
from PySide6.QtCore import QLocale

from .. import APP_NAME, __version__
from ..files import STDOUT, write_bytes
from ..labels import SHEET_FOOTER
from ..names import shown
from ..figures.data import receptor_figure
from ..figures.painting import paint_receptor, picture_image
from ..store.results import DrugRecord
from .content import RECEPTOR_FIGURE, SHEET_CSS, SheetOptions, sheet_html

# A figure's drawing size in points; on the page it is scaled to the text width.
FIGURE_SIZE = QSizeF(760, 150)

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(14, 12, 14, 12)
FOOTER_LINES = 2


class SheetError(Exception):
    """The sheet could not be written; the message names the file and the reason."""


def default_page_size() -> str:
    """Letter where the locale measures in US units, A4 elsewhere."""
    return "Letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "A4"


def footer_text(data_note: str, page: int, pages: int, printed: _dt.date) -> tuple[str, str]:
    left = f"Printed {printed.isoformat()} · {APP_NAME} {__version__} · {data_note}"
    return left, f"Page {page} of {pages}"


def build_document(html: str, device: QPagedPaintDevice, body: QSizeF, figures: dict | None = None) -> QTextDocument:
    """`figures` maps an image name the HTML uses to (painter, figure): drawn here at print resolution."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(QFont("DejaVu Sans", 9))
    document.setDefaultStyleSheet(SHEET_CSS)
    document.setDocumentMargin(0)
    for name, (paint, figure) in (figures or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), _figure_image(paint, figure, body.width(), device))
    document.setHtml(html)
    document.setPageSize(body)
    _keep_headings_with_text(document, body.height())
    return document


def _figure_image(paint, figure, width: float, device: QPagedPaintDevice):
    scale = width / FIGURE_SIZE.width()
    image = picture_image(paint, figure, FIGURE_SIZE, scale, _print_palette(), QFont("DejaVu Sans", 8))
    # The text layout sizes images in 96-dpi pixels scaled to the device: this ratio makes the
    # figure span the text width, drawn at the device's own resolution.
    image.setDevicePixelRatio(device.logicalDpiX() / 96)
    return image


def _print_palette() -> QPalette:
    """Black on white whatever the screen's colour scheme."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.WindowText, "#000000"), (QPalette.ColorRole.Text, "#000000"),
                         (QPalette.ColorRole.Base, "#ffffff"), (QPalette.ColorRole.AlternateBase, "#f3f3f3"),
                         (QPalette.ColorRole.Mid, "#9a9a9a"), (QPalette.ColorRole.PlaceholderText, "#555555"),
                         (QPalette.ColorRole.Highlight, "#0072b2")):
        palette.setColor(role, QColor(colour))
    return palette


def sheet_figures(record: DrugRecord, html: str) -> dict:
    return {RECEPTOR_FIGURE: (paint_receptor, receptor_figure(record))} if RECEPTOR_FIGURE in html else {}


def _keep_headings_with_text(document: QTextDocument, page_height: float) -> None:
    """Move a heading to the next page when fewer than three lines would follow it on this one."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            rect = layout.blockBoundingRect(block)
            room = page_height - (rect.top() % page_height) - rect.height()
            if room < 3.2 * rect.height():
                cursor = QTextCursor(block)
                fmt = QTextBlockFormat(block.blockFormat())
                fmt.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setBlockFormat(fmt)
        block = block.next()


def paint_sheet(record: DrugRecord, options: SheetOptions, device: QPagedPaintDevice, data_note: str,
                printed: _dt.date | None = None) -> int:
    """Paint the sheet on `device` (already set up with page size and margins); returns the page count."""
    html = sheet_html(record, options)
    return paint_document(html, device, data_note, printed, sheet_figures(record, html), ONE_PAGE_SCALES)


# A summary sheet is meant to be one page: a sheet that runs over by a few lines is set a little
# smaller rather than printed on two. 0.85 keeps the body text at 7.2 pt, still legible on paper;
# below that the sheet runs on to a second page.
ONE_PAGE_SCALES = (1.0, 0.95, 0.9, 0.85)


def paint_document(html: str, device: QPagedPaintDevice, data_note: str, printed: _dt.date | None = None,
                   figures: dict | None = None, scales: tuple[float, ...] = (1.0,)) -> int:
    """Paint any sheet-styled HTML (a drug's sheet, a comparison) with the footer on every page.

    The first of `scales` at which the document fits on one page is used, else the last.
    """
    printed = printed or _dt.date.today()
    paint = device.pageLayout().paintRectPixels(device.resolution())
    footer_font = QFont("DejaVu Sans", 7)
    footer_metrics = QFontMetricsF(footer_font, device)
    footer_height = footer_metrics.lineSpacing() * (FOOTER_LINES + 0.8)
    body = QSizeF(paint.width(), paint.height() - footer_height)
    for scale in scales:
        # Laid out on a page 1/scale as large, then drawn scaled down: text, tables and figures shrink together.
        page = body / scale
        document = build_document(html, device, page, figures)
        if document.pageCount() == 1:
            break
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise SheetError("the printer or PDF file could not be opened for drawing")
    try:
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -number * page.height())
            document.drawContents(painter, QRectF(0, number * page.height(), page.width(), page.height()))
            painter.restore()
            _paint_footer(painter, footer_font, footer_metrics, body, footer_text(data_note, number + 1, pages, printed))
    finally:
        painter.end()
    return pages


def _paint_footer(painter: QPainter, font: QFont, metrics: QFontMetricsF, body: QSizeF, text: tuple[str, str]) -> None:
    painter.setFont(font)
    left, right = text
    top = body.height() + metrics.lineSpacing() * 0.6
    rule = int(top - metrics.lineSpacing() * 0.3)
    painter.drawLine(0, rule, int(body.width()), rule)
    line = QRectF(0, top, body.width(), metrics.lineSpacing())
    painter.drawText(line, Qt.AlignmentFlag.AlignLeft, left)
    painter.drawText(line, Qt.AlignmentFlag.AlignRight, right)
    line.translate(0, metrics.lineSpacing())
    painter.drawText(line, Qt.AlignmentFlag.AlignLeft, SHEET_FOOTER)


def setup_page(device: QPagedPaintDevice, page_size: str) -> None:
    layout = QPageLayout(QPageSize(PAGE_SIZES[page_size]), QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter)
    device.setPageLayout(layout)


def write_pdf(record: DrugRecord, options: SheetOptions, path: Path | str, data_note: str,
              printed: _dt.date | None = None) -> int:
    """Write the sheet to `path` (a file replaced atomically, a device, or `-`); returns the page count."""
    html = sheet_html(record, options)
    return write_document_pdf(html, f"{record.summary.name} — {APP_NAME} summary sheet", options.page_size, path,
                              data_note, printed, sheet_figures(record, html), ONE_PAGE_SCALES)


def write_document_pdf(html: str, title: str, page_size: str, path: Path | str, data_note: str,
                       printed: _dt.date | None = None, figures: dict | None = None,
                       scales: tuple[float, ...] = (1.0,)) -> int:
    """Write to `path` as files.replacing does (`-` is standard output)."""
    # Laid out in memory, then written by Python: Qt never sees the file name, which on Linux is bytes
    # and need not be text (QString would mangle an undecodable one).
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(600)
    writer.setCreator(f"{APP_NAME} {__version__}")
    writer.setTitle(title)
    setup_page(writer, page_size)
    pages = paint_document(html, writer, data_note, printed, figures, scales)
    del writer  # the PDF is finished when the writer is destroyed
    try:
        write_bytes(path, buffer.data().data())
    except OSError as error:
        where = "the PDF to standard output" if str(path) == STDOUT else shown(path)
        raise SheetError(f"cannot write {where}: {error.strerror or error}") from None
    return pages
