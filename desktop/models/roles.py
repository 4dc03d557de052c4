"""Item-data roles shared by the list models and the delegate that paints them."""
from __future__ import annotations

from PySide6.QtCore import Qt

TITLE_ROLE = Qt.ItemDataRole.UserRole + 40    # the row's first line
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 41   # the second line
SPANS_ROLE = Qt.ItemDataRole.UserRole + 42    # ((start, end), …) to show in bold in the detail
STYLE_ROLE = Qt.ItemDataRole.UserRole + 43    # "header", "note" (one italic line) or None
ROW_ROLE = Qt.ItemDataRole.UserRole + 44      # (title, detail, spans, style) in one call, for painting


def row(model, index) -> tuple:
    """The four painting roles at once: one Python call per row instead of four."""
    return tuple(model.data(index, role) for role in (TITLE_ROLE, DETAIL_ROLE, SPANS_ROLE, STYLE_ROLE))
PROVENANCE_ROLE = Qt.ItemDataRole.UserRole + 45  # [Provenance, …] behind a cell's values
