"""Tables of trials written one row per line: cells separated by tabs or by `|`, or run together with no
separator at all (`NCT04243499Phase 1/2Advanced solid tumors…Completed88`, as the bundled overview has them).

The header row says which column holds what ("Registry number", "Population", "Participants" …); a row's
cells are read under their column's header, an empty cell ("", "—") being simply not stated. A row without a
registry number is still a trial (a programme's, or one the table lists by its other cells only). A cell
DrugRef cannot read as its column's kind (a status it does not know) is kept in the row's text and reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields

from .clean import COUNT, STATUS_WORDINGS, count_of, iso_date, normalise_phase, normalise_status
from .document import Line
from .records import Provenance, TrialFacts
from .extraction import ReadReport, Trial
from .registries import REGISTRY_ID, is_registry_id, registry_id_at_start
from .tables import pipe_cells, tab_cells

# Column header (casefolded) → trial field.
COLUMNS = {
    **dict.fromkeys(("trial id", "study id", "registry id", "registry number", "registration number", "nct number",
                     "identifier", "trial number", "id", "registry"), "trial_id"),
    **dict.fromkeys(("study", "trial", "acronym", "programme", "program", "study name", "trial name", "name"), "programme"),
    "phase": "phase",
    **dict.fromkeys(("condition", "conditions", "condition studied", "conditions studied", "population", "setting",
                     "indication", "disease", "diseases"), "conditions"),
    **dict.fromkeys(("status", "recruitment status", "overall status"), "status"),
    **dict.fromkeys(("enrollment", "enrolment", "participants", "patients", "n", "sample size", "size"), "enrollment"),
    "sponsor": "sponsor",
    **dict.fromkeys(("title", "study title", "official title"), "title"),
    **dict.fromkeys(("posted", "first posted"), "posted"),
}
_EMPTY = {"", "—", "–", "-", "n/a"}
_RUN_TOGETHER_HEADER = re.compile(r"^(?:Trial|Study|Registry) (?:ID|number|identifier)\b.*\bPhase\b.*\bStatus\b", re.I)
_PHASE_CELL = (r"(?:Early Phase 1|Not Applicable|N/A|Phase (?:[0-4]|IV|I{1,3})(?:[a-c](?=[A-Z/]))?"
               r"(?:/(?:Phase )?(?:[0-4]|IV|I{1,3})(?:[a-c](?=[A-Z]))?)?)")
_RUN_TOGETHER = re.compile(
    rf"^(?P<trial_id>{REGISTRY_ID})(?P<phase>{_PHASE_CELL})(?P<conditions>.+?)"
    rf"(?P<status>{'|'.join(re.escape(s) for s in STATUS_WORDINGS)})(?P<enrollment>{COUNT})?$"
)
# A cell's field → how its wording is read, and what it is called when it cannot be.
_NORMALISED = {
    "phase": (normalise_phase, "a phase"),
    "status": (normalise_status, "a status"),
    "enrollment": (count_of, "an enrollment count"),
}


@dataclass(frozen=True)
class Header:
    """A trials table's header: how its rows are split and which field each column is (None: not read)."""

    split: str            # "tab", "pipe" (with `outer` pipes at both ends, or not) or "run-together"
    fields: tuple[str | None, ...]
    names: tuple[str, ...]
    outer: bool = False


def header_of(line: Line) -> Header | None:
    """The header of a table of trials, or None: its columns must include a phase and a status or a number."""
    if "\t" in line.raw.strip():
        cells, split = tab_cells(line.raw), "tab"
    elif "|" in line.text:
        cells, split = _pipe_cells(line.text, line.text.startswith("|")), "pipe"
    elif _RUN_TOGETHER_HEADER.match(line.text):
        return Header("run-together", ("trial_id", "phase", "conditions", "status", "enrollment"), ())
    else:
        return None
    fields = tuple(COLUMNS.get(cell.casefold().strip()) for cell in cells)
    if "phase" in fields and ("status" in fields or "trial_id" in fields):
        return Header(split, fields, tuple(cells), line.text.startswith("|"))
    return None


