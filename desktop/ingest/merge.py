"""Mentions of one trial, in one document or several, made one record."""
from __future__ import annotations

from dataclasses import fields

from .records import WORDING_OF, Trial, TrialFacts


def merge_trials(trials: list[Trial]) -> list[Trial]:
    """One record per registry ID among one drug's sources. The first mention stays primary; every field
    another mention states is kept with its passage (`Trial.values`), so two statuses are both kept."""
    merged: list[Trial] = []
    by_id: dict[str, Trial] = {}
    for trial in trials:
        if trial.trial_id is None or trial.trial_id not in by_id:
            merged.append(trial)
            if trial.trial_id:
                by_id[trial.trial_id] = trial
            continue
        into = by_id[trial.trial_id]
        into.mentioned_at(trial.prov)
        for mention in trial.mentions:
            into.mentioned_at(mention)
        for name in _MERGED_FIELDS:
            into.state(name, getattr(trial, name), getattr(trial, WORDING_OF[name]) if name in WORDING_OF else None,
                       trial.prov)
        for number in trial.citations:
            if number not in into.citations:
                into.citations.append(number)
        for value in trial.values:
            if not any(v.field == value.field and v.value == value.value and v.prov == value.prov for v in into.values):
                into.values.append(value)
    return merged


# Fields a second mention of a trial can state; the wording fields ride with their value, citations
# are numbers into one source's reference list and are joined instead.
_MERGED_FIELDS = tuple(f.name for f in fields(TrialFacts) if f.name not in (*WORDING_OF.values(), "citations"))
