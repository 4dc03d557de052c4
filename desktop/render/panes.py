"""The drug record's panes as HTML: Overview, Mechanism, Dosing, Safety, Approvals, Sources.

A pane the sources are silent on says so in a sentence naming the drug; it is never empty and
never filled from elsewhere. Every fact block ends in a [source] link to its passage.
"""
from __future__ import annotations

from dataclasses import dataclass

from itertools import groupby
from typing import Callable

from ..ingest.records import action_label
from ..store.results import NOT_STATED, DrugRecord, Section, event_when
from ..labels import IDENTIFIER_LABELS, PROPERTY_LABELS, designation_label, seriousness_title
from .html import GlossaryLinker, esc, not_stated, source_link

# Narrative sections shown on the Overview, in this order, under these titles (None: under their own heading).
OVERVIEW_SECTIONS = (
    ("overview", "Overview"),
    ("summary", "Summary"),
    ("indications", "Indications"),
    ("conditions", "Associated conditions"),
    ("efficacy", "Efficacy"),
    ("research", "Research areas"),
    ("development", None),
    ("report", "Research report"),
    ("trials_narrative", "Clinical research"),
    ("eligibility", "Who can join the trials"),
    ("endpoints", "What the trials measure"),
    ("glossary", "Terms used"),
    ("ongoing", "Ongoing studies"),
    ("other", None),
)
UNPLACED_TITLE = "Text DrugRef could not place"
# How many passages a pane lists where the sources touch its topic only in passing.
MENTIONS_SHOWN = 8


def silent(record: DrugRecord, topic: str) -> str:
    return not_stated(f"The sources state no {topic} for {record.summary.name}.")


def _silent_or_mentioned(record: DrugRecord, topic: str, mention_topic: str, link: GlossaryLinker) -> str:
    """"Not stated" only where no passage touches the topic; else the passages that do, each with its source."""
    mentions = [m for m in record.mentions if m.topic == mention_topic]
    if not mentions:
        return silent(record, topic)
    items = "".join(f"<li>“{link(m.sentence)}”{source_link(m.prov)}</li>" for m in mentions[:MENTIONS_SHOWN])
    more = (f"<p>… and {len(mentions) - MENTIONS_SHOWN} more passages.</p>" if len(mentions) > MENTIONS_SHOWN else "")
    return (not_stated(f"The sources state no {topic} for {record.summary.name} as such; "
                       f"they touch on it in passing in these passages:") + f"<ul>{items}</ul>{more}")


def _body(body: str, link: GlossaryLinker) -> str:
    """Section text: source lines become paragraphs, '- ' and '• ' lines become list items (blank lines,
    kept so that each line of the body is a line of the file, are skipped)."""
    out, items = [], []
    for line in body.splitlines():
        stripped = line.lstrip()
        if not stripped:
            continue
        if stripped.startswith(("- ", "• ", "* ")):
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


def _missing() -> str:
    return f'<span class="missing">{NOT_STATED}</span>'


def overview(record: DrugRecord, link: GlossaryLinker) -> str:
    s = record.summary
    rows = [("Name", esc(s.name) + source_link(record.name_prov))]
    for kind, label in IDENTIFIER_LABELS.items():
        found = record.identifiers_of(kind)
        rows.append((label, ", ".join(esc(i.value) + source_link(i.prov) for i in found) if found else _missing()))
    for name, label in PROPERTY_LABELS.items():
        found = [p for p in record.properties if p.name == name]  # each source's, where several say
        rows.append((label, "<br>".join(link(p.value) + source_link(p.prov) for p in found) if found else _missing()))
    designations = "<br>".join(
        esc(designation_label(d)) + source_link(d.prov)
        for d in record.designations
    )
    rows.append(("Designations", designations or _missing()))
    card = "".join(f'<tr><th align="left" valign="top">{esc(label)}</th><td>{value}</td></tr>' for label, value in rows)
    parts = [f'<table class="card" cellspacing="0" cellpadding="3">{card}</table>']
    if record.events:
        parts.append("<h3>Development events</h3><ul>")
        parts.extend(f"<li><b>{esc(event_when(e))}</b> — {esc(e.label) + ': ' if e.label else ''}“{link(e.description)}”"
                     f"{source_link(e.prov)}</li>" for e in record.events)
        parts.append("</ul>")
    parts.append(_conditions(record, link))
    by_kind = {kind: [x for x in record.sections if x.kind == kind] for kind, _ in OVERVIEW_SECTIONS}
    for kind, title in OVERVIEW_SECTIONS:
        for section in by_kind[kind]:
            parts.append(_section(section, link, title if title and section.heading == s.name else None))
    unplaced = [x for x in record.sections if x.kind == "unplaced"]
    if unplaced:
        parts.append(f"<h3>{esc(UNPLACED_TITLE)}</h3><p>These lines of the sources were read into no fact; "
                     "they are shown as written.</p>")
        parts.extend(f"<p><i>{esc(x.heading)}</i>{source_link(x.prov)}</p>{_body(x.body, link)}" for x in unplaced)
    for gap in record.not_stated:
        parts.append(f'<h3>{esc(gap.topic.capitalize())}</h3>'
                     f'{not_stated(f"Not stated in the sources — the source says: “{gap.source_text}”")}{source_link(gap.prov)}')
    return "".join(parts)


