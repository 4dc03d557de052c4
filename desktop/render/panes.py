"""The drug record's panes as HTML: Overview, Mechanism, Dosing, Safety, Approvals, Sources.

A pane the sources are silent on says so in a sentence naming the drug; it is never empty and
never filled from elsewhere. Every fact block ends in a [source] link to its passage.
"""
from __future__ import annotations

from itertools import groupby
from typing import Callable

from ..ingest.records import ACTION_LABELS
from ..store.results import NOT_STATED, DrugRecord, Section, event_when
from .html import GlossaryLinker, esc, not_stated, source_link

IDENTIFIER_LABELS = (
    ("generic_name", "Generic name"),
    ("code_name", "Code name"),
    ("cas_number", "CAS number"),
    ("unii", "UNII"),
    ("drugbank_id", "DrugBank ID"),
)
PROPERTY_LABELS = (
    ("drug_class", "Class"),
    ("drug_type", "Type"),
    ("route", "Route"),
    ("development_status", "Status"),
    ("developer", "Developer"),
    ("collaborator", "Collaborator"),
)
# Narrative sections shown on the Overview, in this order, under these titles.
OVERVIEW_SECTIONS = (
    ("overview", "Overview"),
    ("summary", "Summary"),
    ("indications", "Indications"),
    ("efficacy", "Efficacy"),
    ("research", "Research areas"),
    ("trials_narrative", "Clinical research"),
    ("eligibility", "Who can join the trials"),
    ("endpoints", "What the trials measure"),
    ("patient_terms", "Terms used"),
)
PANES = ("Overview", "Mechanism", "Dosing", "Safety", "Trials", "Approvals", "Sources")


def silent(record: DrugRecord, topic: str) -> str:
    return not_stated(f"The bundled sources state no {topic} for {record.summary.name}.")


