"""A picture from `desktop.figures` in the window: redrawn at any size, a tooltip on each part, and a
click (or Enter on the part chosen with the arrow keys) opens the passage the part was drawn from.

Its accessible description is the picture's text alternative, so a screen reader gets the same facts.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..figures.painting import Region
from ..render.html import plain_tooltip


class FigureView(QWidget):
    """State: the figure shown, the regions its last paint produced, and the part chosen by keyboard."""

    source_requested = Signal(object)  # Provenance

    def __init__(self, name: str, paint: Callable, height_for: Callable[[object, float], float], parent=None) -> None:
        super().__init__(parent)
        self._paint = paint
        self._height_for = height_for
        self._figure = None
        self.regions: list[Region] = []
        self._chosen = -1
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_figure(self, figure, text_alternative: str) -> None:
        self._figure = figure
        self._chosen = -1
        self.setAccessibleDescription(text_alternative)
        self.setToolTip("")
        self.setFixedHeight(round(self._height_for(figure, self.fontMetrics().height())))
        self.update()

    @property
    def text_alternative(self) -> str:
        return self.accessibleDescription()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:  # an active painter left behind by an exception would crash Qt
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
            if self._figure is not None:
                self.regions = self._paint(painter, QRectF(self.rect()).adjusted(6, 4, -6, -4), self._figure, self.palette())
            if self.hasFocus() and 0 <= self._chosen < len(self.regions):
                painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(self.regions[self._chosen].rect.adjusted(-2, -2, 2, 2))
        finally:
            painter.end()

    def region_at(self, point) -> Region | None:
        # Later regions are drawn on top of earlier ones (a subunit over its cell): look from the end.
        return next((r for r in reversed(self.regions) if r.rect.contains(point)), None)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            region = self.region_at(event.pos())
            if region is not None:
                QToolTip.showText(event.globalPos(), _tooltip_html(region), self, region.rect.toRect())
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        region = self.region_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and region is not None:
            self._chosen = self.regions.index(region)
            if region.prov is not None:
                self.source_requested.emit(region.prov)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up) and self.regions:
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            self._chosen = (self._chosen + step) % len(self.regions)
            region = self.regions[self._chosen]
            QToolTip.showText(self.mapToGlobal(region.rect.bottomLeft().toPoint()), _tooltip_html(region), self)
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and 0 <= self._chosen < len(self.regions):
            if (prov := self.regions[self._chosen].prov) is not None:
                self.source_requested.emit(prov)
            return
        super().keyPressEvent(event)


def _tooltip_html(region: Region) -> str:
    """The part's sentences as the source writes them (escaped: data, never markup), and where they are from."""
    where = f"{region.prov.place} — click to read" if region.prov else None
    return plain_tooltip(region.tooltip, where)