def _conditions(record: DrugRecord, link: GlossaryLinker) -> str:
    """Indications and associated conditions the sources list, each with its capacity and passage."""
    parts = []
    for title, items in (("Indications listed", record.indications), ("Associated conditions listed", record.conditions)):
        if items:
            lines = "".join(f"<li>{link(i.condition)}" + (f" — {link(i.detail)}" if i.detail else "")
                            + (f' <span class="badge">({esc(i.status)})</span>' if i.status not in ("as stated", "associated condition") else "")
                            + f"{source_link(i.prov)}</li>" for i in items)
            parts.append(f"<h3>{esc(title)}</h3><ul>{lines}</ul>")
    return "".join(parts)


def mechanism(record: DrugRecord, link: GlossaryLinker) -> str:
    sections = [x for x in record.sections if x.kind == "mechanism"]
    summary = record.property("mechanism_summary")
    parts = []
    if summary:
        parts.append(f"<h3>In brief{source_link(summary.prov)}</h3><p>{link(summary.value)}</p>")
    parts.extend(_section(x, link) for x in sections)
    body = "".join(parts) or _silent_or_mentioned(record, "mechanism of action", "mechanism", link)
    return _receptor_statements(record, link) + body


def _receptor_statements(record: DrugRecord, link: GlossaryLinker) -> str:
    """What the diagram above is drawn from: each statement of the drug's sources, with its passage. A
    design aim ("designed … aimed to") reads as an aim, not as a finding."""
    parts = record.receptor_parts
    lines = [f"<li>{esc(action_label(s))} <b>{esc(s.target)}</b> — “{link(s.statement)}”"
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
    sections = [x for x in record.sections if x.kind == "dosing"]
    if not (record.dosing or sections):
        return _silent_or_mentioned(record, "dosing", "dosing", link)
    parts = [_section(x, link) if not record.dosing else _body(x.body, link) for x in sections]
    for headers, rows in groupby(record.dosing, key=lambda d: tuple(d.headers) or ("Parameter", "Specification")):
        head = "".join(f'<th align="left">{esc(h)}</th>' for h in headers)
        body = "".join(
            "<tr>" + "".join(f'<td valign="top">{"<b>" + esc(c) + "</b>" if i == 0 else link(c)}</td>'
                             for i, c in enumerate(d.cells or (d.parameter, d.specification)))
            + f"<td>{source_link(d.prov)}</td></tr>" for d in rows)
        parts.append(f'<table class="grid" cellspacing="0" cellpadding="4"><tr>{head}<th></th></tr>{body}</table>'
                     "<p><i>As the source's table states it.</i></p>")
    return "".join(parts)


def safety(record: DrugRecord, link: GlossaryLinker) -> str:
    sections = [x for x in record.sections if x.kind == "safety"]
    if not (record.adverse_effects or record.advice or sections):
        return _silent_or_mentioned(record, "adverse effects or safety advice", "safety", link)
    parts = []
    for section in sections:
        read = [e for e in record.adverse_effects if e.prov.source == section.prov.source
                and section.prov.line_start <= e.prov.line_start <= section.prov.line_end]
        if read:  # the effects are in the tables below: the section's opening line introduces them
            first = next(line for line in section.body.splitlines() if line.strip())
            parts.append(f"<p>{link(first)}{source_link(section.prov)}</p>")
        else:
            parts.append(_section(section, link))
    for seriousness, effects in groupby(record.adverse_effects, key=lambda e: (e.seriousness, e.frequency_group)):
        effects = list(effects)
        kind, group = seriousness
        title = seriousness_title(kind)
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
    rows = []
    for agency in record.approvals:
        for number, finding in enumerate(agency.findings):
            name = f"<b>{esc(agency.agency)}</b>" if number == 0 else ""
            flag = ' <span class="badge">(the sources disagree)</span>' if agency.disagrees and number == 0 else ""
            rows.append(f'<tr><td valign="top">{name}{flag}</td><td valign="top">{esc(finding.finding)}</td>'
                        f'<td>{esc(finding.finding_text) if finding.finding_text else ""}{_as_of(record, finding.prov)}'
                        f"{source_link(finding.prov)}</td></tr>")
    stated = sum(1 for a in record.approvals if a.prov)
    note = (f"<p>Every agency any of its sources names is listed; {stated} of {len(record.approvals)} have a finding "
            f"for {esc(record.summary.name)} in its sources. “None found” is the source’s own finding; "
            f"“{NOT_STATED}” means the sources are silent. Where two sources give an agency different findings, "
            f"both are listed with their dates.</p>")
    parts = [note, f'<table class="grid" cellspacing="0" cellpadding="4"><tr><th align="left">Agency</th>'
             f'<th align="left">Finding</th><th align="left">Source wording</th></tr>{"".join(rows)}</table>']
    if record.approved_products:
        parts.append("<h3>Approved products the sources list</h3>")
        for agency, products in groupby(record.approved_products, key=lambda p: p.agency):
            products = list(products)
            head = "".join(f'<th align="left">{esc(h)}</th>' for h in products[0].headers)
            body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in p.cells) + f"<td>{source_link(p.prov)}</td></tr>"
                           for p in products)
            parts.append(f'<p><b>{esc(agency)}</b></p><table class="grid" cellspacing="0" cellpadding="3">'
                         f"<tr>{head}<th></th></tr>{body}</table>")
    parts.extend(_section(x, link) for x in record.sections if x.kind == "approvals")
    return "".join(parts)


