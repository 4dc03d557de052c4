"""Helpers for the catalogue tests: a full build of the same documents, and a store's answers in a form
that two databases built differently can be compared by (row keys, which only number rows, left out)."""
from __future__ import annotations

import re
import shutil
from dataclasses import asdict
from pathlib import Path

from desktop.catalogue import Catalogue
from desktop.catalogue.folder import manifest_text
from desktop.store import Store, TrialQuery, build_database

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "data" / "sources"
CORPUS = REPO / "tests" / "corpus"


def full_build(catalogue: Catalogue, output: Path) -> Path:
    """build-db of the bundled sources followed by the catalogue's own documents, in one folder."""
    folder = output.parent / (output.stem + "-sources")
    shutil.copytree(SOURCES, folder)
    for entry in catalogue.manifest_entries():
        shutil.copyfile(catalogue.sources_dir / entry["file"], folder / entry["file"])
    bundled = (SOURCES / "manifest.toml").read_text(encoding="utf-8")
    (folder / "manifest.toml").write_text(bundled + "\n" + manifest_text(catalogue.manifest_entries()), encoding="utf-8")
    return build_database(folder, output)


def without_keys(value):
    if isinstance(value, dict):
        return {k: without_keys(v) for k, v in value.items() if k not in ("key", "trial_key", "target")}
    if isinstance(value, (list, tuple)):
        return [without_keys(v) for v in value]
    return value


def record(store: Store, drug_id: str) -> dict:
    data = without_keys(asdict(store.drug(drug_id)))
    # Agencies come in the order first named across the catalogue, which for an added document is the order
    # the documents came in; each drug's finding per agency is what must agree.
    data["approvals"] = sorted(data["approvals"], key=lambda a: a["agency"])
    return data


def answers(store: Store, words: list[str]) -> dict:
    """What a user sees: the drug list, each record and its trials, every trial, search and "did you mean"."""
    drugs = store.drugs()
    found = {
        "drugs": [asdict(d) for d in drugs],
        "records": {d.id: record(store, d.id) for d in drugs},
        "trials": {d.id: without_keys([asdict(t) for t in store.trials(TrialQuery(drug_id=d.id))]) for d in drugs},
        "all_trials": sorted(map(repr, without_keys([asdict(t) for t in store.trials()]))),
        "agencies": sorted(store.agencies()),
        "phases": store.trial_phases(), "statuses": store.trial_statuses(),
        "sources": [asdict(s) for s in store.sources()],
        "meta": {key: store.meta(key) for key in ("schema_version", "sources_sha256", "latest_source_as_of")},
    }
    for word in words:
        result = store.search(word)
        found[f"search {word}"] = sorted(repr(without_keys(asdict(h))) for h in result.hits)
        found[f"suggest {word}"] = result.suggestion
    return found


def words_of(path: Path, count: int = 25) -> list[str]:
    """Words of a document, and each misspelled (its second letter dropped), for search and "did you mean"."""
    words = sorted({w.casefold() for w in re.findall(r"[A-Za-z]{6,}", path.read_text(encoding="utf-8"))})
    step = max(1, len(words) // count)
    chosen = words[::step][:count]
    return chosen + [w[0] + w[2:] for w in chosen]
