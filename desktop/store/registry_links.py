"""Registry records meet the catalogue's drugs: a study belongs to each drug one of its interventions names.

A record names no drug of its own. Its interventions' names and other names are compared, as look-up keys
(case, spaces and dashes aside: "NKTR-214" = "nktr214"), with every name, code name and identifier the
drug's documents give it — the keys documents are grouped by (corpus.drug_keys). "Bempegaldesleukin
(NKTR-214)" is tried whole and as its two names. Nothing looser: a study attached to the wrong drug would
be a wrong fact; one attached to none is listed as not linked to a drug, and said so in the review.

The full build (store.build) and the catalogue's incremental update (catalogue.update) both link through
here, so that they attach the same studies to the same drugs.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field, replace

from ..ingest.clean import lookup_key
from ..ingest.corpus import SourceInfo, drug_keys
from ..ingest.records import Extraction, Trial

_PARENTHESIS = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")


def name_keys(trial: Trial) -> dict[str, str]:
    """{look-up key: the intervention name as the record writes it} for every name a study's interventions give."""
    keys: dict[str, str] = {}
    for name in trial.intervention_names:
        for part in (name, *(_PARENTHESIS.match(name).groups() if _PARENTHESIS.match(name) else ())):
            if key := lookup_key(part):
                keys.setdefault(key, name if part == name else part)
    return keys


def keys_of(extractions: list[Extraction]) -> set[str]:
    """A drug's look-up keys, whatever their kind (names, code names, CAS, UNII, DrugBank ID)."""
    return {key for extraction in extractions for _, key in drug_keys(extraction)}


def fresh(trial: Trial) -> Trial:
    """A copy a drug's merge can change: merging changes the primary mention's lists in place, and one study
    may be attached to two drugs (a combination)."""
    return replace(trial, values=list(trial.values), mentions=list(trial.mentions), other_ids=list(trial.other_ids),
                   citations=list(trial.citations), countries=list(trial.countries))


@dataclass
class RegistryStudies:
    """The registry documents of a catalogue and their studies, each with its intervention names' keys."""

    documents: list[tuple[SourceInfo, Extraction]]
    keys: list[list[tuple[int, Trial, dict[str, str]]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.keys = [[(info.position, trial, name_keys(trial)) for trial in extraction.trials]
                     for info, extraction in self.documents]

    def linked(self, drug_keys_: set[str]) -> list[tuple[int, list[Trial]]]:
        """(document position, copies of its studies) for the studies one of whose names is a key of the drug."""
        found = []
        for studies in self.keys:
            trials = [fresh(trial) for _, trial, names in studies if not drug_keys_.isdisjoint(names)]
            if trials:
                found.append((studies[0][0], trials))
        return found

    def unlinked(self, connection: sqlite3.Connection) -> list[Trial]:
        """The studies no drug of the database (as written so far) has a name, code name or identifier of."""
        known = {row[0] for row in connection.execute(
            "SELECT key FROM lookup WHERE drug_id IS NOT NULL AND kind NOT IN ('trial', 'programme') "
            "UNION SELECT drug_key FROM sources WHERE drug_key IS NOT NULL")}
        return [fresh(trial) for studies in self.keys for _, trial, names in studies if known.isdisjoint(names)]


def matching_drugs(connection: sqlite3.Connection, extractions: list[Extraction]) -> set[str]:
    """The drugs of a database some study of these registry documents names (for the incremental update)."""
    keys = sorted({key for extraction in extractions for trial in extraction.trials for key in name_keys(trial)})
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(row[0] for row in connection.execute(
            f"SELECT drug_id FROM lookup WHERE drug_id IS NOT NULL AND kind NOT IN ('trial', 'programme') AND key IN ({marks}) "
            f"UNION SELECT drug_id FROM sources WHERE drug_key IN ({marks})", chunk * 2))
    return found


def links_of(trial: Trial, drugs: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(drug name, the intervention name that names it) for each drug of `drugs` ({name: keys}) a study names."""
    names = name_keys(trial)
    return [(drug, next(names[key] for key in names if key in keys)) for drug, keys in drugs.items()
            if not keys.isdisjoint(names)]
