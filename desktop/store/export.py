"""Plain shapes of the store's results for JSON and CSV, shared by the command line and the window."""
from __future__ import annotations

import csv
from dataclasses import asdict, fields
from typing import IO, Iterable

from ..ingest.trial_record import UNREAD, TrialFacts
from .compare import Comparison
from .results import DrugRecord, Hit, Provenance, TrialRow

# The trial fields registry records add, each once: from TrialFacts, after `other_ids`, where they are declared.
REGISTRY_FIELDS = tuple(f.name for f in fields(TrialFacts))[
    [f.name for f in fields(TrialFacts)].index("other_ids"):]

# CSV column order: the grid's columns first, then the detail a spreadsheet user may want.
TRIAL_CSV_FIELDS = (
    "trial_id", "drug", "phase", "status", "enrollment", "posted", "conditions", "countries", "title",
    "programme", "sponsor", "interventions", "endpoints", "source", "lines",
    # what registry records state besides (empty for a trial only prose describes)
    *REGISTRY_FIELDS,
)


def provenance_dict(prov: Provenance | None) -> dict | None:
    return asdict(prov) if prov else None


def trial_dict(trial: TrialRow) -> dict:
    return {
        "trial_id": trial.trial_id,
        "drug": trial.drug,
        "phase": trial.phase,
        "phase_text": trial.phase_text,
        "status": trial.status,
        "status_text": trial.status_text,
        "statuses": [{"value": value, "provenance": provenance_dict(prov)} for value, _, prov in trial.statements("status")],
        "enrollment": trial.enrollment,
        "posted": trial.posted,
        "title": trial.title,
        "programme": trial.programme,
        "sponsor": trial.sponsor,
        "conditions": trial.conditions,
        "countries": trial.countries_label,
        "interventions": trial.interventions,
        "endpoints": trial.endpoints,
        "summary": trial.summary,
        "citations": list(trial.citations),
        "source": trial.prov.source,
        "provenance": provenance_dict(trial.prov),
        **{name: "; ".join(map(str, value)) if isinstance(value, list) else value
           for name in REGISTRY_FIELDS if (value := getattr(trial, name)) not in (None, [])},
        # What its registry records hold that DrugRef does not read, each field with its passage: JSON only
        # (the CSV's columns are the trial's fields; these are not).
        **({"not_read": unread} if (unread := [
            {"field": v.value, "text": v.text, "provenance": provenance_dict(v.prov)}
            for v in trial.values if v.field == UNREAD]) else {}),
    }


def write_trials_csv(trials: Iterable[TrialRow], stream: IO[str]) -> int:
    """Write trials as CSV with a header row; returns the number of rows written."""
    writer = csv.DictWriter(stream, fieldnames=TRIAL_CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for trial in trials:
        row = trial_dict(trial)
        row["lines"] = f"{trial.prov.line_start}-{trial.prov.line_end}"
        row["status"] = trial.status_label  # both, where the sources disagree
        writer.writerow(row)
        count += 1
    return count


def hit_dict(hit: Hit) -> dict:
    return {
        "drug": hit.drug,
        "kind": hit.kind,
        "title": hit.title,
        "snippet": hit.snippet,
        "highlights": [list(span) for span in hit.highlights],
        "score": hit.score,
        "target": hit.target,
    }


def drug_record_dict(record: DrugRecord, trials: Iterable[TrialRow]) -> dict:
    """The whole record with every trial; every fact keeps its `prov` (source file, section, line span)."""
    data = asdict(record)
    data["summary"]["status_label"] = record.summary.status_label
    data.pop("key_trials")
    data["trials"] = [trial_dict(t) for t in trials]
    return data


def comparison_dict(comparison: Comparison) -> dict:
    """The comparison as JSON: each row's cells in drug order, each value with its `prov` (None for counts)."""
    return {
        "drugs": [{"id": r.summary.id, "name": r.summary.name} for r in comparison.drugs],
        "rows": [
            {
                "label": row.label, "agrees": row.agrees, "silent": row.silent,
                "cells": [
                    {"drug_id": record.summary.id, "stated": bool(cell),
                     "values": [{"text": v.text, "prov": asdict(v.prov) if v.prov else None} for v in cell]}
                    for record, cell in zip(comparison.drugs, row.cells)
                ],
            }
            for row in comparison.rows
        ],
    }
