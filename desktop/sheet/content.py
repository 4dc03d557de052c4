"""The one-page drug summary sheet as HTML for QTextDocument. No Qt here; every source string is escaped.

Sections the sources lack are left out with a one-line note instead of an empty heading. Each
section names the passages behind it as (A 30–34): source letter and lines, keyed in "Sources".
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..labels import IDENTIFIER_LABELS, PROPERTY_LABELS, SHEET_DISCLAIMER, designation_label, seriousness_title, worded
from ..render.html import esc
from ..store.compare import Comparison
from ..store.results import NOT_STATED, DrugRecord, Provenance, event_when

SECTIONS = ("identity", "mechanism", "receptor", "dosing", "safety", "trials", "approvals", "sources")
SECTION_TITLES = {
    "identity": "Identity", "mechanism": "Mechanism", "receptor": "Receptor diagram", "dosing": "Dosing", "safety": "Safety",
    "trials": "Key trials", "approvals": "Approvals", "sources": "Sources",
}
# The sheet's sections whose topic a source can touch in passing (ingest.mentions).
_MENTION_TOPIC = {"mechanism": "mechanism", "dosing": "dosing", "safety": "safety"}


@dataclass(frozen=True)
class SheetOptions:
    sections: tuple[str, ...] = SECTIONS
    page_size: str = "A4"


def parse_sections(text: str) -> tuple[str, ...]:
    """"dosing, safety" → ("dosing", "safety") in sheet order; raises ValueError naming unknown ones."""
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [w for w in wanted if w not in SECTIONS]
    if unknown:
        raise ValueError(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    return tuple(s for s in SECTIONS if s in wanted)


class _Cite:
    """Source letters (A, B, …) for the drug's documents and the "(A 30–34)" marks that use them."""

    def __init__(self, record: DrugRecord) -> None:
        self.letters = {src.id: chr(ord("A") + i) for i, src in enumerate(record.sources)}

    def __call__(self, *provs: Provenance | None) -> str:
        marks = []
        for prov in provs:
            if prov is None or prov.source not in self.letters:
                continue
            mark = f"{self.letters[prov.source]} {prov.span}"
            if mark not in marks:
                marks.append(mark)
        return f' <span class="cite">({esc("; ".join(marks))})</span>' if marks else ""


def sheet_html(record: DrugRecord, options: SheetOptions = SheetOptions()) -> str:
    cite = _Cite(record)
    s = record.summary
    parts = [f"<h1>{esc(s.name)}</h1>"]
    subtitle = [*s.code_names]
    if (cls := record.property("drug_class")):
        subtitle.append(cls.value)
    if (kind := record.property("drug_type")):
        subtitle.append(kind.value)
    if subtitle:
        parts.append(f'<p class="sub">{esc(" · ".join(subtitle))}</p>')
    status = [s.status_label] + [designation_label(d, " designation") for d in record.designations]
    parts.append(f'<p class="status">{esc(" · ".join(status))}'
                 f'{cite(*[p.prov for p in record.properties if p.name == "development_status"], *[d.prov for d in record.designations])}</p>')
    dated = [e for e in record.events if e.date]
    if dated:  # undated milestones are told in the summary's own words; the window's timeline shows them
        events = "; ".join(f"{esc(event_when(e))}: {esc(e.label or e.kind)}{cite(e.prov)}" for e in dated)
        parts.append(f'<p class="small"><b>Dated events:</b> {events}</p>')
    parts.append(f'<table class="notice" width="100%" cellpadding="4"><tr><td>{esc(SHEET_DISCLAIMER)}</td></tr></table>')
    blocks = [(section, _SECTION_BUILDERS[section](record, cite)) for section in options.sections]
    omitted = [section for section, block in blocks if not block]
    passing = [section for section in omitted if any(m.topic == _MENTION_TOPIC.get(section) for m in record.mentions)]
    silent = [SECTION_TITLES[section].lower() for section in omitted if section not in passing]
    if silent:
        parts.append(f'<p class="missing">Not stated in the sources for {esc(s.name)}: {esc(", ".join(silent))}.</p>')
    if passing:
        parts.append(f'<p class="missing">Touched on only in passing in the sources for {esc(s.name)} '
                     f'(see the window for the passages): {esc(", ".join(SECTION_TITLES[x].lower() for x in passing))}.</p>')
    parts.extend(f"<h2>{esc(SECTION_TITLES[section])}</h2>{block}" for section, block in blocks if block)
    for disclaimer in record.disclaimers:
        parts.append(f'<p class="small"><b>Source disclaimer:</b> {esc(disclaimer.text)}{cite(disclaimer.prov)}</p>')
    return "".join(parts)


