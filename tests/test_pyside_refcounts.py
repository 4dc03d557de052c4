"""Guards against a PySide6 regression that crashes long sessions on Python 3.11.

PySide6 6.12.0 decrements None's reference count each time C++ reads an unset role from a Python
model (every paint of every view does) and each time an unset QStyleOptionViewItem.widget is read.
On Python 3.11 None is not immortal, so the count reaches zero and the interpreter aborts
("none_dealloc"). pyproject.toml pins a release without the bug; this test proves it stays so.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem


class _Model(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return "row" if role == Qt.ItemDataRole.DisplayRole else None


TIMES = 200


def _none_refcount_change(call, times: int = TIMES) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        call()
    return sys.getrefcount(None) - before


def test_reading_unset_roles_from_cpp_keeps_none_alive(qapp):
    model = _Model()
    view = QListView()
    view.setModel(model)
    index = model.index(0)
    delegate = QStyledItemDelegate()
    # The bug takes one reference per call (-200 here); a correct build moves the count by a few at most.
    for name, call in (("an unset role", lambda: index.data(999)),
                       ("initStyleOption", lambda: delegate.initStyleOption(QStyleOptionViewItem(), index)),
                       ("an unset widget", lambda: QStyleOptionViewItem().widget)):
        change = _none_refcount_change(call)
        assert change > -TIMES // 2, f"reading {name} from C++ drops a reference to None per call ({change})"
