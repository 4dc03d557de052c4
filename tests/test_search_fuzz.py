"""Whatever a person types, search and the trials text filter answer: never an FTS5 syntax error.

User text must never reach FTS5 as syntax (desktop/store/search.py cuts it into quoted prefix
terms), so quotes, AND/OR/NOT/NEAR, parentheses, '*', '-', ':', '^', NUL and emoji are all just text.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.store import Store, TrialQuery
from desktop.store.results import Hit, SearchResult, TrialRow

KINDS = {"drug", "trial", "section", "glossary"}
HOSTILE = [
    '"', "AND", "OR", "NOT", "(", ")", "*", "-x", "col:val", "title:x", "it's", "c++", "\x00", "😀", "NEAR(a b)",
    '""', "^a", "   ",
]
MORE_HOSTILE = [
    "NEAR", "NEAR/2", "a OR", "AND AND", "NOT x", "x NOT", '"unterminated', "((", "))", "{title body}: x",
    "title : NKTR", "body:melanoma", "-", "--", "+", "^", ":", "*x", "x*", "**", "a AND (b OR", "\\", "'",
    "%", "_", "%_%", "NKTR-214 OR 1=1", "'; DROP TABLE trials; --", "\t\n\r", "\u200b", "\ufeff", "ǅ", "İ",
    "\u0301", "x\u0301", "١٢٣", "ﬁ", "𝔸𝔹", "🇪🇺", "a\x00b", "\x00" * 5, "NKTR\x00214", "x" * 5000,
    " ".join(["melanoma"] * 40), "1/2", "Phase 1/2a", "2025-521227-70-00", "NCT*", "nct0424*",
]
OPERATORS = ['"', "AND", "OR", "NOT", "NEAR", "(", ")", "*", "-", ":", "^", "+", "'", "\x00", "😀", "{", "}", ",", "/"]
WORDS = ["NKTR-214", "nktr", "214", "melanoma", "Aldesleukin", "aldeslukin", "Phase", "2", "title", "body", "trial_id", "a", "x"]


@pytest.fixture(scope="module")
def fuzz_store(seed_db: Path):
    """One read-only Store for the whole module: Hypothesis calls the test hundreds of times."""
    with Store(seed_db) as store:
        yield store


hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list('"()*-:^+~ \x00\'{},/😀aANDORNOTnear12')), max_size=40),
    st.lists(st.sampled_from(OPERATORS + WORDS), max_size=10).map(" ".join),
    st.lists(st.sampled_from(OPERATORS + WORDS), max_size=10).map("".join),
    st.sampled_from(HOSTILE + MORE_HOSTILE),
)

FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,  # write no example database into the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_search(store: Store, text: str, limit: int = 50) -> SearchResult:
    result = store.search(text, limit)
    assert isinstance(result, SearchResult)
    assert isinstance(result.hits, list)
    assert len(result.hits) <= max(1, min(limit, 500))
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)
    for hit in result.hits:
        assert isinstance(hit, Hit)
        assert hit.kind in KINDS
        assert isinstance(hit.title, str) and isinstance(hit.snippet, str)
        assert "\x02" not in hit.snippet and "\x03" not in hit.snippet  # private highlight markers removed
        for start, end in hit.highlights:
            assert 0 <= start <= end <= len(hit.snippet)
    if result.hits:
        assert result.suggestion is None  # a suggestion only ever replaces an empty answer
    else:
        assert result.suggestion is None or (isinstance(result.suggestion, str) and result.suggestion.strip())
    return result


def check_trials(store: Store, text: str) -> list[TrialRow]:
    query = TrialQuery(text=text)
    trials = store.trials(query)
    assert isinstance(trials, list)
    assert all(isinstance(t, TrialRow) for t in trials)
    assert store.count_trials(query) == len(trials)
    assert len({t.key for t in trials}) == len(trials)
    return trials


@FUZZ
@given(text=hostile_text)
def test_search_never_raises(fuzz_store: Store, text: str):
    check_search(fuzz_store, text)


@FUZZ
@given(text=hostile_text)
def test_trials_text_filter_never_raises(fuzz_store: Store, text: str):
    check_trials(fuzz_store, text)


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text, limit=st.integers(min_value=-10**6, max_value=10**6))
def test_search_any_limit(fuzz_store: Store, text: str, limit: int):
    check_search(fuzz_store, text, limit)


@pytest.mark.parametrize("text", HOSTILE + MORE_HOSTILE)
def test_hostile_input(fuzz_store: Store, text: str):
    check_search(fuzz_store, text)
    trials = check_trials(fuzz_store, text)
    if not text.strip():
        assert len(trials) == fuzz_store.count_trials()  # a blank filter is no filter
    elif not any(ch.isalnum() for ch in text):
        assert trials == []  # text with no word in it matches nothing, rather than everything


@pytest.mark.parametrize("text", ["AND", "OR", "NOT", "NEAR"])
def test_operators_are_searched_as_words(fuzz_store: Store, text: str):
    """'AND' is the word "and", not an FTS5 operator: it finds passages containing it."""
    result = check_search(fuzz_store, text)
    lowered = text.casefold()
    assert result.hits
    assert any(lowered in hit.snippet.casefold() or lowered in hit.title.casefold() for hit in result.hits)


def test_quotes_and_column_syntax_do_not_change_meaning(fuzz_store: Store):
    """Wrapping a term in FTS5 syntax finds the same trials as the bare term."""
    plain = [t.key for t in check_trials(fuzz_store, "melanoma")]
    assert plain
    for decorated in ('"melanoma"', "(melanoma)", "melanoma*", "-melanoma", "^melanoma", "+melanoma", "melanoma:", " melanoma "):
        assert [t.key for t in check_trials(fuzz_store, decorated)] == plain, decorated
    # A column filter is searched as two words ("conditions" and "melanoma"), never as FTS5 syntax.
    assert set(t.key for t in check_trials(fuzz_store, "conditions:melanoma")) <= set(plain)


def test_nul_is_a_space(fuzz_store: Store):
    assert [h.title for h in check_search(fuzz_store, "NKTR\x00214").hits] == [
        h.title for h in check_search(fuzz_store, "NKTR 214").hits
    ]
