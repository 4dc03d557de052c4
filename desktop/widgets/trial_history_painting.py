"""The trial history chart's picture at one size: where the legend, its note, the lanes and the points go
(`fit_chart`), and how they are drawn (`paint_chart`), each status's marker with its shape and colour.
QPainter, vector only, so it is crisp at any size and device pixel ratio; the points' placement comes from
`render.trial_history.layout_history`.

Nothing here knows a widget: the chart (trial_history_chart.py) keeps which point is hovered, current and
highlighted, handles input, and asks for a new fit when its size, font or data change.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPalette, QPen, QPolygonF

from ..models.trial_history import is_dark, status_colour
from ..render.trial_history import (
    DATE_WORDS, Box, HistoryLayout, lane_label, layout_history, status_counts, status_name, status_style,
)
from ..store.results import TrialHistory, TrialPoint

_DRAW_ORDER = {"ring": 0, "square": 1, "circle": 2, "triangle": 3}  # stopped-early markers on top


def marker_metrics(line: float, scale: float = 1.0) -> tuple[float, float, float]:
    """Text line height, marker size and marker pitch, from the font's line height, so the chart scales with it."""
    marker = max(8.0, round(line * 0.65)) * scale
    return line, marker, marker + max(2.0, marker * 0.3)


@dataclass(frozen=True)
class ChartGeometry:
    """Where everything is at one size: the legend's items (rect, status, text), the note after them (rect,
    text) saying what the picture leaves out, the plot's box, the markers' scale (1.0, smaller where full
    size would overlap), the points' layout and the date they are placed by (PLACED_BY)."""

    line: float
    legend: tuple[tuple[QRectF, str | None, str], ...]
    note: tuple[QRectF, str] | None
    plot: Box
    scale: float
    layout: HistoryLayout
    by: str = "posted"

    def metrics(self, scale: float | None = None) -> tuple[float, float, float]:
        """`marker_metrics` at the markers' scale, or at `scale`."""
        return marker_metrics(self.line, self.scale if scale is None else scale)


def fit_chart(history: TrialHistory, metrics: QFontMetrics, width: float, height: float) -> ChartGeometry:
    line, marker, pitch = marker_metrics(float(metrics.height()))
    pad = round(line / 2)
    # The legend flows along the top, wrapping; the truncation note follows it.
    legend, x, y = [], float(pad), float(pad / 2)
    for status, count in status_counts(history.points):
        text = f"{status_name(status)} {count:,}"
        item_width = marker + pad / 2 + metrics.horizontalAdvance(text)
        if x > pad and x + item_width > width - pad:
            x, y = float(pad), y + line
        legend.append((QRectF(x, y, item_width, line), status, text))
        x += item_width + pad * 1.5
    note = None
    if history.truncated:
        said = f"Showing the newest {len(history.points):,} of {history.total:,} trials"
        note_width = metrics.horizontalAdvance(said)
        if x > pad and x + note_width > width - pad:
            x, y = float(pad), y + line
        note = (QRectF(x, y, note_width, line), said)
    top = y + line + pad / 2
    phases = Counter(point.phase for point in history.points)
    label_width = max((metrics.horizontalAdvance(_lane_text(lane_label(phase), count))
                       for phase, count in phases.items()), default=0)
    plot = Box(pad + label_width + pad, top, max(pitch * 4, width - 2 * pad - label_width - pad),
               max(pitch, height - top - line - pad))
    strip_min = metrics.horizontalAdvance("date not stated") + pitch

    # A thousand trials in a small window: smaller markers that each stay visible beat full-size
    # ones hiding each other. Full size first, then the smallest; between them only if that fits.
    def attempt(scale: float) -> tuple[float, HistoryLayout]:
        return scale, layout_history(history.points, plot, marker_metrics(line, scale)[2], strip_min,
                                     metrics.horizontalAdvance("2000") * 2.0, history.by)

    scale, layout = attempt(1.0)
    if layout.overlaps:
        smallest = attempt(0.4)
        if not smallest[1].overlaps:
            smallest = next((fits for tried in (0.75, 0.55) if not (fits := attempt(tried))[1].overlaps), smallest)
        scale, layout = smallest
    if layout.overlaps:  # say so, rather than let the picture undercount what the legend counts
        rect, said = note or (QRectF(x, y, 0, line), "")
        said = (said + "; " if said else "") + f"{layout.overlaps:,} markers overlap"
        note = (QRectF(rect.left(), rect.top(), max(0.0, width - pad - rect.left()), line), said)
    return ChartGeometry(line, tuple(legend), note, plot, scale, layout, history.by)


