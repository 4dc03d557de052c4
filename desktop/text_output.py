"""The headless commands' text: a drug record, a comparison and tables, fitted to the terminal, and a
standard output that never passes a control character through (a database built elsewhere may hold
escape sequences that would retitle or clear the user's terminal)."""
from __future__ import annotations

import io
import shutil
import sys
import textwrap
from contextlib import contextmanager
from typing import Iterator, Sequence

from .ingest.clean import strip_controls
from .labels import IDENTIFIER_LABELS, PROPERTY_LABELS, designation_label
from .store import NOT_STATED
from .store.compare import Comparison
from .store.results import AdverseEffect, DrugRecord, Section, TrialRow, event_when


def format_comparison(comparison: Comparison, all_rows: bool = False) -> str:
    """One block per attribute, one line per drug's value with its [source lines]."""
    names = [r.summary.name for r in comparison.drugs]
    width = max(len(n) for n in names) + 2
    wrap = max(30, terminal_width() - width - 4)
    out = ["Compared: " + " · ".join(names), ""]
    hidden = []
    for row in comparison.rows:
        if row.collapsible and not all_rows:
            hidden.append(row.label + (" (none of them says)" if row.silent else " (all agree)"))
            continue
        out.append(row.label)
        for name, cell in zip(names, row.cells):
            lines = [f"{v.text}" + (f" [{v.prov.source[:3]} {v.prov.span}]" if v.prov else " [counted]") for v in cell]
            lines = lines or [NOT_STATED]
            for number, line in enumerate(lines):
                for part, piece in enumerate(textwrap.wrap(line, wrap) or [""]):
                    lead = name if number == 0 and part == 0 else ""
                    out.append(f"  {lead:<{width}}{piece}")
        out.append("")
    if hidden:
        out.append("Not shown (--all-rows shows them): " + "; ".join(hidden))
    out.append("Sources: " + "; ".join(f"[{s.id[:3]}] {s.title}" for s in comparison.sources)
               + "; [counted] = counted from the trials the sources list")
    return "\n".join(out).rstrip()


def terminal_width() -> int:
    return max(60, min(shutil.get_terminal_size((120, 24)).columns, 160))


def print_table(header: Sequence[str], rows: list[Sequence[str]], flexible: Sequence[int] = ()) -> None:
    """Aligned columns; to fit the terminal the widest `flexible` (free-text) column is cut with an ellipsis."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    budget = terminal_width() - 2 * (len(header) - 1)
    while sum(widths) > budget and flexible and max(widths[i] for i in flexible) > 12:
        widest = max(flexible, key=lambda i: widths[i])
        widths[widest] -= 1

    def cut(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    print("  ".join(cut(h, w).ljust(w) for h, w in zip(header, widths)).rstrip())
    print("  ".join("─" * w for w in widths))
    for row in rows:
        print("  ".join(cut(c, w).ljust(w) for c, w in zip(row, widths)).rstrip())


def format_record(record: DrugRecord, trials: list[TrialRow]) -> str:
    """A drug record as readable text: identity, then each topic, with "not stated" where silent."""
    width = terminal_width()
    out: list[str] = []

    def heading(title: str) -> None:
        out.extend(["", title.upper(), "─" * len(title)])

    def para(text: str, indent: str = "") -> None:
        out.append(textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent + "  "))

    s = record.summary
    out.append(f"{s.name} — {s.status_label}")
    heading("Identity")
    for kind, label in IDENTIFIER_LABELS.items():
        values = ", ".join(i.value for i in record.identifiers_of(kind)) or NOT_STATED
        out.append(f"  {label + ':':<14}{values}")
    for name in ("drug_type", "drug_class", "route", "developer"):
        label, prop = PROPERTY_LABELS[name], record.property(name)
        out.append(f"  {label + ':':<14}{prop.value if prop else NOT_STATED}")
    for d in record.designations:
        out.append(f"  {'Designation:':<14}{designation_label(d)}")
    for e in record.events:
        para(f"{event_when(e)}: {e.description}", "  ")

    def effect_line(e: AdverseEffect) -> list[str]:
        frequency = e.frequency or e.frequency_group or "frequency not stated"
        return [f"{e.effect} [{e.seriousness}; {frequency}]: {e.description}"]

    summary = record.property("mechanism_summary")
    # Each topic: its facts (the mechanism's summary where no section states it), how one reads as lines,
    # and the topic its passing mentions are filed under.
    topics = (
        ("Mechanism", [x for x in record.sections if x.kind == "mechanism"] or ([summary] if summary else []),
         lambda x: x.body.splitlines() if isinstance(x, Section) else [x.value], "mechanism"),
        ("Dosing", record.dosing, lambda d: [f"{d.parameter}: {d.specification}"], "dosing"),
        ("Safety", record.adverse_effects, effect_line, "safety"),
        ("Indications", record.indications, lambda i: [f"{i.condition} ({i.status}): {i.detail}"], None),
    )
    for title, items, lines_of, mention_topic in topics:
        heading(title)
        mentions = [m for m in record.mentions if m.topic == mention_topic]
        if not items and mentions:
            out.append(f"  The sources state no {title.lower()} for {s.name} as such; they touch on it in passing:")
            for m in mentions:
                para(f"“{m.sentence}” ({m.prov.place})", "  ")
        elif not items:
            out.append(f"  The sources state no {title.lower()} for {s.name}.")
        for item in items:
            for line in lines_of(item):
                para(line, "  ")
    heading(f"Trials ({len(trials)})")
    for t in trials:
        bits = [t.phase_text, t.status, f"n={t.enrollment}" if t.enrollment is not None else None, t.posted]
        described = ", ".join(b for b in bits if b) or "phase and status not stated"
        para(f"{t.label}: {described}" + (f" — {t.conditions}" if t.conditions else ""), "  ")
    heading("Approvals")
    for a in record.approvals:
        out.append(f"  {a.agency + ':':<18}{a.finding}")
    heading("Sources")
    for src in record.sources:
        as_of = f"as of {src.as_of}" if src.as_of else "no date stated"
        out.append(f"  {src.title} — {src.kind}{', ' + src.publisher if src.publisher else ''}, {as_of} [{src.id}]")
    for disclaimer in record.disclaimers:
        heading("Disclaimer (from the source)")
        para(disclaimer.text, "  ")
    return "\n".join(out)


class _PlainText(io.TextIOBase):
    """Standard output with control characters taken out of the text; bytes (a PDF on `-`) pass as they are."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(strip_controls(text, terminal=True))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def plain_stdout() -> Iterator[None]:
    original = sys.stdout
    sys.stdout = _PlainText(original)
    try:
        yield
    finally:
        sys.stdout = original
