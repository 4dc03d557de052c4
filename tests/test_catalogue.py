"""The personal catalogue (desktop.catalogue): review changes nothing, accept adds, remove and restore,
the rebuild after an upgrade, refused documents, a killed add, a read-only data folder."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tomllib
from dataclasses import asdict
from pathlib import Path

import pytest
from catalogue_helpers import CORPUS, REPO, without_keys

from desktop.catalogue import Catalogue, CatalogueError, accept, remove, restore, review
from desktop.catalogue.changes import forget_removed
from desktop.catalogue.planning import LARGEST_DOCUMENT
from desktop.ingest.kinds import as_of_date, detect, stated_as_of
from desktop.ingest.limits import LONGEST_WORD
from desktop.store import Store, TrialQuery

CORPORA = [REPO / "data" / "sources", REPO / "tests" / "corpus", REPO / "tests" / "corpus_holdout"]
MANIFESTED = [(folder / entry["file"], entry) for folder in CORPORA
              for entry in tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))["source"]]
SEED_DRUGS = ["Aldesleukin", "Bempegaldesleukin", "Nemvaleukin alfa"]
# What adding each corpus document beside the seed must show (checked by hand against the passages): the
# drug it is about, whether the seed has it, and its disagreements with the seed's trials.
CONFLICTS = {
    "ddp_aldesleukin.txt": {("NCT05727904 status", "Authorised", "Recruiting")},
    "ddp_lifileucel.txt": {("NCT05727904 status", "Authorised", "Recruiting"),
                           ("NCT03645928 status", "Completed", "Recruiting")},
}


@pytest.fixture()
def catalogue(tmp_path, monkeypatch, seed_db) -> Catalogue:
    monkeypatch.setenv("DRUGREF_DB", str(seed_db))  # the bundled database the catalogue starts from
    return Catalogue(tmp_path / "data")


def names(store: Store) -> list[str]:
    return [d.name for d in store.drugs()]


def trial_answers(store: Store, drug_id: str) -> list:
    return without_keys([asdict(t) for t in store.trials(TrialQuery(drug_id=drug_id))])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


# ---- kinds and dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("path, entry", MANIFESTED, ids=[p.name for p, _ in MANIFESTED])
def test_every_known_document_s_kind_is_detected(path, entry):
    detection = detect(path.name, path.read_text(encoding="utf-8"))
    assert detection.shape == entry["shape"], detection.problem


@pytest.mark.parametrize("path, entry", MANIFESTED, ids=[p.name for p, _ in MANIFESTED])
def test_a_stated_date_is_the_manifest_s_or_none_never_another(path, entry):
    stated = stated_as_of(path.read_text(encoding="utf-8"))
    if stated is not None:
        assert stated == (entry["as_of"], entry["as_of_quote"])


def test_text_of_no_known_kind_is_unsure_and_says_how_to_choose():
    detection = detect("README.md", (REPO / "README.md").read_text(encoding="utf-8"))
    assert detection.shape is None
    for kind in ("drug-database-page", "monograph", "trials-overview", "--kind"):
        assert kind in detection.problem


@pytest.mark.parametrize("text, iso", [("Sep 26, 2025", "2025-09-26"), ("9 October 2025", "2025-10-09"),
                                       ("January 2025", "2025-01"), ("2025", "2025"), ("2025-06-02", "2025-06-02"),
                                       ("Smarch 2025", None), ("13/2025", None)])
def test_dates_read_as_iso(text, iso):
    assert as_of_date(text) == iso


def test_a_date_inside_a_sentence_is_not_the_document_s():
    assert stated_as_of("Aldesleukin\nAs of March 2026, the drug is not approved.\n") is None
    assert stated_as_of("Aldesleukin\nAs of March 2026\n") == ("2026-03", "As of March 2026")


# ---- review ------------------------------------------------------------------------------------------

def test_review_changes_nothing(catalogue, tmp_path):
    before = snapshot(tmp_path)
    plan = review(catalogue, [CORPUS / "ddp_aldesleukin.txt", CORPUS / "mono_ipilimumab.txt"])
    assert plan.acceptable and len(plan.accepted) == 2
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_each_corpus_document_beside_the_seed(catalogue, path):
    expected = tomllib.loads(path.with_suffix(".expected.toml").read_text(encoding="utf-8"))
    plan = review(catalogue, [path])
    document = plan.documents[0]
    assert document.problem is None and document.detected and document.shape == expected["shape"]
    existing = expected["drug"] in SEED_DRUGS
    assert [(d.name, d.new) for d in document.drugs] == [(expected["drug"], not existing)]
    assert {(c.subject, c.catalogue_value, c.new_value) for c in document.conflicts} == CONFLICTS.get(path.name, set())
    changes = accept(catalogue, plan)
    assert changes.new_drugs == ([] if existing else [expected["drug"]])
    assert {(c.subject, c.before, c.after) for c in changes.changed} == CONFLICTS.get(path.name, set())
    with Store(catalogue.database_to_open()) as store:
        assert store.path == catalogue.database
        assert names(store) == sorted(SEED_DRUGS + ([] if existing else [expected["drug"]]), key=str.casefold)
        drug = store.find_drug(expected["drug"])
        trial_ids = {t.trial_id for t in store.trials(TrialQuery(drug_id=drug.id))} | {
            i for t in store.trials(TrialQuery(drug_id=drug.id)) for i in t.other_ids}
        for trial in expected.get("trials", []):
            if trial.get("trial_id"):
                assert trial["trial_id"] in trial_ids
        assert path.name in {s.id for s in store.drug(drug.id).sources}


def test_an_existing_drug_s_new_document_merges_into_it(catalogue):
    accept(catalogue, review(catalogue, [CORPUS / "ddp_aldesleukin.txt"]))
    with Store(catalogue.database) as store:
        record = store.drug("aldesleukin")
        assert [s.id for s in record.sources] == ["002_12ec28ba8c7864ed.txt", "ddp_aldesleukin.txt"]
        (trial,) = store.trials(TrialQuery(drug_id="aldesleukin", text="NCT05727904"))
        statuses = {trial.status, *(v.value for v in trial.values if v.field == "status")}
        assert {"Authorised", "Recruiting"} <= statuses  # both kept, each with its passage
        assert {a.agency: a.finding for a in record.approvals}["FDA"] == "approved"


def test_an_agency_disagreement_is_a_conflict(catalogue):
    accept(catalogue, review(catalogue, [CORPUS / "mono_lifileucel.txt"]))
    document = review(catalogue, [CORPUS / "ddp_lifileucel.txt"]).documents[0]
    (fda,) = [c for c in document.conflicts if c.subject == "FDA finding for Lifileucel"]
    assert fda.catalogue_value.startswith("not approved") and fda.new_value.startswith("approved")
    assert fda.catalogue_source.source == "mono_lifileucel.txt" and fda.new_source.source == "ddp_lifileucel.txt"
    assert [(d.name, d.new) for d in document.drugs] == [("Lifileucel", False)]


def test_title_and_date_given_override_and_are_said_to_be_given(catalogue):
    plan = review(catalogue, [CORPUS / "mono_ipilimumab.txt"], kind="monograph", title="My notes", as_of="2024-05")
    document = plan.documents[0]
    assert (document.title, document.as_of, document.as_of_quote, document.as_of_given_by_user, document.detected) == (
        "My notes", "2024-05", None, True, False)
    accept(catalogue, plan)
    (entry,) = [e for e in catalogue.documents() if not e.bundled]
    assert (entry.title, entry.as_of, entry.as_of_quote, entry.as_of_given_by_user) == ("My notes", "2024-05", None, True)
    assert catalogue.needs_rebuild() is False
    catalogue.rebuild()  # the user's date survives a rebuild from the manifest
    assert [e.as_of for e in catalogue.documents() if not e.bundled] == ["2024-05"]


def test_a_wrong_kind_or_date_is_refused_before_anything(catalogue):
    with pytest.raises(CatalogueError, match="--kind"):
        review(catalogue, [CORPUS / "mono_ipilimumab.txt"], kind="leaflet")
    with pytest.raises(CatalogueError, match="--as-of"):
        review(catalogue, [CORPUS / "mono_ipilimumab.txt"], as_of="May 2024")


# ---- refused documents ------------------------------------------------------------------------------

def refusals(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    made = {
        "binary": (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8 text"),
        "nul": (b"Aldesleukin\n\x00\n", "a NUL byte"),
        "long word": (("Ipilimumab (Yervoy)\n" + "x" * (LONGEST_WORD + 1) + "\n").encode(), "a word of"),
        "unsure": ((REPO / "README.md").read_bytes(), "--kind"),
        "same text": ((REPO / "data" / "sources" / "000_d1e456e14f737604.txt").read_bytes(), "already in the catalogue"),
    }
    found = {}
    tmp_path.mkdir(parents=True, exist_ok=True)
    for label, (data, why) in made.items():
        path = tmp_path / f"{label.replace(' ', '_')}.txt"
        path.write_bytes(data)
        found[label] = (path, why)
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: the size is checked before anything is read
        handle.truncate(LARGEST_DOCUMENT + 1)
    found["over 20 MB"] = (big, "over the 20 MB")
    return found


def test_refused_documents_say_why_and_change_nothing(catalogue, tmp_path):
    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt"]))
    before = snapshot(catalogue.data_dir)
    cases = refusals(tmp_path / "in")
    plan = review(catalogue, [path for path, _ in cases.values()])
    for document, (label, (path, why)) in zip(plan.documents, cases.items()):
        assert document.problem and why in document.problem, (label, document.problem)
    assert not plan.acceptable
    with pytest.raises(CatalogueError, match="nothing to add"):
        accept(catalogue, plan)
    assert snapshot(catalogue.data_dir) == before


def test_refused_documents_are_skipped_and_the_rest_added(catalogue, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    plan = review(catalogue, [bad, CORPUS / "mono_ipilimumab.txt"])
    assert plan.acceptable
    changes = accept(catalogue, plan)
    assert changes.documents == ["mono_ipilimumab.txt"] and "not UTF-8" in changes.skipped[0]


def test_a_plan_accepted_twice_adds_once(catalogue):
    plan = review(catalogue, [CORPUS / "mono_ipilimumab.txt"])
    accept(catalogue, plan)
    with pytest.raises(CatalogueError, match="already in the catalogue"):
        accept(catalogue, plan)
    assert [e.name for e in catalogue.documents() if not e.bundled] == ["mono_ipilimumab.txt"]


def test_the_same_file_twice_in_one_add_is_added_once(catalogue):
    plan = review(catalogue, [CORPUS / "mono_ipilimumab.txt", CORPUS / "mono_ipilimumab.txt"])
    assert [d.problem is None for d in plan.documents] == [True, False]
    assert "the same text as mono_ipilimumab.txt, earlier in this add" in plan.documents[1].problem


# ---- atomicity and folders ----------------------------------------------------------------------------

def test_a_killed_add_leaves_the_previous_catalogue(catalogue, monkeypatch):
    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt"]))
    before = snapshot(catalogue.data_dir)
    plan = review(catalogue, [CORPUS / "ddp_sotorasib.txt"])

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt  # as a kill would, mid-write of the copy

    monkeypatch.setattr("desktop.catalogue.update.write_meta", killed)
    with pytest.raises(KeyboardInterrupt):
        accept(catalogue, plan)
    assert snapshot(catalogue.data_dir) == before
    with Store(catalogue.database_to_open()) as store:
        assert "Sotorasib" not in names(store) and "Ipilimumab" in names(store)


def test_a_read_only_data_folder_is_said_clearly(catalogue, monkeypatch):
    catalogue.data_dir.mkdir(parents=True)
    plan = review(catalogue, [CORPUS / "mono_ipilimumab.txt"])
    before = snapshot(catalogue.data_dir)
    # As root every folder is writable, so the folder's answer is what is made read-only here.
    monkeypatch.setattr("desktop.catalogue.folder.os.access", lambda path, mode: False)
    with pytest.raises(CatalogueError, match=f"cannot write to the folder .*{catalogue.data_dir.name}.*permission denied"):
        accept(catalogue, plan)
    assert snapshot(catalogue.data_dir) == before


def test_a_failed_write_is_said_with_its_file(catalogue, monkeypatch):
    plan = review(catalogue, [CORPUS / "mono_ipilimumab.txt"])

    def refused(target, data):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr("desktop.catalogue.changes.write_bytes", refused)
    with pytest.raises(CatalogueError, match="cannot write .*mono_ipilimumab.txt: Permission denied"):
        accept(catalogue, plan)
    assert not catalogue.database.exists() and catalogue.database_to_open() == Path(os.environ["DRUGREF_DB"])


def test_a_data_folder_that_is_a_file_is_said_clearly(catalogue):
    catalogue.data_dir.parent.mkdir(parents=True, exist_ok=True)
    catalogue.data_dir.write_text("not a folder")
    plan = review(catalogue, [CORPUS / "mono_ipilimumab.txt"])
    with pytest.raises(CatalogueError, match="cannot create the folder"):
        accept(catalogue, plan)


def test_the_default_data_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Catalogue().data_dir == tmp_path / "xdg" / "DrugRef"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert Catalogue().data_dir == tmp_path / "home" / ".local" / "share" / "DrugRef"


# ---- listing, remove, undo, history ----------------------------------------------------------------

def test_bundled_database_until_the_user_adds(catalogue, seed_db):
    assert catalogue.database_to_open() == seed_db
    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt"]))
    assert catalogue.database_to_open() == catalogue.database
    listed = catalogue.documents()
    assert [(e.bundled, e.added is None) for e in listed] == [(True, True)] * 3 + [(False, False)]
    assert listed[-1].drugs == ["Ipilimumab"] and listed[-1].kind == "Drug monograph"
    copied = catalogue.sources_dir / "mono_ipilimumab.txt"
    assert copied.read_bytes() == (CORPUS / "mono_ipilimumab.txt").read_bytes()  # verbatim


def test_remove_and_undo(catalogue, seed_db):
    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt", CORPUS / "ddp_aldesleukin.txt"]))
    with Store(catalogue.database) as store:
        before = store.drug("aldesleukin")
    changes = remove(catalogue, "ddp_aldesleukin.txt")
    assert changes.removed_drugs == [] and "NCT01416831 (Aldesleukin)" in changes.removed_trials
    with Store(catalogue.database) as store, Store(seed_db) as seed:
        assert [s.id for s in store.drug("aldesleukin").sources] == ["002_12ec28ba8c7864ed.txt"]
        assert trial_answers(store, "aldesleukin") == trial_answers(seed, "aldesleukin")
    changes = remove(catalogue, "mono_ipilimumab.txt")
    assert changes.removed_drugs == ["Ipilimumab"]
    assert catalogue.database_to_open() == seed_db  # nothing of the user's left
    restore(catalogue, "ddp_aldesleukin.txt")
    with Store(catalogue.database_to_open()) as store:
        assert [s.id for s in store.drug("aldesleukin").sources] == [s.id for s in before.sources]
        assert names(store) == SEED_DRUGS
    assert [c.action for c in catalogue.changes()] == ["add", "remove", "remove", "restore"]
    forget_removed(catalogue)
    with pytest.raises(CatalogueError, match="not removed in this session"):
        restore(catalogue, "mono_ipilimumab.txt")


def test_a_bundled_document_cannot_be_removed(catalogue):
    with pytest.raises(CatalogueError, match="bundled"):
        remove(catalogue, "000_d1e456e14f737604.txt")
    with pytest.raises(CatalogueError, match="no document named"):
        remove(catalogue, "nothing.txt")


def test_changes_are_kept_as_json(catalogue):
    accept(catalogue, review(catalogue, [CORPUS / "ddp_aldesleukin.txt"]))
    (kept,) = json.loads(catalogue.changes_file.read_text(encoding="utf-8"))
    assert kept["changed"] == [{"subject": "NCT05727904 status", "before": "Authorised", "after": "Recruiting",
                                "source": "ddp_aldesleukin.txt"}]
    assert catalogue.changes()[0].changed[0].after == "Recruiting"


def test_the_copy_is_what_was_reviewed_byte_for_byte(catalogue, tmp_path):
    original = (CORPUS / "mono_ipilimumab.txt").read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + original)  # a BOM and CRLF line ends, as some editors save
    plan = review(catalogue, [path])
    path.write_bytes(b"changed after the review")
    accept(catalogue, plan)
    assert (catalogue.sources_dir / "windows.txt").read_bytes() == b"\xef\xbb\xbf" + original


def test_a_name_the_catalogue_has_gets_a_free_one(catalogue, tmp_path):
    other = tmp_path / "elsewhere" / "000_d1e456e14f737604.txt"
    other.parent.mkdir()
    shutil.copyfile(CORPUS / "mono_ipilimumab.txt", other)
    changes = accept(catalogue, review(catalogue, [other]))
    assert changes.documents == ["000_d1e456e14f737604 (2).txt"]
    with Store(catalogue.database) as store:
        record = store.drug("ipilimumab")
        assert {a.prov.source for a in record.adverse_effects} == {"000_d1e456e14f737604 (2).txt"}


# ---- rebuild after an upgrade -----------------------------------------------------------------------

def test_new_bundled_sources_rebuild_the_catalogue_and_keep_the_user_s(catalogue, monkeypatch, tmp_path):
    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt"]))
    assert not catalogue.needs_rebuild()
    upgraded = tmp_path / "upgraded.sqlite"
    shutil.copyfile(os.environ["DRUGREF_DB"], upgraded)
    with sqlite3.connect(upgraded) as connection:  # the upgrade's bundled sources are other documents
        connection.execute("UPDATE meta SET value = 'other' WHERE key = 'sources_sha256'")
    monkeypatch.setenv("DRUGREF_DB", str(upgraded))
    assert catalogue.needs_rebuild()
    steps = []
    catalogue.rebuild(lambda done, total, message: steps.append((done, total)))
    assert not catalogue.needs_rebuild() and steps[-1][0] == steps[-1][1]
    with Store(catalogue.database_to_open()) as store:
        assert "Ipilimumab" in names(store)


@pytest.mark.parametrize("key", ["schema_version", "schema_digest"])  # another schema, or other indexes
def test_a_catalogue_of_an_older_schema_is_rebuilt(catalogue, key):
    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt"]))
    assert not catalogue.needs_rebuild()
    with sqlite3.connect(catalogue.database) as connection:
        connection.execute("UPDATE meta SET value = 'older' WHERE key = ?", (key,))
    assert catalogue.needs_rebuild()
    catalogue.rebuild()
    with Store(catalogue.database_to_open()) as store:
        assert "Ipilimumab" in names(store)


def test_an_add_killed_before_the_manifest_is_written_is_followed_by_the_manifest(catalogue, monkeypatch):
    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt"]))
    plan = review(catalogue, [CORPUS / "ddp_sotorasib.txt"])

    def killed(*_args):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:  # undoing it all would drop the fixture's DRUGREF_DB as well
        patched.setattr(Catalogue, "write_manifest", killed)
        with pytest.raises(KeyboardInterrupt):
            accept(catalogue, plan)
    assert catalogue.needs_rebuild()  # the database is newer than the manifest
    catalogue.rebuild()
    with Store(catalogue.database_to_open()) as store:
        assert "Sotorasib" not in names(store) and "Ipilimumab" in names(store)


KILLED_ADD = """
import sys, threading
from pathlib import Path
import desktop.catalogue.update as update
from desktop.catalogue import Catalogue, accept, review

