"""Two-line list rows painted directly: a bold title, then a detail line with matched words in bold.

Rows have a fixed height computed from the font, so a list of 10,000 drugs or a fresh page of search
hits never lays out rich text to learn its size; long text is elided, with the whole of it in the
tooltip. Models give the text through the roles in `models.roles`.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..models.roles import ROW_ROLE, STYLE_ROLE

PADDING = 4
_ALIGN = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # combined once: enum arithmetic is slow in Python


class TwoLineDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._font: QFont | None = None
        self._faces: _Faces | None = None

    def _faces_for(self, font: QFont) -> "_Faces":
        """Fonts and metrics made once per font, not once per row painted. Comparing fonts is cheap;
        QFont.key(), asked two or three times a row, built a string each time."""
        if self._faces is None or font != self._font:
            self._font, self._faces = QFont(font), _Faces(font)
        return self._faces

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        faces = self._faces_for(option.font)
        return faces.one_line if index.data(STYLE_ROLE) in ("header", "note") else faces.two_lines

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # The view's option already holds what the background needs (state, palette, rect); the text is
        # ours to draw, so initStyleOption's dozen data() calls per row would be asked for nothing.
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        title, detail, spans, kind = index.data(ROW_ROLE) or ("", None, (), None)
        faces = self._faces_for(option.font)
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        line = QRect(rect.left(), rect.top(), rect.width(), faces.line_spacing)
        painter.save()
        painter.setPen(colour)
        if kind == "note":
            faces.italic.draw(painter, line, title or "")
        else:
            faces.bold.draw(painter, line, title or "")
            if kind != "header" and detail:
                line.translate(0, faces.line_spacing)
                self._highlighted(painter, faces.plain, faces.bold, line, detail, spans or ())
        painter.restore()

    @staticmethod
    def _highlighted(painter, plain: "_Face", bold: "_Face", line: QRect, text: str, spans) -> None:
        """Draw the detail run by run, bold where it matched, stopping with an ellipsis at the edge."""
        runs, last = [], 0
        for start, end in spans:
            runs += [(text[last:start], plain), (text[start:end], bold)]
            last = end
        runs.append((text[last:], plain))
        x, right = line.left(), line.right()
        for run, face in runs:
            if not run:
                continue
            room = right - x
            if room <= 0:
                break
            full = face.metrics.horizontalAdvance(run)
            face.draw(painter, QRect(x, line.top(), room, line.height()), run, elide=full > room)
            if full > room:
                break
            x += full


class _Face:
    """A font and its metrics."""

    def __init__(self, base: QFont, bold: bool = False, italic: bool = False) -> None:
        self.font = QFont(base)
        self.font.setBold(bold)
        self.font.setItalic(italic)
        self.metrics = QFontMetrics(self.font)

    def draw(self, painter, line: QRect, text: str, elide: bool = True) -> None:
        if elide:
            text = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width())
        painter.setFont(self.font)
        painter.drawText(line, _ALIGN, text)


class _Faces:
    """The plain, bold and italic faces of one font, and the row heights they make."""

    def __init__(self, base: QFont) -> None:
        self.plain, self.bold, self.italic = _Face(base), _Face(base, bold=True), _Face(base, italic=True)
        self.line_spacing = self.plain.metrics.lineSpacing()
        self.one_line = QSize(120, self.line_spacing + 2 * PADDING)
        self.two_lines = QSize(120, 2 * self.line_spacing + 2 * PADDING)
