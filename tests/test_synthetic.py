"""The synthetic benchmark catalogue, built through the real store code at a small size."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import nearest_by_scan

from desktop import cli
from desktop.ingest.synthetic import cas_number, drug_name, synthetic_documents, trial_counts
from desktop.ingest.identity import cas_checksum_ok
from desktop.store import Store, TrialQuery
from desktop.store.build import write_database
from desktop.store.search import fts_query, suggest

DRUGS, TRIALS = 40, 6000


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory) -> Path:
    return write_database(synthetic_documents(DRUGS, TRIALS, seed=3), tmp_path_factory.mktemp("syn") / "s.sqlite")


def test_the_catalogue_has_exactly_the_asked_size_and_skew(synthetic_db):
    counts = trial_counts(DRUGS, TRIALS)
    assert sum(counts) == TRIALS and counts[0] > 5 * counts[-1]
    large = trial_counts(10_000, 500_000)
    assert sum(large) == 500_000 and large[0] > 1000 and large[-1] < 20  # a few drugs hold thousands
    with Store(synthetic_db) as store:
        assert len(store.drugs()) == DRUGS
        assert store.count_trials() == TRIALS


def test_generated_identifiers_are_valid_and_unique():
    names = {drug_name(i) for i in range(10_000)}
    assert len(names) == 10_000
    assert all(cas_checksum_ok(cas_number(i)) for i in range(0, 10_000, 97))


def test_same_seed_same_bytes(tmp_path):
    first = write_database(synthetic_documents(12, 300, seed=5), tmp_path / "a.sqlite")
    second = write_database(synthetic_documents(12, 300, seed=5), tmp_path / "b.sqlite")
    assert first.read_bytes() == second.read_bytes()


def test_common_words_come_back_unranked_and_say_so(synthetic_db):
    with Store(synthetic_db) as store:
        result = store.search("phase ", 40)
        assert "trial" in result.many and result.hits
        rare = store.search(drug_name(DRUGS - 1), 40)
        assert "trial" not in rare.many and rare.hits[0].kind == "drug"


def test_only_the_word_being_typed_is_a_prefix():
    assert fts_query("lung canc") == '"lung" "canc"*'
    assert fts_query("lung cancer ") == '"lung" "cancer"'
    assert fts_query("me") == '"me"'  # too short to stand for every word that starts with it


@pytest.mark.parametrize("column", ["posted", "enrollment", "title", "countries", "phase"])
def test_pages_match_a_full_sort_with_empty_values_last(synthetic_db, column):
    for descending in (False, True):
        query = TrialQuery(sort=column, descending=descending, status="Completed")
        with Store(synthetic_db) as store:
            expected = [t.key for t in store.trials(query)]
        with Store(synthetic_db) as store:
            pages = [t.key for offset in (len(expected) - 150, 0, 200) for t in store.trial_page(query, offset, 200)]
        assert pages[:150] == expected[-150:]
        assert pages[150:] == expected[:400]


@pytest.mark.parametrize("text", ["phase", "germany", "melanoma", "lung cancer", "NCT1", drug_name(3)])
def test_text_filter_pages_match_a_full_sort_whichever_way_they_are_found(synthetic_db, text):
    # Depending on how common the text is and how deep the page, a page walks the sort order or
    # collects the matches ("phase", in every trial, filters nothing); the rows must not depend on it.
    for descending in (False, True):
        query = TrialQuery(sort="posted", descending=descending, text=text)
        with Store(synthetic_db) as store:
            expected = [t.key for t in store.trials(query)]
            assert store.count_trials(query) == len(expected)
        with Store(synthetic_db) as store:
            pages = [t.key for offset in range(0, len(expected) + 200, 200) for t in store.trial_page(query, offset, 200)]
        assert pages == expected


def test_synthetic_build_needs_an_output_and_well_formed_size(capsys, tmp_path):
    assert cli.run(["build-db", "--synthetic", "10,100"]) == 1
    assert "--synthetic needs --output" in capsys.readouterr().err
    assert cli.run(["build-db", "--synthetic", "ten", "--output", str(tmp_path / "x.sqlite")]) == 1
    assert "DRUGS,TRIALS" in capsys.readouterr().err


def test_long_prefixes_become_their_completions_with_the_same_matches(synthetic_db):
    import sqlite3

    from desktop.store.search import expand_prefix

    connection = sqlite3.connect(synthetic_db)
    expanded = expand_prefix(connection, '"lung" "pembrolizu"*')
    assert expanded == '"lung" AND ("pembrolizumab")'
    count = "SELECT count(*) FROM trials_fts WHERE trials_fts MATCH ?"
    assert connection.execute(count, (expanded,)).fetchone() == connection.execute(count, ('"lung" "pembrolizu"*',)).fetchone()
    assert expand_prefix(connection, '"nct1234"*') == '"nct1234"*'  # digits: left as a prefix
    assert expand_prefix(connection, '"pem"*') == '"pem"*'          # short: the prefix index serves it


def test_misspelt_names_suggest_what_a_scan_of_the_vocabulary_would(synthetic_db):
    """Names built from the same syllables are each other's near neighbours: the deletion index must
    still pick the nearest, as comparing with every word does."""
    connection = sqlite3.connect(synthetic_db)
    for index in range(DRUGS):
        name = drug_name(index).casefold()
        for typo in (name[:3] + name[4:], name[:5] + "x" + name[5:], name[:2] + name[3] + name[2] + name[4:]):
            if not connection.execute("SELECT 1 FROM vocabulary WHERE word = ?", (typo,)).fetchone():
                assert suggest(connection, typo) == nearest_by_scan(connection, typo), typo
    assert suggest(connection, drug_name(0).casefold()[:-1] + "q") == drug_name(0).casefold()
