"""A source document as numbered lines, split into sections, with a record of what became of each line.

Readers find sections by what their heading is about (`topics`), never by position, so a document whose
sections come in another order still reads. Every line a reader uses is marked placed; a line it
recognises as page furniture is marked ignored, with why. `Document.finish` keeps every other line as
text under its heading and lists it in the report: nothing a reader did not understand is dropped
without a word. A `SourceError` is only for a document that cannot be read at all.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .clean import clean_text, control_characters, split_lines, strip_controls
from .limits import beyond_limits
from .records import Provenance, Section
from .extraction import Extraction


class SourceError(Exception):
    """A source document is not the shape its reader expects. The message is for the person building."""

    def __init__(self, file: str, line: int, expected: str, found: str | None = None) -> None:
        self.file, self.line, self.expected, self.found = file, line, expected, found
        detail = f"{file}:{line}: expected {expected}"
        if found is not None:
            shown = found if len(found) <= 60 else found[:57] + "…"
            detail += f", found {shown!r}" if found else ", found an empty line"
        super().__init__(detail)


class BeyondLimits(SourceError):
    """A word or line longer than any document of these kinds holds (ingest.limits): no reader can read it."""


@dataclass(frozen=True)
class Line:
    number: int
    text: str  # cleaned (escape artefacts and invisible characters removed, spaces folded, no indentation)
    raw: str   # as in the file, tabs and indentation kept

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass
class Block:
    """The lines under one heading, up to the next heading. `topic` is what the heading is about."""

    heading: str
    heading_line: int
    lines: list[Line]
    source: str
    topic: str | None = None

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

    def text(self, lines: Iterable[Line] | None = None) -> str:
        """Paragraphs joined with blank lines, as a reader would see them."""
        paragraphs, current = [], []
        for line in self.lines if lines is None else lines:
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
    """A source file's lines, 1-based as an editor shows them, and what the reader made of each."""

    def __init__(self, name: str, text: str, sha256: str | None = None) -> None:
        self.name = name
        # Of the file as it is; the catalogue, reading a stored copy again, gives the one it recorded.
        self.sha256 = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
        raw_lines = split_lines(text)
        for number, raw in enumerate(raw_lines, start=1):  # before cleaning, which would spend its time on them
            if problem := beyond_limits(raw):
                raise BeyondLimits(name, number, *problem)
        # Control characters are taken out here, before any reader sees the text, and each is reported with
        # its line: kept, they would reach a terminal through `drugref show` and search as commands.
        self._controls: dict[int, list[str]] = {}
        if control_characters(text):  # one scan of the whole text; line by line only when there are some
            self._controls = {number: found for number, raw in enumerate(raw_lines, start=1)
                              if (found := control_characters(raw))}
            text, raw_lines = strip_controls(text), [strip_controls(raw) for raw in raw_lines]
        self.raw_text = text
        self.lines = [Line(i, clean_text(raw), raw) for i, raw in enumerate(raw_lines, start=1)]
        self._placed: set[int] = set()
        self._ignored: dict[int, str] = {}
        self._blocks: list[Block] = []

    @classmethod
    def read(cls, path: Path) -> "Document":
        return cls(path.name, cls.read_text(path))

    @staticmethod
    def read_text(path: Path) -> str:
        """A file's text, refused (SourceError) when it is not UTF-8 or holds a NUL byte."""
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise SourceError(path.name, line, "UTF-8 text", f"undecodable byte at offset {error.start}") from None
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            raise SourceError(path.name, line, "text", "a NUL byte")
        return text

    def error(self, line: int, expected: str, found: str | None = None) -> SourceError:
        return SourceError(self.name, line, expected, found)

    @property
    def end_line(self) -> int:
        return len(self.lines)

    def split(self, is_heading: Callable[[int, Line], bool], topic: Callable[[str], str | None]) -> list[Block]:
        """Cut the document at every line `is_heading(index, line)` accepts; text before the first heading
        is left to the reader (a title, an identity block). Each block's topic is `topic(heading)`."""
        blocks: list[Block] = []
        for index, line in enumerate(self.lines):
            if not line.blank and is_heading(index, line):
                blocks.append(Block(line.text, line.number, [], self.name, topic(line.text)))
                self._placed.add(line.number)
            elif blocks:
                blocks[-1].lines.append(line)
        self._blocks = blocks
        return blocks

    def find_line(self, needle: str) -> Line | None:
        return next((line for line in self.lines if needle in line.text or needle in line.raw), None)

    # ---- what became of each line ----------------------------------------------------------------

    def place(self, *lines: Line | int | Iterable[Line]) -> None:
        """Mark lines as read into a fact or kept as a section's text."""
        for item in lines:
            if isinstance(item, Line):
                self._placed.add(item.number)
            elif isinstance(item, int):
                self._placed.add(item)
            else:
                self._placed.update(line.number for line in item)

    def ignore(self, line: Line, why: str) -> None:
        """Mark a line as page furniture: not content, said so in the report."""
        self._ignored[line.number] = why

    def placed(self, line: Line) -> bool:
        return line.number in self._placed or line.number in self._ignored

    def keep_block(self, block: Block, kind: str, extraction: Extraction, lines: list[Line] | None = None) -> Section | None:
        """Keep a block's lines (default: all of them) as one section of text, marking them placed."""
        lines = [line for line in (block.content if lines is None else lines) if not line.blank]
        if not lines:
            return None
        section = Section(kind, block.heading, self.body(lines), block.prov(lines[0], lines[-1]))
        extraction.sections.append(section)
        self.place(lines)
        return section

    def body(self, lines: list[Line]) -> str:
        """The text of `lines`, one line of the body per line of the file from the first to the last, a
        line not among them (a blank, a table row read elsewhere) left empty: the body's line i is line
        `first + i` of the document, so every sentence in it can cite its own line."""
        kept = {line.number for line in lines}
        first, last = lines[0].number, lines[-1].number
        return "\n".join(self.lines[n - 1].text if n in kept else "" for n in range(first, last + 1))

    def finish(self, extraction: Extraction) -> None:
        """Report what the reader left: lines read into nothing are kept as text, under their heading."""
        report = extraction.report
        for number, found in self._controls.items():
            report.removed.append((number, self.lines[number - 1].text, f"control characters removed: {', '.join(found)}"))
        for number, why in sorted(self._ignored.items()):
            if number not in self._placed:
                report.ignored.append((number, self.lines[number - 1].text, why))
        runs: list[tuple[str, list[Line]]] = []
        heading_at = self._heading_at()
        for line in self.lines:
            if line.blank or line.number in self._placed or line.number in self._ignored:
                continue
            heading = heading_at.get(line.number, "Text before the first heading")
            report.unplaced.append((line.number, line.text, f"not read into any fact (under {heading!r})"))
            if runs and runs[-1][0] == heading and runs[-1][1][-1].number == line.number - 1:
                runs[-1][1].append(line)
            else:
                runs.append((heading, [line]))
        for heading, lines in runs:
            prov = Provenance(self.name, heading, lines[0].number, lines[-1].number)
            extraction.sections.append(Section("unplaced", heading, self.body(lines), prov))

    def _heading_at(self) -> dict[int, str]:
        where: dict[int, str] = {}
        for block in self._blocks:
            for line in block.lines:
                where[line.number] = block.heading
        return where


def note_missing(doc: Document, blocks: list[Block], expected: dict[str, str], extraction: Extraction) -> None:
    """Say in the report which of a kind's usual sections the document lacks ({topic: how it is named})."""
    present = {block.topic for block in blocks}
    for topic, named in expected.items():
        if topic not in present:
            extraction.report.notes.append((doc.end_line, "", f"no section on {named}"))


def first_of(blocks: list[Block], topic: str) -> Block | None:
    return next((block for block in blocks if block.topic == topic), None)


def bullets(lines: list[Line], markers: tuple[str, ...] = ("- ", "• ", "* ")) -> Iterator[tuple[Line, str]]:
    """Lines that start with a bullet marker, with the marker removed."""
    for line in lines:
        text = line.text
        if text.startswith(markers):
            yield line, text[2:].strip()


def is_bullet(text: str) -> bool:
    return text.startswith(("- ", "• ", "* "))


def unbulleted(text: str) -> str:
    """A line's text without its bullet marker ("- Take one tablet …" → "Take one tablet …")."""
    return text[2:] if is_bullet(text) else text
