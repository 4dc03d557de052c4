"""A source document as numbered lines, split into sections, with the error a parser raises.

Parsers find sections by heading, never by position, so a document whose sections come in another
order still parses; a section a shape requires and cannot find is a `SourceError` naming the file,
the line and what was expected.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .clean import clean_text
from .records import Provenance


class SourceError(Exception):
    """A source document is not the shape its parser expects. The message is for the person building."""

    def __init__(self, file: str, line: int, expected: str, found: str | None = None) -> None:
        self.file, self.line, self.expected, self.found = file, line, expected, found
        detail = f"{file}:{line}: expected {expected}"
        if found is not None:
            shown = found if len(found) <= 60 else found[:57] + "…"
            detail += f", found {shown!r}" if found else ", found an empty line"
        super().__init__(detail)


@dataclass(frozen=True)
class Line:
    number: int
    text: str  # cleaned (escape artefacts removed, spaces folded, no indentation)
    raw: str

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass
class Block:
    """The lines under one heading, up to the next heading."""

    heading: str
    heading_line: int
    lines: list[Line]
    source: str

    @property
    def content(self) -> list[Line]:
        return [line for line in self.lines if not line.blank]

    @property
    def last_line(self) -> int:
        content = self.content
        return content[-1].number if content else self.heading_line

    def prov(self, first: Line | int | None = None, last: Line | int | None = None) -> Provenance:
        """Provenance for lines `first`..`last` of this block (default: the whole block)."""
        start = first.number if isinstance(first, Line) else first
        end = last.number if isinstance(last, Line) else last
        start = start if start is not None else (self.content[0].number if self.content else self.heading_line)
        end = end if end is not None else (start if first is not None else self.last_line)
        return Provenance(self.source, self.heading, start, end)

    def text(self) -> str:
        """Paragraphs joined with blank lines, as a reader would see them."""
        paragraphs, current = [], []
        for line in self.lines:
            if line.blank:
                if current:
                    paragraphs.append(" ".join(current))
                current = []
            else:
                current.append(line.text)
        if current:
            paragraphs.append(" ".join(current))
        return "\n\n".join(paragraphs)


class Document:
    """A source file's lines, 1-based as an editor shows them."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.raw_text = text
        self.lines = [Line(i, clean_text(raw), raw) for i, raw in enumerate(text.splitlines(), start=1)]

    @classmethod
    def read(cls, path: Path) -> "Document":
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise SourceError(path.name, line, "UTF-8 text", f"undecodable byte at offset {error.start}") from None
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            raise SourceError(path.name, line, "text", "a NUL byte")
        return cls(path.name, text)

    def error(self, line: int, expected: str, found: str | None = None) -> SourceError:
        return SourceError(self.name, line, expected, found)

    @property
    def end_line(self) -> int:
        return len(self.lines)

    def split(self, is_heading: Callable[[int, Line], bool]) -> list[Block]:
        """Cut the document at every line `is_heading(index, line)` accepts; text before the first is dropped."""
        blocks: list[Block] = []
        for index, line in enumerate(self.lines):
            if not line.blank and is_heading(index, line):
                blocks.append(Block(line.text, line.number, [], self.name))
            elif blocks:
                blocks[-1].lines.append(line)
        return blocks

    def find_line(self, needle: str) -> Line | None:
        return next((line for line in self.lines if needle in line.text or needle in line.raw), None)


def require(doc: Document, blocks: list[Block], match: Callable[[str], bool], expected: str) -> Block:
    """The first block whose heading `match` accepts, or a SourceError saying which heading is missing."""
    for block in blocks:
        if match(block.heading):
            return block
    raise doc.error(doc.end_line, f"a section headed {expected}", "end of file without it")


def optional(blocks: list[Block], match: Callable[[str], bool]) -> Block | None:
    return next((block for block in blocks if match(block.heading)), None)


def bullets(lines: list[Line], marker: str = "- ") -> Iterator[tuple[Line, str]]:
    """Lines that start with a bullet marker, with the marker removed."""
    for line in lines:
        text = line.text
        if text.startswith(marker):
            yield line, text[len(marker):].strip()
