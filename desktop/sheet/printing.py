"""Printing the sheet without a window (`drugref sheet DRUG --print [--printer NAME]`): the printer is one
Qt's print support knows, and the sheet is painted by `paint_sheet`, as the window's Print… paints it."""
from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from .. import APP_NAME
from ..store.results import DrugRecord
from .content import SheetOptions
from .render import SheetError, paint_sheet, setup_page


def find_printer(name: str | None) -> QPrinter:
    """The printer called `name`, else the default one. SheetError lists the printers there are."""
    available = QPrinterInfo.availablePrinterNames()
    # Checked here because Qt, given a name it does not know, quietly makes a PDF printer with no file.
    chosen = name if name is not None else QPrinterInfo.defaultPrinterName()
    if chosen and chosen in available:
        return QPrinter(QPrinterInfo.printerInfo(chosen), QPrinter.PrinterMode.HighResolution)
    asked = f"no printer named {name!r}" if name is not None else "no default printer is set"
    if not available:
        raise SheetError(f"{asked}, and no printer is set up on this computer; write a PDF with --output FILE")
    raise SheetError(f"{asked}; choose one with --printer NAME: {', '.join(available)}")


def print_sheet(record: DrugRecord, options: SheetOptions, printer: QPrinter, data_note: str) -> int:
    """Lay out and print the sheet on `printer` at the options' page size; returns the page count."""
    printer.setDocName(f"{record.summary.name} — {APP_NAME}")
    setup_page(printer, options.page_size)
    pages = paint_sheet(record, options, printer, data_note)
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise SheetError(f"the printer {printer.printerName()} reported an error; the sheet may not have printed")
    return pages