def _as_of(record: DrugRecord, prov) -> str:
    """" (source as of 2024-03-21)" where the drug has several sources: which one said it, and when."""
    if prov is None or len(record.sources) < 2:
        return ""
    source = next((s for s in record.sources if s.id == prov.source), None)
    return f' <span class="badge">({esc(source.kind)}, {esc("as of " + source.as_of if source.as_of else "undated")})</span>' if source else ""


def sources(record: DrugRecord, link: GlossaryLinker) -> str:
    parts = ["<h3>Source documents</h3><ul>"]
    for src in record.sources:
        publisher = f", {esc(src.publisher)}" if src.publisher else ", publisher not stated"
        as_of = f"as of {esc(src.as_of)} (“{esc(src.as_of_quote)}”)" if src.as_of else "no date stated in the document"
        parts.append(f"<li><b>{esc(src.title)}</b> — {esc(src.kind)}{publisher}; {as_of}. "
                     f'<a href="source:{esc(src.id)}:1:1">Open {esc(src.id)}</a>{_reading(src)}</li>')
    parts.append("</ul>")
    if record.references:
        parts.append("<h3>References cited</h3><ol>")
        # Addresses are shown as text, not links: DrugRef never opens the network.
        parts.extend(f"<li>{esc(' — '.join(p for p in (ref.title, ref.url) if p))}{source_link(ref.prov)}</li>"
                     for ref in record.references)
        parts.append("</ol>")
    for disclaimer in record.disclaimers:
        parts.append(f"<h3>Disclaimer from the source{source_link(disclaimer.prov)}</h3><p>{esc(disclaimer.text)}</p>")
    return "".join(parts)


def _reading(source) -> str:
    """What reading the document left: "read whole", or the headings and lines it could not place."""
    report = source.report or {}
    found = []
    for key, one, many in (("unrecognised", "heading outside DrugRef's vocabulary, kept as text",
                            "headings outside DrugRef's vocabulary, kept as text"),
                           ("unplaced", "line read into no fact, shown on the Overview",
                            "lines read into no fact, shown on the Overview"),
                           ("notes", "value seen but not taken", "values seen but not taken"),
                           ("removed", "line with control characters, taken out",
                            "lines with control characters, taken out")):
        entries = report.get(key, [])
        if entries:
            lines = ", ".join(str(entry[0]) for entry in entries[:6]) + (" …" if len(entries) > 6 else "")
            found.append(f"{len(entries)} {one if len(entries) == 1 else many} (line{'s' if len(entries) > 1 else ''} {lines})")
    return f"<br><i>{esc('; '.join(found))}.</i>" if found else "<br><i>Every line read.</i>"


@dataclass(frozen=True)
class Pane:
    """One pane of the drug record, declared once: the record view, its tabs, the history, search hits and the
    screenshots all go by these. A new pane is a line here plus its renderer."""

    id: str
    title: str
    render: Callable[[DrugRecord, GlossaryLinker], str] | None  # None: a widget, not HTML (the trials grid)
    picture: str | None = None  # the figure drawn above its text (desktop.figures)
    sections: tuple[str, ...] = ()  # the kinds of section it shows; every other kind is on the Overview


PANES: tuple[Pane, ...] = (
    Pane("overview", "Overview", overview, picture="timeline"),
    Pane("mechanism", "Mechanism", mechanism, picture="receptor", sections=("mechanism",)),
    Pane("dosing", "Dosing", dosing, sections=("dosing",)),
    Pane("safety", "Safety", safety, sections=("safety", "patient_management")),
    Pane("trials", "Trials", None),
    Pane("approvals", "Approvals", approvals, sections=("approvals",)),
    Pane("sources", "Sources", sources, sections=("disclaimer",)),
)
PANE = {pane.id: pane for pane in PANES}
FIRST_PANE = PANES[0].id
# Which pane shows a section of each kind (the rest are on the Overview).
PANE_OF_SECTION = {kind: pane.id for pane in PANES for kind in pane.sections}


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