def _body(body: str, link: GlossaryLinker) -> str:
    """Section text: source lines become paragraphs, '- ' and '• ' lines become list items."""
    out, items = [], []
    for line in body.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(("- ", "• ")):
            items.append(f"<li>{link(stripped[2:])}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(f"<p>{link(line)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def _section(section: Section, link: GlossaryLinker, title: str | None = None) -> str:
    heading = esc(title or section.heading)
    return f"<h3>{heading}{source_link(section.prov)}</h3>{_body(section.body, link)}"


def overview(record: DrugRecord, link: GlossaryLinker) -> str:
    s = record.summary
    rows = [("Name", esc(s.name) + source_link(record.name_prov))]
    for kind, label in IDENTIFIER_LABELS:
        found = record.identifiers_of(kind)
        value = ", ".join(esc(i.value) + source_link(i.prov) for i in found) if found else f'<span class="missing">{NOT_STATED}</span>'
        rows.append((label, value))
    for name, label in PROPERTY_LABELS:
        prop = record.property(name)
        rows.append((label, link(prop.value) + source_link(prop.prov) if prop else f'<span class="missing">{NOT_STATED}</span>'))
    designations = "<br>".join(
        esc(d.designation + (f" ({d.agency})" if d.agency else " (agency not stated)")) + source_link(d.prov)
        for d in record.designations
    )
    rows.append(("Designations", designations or f'<span class="missing">{NOT_STATED}</span>'))
    card = "".join(f'<tr><th align="left" valign="top">{esc(label)}</th><td>{value}</td></tr>' for label, value in rows)
    parts = [f'<table class="card" cellspacing="0" cellpadding="3">{card}</table>']
    if record.events:
        parts.append("<h3>Development events</h3><ul>")
        parts.extend(f"<li><b>{esc(event_when(e))}</b> — {link(e.description)}{source_link(e.prov)}</li>" for e in record.events)
        parts.append("</ul>")
    by_kind = {kind: [x for x in record.sections if x.kind == kind] for kind, _ in OVERVIEW_SECTIONS}
    for kind, title in OVERVIEW_SECTIONS:
        for section in by_kind[kind]:
            parts.append(_section(section, link, title if section.heading == s.name else None))
    for gap in record.not_stated:
        parts.append(f'<h3>{esc(gap.topic.capitalize())}</h3>'
                     f'{not_stated(f"Not stated in the sources — the source says: “{gap.source_text}”")}{source_link(gap.prov)}')
    return "".join(parts)


def mechanism(record: DrugRecord, link: GlossaryLinker) -> str:
    sections = [x for x in record.sections if x.kind == "mechanism"]
    summary = record.property("mechanism_summary")
    parts = []
    if summary:
        parts.append(f"<h3>In brief{source_link(summary.prov)}</h3><p>{link(summary.value)}</p>")
    parts.extend(_section(x, link) for x in sections)
    body = "".join(parts) or silent(record, "mechanism of action")
    return _receptor_statements(record, link) + body


def _receptor_statements(record: DrugRecord, link: GlossaryLinker) -> str:
    """What the diagram above is drawn from: each statement of the drug's sources, with its passage."""
    parts = record.receptor_parts
    lines = [f"<li>{esc(ACTION_LABELS.get(s.action, s.action))} <b>{esc(s.target)}</b> — “{link(s.statement)}”"
             f"{source_link(s.prov)}</li>" for s in record.receptor_statements]
    if not lines:
        lines = [f'<li>{not_stated(f"Which receptor {record.summary.name} engages is {NOT_STATED}.")}</li>']
    described = [f"<li>{esc(c.name)} ({esc(c.subunits)}) on {esc(c.cells)}{source_link(c.prov)}</li>" for c in parts.complexes]
    subunits = ", ".join(f"{esc(u.subunit)} ({esc(u.marker)})" for u in parts.subunits)
    if subunits:
        described.insert(0, f"<li>Subunits: {subunits}{source_link(parts.subunits[0].prov)}</li>")
    receptor = f"<h3>The receptor, as the sources describe it</h3><ul>{''.join(described)}</ul>" if described else ""
    return f"<h3>Receptor targeting, as the sources state it</h3><ul>{''.join(lines)}</ul>{receptor}"


def dosing(record: DrugRecord, link: GlossaryLinker) -> str:
    if not record.dosing:
        return silent(record, "dosing")
    parts = [_body(x.body, link) for x in record.sections if x.kind == "dosing"]
    rows = "".join(
        f'<tr><td valign="top"><b>{esc(d.parameter)}</b></td><td>{link(d.specification)}{source_link(d.prov)}</td></tr>'
        for d in record.dosing
    )
    parts.append(f'<table class="grid" cellspacing="0" cellpadding="4"><tr><th align="left">Parameter</th>'
                 f'<th align="left">Specification (as the source states it)</th></tr>{rows}</table>')
    return "".join(parts)


def safety(record: DrugRecord, link: GlossaryLinker) -> str:
    if not (record.adverse_effects or record.advice):
        return silent(record, "adverse effects or safety advice")
    parts = []
    intro = next((x for x in record.sections if x.kind == "safety"), None)
    if intro:
        parts.append(f"<p>{link(intro.body.splitlines()[0])}{source_link(intro.prov)}</p>")
    for seriousness, effects in groupby(record.adverse_effects, key=lambda e: e.seriousness):
        effects = list(effects)
        group = effects[0].frequency_group
        title = {"common": "Common side effects", "serious": "Serious risks"}.get(seriousness, seriousness.capitalize())
        parts.append(f"<h3>{esc(title)}{esc(f' ({group})') if group else ''}</h3>")
        rows = "".join(
            f'<tr><td valign="top"><b>{link(e.effect)}</b></td>'
            f'<td valign="top">{esc(_frequency(e))}</td>'
            f"<td>{link(e.description)}{source_link(e.prov)}</td></tr>"
            for e in effects
        )
        parts.append(f'<table class="grid" cellspacing="0" cellpadding="4"><tr><th align="left">Effect</th>'
                     f'<th align="left">Frequency</th><th align="left">Details</th></tr>{rows}</table>')
    for category, items in groupby(record.advice, key=lambda a: a.category):
        parts.append(f"<h3>{esc(category)}</h3><ul>")
        for item in items:
            label = f"<b>{esc(item.label)}</b> " if item.label else ""
            parts.append(f"<li>{label}{link(item.advice)}{source_link(item.prov)}</li>")
        parts.append("</ul>")
    return "".join(parts)


def _frequency(effect) -> str:
    """The effect's own frequency, else the group its source lists it under, else "not stated"."""
    if effect.frequency:
        return effect.frequency
    if effect.frequency_group:
        return f"{effect.frequency_group} (as grouped in the source)"
    return "frequency not stated"


def approvals(record: DrugRecord, link: GlossaryLinker) -> str:
    if not record.approvals:
        return silent(record, "regulatory approvals")
    rows = "".join(
        f'<tr><td valign="top"><b>{esc(a.agency)}</b></td><td valign="top">{esc(a.finding)}</td>'
        f'<td>{esc(a.finding_text) if a.finding_text else ""}{source_link(a.prov)}</td></tr>'
        for a in record.approvals
    )
    stated = sum(1 for a in record.approvals if a.prov)
    note = (f"<p>Every agency any bundled source names is listed; {stated} of {len(record.approvals)} have a finding "
            f"for {esc(record.summary.name)} in its sources. “None found” is the source’s own finding; "
            f"“{NOT_STATED}” means the sources are silent.</p>")
    return note + (f'<table class="grid" cellspacing="0" cellpadding="4"><tr><th align="left">Agency</th>'
                   f'<th align="left">Finding</th><th align="left">Source wording</th></tr>{rows}</table>')


def sources(record: DrugRecord, link: GlossaryLinker) -> str:
    parts = ["<h3>Source documents</h3><ul>"]
    for src in record.sources:
        publisher = f", {esc(src.publisher)}" if src.publisher else ", publisher not stated"
        as_of = f"as of {esc(src.as_of)} (“{esc(src.as_of_quote)}”)" if src.as_of else "no date stated in the document"
        parts.append(f"<li><b>{esc(src.title)}</b> — {esc(src.kind)}{publisher}; {as_of}. "
                     f'<a href="source:{esc(src.id)}:1:1">Open {esc(src.id)}</a></li>')
    parts.append("</ul>")
    if record.references:
        parts.append("<h3>References cited</h3><ol>")
        # Addresses are shown as text, not links: DrugRef never opens the network.
        parts.extend(f"<li>{esc(ref.url)}{source_link(ref.prov)}</li>" for ref in record.references)
        parts.append("</ol>")
    for disclaimer in record.disclaimers:
        parts.append(f"<h3>Disclaimer from the source{source_link(disclaimer.prov)}</h3><p>{esc(disclaimer.text)}</p>")
    return "".join(parts)


PANE_RENDERERS: dict[str, Callable[[DrugRecord, GlossaryLinker], str]] = {
    "Overview": overview,
    "Mechanism": mechanism,
    "Dosing": dosing,
    "Safety": safety,
    "Approvals": approvals,
    "Sources": sources,
}


def stylesheet(text: str, muted: str, link: str, rule: str) -> str:
    """CSS for the panes, coloured from the palette so light and dark themes both read well."""
    return f"""
        body {{ color: {text}; }}
        h2 {{ margin-top: 0; }}
        h3 {{ margin-top: 14px; margin-bottom: 4px; }}
        a.src {{ color: {muted}; font-size: small; text-decoration: none; }}
        a.term {{ color: {text}; text-decoration: underline; }}
        a {{ color: {link}; }}
        .missing {{ color: {muted}; font-style: italic; }}
        .badge {{ color: {muted}; font-weight: bold; }}
        table.grid {{ border-collapse: collapse; border: 1px solid {rule}; }}
        table.grid td, table.grid th {{ border: 1px solid {rule}; }}
        table.card th {{ padding-right: 12px; color: {muted}; }}
    """

# Which pane a section of each kind is shown in (the rest are on the Overview).
PANE_OF_SECTION = {"mechanism": "Mechanism", "dosing": "Dosing", "safety": "Safety", "patient_management": "Safety",
                   "disclaimer": "Sources"}
