"""Registry records meet the catalogue's drugs: a study belongs to each drug one of its interventions names,
and to each drug whose own documents hold a trial of its registry number (NCT, or an EU CT / EudraCT number it
lists), where the record then joins that trial: one number, one trial row, whatever the record's interventions say.

A record names no drug of its own. Its interventions' names and other names are compared, as look-up keys
(case, spaces and dashes aside: "NKTR-214" = "nktr214"), with every name, code name and identifier the
drug's documents give it — the keys documents are grouped by (corpus.drug_keys). "Bempegaldesleukin
(NKTR-214)" is tried whole and as its two names. Nothing looser: a study attached to the wrong drug would
be a wrong fact; one attached to none is listed as not linked to a drug, and said so in the review.

The full build (store.build) and the catalogue's incremental update (catalogue.update) both link through
here, so that they attach the same studies to the same drugs.
"""
from __future__ import annotations

import json
import re
import sqlite3
from itertools import groupby
from dataclasses import dataclass, field, replace

from ..ingest.clean import lookup_key
from ..ingest.corpus import SourceInfo, drug_keys
from ..ingest.extraction import Extraction, Trial
from ..ingest.registry import SHAPE as REGISTRY_SHAPE

_PARENTHESIS = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
_DOCUMENTS = f"(SELECT id FROM sources WHERE shape != '{REGISTRY_SHAPE}')"
def link_rows(wanted: str) -> str:
    """SQL of the (look-up key, drug) rows for everything a study can be linked by, for the keys in `wanted` (an
    SQL list or subquery, such as "(?1)"): a drug's names, code names and identifiers, and the numbers of the
    trials its own documents hold (not of trials only a registry record brought: the full build links from the
    documents alone, and an incremental one must link the same studies). Each part of the union seeks `wanted`
    by its index: SQLite does not push a key filter from outside into a union, and a catalogue of 10,000 drugs
    and 500,000 trials has over a million look-up rows."""
    return (f"SELECT key, drug_id FROM lookup WHERE key IN {wanted} AND drug_id IS NOT NULL "
            "AND kind NOT IN ('trial', 'programme') "
            f"UNION SELECT l.key, l.drug_id FROM lookup l JOIN trials t ON t.id = l.target WHERE l.key IN {wanted} "
            f"AND l.kind = 'trial' AND l.drug_id IS NOT NULL AND (t.source IN {_DOCUMENTS} OR EXISTS ("
            f"SELECT 1 FROM trial_passages p WHERE p.trial = t.id AND p.source IN {_DOCUMENTS})) "
            f"UNION SELECT drug_key, drug_id FROM sources WHERE drug_key IN {wanted}")


def name_keys(trial: Trial) -> dict[str, str]:
    """{look-up key: the intervention name as the record writes it} for every name a study's interventions give."""
    keys: dict[str, str] = {}
    for name in trial.intervention_names:
        for part in (name, *(_PARENTHESIS.match(name).groups() if _PARENTHESIS.match(name) else ())):
            if key := lookup_key(part):
                keys.setdefault(key, name if part == name else part)
    return keys


def id_keys(trial: Trial) -> dict[str, str]:
    """{look-up key: the registry number as written} for a trial's registry numbers."""
    return {key: number for number in (trial.trial_id, *trial.other_ids) if number and (key := lookup_key(number))}


def link_keys(trial: Trial) -> dict[str, str]:
    """{look-up key: how a match links the study}: by an intervention's name, or by its registry number."""
    return {**{key: f"intervention name {name!r}" for key, name in name_keys(trial).items()},
            **{key: f"registry number {number!r} (a trial the catalogue holds)" for key, number in id_keys(trial).items()}}


def keys_of(extractions: list[Extraction]) -> set[str]:
    """A drug's look-up keys (names, code names, CAS, UNII, DrugBank ID) and its documents' trials' numbers."""
    return ({key for extraction in extractions for _, key in drug_keys(extraction)}
            | {key for extraction in extractions for trial in extraction.trials for key in id_keys(trial)})


def fresh(trial: Trial) -> Trial:
    """A copy a drug's merge can change: merging changes the primary mention's lists in place, and one study
    may be attached to two drugs (a combination)."""
    return replace(trial, values=list(trial.values), mentions=list(trial.mentions), other_ids=list(trial.other_ids),
                   citations=list(trial.citations), countries=list(trial.countries))


@dataclass
class RegistryStudies:
    """The registry documents of a catalogue and their studies, each with its intervention names' keys."""

    documents: list[tuple[SourceInfo, Extraction]]
    keys: list[list[tuple[int, Trial, dict[str, str]]]] = field(init=False)
    # key → (document, study) indices of the studies it links: a build asks once per drug, and a catalogue
    # of 10,000 drugs would otherwise go through every study for each.
    _places: dict[str, list[tuple[int, int]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.keys = [[(info.position, trial, link_keys(trial)) for trial in extraction.trials]
                     for info, extraction in self.documents]
        self._places = {}
        for document, studies in enumerate(self.keys):
            for study, (_, _, names) in enumerate(studies):
                for key in names:
                    self._places.setdefault(key, []).append((document, study))

    def linked(self, drug_keys_: set[str]) -> list[tuple[int, list[Trial]]]:
        """(document position, copies of its studies) for the studies one of whose names is a key of the drug,
        in document and study order."""
        places = sorted({place for key in drug_keys_ for place in self._places.get(key, ())})
        return [(self.keys[document][0][0], [fresh(self.keys[document][study][1]) for _, study in group])
                for document, group in groupby(places, key=lambda place: place[0])]

    def unlinked(self, connection: sqlite3.Connection) -> list[Trial]:
        """The studies no drug of the database (as written so far) has a name, code name or identifier of."""
        studies = [(trial, names) for listed in self.keys for _, trial, names in listed]
        known = {key for key, _ in link_pairs(connection, {key for _, names in studies for key in names})}
        return [fresh(trial) for trial, names in studies if known.isdisjoint(names)]


def matching_drugs(connection: sqlite3.Connection, extractions: list[Extraction]) -> set[str]:
    """The drugs of a database some study of these registry documents names (for the incremental update)."""
    keys = {key for extraction in extractions for trial in extraction.trials for key in link_keys(trial)}
    return {drug_id for _, drug_id in link_pairs(connection, keys)}


def link_pairs(connection: sqlite3.Connection, keys: set[str]) -> list[tuple[str, str]]:
    """(look-up key, drug id) for each of `keys` a drug can be linked by, in one statement, by key then drug."""
    wanted = "(SELECT value FROM json_each(?1))"
    return connection.execute(f"SELECT DISTINCT key, drug_id FROM ({link_rows(wanted)}) ORDER BY 1, 2",
                              (json.dumps(sorted(keys)),)).fetchall()
