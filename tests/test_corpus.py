"""The corpus of further documents (tests/corpus): every expected fact found and no wrong one, each document
read whole, and the corpus built beside the bundled sources as one catalogue.

The documents were written without the reader code; each `.expected.toml` holds its complete expected
extraction (tests/corpus/README.md says how they differ from the bundled ones, and where an expectation
was amended, why). tests/corpus_check.py does the comparing; run it as a script for the table.
"""
from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
import corpus_check
from corpus_check import CORPUS, compare, expectations

from desktop.ingest import load_corpus
from desktop.store import Store, TrialQuery, build_database

REPO = Path(__file__).resolve().parent.parent
EXPECTED = expectations()


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def combined_db(tmp_path_factory) -> Path:
    """The bundled sources and the corpus in one folder, the corpus listed first: a drug's documents need
    not be next to each other, nor the bundled ones first."""
    folder = tmp_path_factory.mktemp("combined")
    for source in (REPO / "data" / "sources", CORPUS):
        for path in source.glob("*.txt"):
            shutil.copyfile(path, folder / path.name)
    manifest = (CORPUS / "manifest.toml").read_text(encoding="utf-8") + "\n" + (
        REPO / "data" / "sources" / "manifest.toml").read_text(encoding="utf-8")
    (folder / "manifest.toml").write_text(manifest, encoding="utf-8")
    return build_database(folder, tmp_path_factory.mktemp("db") / "combined.sqlite")


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["document"] for e in EXPECTED])
def test_every_expected_fact_and_no_wrong_one(corpus, expected):
    extraction = {e.source: e for e in corpus.extractions}[expected["document"]]
    result = compare(expected, extraction)
    assert result.wrong == [], "\n".join(result.wrong)
    assert result.unexpected_missing == [], "\n".join(result.unexpected_missing)
    assert result.found >= 30  # not vacuous: the document was really read


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["document"] for e in EXPECTED])
def test_every_line_is_placed_or_reported(corpus, expected):
    """A heading outside the vocabulary is reported and its text kept; nothing else is left unread."""
    extraction = {e.source: e for e in corpus.extractions}[expected["document"]]
    other = {s["line"] for s in expected.get("sections", []) if s["topic"] == "other"}
    assert {line for line, _, _ in extraction.report.unrecognised} == other
    assert extraction.report.unplaced == []


def test_the_manifest_lists_every_document_and_its_expectation():
    listed = {entry["file"] for entry in tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["source"]}
    assert listed == {path.name for path in CORPUS.glob("*.txt")} == {e["document"] for e in EXPECTED}
    kinds = [e["shape"] for e in EXPECTED]
    assert min(kinds.count(kind) for kind in ("drug-database-page", "monograph", "trials-overview")) >= 3


# ---- the corpus beside the bundled sources -------------------------------------------------------------


def test_documents_about_one_drug_are_one_drug_in_any_order(combined_db):
    with Store(combined_db) as store:
        names = [d.name for d in store.drugs()]
        assert len(names) == len(set(names)) == 10
        for drug, files in (("aldesleukin", {"002_12ec28ba8c7864ed.txt", "ddp_aldesleukin.txt"}),
                            ("lifileucel", {"ddp_lifileucel.txt", "mono_lifileucel.txt"}),
                            ("pembrolizumab", {"ddp_pembrolizumab.txt", "ctov_pembrolizumab.txt"})):
            assert {s.id for s in store.drug(drug).sources} == files, drug


def test_two_sources_that_disagree_about_an_agency_are_both_shown(combined_db):
    """The 2023 monograph says lifileucel is not FDA-approved; the 2024 page lists Amtagvi's approval."""
    with Store(combined_db) as store:
        fda = next(a for a in store.approvals("lifileucel") if a.agency == "FDA")
        findings = {(f.finding, f.prov.source) for f in (fda, *fda.also)}
        assert findings == {("not approved", "mono_lifileucel.txt"), ("approved", "ddp_lifileucel.txt")}


def test_a_trial_two_documents_give_different_statuses_keeps_both(combined_db):
    """KEYNOTE-006 is 'Active, not recruiting' on the page and 'Completed' in the overview."""
    with Store(combined_db) as store:
        trial = store.find_trial("NCT01866319")
        assert set(trial.statuses) == {"Active, not recruiting", "Completed"}
        sources = {v.prov.source for v in trial.values if v.field == "status"} | {trial.prov.source}
        assert sources == {"ddp_pembrolizumab.txt", "ctov_pembrolizumab.txt"}
        for status in trial.statuses:
            assert "NCT01866319" in {t.trial_id for t in store.trials(TrialQuery(drug_id="pembrolizumab", status=status))}


def test_trials_merge_only_on_a_shared_registry_id(combined_db):
    with Store(combined_db) as store:
        ids = [t.trial_id for t in store.trials(TrialQuery()) if t.trial_id]
        by_drug = {}
        for trial in store.trials(TrialQuery()):
            if trial.trial_id:
                by_drug.setdefault(trial.drug_id, []).append(trial.trial_id)
        for drug, found in by_drug.items():
            assert len(found) == len(set(found)), drug
        # NCT05727904 is aldesleukin's (002) and lifileucel's (TILVANCE-301): one trial per drug, not merged across drugs.
        assert {t.drug_id for t in store.trials(TrialQuery(text="NCT05727904"))} >= {"aldesleukin", "lifileucel"}
        assert ids


def test_the_status_badge_tells_each_source_s_status_with_its_date(combined_db):
    with Store(combined_db) as store:
        assert store.drug_summary("lifileucel").status == "Investigational (as of 2023-11) · Approved: FDA (as of 2024-03-21)"
        assert store.drug_summary("pembrolizumab").status == "Approved: FDA, EMA, HSA and 4 more"
        assert store.drug_summary("bempegaldesleukin").status == "Investigational"  # one source: no dates needed


HOLDOUT = Path(__file__).parent / "corpus_holdout"


@pytest.fixture(scope="module")
def holdout():
    return corpus_check.run(HOLDOUT)


def test_the_second_corpus_gives_no_wrong_fact(holdout):
    """The documents written apart from the readers (tests/corpus_holdout): a fact may still be missed
    (its text is kept), but none is read wrongly."""
    wrong = [f"{result.document}: {line}" for result in holdout for line in result.wrong]
    assert wrong == [], "\n".join(wrong)


def test_advice_under_no_sub_label_takes_its_section_s_heading():
    """mono_osimertinib.txt lines 71–74: four bullets straight under "Practical Points for Patients"; the
    sheet and the pane head the group with that heading, never with an empty or "None" title."""
    extraction = next(e for e in load_corpus(HOLDOUT).extractions if e.source == "mono_osimertinib.txt")
    assert len(extraction.advice) == 4
    assert {a.category for a in extraction.advice} == {"Practical Points for Patients"}


def test_compare_counts_an_early_phase_1_trial_under_its_name(combined_db):
    # ctov_tocilizumab line 17: NCT05528510, "Early Phase 1".
    from desktop.store.compare import compare

    with Store(combined_db) as store:
        comparison = compare(store, ["tocilizumab"])
        by_phase = next(row for row in comparison.rows if row.label == "Trials by phase").cells[0]
        texts = [value.text for value in by_phase]
        early = store.count_trials(TrialQuery(drug_id="tocilizumab", phase="Early 1"))
    assert early >= 1 and f"Early Phase 1: {early}" in texts, texts
