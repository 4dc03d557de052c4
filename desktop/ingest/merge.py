"""Mentions of one trial, in one document or several, made one record."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields

from .records import WORDING_OF, TrialFacts
from .extraction import Trial


def merge_trials(trials: list[Trial]) -> list[Trial]:
    """One record per registry ID (or per programme name, for a mention without a number) among one drug's
    sources. The first mention stays primary; every field another mention states is kept with its passage
    (`Trial.values`), so two statuses are both kept."""
    merged: list[Trial] = []
    by_id: dict[str, Trial] = {}
    for trial in trials:
        numbers = [n for n in (trial.trial_id, *trial.other_ids) if n]
        into = next((by_id[n] for n in numbers if n in by_id), None)
        if into is None and not numbers and trial.programme:
            # a name alone ("… on October 15, 2021 (IMpower010)") is the one trial that has that name
            # (never a registry record's: it merges only on a registry number it states)
            named = [t for t in merged if t.programme and t.programme.casefold() == trial.programme.casefold()
                     and not t.from_registry]
            into = named[0] if len(named) == 1 else None
        if into is None:
            merged.append(trial)
            for number in numbers:
                by_id.setdefault(number, trial)
            continue
        for number in numbers:  # a number only the later mention gives is the trial's too
            by_id.setdefault(number, into)
            if number != into.trial_id and number not in into.other_ids:
                into.other_ids.append(number)
        into.mentioned_at(trial.prov)
        for mention in trial.mentions:
            into.mentioned_at(mention)
        for name in _MERGED_FIELDS:
            wording = getattr(trial, WORDING_OF[name]) if name in WORDING_OF else None
            if trial.from_registry:  # each of its values is among its `values`, citing its own JSON path
                into.adopt(name, getattr(trial, name), wording)
            else:
                into.state(name, getattr(trial, name), wording, trial.prov)
        for number in trial.citations:
            if number not in into.citations:
                into.citations.append(number)
        into.intervention_names.extend(n for n in trial.intervention_names if n not in into.intervention_names)
        for value in trial.values:
            if not any(v.field == value.field and v.value == value.value and v.prov == value.prov for v in into.values):
                into.values.append(value)
    return merged


# Fields a second mention of a trial can state; the wording fields ride with their value, citations
# are numbers into one source's reference list and are joined instead.
_MERGED_FIELDS = tuple(f.name for f in fields(TrialFacts)
                       if f.name not in (*WORDING_OF.values(), "citations", "other_ids"))


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
    found = _same_dates(trials)
    # A trial that another list's entry has already joined (it has a second title) is no candidate.
    named = [i for i, t in enumerate(trials) if t.trial_id and not any(v.field == "title" for v in t.values)]
    unnamed = [i for i, t in enumerate(trials) if not t.trial_id]
    if not named or not unnamed:
        return found
    # Each trial's words once, and an index from each word to the trials that have it: a drug with thousands
    # of trials is then compared only with the trials it shares something with, not with every one.
    signatures = {i: _signature(trials[i], drug_names) for i in named}
    texts = {i: _text_of(trials[i]).casefold() for i in named}
    having: dict[str, set[int]] = {}
    for i in named:
        for token in signatures[i][0] | signatures[i][1]:
            having.setdefault(token, set()).add(i)
    conditions: dict[str, list[int]] = {}
    for i in named:
        theirs = (trials[i].conditions or "").casefold()
        if len(theirs.split()) >= 2:
            conditions.setdefault(theirs, []).append(i)
    dated = {maybe.trial for maybe in found}  # those matched by their dates already
    for index in unnamed:
        if index in dated:
            continue
        trial = trials[index]
        own_codes, own_words, own_phrase = _signature(trial, drug_names)
        own_text = _text_of(trial).casefold()
        candidates = set().union(*(having.get(token, ()) for token in own_codes | own_words))
        candidates.update(i for theirs, ids in conditions.items() if theirs in own_text for i in ids)
        if own_phrase:
            candidates.update(i for i in named if own_phrase in texts[i])
        scored = []
        for other in sorted(candidates):
            if trial.programme and trials[other].programme and trial.programme != trials[other].programme:
                continue  # two programme names: two studies
            codes, words, _ = signatures[other]
            text = texts[other]
            shared_codes = sorted(own_codes & codes)
            shared_words = sorted(own_words & words)
            phrase = own_phrase if own_phrase and own_phrase in text else None
            theirs = (trials[other].conditions or "").casefold()
            if not phrase and len(theirs.split()) >= 2 and theirs in own_text:
                phrase = theirs  # "Stage IV colorectal cancer" in "… Surgery for Stage IV Colorectal Cancer"
            score = 3 * len(shared_codes) + len(shared_words) + (3 if phrase else 0)
            if score >= 3:
                scored.append((score, other, shared_codes, [phrase] if phrase else shared_words))
        scored.sort(key=lambda item: -item[0])
        if scored and (len(scored) == 1 or scored[0][0] >= scored[1][0] + 2):
            score, other, codes, words = scored[0]
            found.append(MaybeSame(index, other, "shares " + ", ".join([*codes, *words])))
    return found


def _same_dates(trials: list[Trial]) -> list[MaybeSame]:
    """A trial without a registry number (a MedPath row: a date, a phase, a status) whose posted date, phase
    and status all equal those of exactly one registry record's study: it may be that study."""
    records: dict[tuple, list[int]] = {}
    for i, t in enumerate(trials):
        if t.from_registry and t.trial_id and t.posted and t.phase and t.status:
            records.setdefault((t.posted, t.phase, t.status), []).append(i)
    found = []
    for i, t in enumerate(trials):
        same = records.get((t.posted, t.phase, t.status), []) if not t.trial_id else []
        if len(same) == 1:
            found.append(MaybeSame(i, same[0], f"the same posted date ({t.posted}), phase ({t.phase}) and status "
                                               f"({t.status}) as the registry record"))
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
