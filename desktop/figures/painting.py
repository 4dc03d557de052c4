"""QPainter drawings of the receptor diagram and the development timeline.

Each `paint_*` draws into any rectangle with vector shapes and the painter's font, so the same call
serves the window at any size and a print-resolution image for the sheet. Text and lines take the
palette's colours (light or dark); status colours are from the Okabe–Ito set, and every meaning
carried by colour is also carried by a line style, a mark or a word.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPalette, QPen

from ..store.results import Provenance
from .data import AVOIDED, CONFLICTING, ENGAGED, ReceptorFigure, TimelineFigure

SUBUNIT_COLOURS = {"α": QColor("#E69F00"), "β": QColor("#56B4E9"), "γ": QColor("#CC79A7")}
VERDICT_COLOURS = {ENGAGED: QColor("#009E73"), AVOIDED: QColor("#D55E00"), CONFLICTING: QColor("#F0E442")}


@dataclass(frozen=True)
class Region:
    """A part of a picture a reader can point at: its tooltip and the passage it was drawn from."""

    rect: QRectF
    tooltip: str
    prov: Provenance | None


def _text_pen(palette: QPalette, muted: bool = False) -> QPen:
    return QPen(palette.color(QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.WindowText))


def _scaled_font(painter: QPainter, factor: float, bold: bool = False) -> QFont:
    font = QFont(painter.font())
    font.setPointSizeF(max(5.0, font.pointSizeF() * factor))
    font.setBold(bold)
    return font


def _verdict_pen(verdict: str, palette: QPalette, width: float) -> QPen:
    colour = VERDICT_COLOURS.get(verdict, palette.color(QPalette.ColorRole.PlaceholderText))
    pen = QPen(colour, width)
    pen.setStyle({ENGAGED: Qt.PenStyle.SolidLine, AVOIDED: Qt.PenStyle.DashLine}.get(verdict, Qt.PenStyle.DotLine))
    return pen


def paint_receptor(painter: QPainter, rect: QRectF, figure: ReceptorFigure, palette: QPalette) -> list[Region]:
    """The drug above the cells the sources name, each cell with its receptor subunits; an arrow per
    cell says what the drug's source states: solid = targets, dashed with a cross = avoids,
    dotted = not stated."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    regions: list[Region] = []
    unit = min(rect.height() / 14.0, rect.width() / 40.0)
    line = max(1.0, unit * 0.12)
    label_font = _scaled_font(painter, 1.0)
    small_font = _scaled_font(painter, 0.85)
    painter.setFont(label_font)
    metrics = QFontMetricsF(label_font)

    # The drug, top centre.
    name = figure.drug_name if figure.statements else f"{figure.drug_name} — what it targets is not stated"
    painter.setFont(_scaled_font(painter, 1.05, bold=True))
    drug_metrics = QFontMetricsF(painter.font())
    drug_width = min(rect.width() - 2 * unit, drug_metrics.horizontalAdvance(name) + 2 * unit)
    drug_box = QRectF(rect.center().x() - drug_width / 2, rect.top() + unit * 0.3, drug_width, drug_metrics.height() + unit)
    pen = _text_pen(palette)
    pen.setWidthF(line)
    if not figure.statements:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawRoundedRect(drug_box, unit * 0.6, unit * 0.6)
    painter.setPen(_text_pen(palette))
    painter.drawText(drug_box, Qt.AlignmentFlag.AlignCenter, drug_metrics.elidedText(name, Qt.TextElideMode.ElideRight, drug_width - unit))
    statements = "\n".join(f"“{text}”" for text in dict.fromkeys(s.statement for s in figure.statements)) or None
    regions.append(Region(drug_box, statements or f"The sources do not state which receptor {figure.drug_name} engages.",
                          figure.statements[0].prov if figure.statements else None))
    painter.setFont(label_font)

    if not figure.cells:
        painter.setPen(_text_pen(palette, muted=True))
        painter.drawText(rect.adjusted(0, drug_box.height() + unit, 0, 0), Qt.AlignmentFlag.AlignCenter,
                         "The sources do not describe the IL-2 receptor.")
        painter.restore()
        return regions

    legend_height = metrics.height() * 1.6
    columns = len(figure.cells)
    column_width = rect.width() / columns
    cell_top = rect.top() + rect.height() * 0.50
    cell_bottom = rect.bottom() - legend_height - unit * 0.2
    capsule_w = min(unit * 1.5, column_width / 8)
    capsule_h = max(unit * 2.6, (cell_top - drug_box.bottom()) * 0.38)
    for index, cell in enumerate(figure.cells):
        centre = rect.left() + column_width * (index + 0.5)
        # The cell: a wide rounded body whose top edge is the membrane.
        body = QRectF(centre - column_width * 0.42, cell_top, column_width * 0.84, cell_bottom - cell_top)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), line))
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(body, unit * 1.2, unit * 1.2)
        painter.setPen(_text_pen(palette))
        painter.setFont(_scaled_font(painter, 1.0, bold=True))
        inner = body.adjusted(unit * 0.4, capsule_h * 0.45, -unit * 0.4, 0)
        title_metrics = QFontMetricsF(painter.font())
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), title_metrics.height()),
                         Qt.AlignmentFlag.AlignHCenter, title_metrics.elidedText(cell.cell, Qt.TextElideMode.ElideRight, inner.width()))
        painter.setFont(small_font)
        painter.setPen(_text_pen(palette, muted=True))
        form = f"{cell.receptor.name.lower()} ({cell.receptor.subunits})"
        small = QFontMetricsF(small_font)
        painter.drawText(QRectF(inner.left(), inner.top() + title_metrics.height(), inner.width(), small.height()),
                         Qt.AlignmentFlag.AlignHCenter, small.elidedText(form, Qt.TextElideMode.ElideRight, inner.width()))
        painter.setFont(label_font)

        # The receptor: one capsule per subunit, half inside the membrane.
        subunits = cell.receptor.subunits
        gap = capsule_w * 0.25
        total = len(subunits) * capsule_w + (len(subunits) - 1) * gap
        left = centre - total / 2
        capsule_top = cell_top - capsule_h * 0.55
        for position, subunit in enumerate(subunits):
            capsule = QRectF(left + position * (capsule_w + gap), capsule_top, capsule_w, capsule_h)
            outline = QPen(palette.color(QPalette.ColorRole.WindowText), line)
            if subunit in figure.preferred:
                outline = QPen(VERDICT_COLOURS[ENGAGED], line * 3)
            painter.setPen(outline)
            painter.setBrush(SUBUNIT_COLOURS.get(subunit, palette.color(QPalette.ColorRole.Mid)))
            painter.drawRoundedRect(capsule, capsule_w / 2, capsule_w / 2)
            painter.setPen(QPen(QColor("#000000")))  # the subunit colours are light: black reads in both themes
            painter.drawText(capsule, Qt.AlignmentFlag.AlignCenter, subunit)
            marker = figure.marker_of(subunit)
            tip = f"{subunit} subunit" + (f" ({marker})" if marker else "")
            if subunit in figure.preferred:
                stated = "was designed as" if figure.intended else "is stated to be"
                tip += f" — {figure.drug_name} {stated} {marker or subunit}-preferential"
            if marker:
                tip += f"; {subunit} = {marker} as described in {figure.parts_cited()}"
            if subunit in figure.avoided_subunits:
                tip += f" — {figure.drug_name} is stated not to bind it"
                cross = QPen(VERDICT_COLOURS[AVOIDED], line * 2.5)
                painter.setPen(cross)
                painter.drawLine(capsule.topLeft() + QPointF(-gap, 0), capsule.bottomRight() + QPointF(gap, -capsule_h * 0.45))
                painter.drawLine(capsule.topRight() + QPointF(gap, 0), capsule.bottomLeft() + QPointF(-gap, -capsule_h * 0.45))
            source = next((s.prov for s in figure.subunits if s.subunit == subunit), None)
            regions.append(Region(capsule, tip, source))

        # The arrow from the drug, styled by what the source states.
        start = QPointF(drug_box.center().x() + (index - (columns - 1) / 2) * min(drug_box.width() / columns, unit * 3),
                        drug_box.bottom())
        end = QPointF(centre, capsule_top - unit * 0.35)
        painter.setPen(_verdict_pen(cell.verdict, palette, line * 2))
        painter.drawLine(start, end)
        _arrow_head(painter, start, end, unit * 0.6, cell.verdict, palette)
        word = figure.verdict_word(cell.verdict)
        middle = QPointF((start.x() + end.x()) / 2, (start.y() + end.y()) / 2)
        painter.setFont(small_font)
        width = small.horizontalAdvance(word) + unit * 0.6
        label_box = QRectF(middle.x() - width / 2, middle.y() - small.height() / 2, width, small.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRect(label_box)
        painter.setPen(QPen(VERDICT_COLOURS.get(cell.verdict, palette.color(QPalette.ColorRole.PlaceholderText))))
        painter.drawText(label_box, Qt.AlignmentFlag.AlignCenter, word)
        painter.setFont(label_font)
        said = "\n".join(f"“{s.statement}”" for s in cell.statements)
        tip = f"{cell.cell}: {cell.receptor.name} ({cell.receptor.subunits}). {figure.drug_name}: {cell.verdict}."
        regions.append(Region(body, tip + ("\n" + said if said else ""),
                              cell.statements[0].prov if cell.statements else cell.receptor.prov))

    _receptor_legend(painter, QRectF(rect.left(), rect.bottom() - legend_height, rect.width(), legend_height),
                     figure, palette, small_font, unit)
    painter.restore()
    return regions


def _arrow_head(painter: QPainter, start: QPointF, end: QPointF, size: float, verdict: str, palette: QPalette) -> None:
    direction = end - start
    length = max(1e-6, (direction.x() ** 2 + direction.y() ** 2) ** 0.5)
    unit_vector = QPointF(direction.x() / length, direction.y() / length)
    normal = QPointF(-unit_vector.y(), unit_vector.x())
    pen = painter.pen()
    pen.setStyle(Qt.PenStyle.SolidLine)
    painter.setPen(pen)
    if verdict == AVOIDED:  # a bar and a cross: blocked
        painter.drawLine(end - normal * size, end + normal * size)
        mid = end - unit_vector * size * 1.6
        painter.drawLine(mid - normal * size * 0.6 - unit_vector * size * 0.6, mid + normal * size * 0.6 + unit_vector * size * 0.6)
        painter.drawLine(mid + normal * size * 0.6 - unit_vector * size * 0.6, mid - normal * size * 0.6 + unit_vector * size * 0.6)
        return
    path = QPainterPath(end)
    path.lineTo(end - unit_vector * size * 1.4 + normal * size * 0.7)
    path.lineTo(end - unit_vector * size * 1.4 - normal * size * 0.7)
    path.closeSubpath()
    painter.setBrush(pen.color())
    painter.drawPath(path)


def _receptor_legend(painter: QPainter, rect: QRectF, figure: ReceptorFigure, palette: QPalette, font: QFont,
                     unit: float) -> None:
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    x = rect.left() + unit * 0.5
    y = rect.center().y()
    for subunit in figure.subunits:
        swatch = QRectF(x, y - metrics.height() * 0.4, metrics.height() * 0.8, metrics.height() * 0.8)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 0.8))
        painter.setBrush(SUBUNIT_COLOURS.get(subunit.subunit, palette.color(QPalette.ColorRole.Mid)))
        painter.drawRoundedRect(swatch, swatch.width() / 3, swatch.width() / 3)
        text = f"{subunit.subunit} = {subunit.marker}"
        painter.setPen(_text_pen(palette))
        painter.drawText(QPointF(swatch.right() + unit * 0.3, y + metrics.ascent() / 2 - 1), text)
        x = swatch.right() + unit * 0.3 + metrics.horizontalAdvance(text) + unit * 0.9
    for verdict, word in ((ENGAGED, f"{figure.verdict_word(ENGAGED)} (as stated)"),
                          (AVOIDED, f"{figure.verdict_word(AVOIDED)} (as stated)"), ("", "not stated")):
        if x + unit * 2 + metrics.horizontalAdvance(word) > rect.right():
            break
        painter.setPen(_verdict_pen(verdict, palette, max(1.0, unit * 0.2)))
        painter.drawLine(QPointF(x, y), QPointF(x + unit * 1.6, y))
        painter.setPen(_text_pen(palette))
        painter.drawText(QPointF(x + unit * 1.9, y + metrics.ascent() / 2 - 1), word)
        x += unit * 1.9 + metrics.horizontalAdvance(word) + unit * 0.9
    if figure.preferred and x + metrics.horizontalAdvance("preferred subunit") + unit * 2 < rect.right():
        painter.setPen(QPen(VERDICT_COLOURS[ENGAGED], max(1.0, unit * 0.3)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(x, y - metrics.height() * 0.4, metrics.height() * 0.8, metrics.height() * 0.8), 3, 3)
        painter.setPen(_text_pen(palette))
        painter.drawText(QPointF(x + metrics.height(), y + metrics.ascent() / 2 - 1), "preferred subunit")


# ---- timeline -------------------------------------------------------------------------------------

def paint_timeline(painter: QPainter, rect: QRectF, figure: TimelineFigure, palette: QPalette) -> list[Region]:
    """Dated events on a year axis (a diamond each, its date as the source writes it); below, the
    milestones the sources tell without a date, in their order, as labelled chips."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    regions: list[Region] = []
    font = _scaled_font(painter, 0.92)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    pad = metrics.height() * 0.6
    text = _text_pen(palette)
    muted = _text_pen(palette, muted=True)
    if not (figure.dated or figure.undated):
        painter.setPen(muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"The sources state no development events for {figure.drug_name}.")
        painter.restore()
        return regions

    rows = metrics.height()
    axis_y = rect.top() + rows * 2.6
    years = figure.years()
    if years:
        first, last = years[0] - 1, years[1] + 1
        left, right = rect.left() + pad * 2, rect.right() - pad * 2

        def x_of(date: str) -> float:
            year = int(date[:4])
            month = int(date[5:7]) if len(date) >= 7 else 1
            return left + (right - left) * ((year - first) + (month - 1) / 12) / (last - first)

        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1.2))
        painter.drawLine(QPointF(left, axis_y), QPointF(right, axis_y))
        painter.setPen(muted)
        step = max(1, (last - first) // 8 or 1)
        for year in range(first, last + 1, step):
            x = x_of(f"{year}")
            painter.drawLine(QPointF(x, axis_y - 3), QPointF(x, axis_y + 3))
            label = str(year)
            painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2, axis_y + metrics.height() + 2), label)
        # Two rows of labels above the axis; a label goes in the first row where it overlaps none, and where
        # neither has room the diamond stands unlabelled (its tooltip tells the event), never text over text.
        row_ends = [float("-inf"), float("-inf")]
        for milestone in figure.dated:
            x = x_of(milestone.date)
            size = metrics.height() * 0.45
            diamond = QPainterPath(QPointF(x, axis_y - size))
            for point in (QPointF(x + size, axis_y), QPointF(x, axis_y + size), QPointF(x - size, axis_y)):
                diamond.lineTo(point)
            diamond.closeSubpath()
            colour = VERDICT_COLOURS[AVOIDED] if "terminated" in milestone.label.lower() else palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 0.8))
            painter.setBrush(colour)
            painter.drawPath(diamond)
            label = f"{milestone.when}: {milestone.label}"
            width = metrics.horizontalAdvance(label)
            x_label = min(max(rect.left(), x - width / 2), rect.right() - width)
            row = next((r for r, end in enumerate(row_ends) if x_label >= end + pad), None)
            if row is None:
                hit = QRectF(x - size, axis_y - size, 2 * size, 2 * size)
            else:
                top = axis_y - size - rows * (1.1 + row * 1.0)
                row_ends[row] = x_label + width
                painter.setPen(text)
                painter.drawText(QPointF(x_label, top + metrics.ascent()), label)
                hit = QRectF(x_label, top, width, axis_y + size - top)
            regions.append(Region(hit, f"{milestone.when} — {milestone.text}", milestone.prov))
    else:
        painter.setPen(muted)
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), axis_y - rect.top() + rows),
                         Qt.AlignmentFlag.AlignCenter, "No event is dated in the sources.")

    if figure.undated:
        y = axis_y + rows * 2.0
        painter.setPen(muted)
        caption = "Date not stated (in the order the sources tell them):"
        painter.drawText(QPointF(rect.left() + pad, y + metrics.ascent()), caption)
        x = rect.left() + pad
        y += rows * 1.3
        for milestone in figure.undated:
            width = metrics.horizontalAdvance(milestone.label) + pad * 1.6
            if x + width > rect.right() and x > rect.left() + pad:
                x = rect.left() + pad
                y += rows * 1.5
            chip = QRectF(x, y, min(width, rect.width() - 2 * pad), rows * 1.25)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1.0, Qt.PenStyle.DashLine))
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
            painter.setPen(text)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter,
                             metrics.elidedText(milestone.label, Qt.TextElideMode.ElideRight, chip.width() - pad))
            regions.append(Region(chip, f"{milestone.when} — {milestone.text}", milestone.prov))
            x += width + pad * 0.6
    painter.restore()
    return regions


def timeline_height(figure: TimelineFigure, line_height: float) -> float:
    """The height the timeline needs at a font's line height (chips may wrap once in a narrow window)."""
    rows = 4.2 if figure.dated or not figure.undated else 3.2
    if figure.undated:
        rows += 3.6
    return line_height * rows


def picture_image(paint, figure, size: QSizeF, scale: float, palette: QPalette, font: QFont) -> QImage:
    """A picture as an image at `scale` × `size` (for the printed sheet, which lays out images)."""
    image = QImage((size * scale).toSize(), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    try:  # an active painter outliving its device crashes Qt: end it whatever happens
        painter.setFont(font)
        paint(painter, QRectF(0, 0, size.width(), size.height()), figure, palette)
    finally:
        painter.end()
    return image

