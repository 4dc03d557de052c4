"""Search hits grouped by kind (drugs, trials, sections, glossary), with a "did you mean" row."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from .roles import ROW_ROLE, DETAIL_ROLE, SPANS_ROLE, STYLE_ROLE, TITLE_ROLE
from ..render.html import plain_tooltip
from ..store.results import Hit, SearchResult

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 3
ALL_TRIALS_ROLE = Qt.ItemDataRole.UserRole + 5  # the text to filter the trials grid by
IS_HEADER_ROLE = Qt.ItemDataRole.UserRole + 4

LEAD = 30  # characters kept before the first match when a snippet is shortened


def near_first_match(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Start the snippet a few words before its first match, so that one line shows the match."""
    if not spans or spans[0][0] <= LEAD:
        return text, spans
    cut = text.rfind(" ", 0, spans[0][0] - LEAD) + 1 or spans[0][0] - LEAD
    shift = cut - 1  # "…" takes one character
    return "…" + text[cut:], tuple((start - shift, end - shift) for start, end in spans)


GROUPS = (("drug", "Drugs"), ("trial", "Trials"), ("section", "Sections"), ("glossary", "Glossary"))


SELECTABLE = ("hit", "suggestion", "all_trials")
_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole, ROW_ROLE, TITLE_ROLE,
    DETAIL_ROLE, SPANS_ROLE, STYLE_ROLE, HIT_ROLE, SUGGESTION_ROLE, ALL_TRIALS_ROLE, IS_HEADER_ROLE,
})
_PAINTING_ROLES = {TITLE_ROLE: 0, DETAIL_ROLE: 1, SPANS_ROLE: 2, STYLE_ROLE: 3}  # places in _painting()'s tuple
_SELECTABLE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class SearchResultsModel(QAbstractListModel):
    """Rows: ("header", title) | ("hit", Hit) | ("suggestion", text) | ("all_trials", query) | ("empty", message),
    and the painting tuple of each row once it has been asked for."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, object]] = []
        self._painted: list[tuple | None] = []

    def set_result(self, query: str, result: SearchResult) -> None:
        rows: list[tuple[str, object]] = []
        if result.suggestion:
            rows.append(("suggestion", result.suggestion))
        for kind, title in GROUPS:
            hits = [h for h in result.hits if h.kind == kind]
            if hits:
                many = kind in result.many
                rows.append(("header", f"{title} (first {len(hits)} of many matches)" if many else f"{title} ({len(hits)})"))
                rows.extend(("hit", h) for h in hits)
                if many and kind == "trial":
                    rows.append(("all_trials", query))
        if not result.hits:
            rows.append(("empty", f"No results for “{query}”."))
        self._replace(rows)

    def _replace(self, rows: list[tuple[str, object]]) -> None:
        """An answer the same as the last (a keystroke often changes nothing shown) repaints nothing; any other
        resets the list. Updating changed rows in place would save nothing: with rows of two heights, QListView
        answers dataChanged by laying every row out again and repainting the whole list, only later."""
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows, self._painted = rows, [None] * len(rows)
        self.endResetModel()

    def clear(self) -> None:
        self._replace([])

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()][0] not in SELECTABLE:
            return Qt.ItemFlag.ItemIsEnabled
        return _SELECTABLE_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Painting a row asks for a dozen roles; the ones left to the style are answered first.
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        number = index.row()
        if role == ROW_ROLE:
            return self._painting(number)
        if role in _PAINTING_ROLES:
            return self._painting(number)[_PAINTING_ROLES[role]]
        kind, value = self._rows[number]
        if role == IS_HEADER_ROLE:
            return kind == "header"
        title = self._painting(number)[0]
        if kind == "hit":
            hit: Hit = value  # type: ignore[assignment]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{title}: {hit.snippet}" if hit.snippet else title
            if role == HIT_ROLE:
                return hit
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(hit.snippet or hit.title)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(title)
        if role == SUGGESTION_ROLE and kind == "suggestion":
            return value
        if role == ALL_TRIALS_ROLE and kind == "all_trials":
            return value
        return None

    def _painting(self, number: int) -> tuple:
        """(title, detail, spans, style): built once per row, asked for at every repaint."""
        if self._painted[number] is None:
            kind, value = self._rows[number]
            if kind == "hit":
                hit: Hit = value  # type: ignore[assignment]
                where = f" — {hit.drug}" if hit.drug and hit.drug != hit.title else ""
                self._painted[number] = (f"{hit.title}{where}", *near_first_match(hit.snippet, hit.highlights), None)
            else:
                text = {"suggestion": f"Did you mean “{value}”?",
                        "all_trials": f"Show every trial matching “{value}” in the trials grid…"}.get(kind, str(value))
                self._painted[number] = (text, None, None, "header" if kind == "header" else "note")
        return self._painted[number]

    def first_selectable(self) -> int:
        return next((i for i, (kind, _) in enumerate(self._rows) if kind in SELECTABLE), -1)

    def next_selectable(self, row: int, step: int) -> int:
        candidate = row + step
        while 0 <= candidate < len(self._rows):
            if self._rows[candidate][0] in SELECTABLE:
                return candidate
            candidate += step
        return row
