"""Review before adding: what each document would bring into the catalogue — its kind, its drugs (new or
already there), its facts, what was kept only as text, what could not be placed, and where it disagrees with
what the catalogue holds. Nothing changes until Add is pressed."""
from __future__ import annotations

from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..render.html import plain_tooltip
from .accessible import name_built_in_controls
from .sizing import resize_within_screen


def _lines(entries) -> list[tuple[str, str]]:
    return [(f"line {line}", text) for line, text in entries]


def _place(source) -> str:
    """'000_x.txt, lines 3–5' from a provenance or a (name, start, end) triple."""
    name, start, end = (source.source, source.line_start, source.line_end) if hasattr(source, "source") else source
    return f"{name}, line {start}" if start == end else f"{name}, lines {start}–{end}"


def document_rows(document) -> list[tuple[str, list[tuple[str, str]]]]:
    """A reviewed document as (group title, [(what, detail)]) groups, in the order a reader checks them."""
    if document.problem:
        return [("Not added", [("Reason", document.problem)])]
    groups = [("Drugs", [(drug.name, "new to the catalogue" if drug.new else "already in the catalogue: joins it")
                         for drug in document.drugs])]
    facts = [(kind.replace("_", " "), f"{count:,}") for kind, count in document.counts.items() if count]
    groups.append(("Facts read", facts or [("None", "nothing was read into a fact")]))
    conflicts = [(conflict.subject, f"the catalogue: {conflict.catalogue_value} ({_place(conflict.catalogue_source)}) · "
                                    f"this document: {conflict.new_value} ({_place(conflict.new_source)})")
                 for conflict in document.conflicts]
    if conflicts:
        groups.append((f"Disagrees with the catalogue ({len(conflicts)}) — both will be shown", conflicts))
    for title, entries in (("Kept as text only", document.text_only),
                           ("Headings DrugRef does not know (kept as text under them)", document.unrecognised),
                           ("Lines read into nothing (kept and shown)", document.unplaced)):
        if entries:
            groups.append((f"{title} ({len(entries)})", _lines(entries)))
    return groups


class ReviewDialog(QDialog):
    """Shows an AddPlan (desktop.catalogue); accepted only when the plan has a document that can be added."""

    def __init__(self, plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle("Add documents — review")
        self.setAccessibleName("Review documents before adding")
        addable = [d for d in plan.documents if not d.problem]
        intro = QLabel(
            f"{len(addable)} of {len(plan.documents)} document(s) can be added. Nothing changes until you press Add."
            if addable else "None of these documents can be added; the reasons are below.")
        intro.setWordWrap(True)
        intro.setAccessibleName("Summary")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("What each document brings")
        self.tree.setHeaderLabels(["Document", "Detail"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        bold = QFont(self.font())
        bold.setBold(True)
        warn = QBrush(self.palette().color(QPalette.ColorRole.LinkVisited))
        for document in plan.documents:
            how = "as you chose" if not document.detected else "detected"
            top = QTreeWidgetItem([document.name, f"{document.kind} ({how}) · {document.title}"
                                   + (f" · as of {document.as_of}" if document.as_of else " · no date stated")])
            top.setFont(0, bold)
            self.tree.addTopLevelItem(top)
            for title, entries in document_rows(document):
                group = QTreeWidgetItem([title, ""])
                if document.problem or title.startswith("Disagrees"):
                    group.setForeground(0, warn)
                top.addChild(group)
                for what, detail in entries:
                    item = QTreeWidgetItem([what, detail])
                    item.setToolTip(1, plain_tooltip(detail))
                    group.addChild(item)
            top.setExpanded(True)
            for index in range(top.childCount()):  # the long lists stay folded; the rest is open
                child = top.child(index)
                child.setExpanded(child.childCount() <= 12)
        self.buttons = QDialogButtonBox()
        self.add_button = self.buttons.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setEnabled(bool(addable))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 900, 640)
        name_built_in_controls(self)

    def shown_text(self) -> str:
        """Everything the tree shows, one row per line: what a reader (or a test) sees."""
        lines = []

        def walk(item: QTreeWidgetItem, depth: int) -> None:
            lines.append("  " * depth + " — ".join(filter(None, (item.text(0), item.text(1)))))
            for index in range(item.childCount()):
                walk(item.child(index), depth + 1)

        for index in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(index), 0)
        return "\n".join(lines)