def paint_chart(painter: QPainter, rect: QRectF, chart: ChartGeometry, points: tuple[TrialPoint, ...],
                palette: QPalette, metrics: QFontMetrics, highlighted: int | None, hover: int | None) -> None:
    """The picture in `rect`; `highlighted` (ringed) and `hover` (outlined) are indices into `points`."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = palette.color(QPalette.ColorRole.Text)
    quiet = palette.color(QPalette.ColorRole.PlaceholderText)
    painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
    layout = chart.layout
    line, marker, pitch = chart.metrics()
    if not points:
        painter.setPen(quiet)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "No trials to chart")
        return
    legend_marker = chart.metrics(1.0)[1]  # full size, whatever size the points are drawn at
    for item, status, label in chart.legend:
        _draw_markers(painter, _Look.of(status, legend_marker, palette),
                      [QPointF(item.left() + legend_marker / 2, item.center().y())])
        painter.setPen(text)
        painter.drawText(item.adjusted(legend_marker + line / 4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, label)
    if chart.note:
        painter.setPen(quiet)
        where, note = chart.note
        elided = metrics.elidedText(note, Qt.TextElideMode.ElideRight, int(where.width()) + 1)
        painter.drawText(where, Qt.AlignmentFlag.AlignVCenter, elided)

    plot, pad = chart.plot, line / 2
    band = QColor(text)
    band.setAlpha(14)
    for number, lane in enumerate(layout.lanes):
        if number % 2:
            painter.fillRect(QRectF(plot.left - pad / 2, lane.top, plot.width + pad / 2, lane.bottom - lane.top), band)
        painter.setPen(text)
        painter.drawText(QRectF(0, lane.top, plot.left - pad, lane.bottom - lane.top),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _lane_text(lane.label, lane.count))
    plot_top, plot_bottom = layout.lanes[0].top, layout.lanes[-1].bottom
    axis_y = plot_bottom + line / 4
    grid = QColor(text)
    grid.setAlpha(60)
    if layout.dated:
        painter.setPen(QPen(grid, 1))
        for tick in layout.ticks:
            painter.drawLine(QPointF(tick.x, plot_top), QPointF(tick.x, plot_bottom))
        painter.setPen(text)
        last_right = -1.0
        for tick in layout.ticks:
            width = metrics.horizontalAdvance(tick.label)
            left = min(max(tick.x - width / 2, plot.left - pad), (layout.axis[1] + pitch / 2) - width)
            if left > last_right + line / 2:  # never print one label over another
                painter.drawText(QRectF(left, axis_y, width, line), Qt.AlignmentFlag.AlignCenter, tick.label)
                last_right = left + width
        if layout.undated:
            divider = layout.undated[0] - pitch / 2
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(divider, plot_top), QPointF(divider, plot_bottom))
            painter.setPen(quiet)
            painter.drawText(QRectF(layout.undated[0], axis_y, layout.undated[1] - layout.undated[0], line),
                             Qt.AlignmentFlag.AlignCenter, "date not stated")
    else:
        painter.setPen(quiet)
        painter.drawText(QRectF(plot.left, axis_y, plot.width, line), Qt.AlignmentFlag.AlignLeft,
                         f"No {DATE_WORDS[chart.by][1]}s in the sources: trials by phase, grouped by status")

    # One batch per status, so pens and colours are set a dozen times rather than a thousand.
    by_status: dict[str | None, list[QPointF]] = {}
    for point, (x, y) in zip(points, layout.positions):
        by_status.setdefault(point.status, []).append(QPointF(x, y))
    looks = {status: _Look.of(status, marker, palette) for status in by_status}
    if layout.overlaps:
        # Markers hide one another: no status may be drawn on top, or it would look like the majority.
        for point, (x, y) in reversed(list(zip(points, layout.positions))):
            _draw_markers(painter, looks[point.status], [QPointF(x, y)])
    else:
        for status in sorted(by_status, key=lambda s: _DRAW_ORDER[status_style(s).shape]):
            _draw_markers(painter, looks[status], by_status[status])
    if highlighted is not None:
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(*layout.positions[highlighted]), marker * 0.95 + 2, marker * 0.95 + 2)
    if hover is not None and hover != highlighted:
        painter.setPen(QPen(text, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(*layout.positions[hover]), marker * 0.85 + 1, marker * 0.85 + 1)


def _lane_text(label: str, count: int) -> str:
    return f"{label} ({count:,})"


class _Look:
    """Pen, brush and geometry of one status's marker at one size, worked out once per paint."""

    __slots__ = ("shape", "pen", "brush", "r", "dot")

    def __init__(self, shape: str, pen: QPen, brush, r: float, dot: QColor | None) -> None:
        self.shape, self.pen, self.brush, self.r, self.dot = shape, pen, brush, r, dot

    @classmethod
    def of(cls, status: str | None, size: float, palette: QPalette) -> "_Look":
        style = status_style(status)
        colour = status_colour(status, palette)
        base = palette.color(QPalette.ColorRole.Base)
        if style.hollow or style.shape == "ring":
            pen, brush = QPen(colour, max(1.5, size / 5)), base if style.shape != "ring" else QBrush(Qt.BrushStyle.NoBrush)
            r = size / 2 - 1
        else:
            # A darker edge on light backgrounds keeps pale yellow and sky blue visible on white; on dark
            # ones a rim of the background keeps overlapping markers apart.
            pen, brush = QPen(colour.darker(160) if not is_dark(palette) else base, 1.0), colour
            r = size / 2
        dot = colour if style.shape == "ring" and not style.hollow else None  # "Unknown": a dot in the ring
        return cls(style.shape, pen, QBrush(brush), r, dot)


def _draw_markers(painter: QPainter, look: _Look, centres: list[QPointF]) -> None:
    painter.setPen(look.pen)
    painter.setBrush(look.brush)
    r = look.r
    if look.shape == "square":
        painter.drawRects([QRectF(c.x() - r * 0.9, c.y() - r * 0.9, r * 1.8, r * 1.8) for c in centres])
    elif look.shape == "triangle":  # pointing down, a little larger: stopped-early trials are what the chart is read for
        t = r * 1.3
        for c in centres:
            painter.drawPolygon(QPolygonF([QPointF(c.x() - t, c.y() - t * 0.8), QPointF(c.x() + t, c.y() - t * 0.8),
                                           QPointF(c.x(), c.y() + t)]))
    else:
        for c in centres:
            painter.drawEllipse(c, r, r)
    if look.dot is not None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.dot)
        for c in centres:
            painter.drawEllipse(c, r / 3, r / 3)
