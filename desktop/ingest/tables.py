"""Tables written in text: markdown-style `| a | b |` rows and tab-separated rows.

A table is its header row and the rows under it, each row with its line. Markdown rule rows
(`|---|:--:|`) are formatting: they are recognised and left out. A row whose cells do not line up with
the header, or that has lost its closing `|`, is still returned, with a note saying so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Line

_RULE_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass
class TableRow:
    line: Line
    cells: list[str]


@dataclass
class Table:
    header: TableRow
    rows: list[TableRow] = field(default_factory=list)
    rules: list[Line] = field(default_factory=list)  # markdown rule rows, kept out of the rows
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, why)

    @property
    def columns(self) -> list[str]:
        return self.header.cells

    @property
    def lines(self) -> list[Line]:
        return [self.header.line, *self.rules, *(row.line for row in self.rows)]


def is_pipe_row(line: Line) -> bool:
    return line.text.startswith("|")


def pipe_cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def pipe_tables(lines: list[Line]) -> list[Table]:
    """The `|` tables among `lines`: runs of `|` rows, blank lines inside a run allowed."""
    tables: list[Table] = []
    current: Table | None = None
    for line in lines:
        if line.blank:
            continue
        if not is_pipe_row(line):
            current = None
            continue
        if _RULE_ROW.match(line.text):
            if current is not None:
                current.rules.append(line)
            continue
        cells = pipe_cells(line.text)
        if current is None:
            current = Table(TableRow(line, cells))
            tables.append(current)
            continue
        if current.header.line.text.rstrip().endswith("|") and not line.text.rstrip().endswith("|"):
            current.notes.append((line.number, line.text, "the row does not end with '|' as the header does: it may "
                                  "be cut short, so it is kept as text"))
            current = None
            continue
        if len(cells) != len(current.columns):
            current.notes.append((line.number, line.text,
                                  f"the row has {len(cells)} cells where the header has {len(current.columns)}"))
        current.rows.append(TableRow(line, cells))
    return tables


def tab_cells(raw: str, collapse: bool = False) -> list[str]:
    """A tab-separated row's cells, cleaned of spaces. An empty cell between two tabs is kept; with
    `collapse`, a run of tabs is one separator (tables aligned with several tabs)."""
    parts = re.split(r"\t+" if collapse else r"\t", raw.strip(" \r\n"))
    return [re.sub(r"\s+", " ", cell).strip() for cell in parts]