def _pipe_cells(text: str, outer: bool) -> list[str]:
    """"a | b | c" or "| a | b | c |": the cells; without outer pipes a row's first cell may be empty ("| Phase 2 | …")."""
    return pipe_cells(text) if outer else [cell.strip() for cell in text.strip().split("|")]


def is_row(line: Line, header: Header) -> bool:
    if header.split == "run-together":
        return registry_id_at_start(line.text) is not None
    return ("\t" in line.raw) if header.split == "tab" else ("|" in line.text)


def read_row(line: Line, header: Header, prov: Provenance, report: ReadReport) -> Trial | None:
    """One row as a trial, or None where the row gives no trial at all (every cell empty)."""
    values = _cells(line, header, report)
    if values is None:
        trial_id = registry_id_at_start(line.text)
        return Trial(trial_id, prov, summary=line.text) if trial_id else None
    trial_id = values.pop("trial_id", None)
    if trial_id and not is_registry_id(trial_id):
        report.notes.append((line.number, trial_id, "not a registry number DrugRef knows: kept in the row's text"))
        values.setdefault("summary", line.text)
        trial_id = None
    if not trial_id and not any(values.values()):
        return None
    trial = Trial(trial_id, prov)
    for name, (read, what) in _NORMALISED.items():
        if cell := values.pop(name, None):
            value = read(cell)
            if value is None:
                report.notes.append((line.number, cell, f"not {what} DrugRef knows: kept in the row's text"))
                trial.summary = line.text
            trial.state(name, value, cell, prov)
    if posted := values.pop("posted", None):
        trial.state("posted", iso_date(posted.replace(".", "/")), posted, prov)
    for name, value in values.items():
        trial.state(name, value, None, prov)
    return trial


def _cells(line: Line, header: Header, report: ReadReport) -> dict[str, str] | None:
    if header.split == "run-together":
        match = _RUN_TOGETHER.match(line.text)
        if not match:
            report.notes.append((line.number, line.text, "the row's phase or status is not one DrugRef knows: "
                                 "the trial is kept with its number, the rest of the row as text"))
            return None
        return {name: value.strip() for name, value in match.groupdict().items() if value and value.strip()}
    cells = tab_cells(line.raw) if header.split == "tab" else _pipe_cells(line.text, header.outer)
    if len(cells) < len(header.fields):  # trailing empty cells left off
        cells += [""] * (len(header.fields) - len(cells))
    if len(cells) != len(header.fields) and header.split == "tab":
        collapsed = tab_cells(line.raw, collapse=True)
        cells = collapsed + [""] * (len(header.fields) - len(collapsed)) if len(collapsed) <= len(header.fields) else cells
    if len(cells) != len(header.fields):
        report.notes.append((line.number, line.text, f"{len(cells)} cells under {len(header.fields)} column headers: "
                             "row kept as text"))
        return None
    values: dict[str, str] = {}
    for field, cell in zip(header.fields, cells):
        if cell.strip() in _EMPTY:
            continue
        if field is not None:  # a column DrugRef does not read is reported once, with the header
            values.setdefault(field, cell.strip())
    return values


def merge_row(reader: "TrialProse", row: Trial) -> None:
    """The table row is the trial's registry record: it becomes the primary passage, its cells the trial's
    fields; what the prose said before is kept beside them, each value with the line it came from. A row
    without a number joins the programme of the same name the prose describes, if any."""
    if row.trial_id:
        trial = reader.trials.get(reader.alias.get(row.trial_id, row.trial_id))
        if trial is None:
            reader.trials[row.trial_id] = row
            return
        if row.trial_id != trial.trial_id and row.trial_id not in trial.other_ids:
            trial.other_ids.append(row.trial_id)
    elif row.programme and row.programme in reader.programmes:
        trial = reader.programmes[row.programme]
    else:
        key = row.programme or f"row:{row.prov.line_start}"
        reader.programmes[key] = row
        return
    trial.keep_as_values()
    trial.mentions.insert(0, trial.prov)
    trial.prov = row.prov
    for f in fields(TrialFacts):
        if f.name != "other_ids" and getattr(row, f.name) not in (None, "", []):
            setattr(trial, f.name, getattr(row, f.name))
