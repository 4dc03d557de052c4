"""A trial's detail: every field the sources give (or "not stated"), and each passage it came from."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from ..render.html import esc, source_link
from ..store import NOT_STATED, Store
from ..store.results import GlossaryEntry, TrialRow
from ..render.html import GlossaryLinker
from .pane_browser import PaneBrowser
from .sizing import resize_within_screen


def trial_html(trial: TrialRow, passages, link, references: dict[int, str] | None = None) -> str:
    fields = (
        ("Trial ID", trial.trial_id), ("Drug", trial.drug), ("Programme", trial.programme), ("Title", trial.title),
        ("Phase", trial.phase_text), ("Status", trial.status_text or trial.status),
        ("Recruitment", trial.recruitment_status), ("Enrollment", trial.enrollment), ("Posted", trial.posted),
        ("Conditions", trial.conditions), ("Interventions named", trial.interventions),
        ("Endpoints", trial.endpoints), ("Countries", trial.countries_label),
    )
    rows = "".join(
        f'<tr><th align="left" valign="top">{esc(label)}</th><td>'
        + (link(str(value)) if value not in (None, "") else f'<span class="missing">{NOT_STATED}</span>')
        + "</td></tr>"
        for label, value in fields
    )
    parts = [f"<h2>{esc(trial.label)}</h2>", f'<table class="card" cellpadding="3">{rows}</table>']
    if trial.summary:
        parts.append(f"<h3>What the source says</h3><p>{link(trial.summary)}</p>")
    if trial.citations:
        parts.append("<h3>References cited</h3><ul>")
        parts.extend(f"<li>[{n}] {esc((references or {}).get(n, 'not listed in the source'))}</li>" for n in trial.citations)
        parts.append("</ul>")
    parts.append("<h3>Passages</h3><ul>")
    parts.extend(f"<li>{esc(p.source)}, {esc(p.section)}{source_link(p)}</li>" for p in passages)
    parts.append("</ul>")
    return "".join(parts)


class TrialDialog(QDialog):
    source_requested = Signal(object)

    def __init__(self, store: Store, key: int, glossary: list[GlossaryEntry], parent=None) -> None:
        super().__init__(parent)
        self.subject = key  # what the dialog shows: the window raises it rather than open a second copy
        trial = store.trials_by_key([key])[key]
        self.setWindowTitle(f"Trial — {trial.label}")
        self.browser = PaneBrowser("Trial", glossary)
        references = {ref.number: ref.url for ref in store.references(trial.prov.source)}
        self.browser.set_pane_html(trial_html(trial, store.trial_passages(key), GlossaryLinker.from_entries(glossary), references))
        self.browser.source_requested.connect(self.source_requested)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 720, 560)
