"""Two or three drugs side by side: one row per attribute, one cell per drug, every value with its passage.

A cell with no value means the drug's sources are silent ("not stated in the sources"). A row can be
collapsed when every drug says the same thing or none says anything. Counts of trials are computed
from the trials the sources list; every other value is the sources' own wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..ingest.prose import section_sentences
from ..ingest.records import action_label
from ..labels import PROPERTY_LABELS, designation_label, phase_label
from .queries import Store
from .results import NOT_STATED, DrugRecord, Provenance, SourceSummary


@dataclass(frozen=True)
class Value:
    text: str
    prov: Provenance | None = None


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[tuple[Value, ...], ...]   # one per drug, in the comparison's drug order

    @property
    def silent(self) -> bool:
        return not any(self.cells)

    @property
    def agrees(self) -> bool:
        """Every drug states the same values (ignoring case and where each was read)."""
        texts = [frozenset(v.text.casefold() for v in cell) for cell in self.cells]
        return all(texts) and len(set(texts)) == 1

    @property
    def collapsible(self) -> bool:
        return self.silent or self.agrees


@dataclass
class Comparison:
    drugs: list[DrugRecord]
    rows: list[Row] = field(default_factory=list)

    @property
    def sources(self) -> list[SourceSummary]:
        """The documents behind the compared drugs, each once, in drug order."""
        return list({src.id: src for record in self.drugs for src in record.sources}.values())

    def cell_text(self, row: Row, column: int) -> str:
        return "\n".join(v.text for v in row.cells[column]) or NOT_STATED


_ENGINEERING = re.compile(r"\bengineer|\bfusion protein\b", re.I)


def compare(store: Store, drug_ids: list[str]) -> Comparison:
    """Raises KeyError for an unknown drug id."""
    records = [store.drug(drug_id) for drug_id in drug_ids]
    rows: list[tuple[str, Callable[[DrugRecord], list[Value]]]] = [
        (PROPERTY_LABELS["drug_class"], lambda r: _property(r, "drug_class")),
        (PROPERTY_LABELS["drug_type"], lambda r: _property(r, "drug_type")),
        ("How the molecule is engineered", _engineering),
        ("Receptor targeting", _receptor),
        (PROPERTY_LABELS["route"], lambda r: _property(r, "route")),
        ("Schedule", lambda r: [Value(f"{d.parameter}: {d.specification}", d.prov) for d in r.dosing
                                if "schedule" in d.parameter.casefold()]),
        ("Development status", _status),
        ("Designations", lambda r: [Value(designation_label(d), d.prov) for d in r.designations]),
        ("Common adverse effects", lambda r: _effects(r, "common")),
        ("Serious adverse effects", lambda r: _effects(r, "serious")),
        ("Trials by phase", lambda r: _counts(store, r, "phase")),
        ("Trials by status", lambda r: _counts(store, r, "status")),
        ("Approvals found", _approvals),
    ]
    comparison = Comparison(records)
    for label, values in rows:
        comparison.rows.append(Row(label, tuple(tuple(values(record)) for record in records)))
    return comparison


def _property(record: DrugRecord, name: str) -> list[Value]:
    return [Value(p.value, p.prov) for p in record.properties if p.name == name][:1]


def _engineering(record: DrugRecord) -> list[Value]:
    """The sentences of the drug's sources that say how the molecule is engineered, once each. Only
    sentences that name the drug: "the engineered cells" of a combined therapy are not the molecule."""
    found: dict[str, Value] = {}
    name = record.summary.name.casefold()
    for sentence, prov in section_sentences(record.sections):
        if _ENGINEERING.search(sentence) and name in sentence.casefold() and sentence not in found:
            found[sentence] = Value(sentence, prov)
    return list(found.values())


def _receptor(record: DrugRecord) -> list[Value]:
    """What the drug's sources say it targets, as they say it: a design aim reads "Aimed to target"; a marker
    the receptor's description maps to a subunit ("CD122") keeps that description's passage beside it."""
    seen: dict[tuple[str, str], Value] = {}
    subunit_of = {u.marker: u for u in record.receptor_parts.subunits}
    for statement in record.receptor_statements:
        key = (action_label(statement), statement.target)
        if key in seen:
            continue
        seen[key] = Value(f"{action_label(statement)} {statement.target}", statement.prov)
        if statement.target_kind == "marker" and (part := subunit_of.get(statement.target)):
            seen[(key[0], part.subunit)] = Value(f"{statement.target} is the {part.subunit} subunit, as another source "
                                                 f"describes the receptor", part.prov)
    return list(seen.values())


def _status(record: DrugRecord) -> list[Value]:
    summary = record.summary
    if not (summary.status or summary.status_detail):
        return []
    prop = record.property("development_status")
    ended = next((e for e in record.events if e.kind == "termination"), None)
    values = [Value(summary.status, prop.prov if prop else None)] if summary.status else []
    if summary.status_detail:
        values.append(Value(summary.status_detail, ended.prov if ended else None))
    return values


def _effects(record: DrugRecord, seriousness: str) -> list[Value]:
    return [Value(e.effect + (f" ({e.frequency})" if e.frequency else ""), e.prov)
            for e in record.adverse_effects if e.seriousness == seriousness]


def _counts(store: Store, record: DrugRecord, column: str) -> list[Value]:
    counts = store.trial_counts_by(record.summary.id, column)
    shown = phase_label if column == "phase" else str  # "Early Phase 1", not "Phase Early 1"
    return [Value(f"{shown(value)}: {count}" if value else f"{column.capitalize()} not stated: {count}") for value, count in counts]


def _approvals(record: DrugRecord) -> list[Value]:
    stated = [f for a in record.approvals if a.prov is not None for f in a.findings]
    none_found = [a for a in stated if a.finding == "none found"]
    values = [Value(f"{a.agency}: {a.finding}", a.prov) for a in stated if a.finding != "none found"]
    if none_found:
        agencies = ", ".join(a.agency for a in none_found)
        values.append(Value(f"None found ({len(none_found)} agencies: {agencies})", none_found[0].prov))
    return values

