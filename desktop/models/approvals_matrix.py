"""The approvals matrix: one row per drug, one column per agency any source names, each cell the finding
the drug's sources state for that agency, or "not stated" where they are silent.

Rows are fetched a block at a time (Store.approvals_of), the first time the view asks for one, and a few
blocks are kept: 10,000 drugs cost what the visible screenful does.
"""
from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from ..ingest.limits import shortened
from ..render.html import esc, plain_tooltip
from ..store import NOT_STATED, Store
from ..store.results import AgencyFinding, DrugSummary, SourceSummary
from .drug_list import DRUG_ID_ROLE

Index = QModelIndex | QPersistentModelIndex
BLOCK = 64       # rows fetched in one query
MAX_BLOCKS = 32  # blocks kept: several screens either way of where the view is
PROV_ROLE = Qt.ItemDataRole.UserRole + 10     # the cell's Provenance, or None where the sources are silent
FINDING_ROLE = Qt.ItemDataRole.UserRole + 11  # the cell's AgencyFinding

SHORT_NOT_STATED = "not stated"  # in the cell; the note above the table and the tooltip say it in full

# A tint of the palette's base colour per finding, so that the cells read in light and dark alike. The
# words differ too, and "not stated" is also italic and muted: colour is never the only difference.
TINTS = {"approved": ("#2e9d4f", 0.24), "not approved": ("#d08a00", 0.24), "none found": ("#3d7bd9", 0.18)}
DISAGREE_TINT = ("#b03aa8", 0.22)  # the sources give the agency different findings: both are in the cell


def cell_label(finding: AgencyFinding) -> str:
    return SHORT_NOT_STATED if finding.finding == NOT_STATED else finding.label


def _blend(base: QColor, tint: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(*(b + (t - b) * amount for b, t in zip(base.getRgbF()[:3], tint.getRgbF()[:3])))


class ApprovalsMatrixModel(QAbstractTableModel):
    """State: the drugs (rows, store order), the agencies (columns), the blocks of findings fetched so far
    (least recently used dropped first), and the titles of the sources a tooltip has named."""

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._drugs: list[DrugSummary] = store.drugs()
        self._agencies: list[str] = store.agencies()
        self._blocks: OrderedDict[int, list[list[AgencyFinding]]] = OrderedDict()
        self._sources: dict[str, SourceSummary | None] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._drugs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._agencies)

    def drug_at(self, row: int) -> DrugSummary | None:
        return self._drugs[row] if 0 <= row < len(self._drugs) else None

    def row_of(self, drug_id: str) -> int:
        return next((row for row, drug in enumerate(self._drugs) if drug.id == drug_id), -1)

    def column_of(self, agency: str) -> int:
        return self._agencies.index(agency) if agency in self._agencies else -1

    def agency_at(self, column: int) -> str | None:
        return self._agencies[column] if 0 <= column < len(self._agencies) else None

    def finding_at(self, row: int, column: int) -> AgencyFinding | None:
        if not (0 <= row < len(self._drugs) and 0 <= column < len(self._agencies)):
            return None
        number = row // BLOCK
        block = self._blocks.get(number)
        if block is None:
            drugs = self._drugs[number * BLOCK:(number + 1) * BLOCK]
            found = self._store.approvals_of([d.id for d in drugs])
            block = self._blocks[number] = [found[d.id] for d in drugs]
            if len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block[row - number * BLOCK][column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        finding = self.finding_at(index.row(), index.column())
        if finding is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_label(finding)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            disagree = ", the sources disagree" if finding.disagrees else ""
            return f"{self._drugs[index.row()].name}, {finding.agency}: {finding.label}{disagree}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self._drugs[index.row()], finding)
        if role == PROV_ROLE:
            return finding.prov
        if role == FINDING_ROLE:
            return finding
        if role == DRUG_ID_ROLE:
            return self._drugs[index.row()].id
        if role == Qt.ItemDataRole.FontRole and (finding.prov is None or finding.finding == "approved"):
            font = QFont()
            font.setItalic(finding.prov is None)
            font.setBold(finding.finding == "approved")
            return font
        if role == Qt.ItemDataRole.ForegroundRole and finding.prov is None:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.BackgroundRole and (finding.disagrees or finding.finding in TINTS):
            colour, amount = DISAGREE_TINT if finding.disagrees else TINTS[finding.finding]
            return _blend(QGuiApplication.palette().color(QPalette.ColorRole.Base), QColor(colour), amount)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            agency = self.agency_at(section)
            if agency is None:
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return agency
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(f"{agency}: each drug's finding as its sources state it")
            return None
        drug = self.drug_at(section)
        if drug is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return shortened(drug.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{drug.name} — {drug.status_label}. Double-click to open its record.")
        if role == DRUG_ID_ROLE:
            return drug.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _tooltip(self, drug: DrugSummary, finding: AgencyFinding) -> str:
        head = f"<b>{esc(drug.name)} — {esc(finding.agency)}</b>"
        if finding.prov is None:
            return f"{head}<br>{esc(NOT_STATED)}: no source for {esc(drug.name)} names a finding from {esc(finding.agency)}."
        said = []
        for each in finding.findings:
            prov = each.prov
            if prov.source not in self._sources:
                self._sources[prov.source] = self._store.source(prov.source)
            source = self._sources[prov.source]
            dated = source.as_of and f"as of {source.as_of}" if source else None
            where = ", ".join(esc(part) for part in (source.title if source else prov.source, dated, prov.section, prov.lines)
                              if part)
            wording = f"<br>“{esc(each.finding_text)}”" if each.finding_text else ""
            said.append(f"{esc(each.finding)}{wording}<br><i>{where}</i>")
        disagree = "<br>The sources disagree; each is shown with its date." if finding.disagrees else ""
        return f"{head}: {'<br>'.join(said)}{disagree}<br>Double-click or Enter to read the passage."
