"""Trials described in running text by registry number: which sentence is about which trial, and the few
fields a sentence states outright.

A sentence belongs to a trial when it names the trial's registry number, or when it follows such a
sentence in the same paragraph and points back to it ("The study …", "The main endpoint …", "It …").
A sentence that names another trial, or a programme, ends that chain; a sentence naming two trials gives
neither a field. Fields are cut at a clause boundary, and a drug named as a prior therapy ("patients who
progressed on pembrolizumab") is never taken for the trial's intervention.
"""
from __future__ import annotations

import re

from . import prose
from .clean import citation_numbers, strip_citations
from .records import Provenance, Trial
from .registries import registry_ids

_POINTS_BACK = re.compile(
    r"^(?:(?:The|This|That) (?:study|trial)\b|(?:The|Its) (?:main|primary|secondary|key|co-primary) "
    r"(?:goal|outcome|endpoint|end point|objective|aim|measure)s?\b|It\b)")
_CLAUSE_END = r"(?=, which\b|, meaning\b|, where\b|, while\b|, whereas\b|, but\b|; |, and (?:the |it |[A-Z])|\.$|$)"
_ENDPOINT = re.compile(
    r"(?:\bmain (?:goal|outcome|endpoint|end point) (?:was|is|being)(?: to (?:assess|measure|evaluate))?"
    r"|\bprimary (?:endpoint|outcome|end point) (?:was|is)|\bmeasure[sd]?|\bfocuses on|\blooks at|\bdesigned to assess)"
    rf" (?P<endpoint>.+?){_CLAUSE_END}"
)
_CONDITION = re.compile(
    r"(?:\bstudie[sd] (?!people\b|children\b|adults\b|patients\b)(?P<object>[^,]+?) (?=and (?:compares|measures)\b)"
    r"|\bfocused on (?P<focus>.+?) and\b"
    r"|\bstudie[sd] (?:people|children|adults|patients) with (?P<people>.+?)(?= and (?:measures|compares)\b|\.$)"
    r"|\b(?:Phase [\w/]+ )?(?:study|trial) in (?P<study_in>.+?)(?= that\b|\.$| compares\b|, and\b)"
    r"|\b[\w-]+ in (?P<in>recurrent.+?|advanced.+?|solid tumors)(?:, with\b|, and\b|\.$)"
    r"|\bconditions such as (?P<such_as>.+?)\.$"
    r"|\bfor (?P<for>stage [IV]+ .+?)\.$)"
)
# Names of interventions as a registry writes them: code names (ICT01, LN-145, CNTY-101), INN stems,
# and a few generic treatment words. Lexical only: the field lists what the passage names.
_INTERVENTION = re.compile(
    r"\b(?:(?!CD\d)(?!NCT)(?!PD-?L?\d)(?!CTLA)[A-Z]{2,5}-?\d{2,4}"
    r"|[A-Za-z]+(?:leukin|leucel|mab|sporin|cept|tinib|ciclib|parib)"
    r"|(?:low-dose |high-dose )?(?:subcutaneous )?interleukin-2"
    r"|tumor-infiltrating lymphocytes|(?:autologous )?TIL therapy|dendritic cell vaccine|vaccine treatment"
    r"|IL-2 analog|high-dose IL-2)\b"
)
# Words before a drug's name that make it a treatment the patients had before, not the trial's.
_PRIOR = re.compile(
    r"\b(?:progressed|progression on|progressing|refractory to|resistant to|previously treated"
    r"|pretreated|pre-treated|prior|failed|relapsed|intolerant|exposure to|naive|naïve|history of)\b[^,;.]*$", re.I)


class TrialProse:
    """Reads paragraphs into the trials they describe, keyed by registry number."""

    def __init__(self, trials: dict[str, Trial], drug_name: str, exclude: set[str], families: set[str]) -> None:
        self.trials = trials
        self.drug = drug_name.casefold()
        self.exclude = exclude
        self.families = families

    def paragraph(self, text: str, prov: Provenance) -> None:
        current: Trial | None = None
        for sentence in prose.sentences(text):
            ids = registry_ids(sentence)
            if ids:
                named = [self._trial(trial_id, prov) for trial_id in ids]
                for trial in named:
                    trial.describe(sentence, prov)
                    _cite(trial, sentence)
                current = named[0] if len(named) == 1 else None
                if current:
                    self._fields(current, sentence, prov)
            elif prose.programme_names(sentence, self.exclude, self.families):
                current = None  # a sentence about another trial: nothing of it goes to the last one named
            elif current is not None and _POINTS_BACK.match(sentence):
                current.describe(sentence, prov)
                _cite(current, sentence)
                self._fields(current, sentence, prov)
            else:
                current = None

    def _trial(self, trial_id: str, prov: Provenance) -> Trial:
        trial = self.trials.get(trial_id)
        if trial is None:
            trial = self.trials[trial_id] = Trial(trial_id, prov)
        else:
            trial.mentioned_at(prov)
        return trial

    def _fields(self, trial: Trial, sentence: str, prov: Provenance) -> None:
        plain = strip_citations(sentence)
        phase, phase_text = prose.phase_of(plain)
        trial.state("phase", phase, phase_text, prov)
        if match := _ENDPOINT.search(plain):
            trial.state("endpoints", match.group("endpoint").strip(), None, prov)
        if match := _CONDITION.search(plain):
            trial.state("conditions", next(value for value in match.groupdict().values() if value).strip(), None, prov)
        names = self._interventions(plain, trial)
        if names:
            known = trial.interventions.split("; ") if trial.interventions else []
            for name in names:
                if name.casefold() not in (k.casefold() for k in known):
                    known.append(name)
            if trial.prov.covers(prov):  # sentences of the primary passage add to the trial's own list
                trial.interventions = "; ".join(known)
            else:
                trial.state("interventions", "; ".join(names), None, prov)

    def _interventions(self, plain: str, trial: Trial) -> list[str]:
        found = []
        for match in _INTERVENTION.finditer(plain):
            name = match.group(0)
            if name == trial.trial_id or _PRIOR.search(plain[:match.start()].rsplit(",", 1)[-1]):
                continue
            if name.casefold() not in (f.casefold() for f in found):
                found.append(name)
        return found


def _cite(trial: Trial, sentence: str) -> None:
    for number in citation_numbers(sentence):
        if number not in trial.citations:
            trial.citations.append(number)
