"""Facts that running text states about the drug's development, written into an Extraction: designations
and dated events. Shared by every reader, so that a sentence reads the same whichever kind of document it
is in (the trials a sentence speaks of are `trial_prose`'s).
"""
from __future__ import annotations

import re

from . import prose
from .identity import agencies_in
from .records import Approval, Designation, Event, Provenance
from .extraction import Extraction

# "is not approved by the U.S. FDA", "is not FDA-approved": a finding for that agency, where the document
# gives none in a field of its own.
_NOT_APPROVED_BY = re.compile(
    r"\b(?:is|are|remains?) not (?:yet )?(?:approved by the (?:U\.S\. |European )?(?P<agency>FDA|EMA|MHRA|PMDA)\b"
    r"|(?P<hyphenated>FDA|EMA)-approved\b)")


class Narrative:
    """Reads sentences into an extraction's designations and events, each recorded once."""

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self._seen: set[tuple] = set()

    def sentence(self, sentence: str, prov: Provenance) -> None:
        if match := _NOT_APPROVED_BY.search(sentence):
            agency = match.group("agency") or match.group("hyphenated")
            if not any(a.agency == agency for a in self.extraction.approvals):
                self.extraction.approvals.append(Approval(agency, "not approved", sentence, prov))
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


# The European Commission grants the authorisation the EMA recommends: a page's EMA section and its
# history's "European Commission granted …" tell one authorisation, not two.
_SAME_AUTHORISATION = dict.fromkeys(("EMA", "European Commission"), {"EMA", "European Commission"})


def approvals_from_events(extraction: Extraction) -> None:
    """An agency's approval the history tells ("The FDA granted accelerated approval …"), where the document
    gives no finding of that agency's elsewhere: the agency is the one the event's words name, or else the
    only one its sentence names."""
    for event in (e for e in extraction.events if e.kind == "approval"):
        named = agencies_in(event.label) or agencies_in(event.description)
        if len(named) != 1:
            continue
        agency = named[0]
        same = _SAME_AUTHORISATION.get(agency, {agency})
        if not any(a.agency in same for a in extraction.approvals):
            extraction.approvals.append(Approval(agency, "approved", event.description, event.prov))

