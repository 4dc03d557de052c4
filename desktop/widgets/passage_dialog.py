"""Shows a source document with the passage a fact came from highlighted and scrolled into view."""
from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from ..render.html import esc
from ..store import Store
from ..store.results import Provenance
from .sizing import resize_within_screen


class PassageDialog(QDialog):
    def __init__(self, store: Store, prov: Provenance, parent=None) -> None:
        super().__init__(parent)
        self.subject = prov  # what the dialog shows: the window raises it rather than open a second copy
        passage = store.passage(prov, context=10 ** 6)  # the whole document, with the passage marked
        source = passage.source
        self.setWindowTitle(f"Source — {source.title}")
        self.setAccessibleName("Source passage")
        as_of = f"as of {source.as_of}" if source.as_of else "no date stated in the document"
        self.header = header = QLabel(
            f"<b>{esc(source.title)}</b><br>{esc(source.kind)}"
            f"{', ' + esc(source.publisher) if source.publisher else ''} · {esc(as_of)} · "
            f"{esc(source.id)}, {esc(prov.lines)}" + (f"<br>{esc(prov.section)}" if prov.section else "")
        )
        header.setWordWrap(True)
        header.setAccessibleName("Source document")
        self.text = QTextBrowser()
        self.text.setAccessibleName("Source text")
        self.text.setOpenLinks(False)
        palette = self.palette()
        mark = palette.color(QPalette.ColorRole.Highlight)
        mark.setAlpha(70)
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        rows = []
        for number, line in passage.lines:
            inside = prov.line_start <= number <= prov.line_end
            style = f' style="background-color: rgba({mark.red()},{mark.green()},{mark.blue()},0.3)"' if inside else ""
            anchor = '<a name="passage"></a>' if number == prov.line_start else ""
            # pre-wrap: a line's own indentation is part of it (a registry record's nesting, a list's indent).
            rows.append(f'<tr{style}><td align="right" style="color:{muted}">{number}</td>'
                        f"<td style=\"white-space: pre-wrap\">{anchor}{esc(line) or '&nbsp;'}</td></tr>")
        self.text.setHtml(f'<table cellspacing="0" cellpadding="1">{"".join(rows)}</table>')
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 820, 560)
        self.highlighted_text = passage.text

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.text.scrollToAnchor("passage")
