"""HTML pieces for the record panes and the printed sheet. Source text is always escaped here.

Links use private schemes the views handle: `source:FILE:START:END` opens a passage, `term:N`
shows glossary entry N. Nothing from a source can produce a tag or a link of its own, and no word
longer than the readers accept reaches a view whole (`limits.shortened`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..ingest.limits import shortened
from ..store.results import GlossaryEntry, Provenance


# What html.escape(text, quote=True) replaces, without importing the html package: its unescape table
# (html.entities) would cost start-up about 7 ms for a function we never call.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def esc(text: object) -> str:
    return shortened(str(text)).translate(_ESCAPES)


def plain_tooltip(text: str, note: str | None = None) -> str:
    """A tooltip that shows `text` as written. Qt guesses whether a tooltip is rich text, so source text
    with a tag in it ("<img src=…>") would be drawn as markup: escaped inside a paragraph, it never is.
    `note`, DrugRef's word about the text (where it is from, what a click does), goes below it in italics."""
    below = f"<br><i>{esc(note)}</i>" if note else ""
    return f'<p style="white-space:pre-wrap">{esc(text)}{below}</p>'


def source_href(prov: Provenance) -> str:
    return f"source:{prov.source}:{prov.line_start}:{prov.line_end}"


def parse_source_href(href: str) -> Provenance | None:
    match = re.fullmatch(r"source:(.+):(\d+):(\d+)", href)
    if not match:
        return None
    return Provenance(match.group(1), "", int(match.group(2)), int(match.group(3)))


def source_link(prov: Provenance | None) -> str:
    """The small "source" affordance after a fact: names the lines it came from."""
    if prov is None:
        return ""
    return (f' <a class="src" href="{esc(source_href(prov))}" title="Show the source passage ({esc(prov.lines)})">'
            f"[source]</a>")


def not_stated(what: str) -> str:
    return f'<p class="missing">{esc(what)}</p>'


@dataclass
class GlossaryLinker:
    """Marks glossary terms in text as `term:N` links so views can show the definition on hover.

    Abbreviations (ORR, PFS, DLTs) match case-sensitively, with or without a plural s; longer terms
    match case-insensitively. Single ordinary words ("Safety") are left alone: they would link everywhere.
    """

    pattern: re.Pattern | None
    index: dict[str, int]

    @classmethod
    def from_entries(cls, entries: Iterable[GlossaryEntry]) -> "GlossaryLinker":
        index: dict[str, int] = {}
        sensitive, insensitive = [], []
        for number, entry in enumerate(entries):
            if entry.abbreviation:
                stem = entry.abbreviation.removesuffix("s")
                index.setdefault(stem, number)
                sensitive.append(re.escape(stem) + "s?")
            term = entry.term
            distinctive = " " in term or "-" in term or any(c.isupper() for c in term[1:]) or any(c.isdigit() for c in term)
            if distinctive:
                index.setdefault(term.casefold(), number)
                if term.isupper() or any(c.isupper() for c in term[1:]):
                    sensitive.append(re.escape(term))
                else:
                    insensitive.append(re.escape(term))
        parts = []
        # "(?![/-]\w)": "Phase 1" is a term, and "Phase 1/2" another phase, not "Phase 1" with "/2" after it.
        if sensitive:
            parts.append(r"\b(?:" + "|".join(sorted(sensitive, key=len, reverse=True)) + r")\b(?![/-]\w)")
        if insensitive:
            parts.append(r"(?i:\b(?:" + "|".join(sorted(insensitive, key=len, reverse=True)) + r")\b(?![/-]\w))")
        return cls(re.compile("|".join(parts)) if parts else None, index)

    def entry_for(self, word: str) -> int | None:
        if word in self.index:
            return self.index[word]
        if word.removesuffix("s") in self.index:
            return self.index[word.removesuffix("s")]
        return self.index.get(word.casefold())

    def __call__(self, text: str) -> str:
        """Escaped text with glossary terms linked."""
        text = shortened(text)
        if not self.pattern:
            return esc(text)
        out, last = [], 0
        for match in self.pattern.finditer(text):
            number = self.entry_for(match.group(0))
            if number is None:
                continue
            out.append(esc(text[last:match.start()]))
            out.append(f'<a class="term" href="term:{number}">{esc(match.group(0))}</a>')
            last = match.end()
        out.append(esc(text[last:]))
        return "".join(out)