def stop_here(*args, **kwargs):  # mid-write: the copy is made and half re-written
    print("writing", flush=True)
    threading.Event().wait()  # until killed

update.write_meta = stop_here
catalogue = Catalogue(Path(sys.argv[1]))
accept(catalogue, review(catalogue, [Path(sys.argv[2])]))
"""


def test_a_process_killed_mid_add_leaves_the_previous_catalogue(catalogue):
    import signal
    import subprocess
    import sys

    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt"]))
    before = snapshot(catalogue.data_dir)
    child = subprocess.Popen([sys.executable, "-c", KILLED_ADD, str(catalogue.data_dir), str(CORPUS / "ddp_sotorasib.txt")],
                             cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "writing"
        leftovers = [p.name for p in catalogue.data_dir.iterdir() if p.name.startswith(".catalogue.sqlite.tmp-")]
        assert leftovers  # the copy being written, beside the catalogue
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    after = snapshot(catalogue.data_dir)
    assert {k: v for k, v in after.items() if not k.startswith((".catalogue.sqlite.tmp-", "sources/ddp_sotorasib"))} == before
    with Store(catalogue.database_to_open()) as store:
        assert "Sotorasib" not in names(store) and "Ipilimumab" in names(store)
    assert not catalogue.needs_rebuild()
    accept(catalogue, review(catalogue, [CORPUS / "ddp_sotorasib.txt"]))  # and the next add tidies the leftover
    assert not [p for p in catalogue.data_dir.iterdir() if p.name.startswith(".catalogue.sqlite.tmp-")]
    with Store(catalogue.database_to_open()) as store:
        assert "Sotorasib" in names(store)


def test_a_document_deleted_by_hand_can_still_be_removed(catalogue):
    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt", CORPUS / "ddp_sotorasib.txt"]))
    (catalogue.sources_dir / "ddp_sotorasib.txt").unlink()
    with sqlite3.connect(catalogue.database) as connection:  # and an upgrade: the catalogue must be rebuilt
        connection.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    with pytest.raises(CatalogueError, match="ddp_sotorasib.txt"):
        catalogue.rebuild()  # says which document it cannot read
    changes = remove(catalogue, "ddp_sotorasib.txt")
    assert changes.removed_drugs == ["Sotorasib"]
    assert not catalogue.needs_rebuild()
    with Store(catalogue.database_to_open()) as store:
        assert names(store) == ["Aldesleukin", "Bempegaldesleukin", "Ipilimumab", "Nemvaleukin alfa"]


def test_a_trial_s_phase_given_differently_is_a_conflict(catalogue, tmp_path):
    text = (CORPUS / "ddp_aldesleukin.txt").read_text(encoding="utf-8")
    changed = tmp_path / "aldesleukin_phase.txt"
    changed.write_text(text.replace("NCT05727904\nPhase 3\nRecruiting", "NCT05727904\nPhase 2\nAuthorised", 1),
                       encoding="utf-8")
    (document,) = review(catalogue, [changed]).documents
    found = {(c.subject, c.catalogue_value, c.new_value) for c in document.conflicts}
    # The seed's table says Phase 3 (and Authorised, which this copy now agrees with, so no status conflict
    # with it; the seed's second passage says Recruiting, which it contradicts).
    assert ("NCT05727904 phase", "Phase 3", "Phase 2") in found
    assert ("NCT05727904 status", "Recruiting", "Authorised") in found
    assert not any(subject == "NCT05727904 status" and held == "Authorised" for subject, held, _ in found)
