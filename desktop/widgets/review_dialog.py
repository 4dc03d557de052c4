"""Review before adding: what each document would bring into the catalogue — its kind, its drugs (new or
already there), its facts, what was kept only as text, what could not be placed, and where it disagrees with
what the catalogue holds. Nothing changes until Add is pressed."""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..render.html import plain_tooltip
from .accessible import name_built_in_controls
from .sizing import resize_within_screen


def _lines(entries) -> list[tuple[str, str]]:
    return [(f"line {line}", text) for line, text in entries]


def _split(line: str) -> tuple[str, str]:
    """'NCT…: Bempegaldesleukin, linked by …' → ('NCT…', 'Bempegaldesleukin, linked by …')."""
    head, _, rest = line.partition(": ")
    return (head, rest) if rest else (line, "")


def document_rows(document) -> list[tuple[str, str, list]]:
    """A reviewed document as (title, detail, [rows]) groups, in the order a reader checks them; rows are
    (what, detail) pairs, or for a disagreement (what, "", [its two sides])."""
    if document.problem:
        return [("Not added", document.problem, [])]
    groups = [("Drugs", "", [(drug.name, "new to the catalogue" if drug.new else "already in the catalogue: joins it")
                             for drug in document.drugs])]
    # "events: 1", not "1 events": the fact types' names are plural.
    studies = [_split(line) for line in document.studies]
    if studies:  # a registry file: each study, and the drug it joins and why, or that it joins none
        groups.append((f"Studies ({len(studies)})", "linked only by an intervention name or a registry number the record gives", studies))
    if document.record_notes:  # a registry file: records skipped and values left out, each with its reason
        groups.append((f"Seen but not taken ({len(document.record_notes)})", "",
                       [(f"line {line}", why) for line, why in document.record_notes]))
    if document.unread_fields:  # a registry file: what its records hold besides, in the file and not read
        groups.append((f"Not read by DrugRef, kept in the file ({len(document.unread_fields)})",
                       "each field once, with how many records have it", _lines(document.unread_fields)))
    facts = ", ".join(f"{kind.replace('_', ' ')}: {count:,}" for kind, count in document.counts.items() if count)
    groups.append(("Facts read", facts or "none: nothing was read into a fact", []))
    conflicts = [(conflict.subject, "", [
        ("the catalogue says", f"{conflict.catalogue_value} ({conflict.catalogue_source.place})"),
        ("this document says", f"{conflict.new_value} ({conflict.new_source.place})"),
    ]) for conflict in document.conflicts]
    if conflicts:
        groups.append((f"Disagrees with the catalogue ({len(conflicts)})", "both will be shown, each with its source",
                       conflicts))
    for title, entries in (("Kept as text only", document.text_only),
                           ("Headings DrugRef does not know (kept as text under them)", document.unrecognised),
                           ("Lines read into nothing (kept and shown)", document.unplaced)):
        if entries:
            groups.append((f"{title} ({len(entries)})", "", _lines(entries)))
    return groups


def _described(document) -> str:
    if document.problem:
        return "not read"
    how = "as you chose" if not document.detected else "detected"
    dated = f"as of {document.as_of}" if document.as_of else "no date stated"
    return f"{document.kind} ({how}) · {document.title} · {dated}"


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
        for document in plan.documents:
            top = self._item(self.tree.invisibleRootItem(), document.name, _described(document))
            top.setFont(0, bold)
            for title, detail, rows in document_rows(document):
                group = self._item(top, title, detail)
                if document.problem or title.startswith("Disagrees"):
                    group.setFont(0, bold)  # not by colour alone
                for what, detail, *sides in rows:
                    row = self._item(group, what, detail)
                    for side, said in (sides[0] if sides else ()):
                        self._item(row, side, said)
                    row.setExpanded(True)
                group.setExpanded(len(rows) <= 12)  # the long lists stay folded; the rest is open
            top.setExpanded(True)
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

    @staticmethod
    def _item(parent: QTreeWidgetItem, what: str, detail: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([what, detail])
        if detail:
            item.setToolTip(1, plain_tooltip(detail))  # the whole of a detail the column cuts short
        parent.addChild(item)
        return item

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
