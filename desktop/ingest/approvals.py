"""An agency's section on a drug-database page: its column headers, then either "No … approvals found for
this drug." or the approved products, one cell per line under those headers.

Rows are read only when the cells line up with the headers (and every date column holds a date); when
they do not, the section still says the agency lists approvals, and its lines are kept as text and
reported, rather than a cell being put under the wrong header.
"""
from __future__ import annotations

import re

from .clean import iso_date
from .document import Block, Document, Line
from .records import Approval, ApprovedProduct
from .extraction import Extraction

_NONE_FOUND = re.compile(r"^No (?P<agency>.+?) (?:approvals|drug information|products|registrations) found\b.*$", re.I)
# Words a column header is made of; a line of only these is a header, the first other line a cell.
_HEADER_WORDS = frozenset("""approved product products medicine name brand trade generic manufacturer company
authorization authorisation holder ma marketing ndc code approval number no registration licence license id artg din
sponsor type dosage pharmaceutical form strength route routes of administration effective issued market date status
prescription active ingredient ingredients drug application reference category expiry valid until first approved
""".split())
# Header (casefolded) → ApprovedProduct field.
_FIELDS = {
    "approved product": "product", "medicine name": "product", "product": "product", "brand name": "product",
    "product name": "product", "trade name": "product",
    "manufacturer": "company", "company": "company", "authorization holder": "company", "authorisation holder": "company",
    "ma holder": "company", "marketing authorization holder": "company", "marketing authorisation holder": "company",
    "sponsor": "company", "applicant": "company",
    "ndc code": "number", "approval number": "number", "registration number": "number", "registration no.": "number",
    "license number": "number", "licence number": "number", "licence no.": "number", "artg id": "number", "din": "number",
    "ma number": "number", "application number": "number", "bla number": "number", "nda number": "number",
    "route": "route", "routes": "route", "route of administration": "route",
    "dosage form": "form", "pharmaceutical form": "form", "form": "form",
    "strength": "strength", "status": "status",
    "effective date": "date", "issued date": "date", "approval date": "date", "registration date": "date",
    "market date": "date", "authorization date": "date", "authorisation date": "date", "first approved": "date",
}
_APPROVED_STATUSES = {"authorised", "authorized", "approved", "active", "current", "valid", "registered", "marketed"}


def read_agency(doc: Document, block: Block, agency: str, extraction: Extraction) -> None:
    lines = [line for line in block.content if not doc.placed(line)]
    for line in lines:
        if _NONE_FOUND.match(line.text):
            extraction.approvals.append(Approval(agency, "none found", line.text, block.prov(line)))
            doc.place(lines)  # the column headers above it and the finding
            return
    headers = []
    for line in lines:
        if not is_column_header(line.text):
            break
        headers.append(line)
    cells = lines[len(headers):]
    if not cells:
        if headers:
            extraction.report.notes.append((block.heading_line, block.heading, "column headers with no rows and no finding"))
        return
    doc.place(headers)
    products = _rows(agency, block, [h.text for h in headers], cells)
    if products is None:
        extraction.approvals.append(Approval(agency, "listed", cells[0].text, block.prov(cells[0], cells[-1])))
        extraction.report.text_only.append((cells[0].number, block.heading, f"{len(cells)} cells do not line up with "
                                            f"{len(headers)} column headers: the products are kept as text"))
        doc.keep_block(block, "approvals", extraction, cells)
        return
    doc.place(cells)
    extraction.approved_products.extend(products)
    statuses = [p.status.casefold() for p in products if p.status]
    approved = not statuses or any(status in _APPROVED_STATUSES for status in statuses)
    finding = "approved" if approved else "listed"
    shown = "; ".join(" · ".join(c for c in p.cells if c) for p in products)
    extraction.approvals.append(Approval(agency, finding, shown, block.prov(cells[0], cells[-1])))


def is_column_header(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.casefold())
    return bool(words) and len(text) <= 40 and all(word in _HEADER_WORDS for word in words)


def _rows(agency: str, block: Block, headers: list[str], cells: list[Line]) -> list[ApprovedProduct] | None:
    width = len(headers)
    if width == 0 or len(cells) % width:
        return None
    fields = [_FIELDS.get(header.casefold()) for header in headers]
    products = []
    for start in range(0, len(cells), width):
        row = cells[start:start + width]
        values = {}
        for field, line in zip(fields, row):
            if field and field not in values:
                values[field] = line.text
        if "date" in values:
            date = iso_date(values["date"].replace(".", "/")) or _day_month_year(values["date"])
            if date is None:
                return None  # a date column without a date: the cells are not where the headers say
            values["date_text"], values["date"] = values["date"], date
        products.append(ApprovedProduct(agency=agency, prov=block.prov(row[0], row[-1]), headers=list(headers),
                                        cells=[line.text for line in row], **{"product": None, **values}))
    return products


def _day_month_year(text: str) -> str | None:
    """"04/09/2014" is ambiguous (April or September): no date. "2014-09-04", "Sep 4, 2014" are read."""
    return iso_date(text) if not re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", text) else None
