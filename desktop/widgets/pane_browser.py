"""A read-only rich-text pane whose links open source passages and whose glossary terms explain
themselves on hover. It never follows a link anywhere else (and so never touches the network)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser, QToolTip

from ..render.html import esc, parse_source_href
from ..render.panes import stylesheet
from ..store.results import GlossaryEntry

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl


def palette_stylesheet(palette: QPalette) -> str:
    text = palette.color(QPalette.ColorRole.Text)
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    link = palette.color(QPalette.ColorRole.Link)
    rule = palette.color(QPalette.ColorRole.Mid)
    return stylesheet(text.name(), muted.name(), link.name(), rule.name())


class PaneBrowser(QTextBrowser):
    source_requested = Signal(object)  # Provenance

    def __init__(self, title: str, glossary: list[GlossaryEntry], parent=None) -> None:
        super().__init__(parent)
        self._glossary = glossary
        self.setObjectName(f"pane-{title.lower()}")
        self.setAccessibleName(f"{title} pane")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._html: str | None = None
        self._apply_palette()

    def _apply_palette(self) -> None:
        self.document().setDefaultStyleSheet(palette_stylesheet(self.palette()))

    def set_pane_html(self, html: str) -> None:
        self._html = html
        self._apply_palette()
        self.setHtml(html)

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt override
        return None  # no images or style sheets from anywhere: the pane is self-contained

    def _on_anchor_clicked(self, url: QUrl) -> None:
        href = url.toString()
        prov = parse_source_href(href)
        if prov is not None:
            self.source_requested.emit(prov)
        elif href.startswith("term:"):
            self._show_term(href, self.cursorRect().center())

    def _show_term(self, href: str, position) -> None:
        try:
            entry = self._glossary[int(href.removeprefix("term:"))]
        except (ValueError, IndexError):
            return
        term = entry.term + (f" ({entry.abbreviation})" if entry.abbreviation else "")
        QToolTip.showText(self.viewport().mapToGlobal(position),
                          f"<b>{esc(term)}</b>: {esc(entry.definition)}<br><i>Glossary, {esc(entry.prov.source)}</i>",
                          self.viewport())

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        # Not an event filter on viewport(): wrapping that widget for Python at start-up makes PySide
        # set up every QtWidgets class to find its type (15-20 ms). QTextBrowser tracks the mouse there.
        if event.type() == QEvent.Type.ToolTip:
            href = self.anchorAt(event.pos())
            if href.startswith("term:"):
                self._show_term(href, event.pos())
                return True
            if href.startswith("source:"):
                QToolTip.showText(event.globalPos(), "Show the passage this came from", self.viewport())
                return True
        return super().viewportEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            if self._html is not None:  # the style sheet colours only text set after it: set the pane's again
                scrolled = self.verticalScrollBar().value()
                self.setHtml(self._html)
                self.verticalScrollBar().setValue(scrolled)
        super().changeEvent(event)

