"""The trial history chart: trials by posted date (by phase alone where no date is given), one lane per
phase, coloured and shaped by status; the picture is fitted and drawn by trial_history_painting.py.

Hover names a trial, a click (or Enter on the focused point) selects it, a double click opens it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..models.trial_history import TrialHistoryModel
from ..render.trial_history import describe, tooltip_html
from .trial_history_painting import ChartGeometry, fit_chart, paint_chart


class TrialHistoryChart(QWidget):
    """State: the model it draws, the picture's geometry for the current size (fitted again on resize or
    reset), and three points of interest by index into the model's points: hovered, keyboard-current,
    highlighted."""

    trial_selected = Signal(int)   # trial row key: clicked, or Enter on the focused point
    trial_activated = Signal(int)  # trial row key: double-clicked

    def __init__(self, model: TrialHistoryModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self._geometry: ChartGeometry | None = None
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
        x, y = self._ensure_geometry().layout.positions[row]
        return QPointF(x, y)

    def key_at(self, position: QPointF) -> int | None:
        row = self._row_at(position)
        return None if row is None else self._model.points[row].key

    @property
    def note(self) -> str | None:
        """What the chart says after its legend about what the picture leaves out (trials beyond its limit,
        markers that overlap); None when it leaves nothing out."""
        note = self._ensure_geometry().note
        return note[1] if note else None

    def sizeHint(self) -> QSize:
        return QSize(640, self.fontMetrics().height() * 13)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.fontMetrics().height() * 7)

    # ---- the picture -------------------------------------------------------------------------------

    def _ensure_geometry(self) -> ChartGeometry:
        if self._geometry is None:
            self._geometry = fit_chart(self._model.history, self.fontMetrics(), float(self.width()),
                                       float(self.height()))
        return self._geometry

    def _row_at(self, position: QPointF) -> int | None:
        geometry = self._ensure_geometry()
        _, _, pitch = geometry.metrics()
        best, best_distance = None, (pitch * 0.75) ** 2
        for row, (x, y) in enumerate(geometry.layout.positions):
            distance = (x - position.x()) ** 2 + (y - position.y()) ** 2
            if distance <= best_distance:
                best, best_distance = row, distance
        return best

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        geometry = self._ensure_geometry()
        paint_chart(painter, QRectF(self.rect()), geometry, self._model.points, self.palette(), self.fontMetrics(),
                    self._highlighted, self._hover)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 1.5, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if self._current is None:
                painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
            else:
                x, y = geometry.layout.positions[self._current]
                marker = geometry.metrics()[1]
                painter.drawRect(QRectF(x - marker - 3, y - marker - 3, 2 * marker + 6, 2 * marker + 6))

    # ---- events ------------------------------------------------------------------------------------

    def _on_model_reset(self) -> None:
        self._geometry = None
        self._hover = self._current = self._highlighted = None
        self.setAccessibleDescription(describe(self._model.history))
        self.update()

    def resizeEvent(self, event) -> None:
        self._geometry = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._geometry = None
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
        order = self._ensure_geometry().layout.order
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
        geometry = self._ensure_geometry()
        x, y = geometry.layout.positions[self._current]
        QToolTip.showText(self.mapToGlobal(QPointF(x, y + geometry.metrics()[1]).toPoint()),
                          tooltip_html(self._model.points[self._current]), self)
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._current is None and self._model.points:
            highlighted = self._highlighted
            self._current = highlighted if highlighted is not None else self._ensure_geometry().layout.order[0]
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def _select(self, row: int) -> None:
        self._highlighted = row
        self.update()
        self.trial_selected.emit(self._model.points[row].key)