def comparison_html(comparison: Comparison, hide_collapsible: bool = False) -> str:
    """The comparison as a printable table, with the disclaimer and the sources keyed by letter."""
    sources = {src.id: chr(ord("A") + number) for number, src in enumerate(comparison.sources)}
    cite = _Cite(comparison.drugs[0])
    cite.letters = sources
    names = [r.summary.name for r in comparison.drugs]
    header = '<th align="left">Attribute</th>' + "".join(f'<th align="left">{esc(n)}</th>' for n in names)
    rows = []
    for row in comparison.rows:
        if hide_collapsible and row.collapsible:
            continue
        cells = "".join(
            "<td>" + ("<br>".join(esc(v.text) + cite(v.prov) for v in cell) or f'<span class="missing">{NOT_STATED}</span>') + "</td>"
            for cell in row.cells
        )
        rows.append(f'<tr><td class="label">{esc(row.label)}</td>{cells}</tr>')
    key = "".join(f'<p class="small"><b>{sources[src.id]}</b> — {esc(src.title)} ({esc(src.kind)}; '
                  f'{esc("as of " + src.as_of if src.as_of else "no date stated")}; file {esc(src.id)})</p>'
                  for src in comparison.sources)
    return (f"<h1>{esc(' · '.join(names))}</h1><p class=\"sub\">Compared side by side from the sources</p>"
            f'<table class="notice" width="100%" cellpadding="4"><tr><td>{esc(SHEET_DISCLAIMER)}</td></tr></table>'
            f'<table class="grid" width="100%" cellspacing="0" cellpadding="2"><thead><tr>{header}</tr></thead>{"".join(rows)}</table>'
            f'<p class="small">Trial counts are counted from the trials the sources list.</p><h2>Sources</h2>{key}')


def _identity(record: DrugRecord, cite: _Cite) -> str:
    rows = []
    for kind in ("generic_name", "cas_number", "unii", "drugbank_id"):  # code names are in the title
        label = IDENTIFIER_LABELS[kind]
        found = record.identifiers_of(kind)
        if found:
            rows.append((label, ", ".join(i.value for i in found), cite(*[i.prov for i in found])))
    for name in ("route", "developer", "collaborator"):  # class and status are in the title
        label = PROPERTY_LABELS[name]
        if (prop := record.property(name)):
            rows.append((label, prop.value, cite(prop.prov)))
    if not rows:
        return ""
    cells = "".join(f'<tr><td class="label" width="22%">{esc(label)}</td><td>{esc(value)}{mark}</td></tr>'
                    for label, value, mark in rows)
    return f'<table class="grid" width="100%" cellspacing="0" cellpadding="2">{cells}</table>'


RECEPTOR_FIGURE = "figure:receptor"


def _mechanism(record: DrugRecord, cite: _Cite) -> str:
    summary = record.property("mechanism_summary")
    sections = [x for x in record.sections if x.kind == "mechanism"]
    if summary:
        return f"<p>{esc(summary.value)}{cite(summary.prov)}</p>"
    if sections:
        first = sections[0]
        return f"<p>{esc(first.body.splitlines()[0])}{cite(first.prov)}</p>"
    return ""


def _receptor(record: DrugRecord, cite: _Cite) -> str:
    """The receptor diagram, drawn only where the drug's own sources say what it targets."""
    if not record.receptor_statements:
        return ""
    parts = record.receptor_parts
    described = [x.prov for x in (*parts.subunits, *parts.complexes)]
    where = (f"{esc(described[0].source)}, lines {min(p.line_start for p in described)}–{max(p.line_end for p in described)}"
             if described else "no source")
    aim = "was designed to target or avoid" if all(s.intent for s in record.receptor_statements) else "targets or avoids"
    return (f'<p><img src="{RECEPTOR_FIGURE}"></p><p class="small">What the drug {aim}, as stated'
            f'{cite(*[s.prov for s in record.receptor_statements])}; the receptor and its cells as described in {where}.</p>')


def _dosing(record: DrugRecord, cite: _Cite) -> str:
    if not record.dosing:
        return ""
    rows = "".join(f'<tr><td class="label" width="22%">{esc(d.parameter)}</td><td>{esc(d.specification)}{cite(d.prov)}</td></tr>'
                   for d in record.dosing)
    return (f'<table class="grid" width="100%" cellspacing="0" cellpadding="2"><thead><tr><th align="left">Parameter</th>'
            f'<th align="left">Specification</th></tr></thead>{rows}</table>')


def _safety(record: DrugRecord, cite: _Cite) -> str:
    parts = []
    for seriousness, effects in groupby(record.adverse_effects, key=lambda e: e.seriousness):
        effects = list(effects)
        title = seriousness_title(seriousness)
        group = effects[0].frequency_group
        items = "; ".join(f"{esc(e.effect)}" + (f" ({esc(e.frequency)})" if e.frequency else "") for e in effects)
        parts.append(f"<p><b>{esc(title)}{esc(f' ({group})' if group else '')}:</b> {items}{cite(*[e.prov for e in effects])}</p>")
    for category, items in groupby(record.advice, key=lambda a: a.category):
        items = list(items)
        lines = "".join(f"<li>{_advice(a.label, a.advice)}</li>" for a in items)
        parts.append(f'<p><b>{esc(category)}</b>{cite(*[a.prov for a in items])}</p><ul class="tight">{lines}</ul>')
    return "".join(parts)


