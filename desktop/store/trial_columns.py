"""The trials list's columns, declared once: the grid's headers, cells and widths, the store's sort order, the
copied rows' header and `drugref trials --sort` all come from these, looked up by key, never by position."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..labels import TRIAL_FIELD_LABELS, worded
from .results import TrialRow


@dataclass(frozen=True)
class Column:
    key: str  # what `--sort` and TrialQuery.sort take
    title: str  # the grid's header, and the copied rows' header line
    # SQL over the trials table's columns that the store orders by; the schema gives each an index on
    # (expression, id), so a page in this order is an index range, not a sort.
    sort: str
    cell: Callable[[TrialRow], str | None]  # what a row shows; None: not stated
    width: int  # the grid's width for it at the default font, in pixels


COLUMNS: tuple[Column, ...] = (
    Column("trial_id", TRIAL_FIELD_LABELS["trial_id"], "trial_id", lambda t: t.trial_id, 135),
    # Drugs sort by id: the id is the name's slug, so the order is the name's, without a join.
    Column("drug", "Drug", "drug_id", lambda t: t.drug_label, 130),
    # The phase as its source words it, a registry's code beside DrugRef's words: "Phase 1/2 (PHASE1, PHASE2)".
    Column("phase", TRIAL_FIELD_LABELS["phase"], "phase_rank", lambda t: worded("phase", t.phase, t.phase_text), 75),
    Column("status", TRIAL_FIELD_LABELS["status"], "status", lambda t: t.status_label, 135),
    Column("enrollment", TRIAL_FIELD_LABELS["enrollment"], "enrollment",
           lambda t: None if t.enrollment is None else f"{t.enrollment:,}", 85),
    Column("posted", TRIAL_FIELD_LABELS["posted"], "posted", lambda t: t.posted, 90),
    Column("conditions", TRIAL_FIELD_LABELS["conditions"], "conditions", lambda t: t.conditions, 220),
    Column("countries", TRIAL_FIELD_LABELS["countries"], "countries", lambda t: t.countries_label, 150),
    Column("title", "Title / programme", "coalesce(title, programme)", lambda t: t.title or t.programme, 260),
    Column("source", "Source", "source", lambda t: f"{t.prov.source}:{t.prov.line_start}", 120),
    # Where registry records supply them (desktop.ingest.registry); empty for a trial only prose describes.
    Column("sponsor", TRIAL_FIELD_LABELS["sponsor"], "sponsor", lambda t: t.sponsor, 140),
    Column("start", TRIAL_FIELD_LABELS["start"], "start", lambda t: t.start, 90),
    Column("completion", TRIAL_FIELD_LABELS["completion"], "completion", lambda t: t.completion, 90),
    Column("why_stopped", TRIAL_FIELD_LABELS["why_stopped"], "why_stopped", lambda t: t.why_stopped, 160),
    Column("results_posted", TRIAL_FIELD_LABELS["results_posted"], "results_posted", lambda t: t.results_posted, 100),
    Column("last_updated", TRIAL_FIELD_LABELS["last_updated"], "last_updated", lambda t: t.last_updated, 110),
)
COLUMN = {column.key: column for column in COLUMNS}
SORT_COLUMNS = {column.key: column.sort for column in COLUMNS}


def cell_text(trial: TrialRow, key: str) -> str | None:
    """What the column `key` shows for a trial; None where the sources state nothing."""
    return COLUMN[key].cell(trial) or None
