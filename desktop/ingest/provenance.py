"""Where a fact was read: every record carries one, so the app can show the passage behind it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: the source file, the heading it sat under, and its 1-based line span."""

    source: str
    section: str
    line_start: int
    line_end: int

    @property
    def span(self) -> str:
        """"34" or "30–34"."""
        return str(self.line_start) if self.line_start == self.line_end else f"{self.line_start}–{self.line_end}"

    @property
    def lines(self) -> str:
        """"line 34" or "lines 30–34"."""
        return f"line {self.line_start}" if self.line_start == self.line_end else f"lines {self.span}"

    @property
    def place(self) -> str:
        """"000_x.txt, lines 30–34": the file and its lines, as a reader is told where to look."""
        return f"{self.source}, {self.lines}"

    def covers(self, other: "Provenance") -> bool:
        return self.source == other.source and self.line_start <= other.line_start and other.line_end <= self.line_end
