"""Facts that running text states, written into an Extraction: designations, development events and the
trial programmes a sentence names. Shared by every reader, so that a sentence reads the same whichever
kind of document it is in.
"""
from __future__ import annotations

import re
from typing import Iterable

from . import prose
from .clean import normalise_phase
from .records import Designation, Event, Extraction, Provenance, Trial

# How a sentence says what was given in a trial: "as a single agent", "in combination with pembrolizumab".
_INTERVENTION = re.compile(r"\b(as a single agent|as monotherapy|in combination with [\w-]+(?: and [\w-]+)?)")


class Narrative:
    """Reads sentences into an extraction, remembering the programmes met so that repeated mentions of
    one programme become one trial, and each event or designation is recorded once."""

    def __init__(self, extraction: Extraction, code_names: set[str] = frozenset()) -> None:
        self.extraction = extraction
        self.code_names = set(code_names)
        self.programmes: dict[str, Trial] = {t.programme: t for t in extraction.trials if t.programme}
        self.families: set[str] = set()
        self._seen: set[tuple] = set()

    def learn_families(self, texts: Iterable[str]) -> None:
        """Read the whole document's text first, so that "ARTISTRY-6 demonstrated …" is a programme
        wherever the sentence that shows ARTISTRY names trials stands in the document."""
        self.families |= prose.programme_families(
            (sentence for text in texts for sentence in prose.sentences(text)), self.code_names)

    def sentence(self, sentence: str, prov: Provenance, condition_label: str | None = None) -> None:
        """Designations, events and programmes of one sentence. `condition_label` is the label of the
        bullet the sentence sits in ("Platinum-Resistant Ovarian Cancer: Studied …"), a condition for the
        one programme the sentence names."""
        self.designations_and_events(sentence, prov)
        mentions = prose.programme_mentions(sentence, self.code_names, self.families)
        for mention in mentions:
            trial = self._programme(mention, prov)
            # Phase and condition are read where they stand against the name ("PIVOT-09 in renal cell
            # carcinoma"); what the sentence says as a whole belongs to it only when it names one programme.
            trial.state("phase", normalise_phase(mention.phase_text) if mention.phase_text else None,
                        mention.phase_text, prov)
            trial.state("conditions", mention.condition, None, prov)
            if len(mentions) == 1:
                trial.state("conditions", condition_label, None, prov)
                if intervention := _INTERVENTION.search(sentence):
                    trial.state("interventions", intervention.group(1), None, prov)

    def designations_and_events(self, sentence: str, prov: Provenance) -> None:
        for mention in prose.designation_mentions(sentence):
            key = ("designation", mention.designation, mention.agency, sentence)
            if key not in self._seen:
                self._seen.add(key)
                self.extraction.designations.append(Designation(mention.designation, mention.agency, sentence, prov))
        for event in prose.development_events(sentence):
            key = ("event", event.kind, event.date, sentence)
            if key not in self._seen:
                self._seen.add(key)
                self.extraction.events.append(Event(event.date, event.date_text, event.kind, sentence, prov, event.label))

    def _programme(self, mention: prose.ProgrammeMention, prov: Provenance) -> Trial:
        """The trial a programme name stands for (no registry ID is given), one per name."""
        trial = self.programmes.get(mention.name)
        if trial is None:
            trial = Trial(None, prov, programme=mention.name, summary=mention.sentence)
            self.programmes[mention.name] = trial
            self.extraction.trials.append(trial)
        else:
            trial.describe(mention.sentence, prov)
        return trial