def _advice(label: str | None, advice: str) -> str:
    """"DO expect …" reads as one sentence; "Baseline Blood Work: …" keeps its label."""
    if not label:
        return esc(advice)
    if label.isupper():
        return f"<b>{esc(label)}</b> {esc(advice)}"
    return f"<b>{esc(label)}:</b> {esc(advice)}"


def _trials(record: DrugRecord, cite: _Cite) -> str:
    if not record.trial_count:
        return ""
    shown = record.key_trials
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in (
            t.label, worded("phase", t.phase, t.phase_text) or "—", t.status or "—",
            "—" if t.enrollment is None else f"{t.enrollment:,}", t.conditions or "—",
        )) + f"<td>{cite(t.prov).strip()}</td></tr>"
        for t in shown
    )
    header = "".join(f'<th align="left">{h}</th>' for h in ("Trial", "Phase", "Status", "Enrolled", "Condition", "Src"))
    table = f'<table class="grid" width="100%" cellspacing="0" cellpadding="2"><thead><tr>{header}</tr></thead>{rows}</table>'
    more = record.trial_count - len(shown)
    counts = ", ".join(f"{n:,} {status.lower()}" for status, n in record.trial_status_counts)
    caveats = []
    if record.trials_with_two_statuses:
        caveats.append(f"{record.trials_with_two_statuses:,} with two statuses in the sources, counted under each")
    if record.trials_maybe_listed_twice:
        caveats.append(f"{record.trials_maybe_listed_twice:,} listed without a registry number may be the same study "
                       "as a listed one")
    caveat = f" ({esc('; '.join(caveats))})" if caveats else ""
    note = (f'<p class="small">+ {more:,} more trials in the sources. All {record.trial_count:,}: {esc(counts)}{caveat}.</p>'
            if more else "")
    return table + note


def _approvals(record: DrugRecord, cite: _Cite) -> str:
    """The agencies by finding; where two sources disagree about one, the agency is under each finding."""
    stated = [a for a in record.approvals if a.prov is not None]
    if not stated:
        return ""
    findings = [f for a in record.approvals for f in a.findings]
    lines = []
    for finding, group in groupby(sorted(findings, key=lambda a: (a.prov is None, a.finding)), key=lambda a: a.finding):
        group = list(group)
        agencies = ", ".join(a.agency for a in group)
        label = "Not stated" if finding == NOT_STATED else finding.capitalize()
        lines.append(f"<p><b>{esc(label)}:</b> {esc(agencies)}{cite(*[a.prov for a in group])}</p>")
    return "".join(lines)


def _sources(record: DrugRecord, cite: _Cite) -> str:
    items = []
    for src in record.sources:
        as_of = f"as of {src.as_of}" if src.as_of else "no date stated"
        publisher = f", {src.publisher}" if src.publisher else ""
        items.append(f"<p class=\"small\"><b>{cite.letters[src.id]}</b> — {esc(src.title)} ({esc(src.kind)}{esc(publisher)}; "
                     f"{esc(as_of)}; file {esc(src.id)})</p>")
    return "".join(items)


_SECTION_BUILDERS = {
    "identity": _identity, "mechanism": _mechanism, "receptor": _receptor, "dosing": _dosing, "safety": _safety,
    "trials": _trials, "approvals": _approvals, "sources": _sources,
}

SHEET_CSS = """
    body { font-size: 8.5pt; }
    h1 { font-size: 17pt; margin: 0; }
    h2 { font-size: 10.5pt; margin-top: 7px; margin-bottom: 2px; color: #1d3d6b; border-bottom: 1px solid #1d3d6b; }
    p { margin-top: 1px; margin-bottom: 2px; }
    .sub { font-size: 10pt; color: #333333; }
    .status { font-weight: bold; color: #8a1c1c; }
    .cite { color: #666666; font-size: 7pt; }
    .missing { color: #555555; font-style: italic; }
    .small { font-size: 7.5pt; }
    table.grid { border-collapse: collapse; }
    table.grid td, table.grid th { border: 1px solid #b8b8b8; }
    th { background-color: #e8edf4; }
    td.label { font-weight: bold; }
    ul.tight { margin-top: 0; margin-bottom: 2px; -qt-list-indent: 1; }
    table.notice td { background-color: #fff4d6; border: 1px solid #d9b650; font-size: 7.5pt; }
"""
