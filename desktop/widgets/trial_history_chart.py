"""The trial history chart: trials by posted date (by phase alone where no date is given), one lane per
phase, coloured and shaped by status. Drawn with QPainter, vector only, so it is crisp at any size
and device pixel ratio; placement comes from `render.trial_history.layout_history`.

Hover names a trial, a click (or Enter on the focused point) selects it, a double click opens it.
"""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush, QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..models.trial_history import TrialHistoryModel, is_dark, status_colour
from ..render.trial_history import (
    Box, HistoryLayout, describe, lane_label, layout_history, status_counts, status_name, status_style, tooltip_html,
)

_DRAW_ORDER = {"ring": 0, "square": 1, "circle": 2, "triangle": 3}  # stopped-early markers on top


class TrialHistoryChart(QWidget):
    """State: the model it draws, a layout for the current size (rebuilt on resize or reset), and three
    points of interest by index into the model's points: hovered, keyboard-current, highlighted."""

    trial_selected = Signal(int)   # trial row key: clicked, or Enter on the focused point
    trial_activated = Signal(int)  # trial row key: double-clicked

    def __init__(self, model: TrialHistoryModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self._layout: HistoryLayout | None = None
        self._legend: list[tuple[QRectF, str | None, str]] = []
        self._note: tuple[QRectF, str] | None = None
        self._plot = Box(0, 0, 0, 0)
        self._scale = 1.0  # markers shrink (to 40%) where the full size would overlap
        self._hover: int | None = None
        self._current: int | None = None
        self._highlighted: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Trial history chart")
        self.setAutoFillBackground(False)
        model.modelReset.connect(self._on_model_reset)
        self._on_model_reset()

    # ---- public ----------------------------------------------------------------------------------

    @property
    def highlighted_key(self) -> int | None:
        return None if self._highlighted is None else self._model.points[self._highlighted].key

    @property
    def current_key(self) -> int | None:
        return None if self._current is None else self._model.points[self._current].key

    def set_highlighted(self, key: int | None) -> None:
        """Ring the point of trial `key` (the grid's current row); None clears it. Emits nothing."""
        row = None if key is None else self._model.row_of(key)
        if row != self._highlighted:
            self._highlighted = row
            if row is not None:
                self._current = row
            self.update()

    def point_position(self, key: int) -> QPointF | None:
        """Where trial `key` is drawn, in widget coordinates; None if it is not charted."""
        row = self._model.row_of(key)
        if row is None:
            return None
        x, y = self._ensure_layout().positions[row]
        return QPointF(x, y)

    def key_at(self, position: QPointF) -> int | None:
        row = self._row_at(position)
        return None if row is None else self._model.points[row].key

    def sizeHint(self) -> QSize:
        return QSize(640, self.fontMetrics().height() * 13)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.fontMetrics().height() * 7)

    # ---- geometry ----------------------------------------------------------------------------------

    def _metrics(self, scale: float | None = None) -> tuple[float, float, float]:
        """Text line height, marker size and marker pitch, from the font, so the chart scales with it."""
        line = float(self.fontMetrics().height())
        marker = max(8.0, round(line * 0.65)) * (self._scale if scale is None else scale)
        return line, marker, marker + max(2.0, marker * 0.3)

    def _ensure_layout(self) -> HistoryLayout:
        if self._layout is None:
            self._layout = self._build_layout()
        return self._layout

    def _build_layout(self) -> HistoryLayout:
        metrics = self.fontMetrics()
        line, marker, pitch = self._metrics(1.0)
        pad = round(line / 2)
        width, height = float(self.width()), float(self.height())
        history = self._model.history
        # The legend flows along the top, wrapping; the truncation note follows it.
        self._legend, x, y = [], float(pad), float(pad / 2)
        for status, count in status_counts(history.points):
            text = f"{status_name(status)} {count:,}"
            item_width = marker + pad / 2 + metrics.horizontalAdvance(text)
            if x > pad and x + item_width > width - pad:
                x, y = float(pad), y + line
            self._legend.append((QRectF(x, y, item_width, line), status, text))
            x += item_width + pad * 1.5
        self._note = None
        if history.truncated:
            note = f"Showing the newest {len(history.points):,} of {history.total:,} trials"
            note_width = metrics.horizontalAdvance(note)
            if x > pad and x + note_width > width - pad:
                x, y = float(pad), y + line
            self._note = (QRectF(x, y, note_width, line), note)
        top = y + line + pad / 2
        phases = Counter(point.phase for point in history.points)
        label_width = max((metrics.horizontalAdvance(_lane_text(lane_label(phase), count))
                           for phase, count in phases.items()), default=0)
        self._plot = Box(pad + label_width + pad, top, max(pitch * 4, width - 2 * pad - label_width - pad),
                         max(pitch, height - top - line - pad))
        strip_min = metrics.horizontalAdvance("date not stated") + pitch
        # A thousand trials in a small window: smaller markers that each stay visible beat full-size
        # ones hiding each other. Full size first, then the smallest; between them only if that fits.
        def attempt(scale: float) -> HistoryLayout:
            self._scale = scale
            return layout_history(history.points, self._plot, self._metrics()[2], strip_min,
                                  metrics.horizontalAdvance("2000") * 2.0, history.by)

        layout = attempt(1.0)
        if layout.overlaps and not (smallest := attempt(0.4)).overlaps:
            layout = next((fits for scale in (0.75, 0.55) if not (fits := attempt(scale)).overlaps), None) or attempt(0.4)
        elif layout.overlaps:
            layout = smallest
        if layout.overlaps:  # say so, rather than let the picture undercount what the legend counts
            rect, note = self._note or (QRectF(x, y, 0, line), "")
            note = (note + "; " if note else "") + f"{layout.overlaps:,} markers overlap"
            self._note = (QRectF(rect.left(), rect.top(), max(0.0, width - pad - rect.left()), line), note)
        return layout

    def _row_at(self, position: QPointF) -> int | None:
        layout = self._ensure_layout()
        _, _, pitch = self._metrics()
        best, best_distance = None, (pitch * 0.75) ** 2
        for row, (x, y) in enumerate(layout.positions):
            distance = (x - position.x()) ** 2 + (y - position.y()) ** 2
            if distance <= best_distance:
                best, best_distance = row, distance
        return best

    # ---- painting ----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        quiet = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        layout = self._ensure_layout()
        line, marker, pitch = self._metrics()
        if not self._model.points:
            painter.setPen(quiet)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No trials to chart")
            self._paint_focus(painter, None)
            return
        legend_marker = self._metrics(1.0)[1]  # full size, whatever size the points are drawn at
        for rect, status, label in self._legend:
            self._paint_markers(painter, [QPointF(rect.left() + legend_marker / 2, rect.center().y())], status,
                                legend_marker, palette)
            painter.setPen(text)
            painter.drawText(rect.adjusted(legend_marker + line / 4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, label)
        if self._note:
            painter.setPen(quiet)
            rect, note = self._note
            elided = self.fontMetrics().elidedText(note, Qt.TextElideMode.ElideRight, int(rect.width()) + 1)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, elided)

        plot, pad = self._plot, line / 2
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
            metrics = self.fontMetrics()
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
                             "No posted dates in the sources: trials by phase, grouped by status")

        # One batch per status, so pens and colours are set a dozen times rather than a thousand.
        by_status: dict[str | None, list[QPointF]] = {}
        for point, (x, y) in zip(self._model.points, layout.positions):
            by_status.setdefault(point.status, []).append(QPointF(x, y))
        if layout.overlaps:
            # Markers hide one another: no status may be drawn on top, or it would look like the majority.
            looks = {status: _Look.of(status, marker, palette) for status in by_status}
            for point, (x, y) in reversed(list(zip(self._model.points, layout.positions))):
                _draw_markers(painter, looks[point.status], [QPointF(x, y)])
        else:
            for status in sorted(by_status, key=lambda s: _DRAW_ORDER[status_style(s).shape]):
                self._paint_markers(painter, by_status[status], status, marker, palette)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if self._highlighted is not None:
            painter.setPen(QPen(highlight, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(*layout.positions[self._highlighted]), marker * 0.95 + 2, marker * 0.95 + 2)
        if self._hover is not None and self._hover != self._highlighted:
            painter.setPen(QPen(text, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(*layout.positions[self._hover]), marker * 0.85 + 1, marker * 0.85 + 1)
        self._paint_focus(painter, layout.positions[self._current] if self._current is not None else None)

    def _paint_focus(self, painter: QPainter, centre: tuple[float, float] | None) -> None:
        if not self.hasFocus():
            return
        _, marker, _ = self._metrics()
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 1.5, Qt.PenStyle.DotLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if centre is None:
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        else:
            painter.drawRect(QRectF(centre[0] - marker - 3, centre[1] - marker - 3, 2 * marker + 6, 2 * marker + 6))

    def _paint_markers(self, painter: QPainter, centres: list[QPointF], status: str | None, size: float,
                       palette: QPalette) -> None:
        _draw_markers(painter, _Look.of(status, size, palette), centres)

    # ---- events ------------------------------------------------------------------------------------

    def _on_model_reset(self) -> None:
        self._layout = None
        self._hover = self._current = self._highlighted = None
        self.setAccessibleDescription(describe(self._model.history))
        self.update()

    def resizeEvent(self, event) -> None:
        self._layout = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._layout = None
            self.update()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            row = self._row_at(QPointF(event.pos()))
            if row is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tooltip_html(self._model.points[row]), self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position())
        if row != self._hover:
            self._hover = row
            self.setCursor(Qt.CursorShape.PointingHandCursor if row is not None else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        if row is None:
            super().mousePressEvent(event)
            return
        self._current = row
        self._select(row)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            self.trial_activated.emit(self._model.points[row].key)
        else:
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        order = self._ensure_layout().order
        key = event.key()
        if not order or key not in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End,
                                     Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self._current is not None:
                self._select(self._current)
            return
        place = order.index(self._current) if self._current is not None else -1
        if key == Qt.Key.Key_Home or (key == Qt.Key.Key_Right and place < 0):
            place = 0
        elif key == Qt.Key.Key_End or (key == Qt.Key.Key_Left and place < 0):
            place = len(order) - 1
        else:
            place = max(0, min(len(order) - 1, place + (1 if key == Qt.Key.Key_Right else -1)))
        self._current = order[place]
        x, y = self._ensure_layout().positions[self._current]
        QToolTip.showText(self.mapToGlobal(QPointF(x, y + self._metrics()[1]).toPoint()),
                          tooltip_html(self._model.points[self._current]), self)
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._current is None and self._model.points:
            self._current = self._highlighted if self._highlighted is not None else self._ensure_layout().order[0]
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def _select(self, row: int) -> None:
        self._highlighted = row
        self.update()
        self.trial_selected.emit(self._model.points[row].key)


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
