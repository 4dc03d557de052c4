"""The catalogue's incremental update answers as a full build of the same documents does: the drug list,
every record, every trial, search and "did you mean" — compared through Store's public methods only."""
from __future__ import annotations

import pytest
from catalogue_helpers import CORPUS, answers, full_build, words_of

from desktop.catalogue import Catalogue, accept, remove, review
from desktop.store import Store


@pytest.fixture()
def catalogue(tmp_path, monkeypatch, seed_db) -> Catalogue:
    monkeypatch.setenv("DRUGREF_DB", str(seed_db))
    return Catalogue(tmp_path / "data")


def assert_same_as_full_build(catalogue: Catalogue, tmp_path, words: list[str]) -> None:
    full = full_build(catalogue, tmp_path / "full.sqlite")
    with Store(catalogue.database_to_open()) as incremental, Store(full) as built:
        ours, theirs = answers(incremental, words), answers(built, words)
    differing = [key for key in theirs if ours.get(key) != theirs[key]]
    assert not differing, f"incremental and full build differ in {differing}"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_adding_one_document_answers_as_a_full_build(catalogue, tmp_path, path):
    accept(catalogue, review(catalogue, [path]))
    assert_same_as_full_build(catalogue, tmp_path, words_of(path))


def test_adds_one_after_another_and_documents_about_one_drug(catalogue, tmp_path):
    order = ["mono_lifileucel.txt", "ddp_pembrolizumab.txt", "ddp_lifileucel.txt", "ctov_pembrolizumab.txt",
             "ddp_aldesleukin.txt"]
    for name in order:
        accept(catalogue, review(catalogue, [CORPUS / name]))
    words = [w for name in order for w in words_of(CORPUS / name, 6)]
    assert_same_as_full_build(catalogue, tmp_path, words)


def test_several_documents_in_one_add(catalogue, tmp_path):
    paths = [CORPUS / "ctov_nivolumab.txt", CORPUS / "mono_ipilimumab.txt", CORPUS / "ddp_sotorasib.txt"]
    accept(catalogue, review(catalogue, paths))
    assert_same_as_full_build(catalogue, tmp_path, [w for p in paths for w in words_of(p, 6)])


def test_removing_answers_as_a_full_build_of_what_is_left(catalogue, tmp_path):
    paths = [CORPUS / "mono_lifileucel.txt", CORPUS / "ddp_lifileucel.txt", CORPUS / "ddp_aldesleukin.txt"]
    accept(catalogue, review(catalogue, paths))
    remove(catalogue, "mono_lifileucel.txt")
    remove(catalogue, "ddp_aldesleukin.txt")
    assert_same_as_full_build(catalogue, tmp_path, [w for p in paths for w in words_of(p, 8)])


def test_did_you_mean_learns_and_forgets_a_word_only_the_new_document_has(catalogue, seed_db):
    with Store(seed_db) as seed:
        assert seed.search("ipilimumab").hits == [] and seed.search("ipilimumb").suggestion is None
    accept(catalogue, review(catalogue, [CORPUS / "mono_ipilimumab.txt"]))
    with Store(catalogue.database) as store:
        assert store.search("ipilimumb").suggestion == "ipilimumab"
        assert any(hit.drug == "Ipilimumab" for hit in store.search("ipilimumab").hits)
    accept(catalogue, review(catalogue, [CORPUS / "ddp_sotorasib.txt"]))
    remove(catalogue, "mono_ipilimumab.txt")
    with Store(catalogue.database) as store:
        assert store.search("ipilimumb").suggestion is None
        assert store.search("sotorasb").suggestion == "sotorasib"


def test_a_document_read_again_keeps_what_its_first_reading_reported(catalogue, tmp_path):
    """The database keeps a document's text without its control characters; read again from there (when a
    later document about the same drug comes), its report must still list the lines that had them."""
    text = (CORPUS / "ddp_aldesleukin.txt").read_text(encoding="utf-8")
    with_escapes = tmp_path / "in" / "aldesleukin_escapes.txt"
    with_escapes.parent.mkdir()
    with_escapes.write_text(text.replace("Aldesleukin is", "\x1b[31mAldesleukin is\x1b[0m", 1), encoding="utf-8")
    later = tmp_path / "in" / "aldesleukin_later.txt"
    later.write_text(text + "\nA note added later.\n", encoding="utf-8")
    accept(catalogue, review(catalogue, [with_escapes]))
    with Store(catalogue.database) as store:
        assert store.source("aldesleukin_escapes.txt").report["removed"]
    accept(catalogue, review(catalogue, [later]))
    assert_same_as_full_build(catalogue, tmp_path, words_of(later, 6))
