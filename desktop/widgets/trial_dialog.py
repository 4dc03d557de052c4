"""A trial's detail: every field the sources give (or "not stated"), and each passage it came from."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from ..ingest.trial_record import UNREAD
from ..labels import TRIAL_FIELD_LABELS, worded
from ..render.html import esc, source_link
from ..store import NOT_STATED, Store
from ..store.results import GlossaryEntry, TrialRow
from ..render.html import GlossaryLinker
from .pane_browser import PaneBrowser
from .sizing import resize_within_screen


# What the dialog lists, in this order (labels: desktop.labels.TRIAL_FIELD_LABELS).
_FIELDS = ("trial_id", "programme", "title", "phase", "status", "enrollment", "posted", "sponsor", "conditions",
           "interventions", "endpoints", "countries")
# What registry records state besides (desktop.ingest.registry): listed where some source states it, so a
# trial only prose describes is not a column of "not stated".
_RECORD_FIELDS = ("official_title", "other_ids", "org_study_id", "secondary_ids", "study_type", "enrollment_type",
                  "why_stopped", "start", "primary_completion", "completion", "last_updated", "results_posted",
                  "collaborators", "keywords", "secondary_endpoints", "sex", "minimum_age", "maximum_age")


def trial_html(trial: TrialRow, passages, link, references: dict[int, str] | None = None,
               maybe_same: list[tuple[TrialRow, str]] = ()) -> str:
    """Every field with every value the sources give it, each with its passage: where two sources say
    different things (a status), both are listed."""
    rows = [f'<tr><th align="left" valign="top">Drug</th><td>{esc(trial.drug_label)}</td></tr>']
    for name in (*_FIELDS, *_RECORD_FIELDS):
        values = _values(trial, name)
        if not values and name in _RECORD_FIELDS:
            continue
        cell = "<br>".join(link(text) + source_link(prov) for text, prov in values) or f'<span class="missing">{NOT_STATED}</span>'
        rows.append(f'<tr><th align="left" valign="top">{esc(TRIAL_FIELD_LABELS[name])}</th><td>{cell}</td></tr>')
    parts = [f"<h2>{esc(trial.label)}</h2>", f'<table class="card" cellpadding="3">{"".join(rows)}</table>']
    for other, reason in maybe_same:
        parts.append(f'<p><b>May be the same study as {esc(other.label)}</b> ({esc(reason)}). The sources do not say '
                     f"so; the two are kept apart.{source_link(other.prov)}</p>")
    said = trial.statements("summary")
    if said:
        parts.append("<h3>What the sources say</h3>")
        parts.extend(f"<p>{link(text)}{source_link(prov)}</p>" for text, _, prov in said)
    parts.extend(_unread(trial, link))
    if trial.citations:
        parts.append("<h3>References cited</h3><ul>")
        parts.extend(f"<li>[{n}] {esc((references or {}).get(n, 'not listed in the source'))}</li>" for n in trial.citations)
        parts.append("</ul>")
    parts.append("<h3>Passages</h3><ul>")
    parts.extend(f"<li>{esc(p.source)}, {esc(p.section)}{source_link(p)}</li>" for p in passages)
    parts.append("</ul>")
    return "".join(parts)


# What the dialog shows of a field's text before "…": the whole is the field's passage, behind its [source].
_SHOWN_OF_UNREAD = 300


def _unread(trial: TrialRow, link) -> list[str]:
    """What the trial's registry records hold that DrugRef does not read (desktop.ingest.registry_unread):
    each field's path, its text as the record has it (shortened where long) and its passage."""
    unread = [value for value in trial.values if value.field == UNREAD]
    if not unread:
        return []
    parts = ["<h3>In the registry record, not read by DrugRef</h3>",
             '<p class="missing">Kept in the file as the registry gives it; each [source] shows it in the record.</p>']
    several = len({value.prov.source for value in unread}) > 1
    source = None
    for value in unread:
        if several and value.prov.source != source:
            source = value.prov.source
            parts.append(f"<p><i>{esc(source)}</i></p>")
        text = value.text or ""
        if len(text) > _SHOWN_OF_UNREAD:
            cut = text[:_SHOWN_OF_UNREAD].rsplit(" ", 1)[0]
            text = f"{cut} …[{len(text) - len(cut):,} characters more in the record]"
        said = f": {link(text)}" if text else ""
        parts.append(f"<p><b>{esc(value.value)}</b>{said}{source_link(value.prov)}</p>")
    return parts


def _values(trial: TrialRow, name: str) -> list[tuple[str, object]]:
    """(as the source words it, its passage) for each value of a field, the primary one first."""
    if name == "trial_id":
        return [(trial.trial_id, trial.prov)] if trial.trial_id else []
    said = [(worded(name, value, wording), prov) for value, wording, prov in trial.statements(name)]
    if said and said[0][1] is trial.prov:  # the primary passage's own value, written as the grid writes it
        if name == "countries":
            said[0] = (trial.countries_label, trial.prov)
        elif name == "enrollment":
            said[0] = (f"{trial.enrollment:,}", trial.prov)
    return said


class TrialDialog(QDialog):
    source_requested = Signal(object)

    def __init__(self, store: Store, key: int, glossary: list[GlossaryEntry], parent=None) -> None:
        super().__init__(parent)
        self.subject = key  # what the dialog shows: the window raises it rather than open a second copy
        trial = store.trials_by_key([key])[key]
        self.setWindowTitle(f"Trial — {trial.label}")
        self.browser = PaneBrowser("Trial", glossary)
        references = {ref.number: ref.url for ref in store.references(trial.prov.source)}
        self.browser.set_pane_html(trial_html(trial, store.trial_passages(key), GlossaryLinker.from_entries(glossary),
                                              references, store.maybe_same(key)))
        self.browser.source_requested.connect(self.source_requested)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 720, 560)
