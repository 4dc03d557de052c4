"""Mentions of one trial, in one document or several, made one record."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields

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


# Words too common in trial descriptions to tell two trials apart.
_COMMON = frozenset("""study studies trial trials patients patient participants people adults children treatment treatments
safety effectiveness efficacy with without after before versus compared randomized randomised phase cancer cancers
tumor tumors tumour tumours disease diseases advanced metastatic newly diagnosed therapy therapies combination
dose doses effects benefits benefit open label single multiple cohort cohorts their those which while where among""".split())
_CODE = re.compile(r"\b[A-Z]{2,6}-?\d{2,4}\b")


@dataclass(frozen=True)
class MaybeSame:
    """A trial without a registry number that may be one the sources list with one: said, never merged."""

    trial: int      # index of the trial without a number
    same_as: int    # index of the trial with one
    reason: str


def possible_duplicates(trials: list[Trial], drug_names: set[str] = frozenset()) -> list[MaybeSame]:
    """Each trial without a registry number, against the drug's trials with one: it may be the same study
    when they share a code name (CNTY-101) or a condition's words, and one candidate clearly stands out."""
    # A trial that another list's entry has already joined (it has a second title) is no candidate.
    named = [i for i, t in enumerate(trials) if t.trial_id and not any(v.field == "title" for v in t.values)]
    found = []
    for index, trial in enumerate(trials):
        if trial.trial_id:
            continue
        own_codes, own_words, own_phrase = _signature(trial, drug_names)
        scored = []
        for other in named:
            if trial.programme and trials[other].programme and trial.programme != trials[other].programme:
                continue  # two programme names: two studies
            codes, words, _ = _signature(trials[other], drug_names)
            text = _text_of(trials[other]).casefold()
            shared_codes = sorted(own_codes & codes)
            shared_words = sorted(own_words & words)
            phrase = own_phrase if own_phrase and own_phrase in text else None
            theirs = (trials[other].conditions or "").casefold()
            if not phrase and len(theirs.split()) >= 2 and theirs in _text_of(trial).casefold():
                phrase = theirs  # "Stage IV colorectal cancer" in "… Surgery for Stage IV Colorectal Cancer"
            score = 3 * len(shared_codes) + len(shared_words) + (3 if phrase else 0)
            if score >= 3:
                scored.append((score, other, shared_codes, [phrase] if phrase else shared_words))
        scored.sort(key=lambda item: -item[0])
        if scored and (len(scored) == 1 or scored[0][0] >= scored[1][0] + 2):
            score, other, codes, words = scored[0]
            found.append(MaybeSame(index, other, "shares " + ", ".join([*codes, *words])))
    return found


def _text_of(trial: Trial) -> str:
    parts = [trial.title, trial.programme, trial.conditions, trial.interventions, trial.summary]
    parts += [v.value for v in trial.values if v.field in ("title", "conditions", "interventions", "summary")]
    return " ".join(p for p in parts if p)


def _signature(trial: Trial, drug_names: set[str]) -> tuple[set[str], set[str], str | None]:
    text = _text_of(trial)
    names = {n.casefold() for n in drug_names}
    codes = set(_CODE.findall(text)) - set(drug_names)
    words = {w for w in re.findall(r"[a-z][a-z-]{3,}[a-z]", text.casefold()) if w not in _COMMON and w not in names}
    phrase = trial.conditions.casefold() if trial.conditions and len(trial.conditions.split()) >= 2 and not trial.trial_id else None
    return codes, words, phrase
