"""Facts that running text states about the drug's development, written into an Extraction: designations
and dated events. Shared by every reader, so that a sentence reads the same whichever kind of document it
is in (the trials a sentence speaks of are `trial_prose`'s).
"""
from __future__ import annotations

from . import prose
from .records import Designation, Event, Extraction, Provenance


class Narrative:
    """Reads sentences into an extraction's designations and events, each recorded once."""

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self._seen: set[tuple] = set()

    def sentence(self, sentence: str, prov: Provenance) -> None:
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
