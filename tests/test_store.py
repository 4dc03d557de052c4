"""The database and the read-only store: deterministic builds, safe opening, look-up, search, trials, provenance."""
from __future__ import annotations

import os
import random
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import corrupt_copy, nearest_by_scan

from desktop.store.schema import SCHEMA_VERSION

from desktop.ingest.clean import phase_rank
from desktop.store import search as search_module
from desktop.store import NOT_STATED, SORT_COLUMNS, Store, StoreError, TrialQuery, build_database
from desktop.store.results import SearchResult
from desktop.store.schema import TRIAL_TEXT_COLUMNS
from desktop.store.trial_columns import COLUMNS

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "data" / "sources"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

BEMPEG, NEMVA, ALDES = "bempegaldesleukin", "nemvaleukin-alfa", "aldesleukin"
AGENCIES = [
    "FDA", "EMA", "HSA", "NMPA", "PPB", "TGA", "Health Canada", "CIMA AEMPS", "Philippines FDA", "Saudi SFDA",
    "Malaysia NPRA", "UK EMC",
]


def listing(folder: Path) -> list[tuple[str, int, int]]:
    """Every entry of a folder with its size and modification time (nanoseconds)."""
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir())


# ---- the build -----------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(tmp_path: Path, seed_db: Path):
    first = build_database(SOURCES, tmp_path / "one" / "drugref.sqlite")
    second = build_database(SOURCES, tmp_path / "two" / "another name.sqlite")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == seed_db.read_bytes()  # and the same as the session's build


def test_build_leaves_only_the_database(tmp_path: Path):
    output = build_database(SOURCES, tmp_path / "drugref.sqlite")
    assert [p.name for p in tmp_path.iterdir()] == [output.name]


def test_database_uses_journal_mode_delete(seed_db: Path):
    header = seed_db.read_bytes()[:100]
    assert header[:16] == b"SQLite format 3\x00"
    assert (header[18], header[19]) == (1, 1), "file format versions 2/2 would mean WAL"
    connection = sqlite3.connect(f"{seed_db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        connection.close()
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{seed_db}{suffix}").exists()


# ---- opening -------------------------------------------------------------------------------------


def _missing(folder: Path) -> Path:
    return folder / "no such.sqlite"


def _empty(folder: Path) -> Path:
    path = folder / "empty.sqlite"
    path.write_bytes(b"")
    return path


def _text(folder: Path) -> Path:
    path = folder / "notes.sqlite"
    path.write_text("These are not the tables you are looking for.\n" * 200, encoding="utf-8")
    return path


def _folder(folder: Path) -> Path:
    path = folder / "a folder.sqlite"
    path.mkdir()
    return path


def _truncated(folder: Path, seed_db: Path) -> Path:
    path = folder / "truncated.sqlite"
    path.write_bytes(seed_db.read_bytes()[: seed_db.stat().st_size // 2])
    return path


def _header_only(folder: Path, seed_db: Path) -> Path:
    path = folder / "header.sqlite"
    path.write_bytes(seed_db.read_bytes()[:100])
    return path


def _other_sqlite(folder: Path) -> Path:
    path = folder / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    return path


def _old_schema(folder: Path) -> Path:
    path = folder / "old.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    connection.commit()
    connection.close()
    return path


BAD_FILES = {
    "missing": (lambda folder, seed: _missing(folder), "build-db"),
    "empty": (lambda folder, seed: _empty(folder), "empty"),
    "text-file": (lambda folder, seed: _text(folder), "not a readable DrugRef database"),
    "folder": (lambda folder, seed: _folder(folder), "folder"),
    "truncated-database": (_truncated, "not a readable DrugRef database"),
    "header-only": (_header_only, "not a readable DrugRef database"),
    "other-sqlite-database": (lambda folder, seed: _other_sqlite(folder), "not a readable DrugRef database"),
    "old-schema-version": (lambda folder, seed: _old_schema(folder), "schema version 0"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_store_refuses_unusable_file_with_path_in_message(tmp_path: Path, seed_db: Path, case: str):
    make, phrase = BAD_FILES[case]
    path = make(tmp_path, seed_db)
    before = listing(tmp_path)
    with pytest.raises(StoreError) as raised:
        Store(path)
    message = str(raised.value)
    assert str(path) in message
    assert phrase in message
    assert "\n" not in message
    assert listing(tmp_path) == before  # refusing writes nothing either


def test_store_refuses_schema_version_without_tables(tmp_path: Path):
    path = tmp_path / "hollow.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    connection.commit()
    connection.close()
    with pytest.raises(StoreError) as raised:
        Store(path)
    assert str(path) in str(raised.value) and "lacks the table" in str(raised.value)


def test_corrupt_trials_pages_raise_store_error(tmp_path: Path, seed_db: Path):
    path = corrupt_copy(seed_db, "trials", tmp_path / "corrupt.sqlite")
    with pytest.raises(StoreError) as raised:
        with Store(path) as store:
            store.trials()
    assert str(path) in str(raised.value)


@pytest.mark.parametrize("folder_name", ["my drugs #1", "#", "a b#c d", "50% off", "what?", "x%20y"])
def test_database_in_awkward_folder_opens(tmp_path: Path, seed_db: Path, folder_name: str, seed_trial_count: int):
    folder = tmp_path / folder_name
    folder.mkdir()
    path = folder / "drug ref #2.sqlite"
    shutil.copyfile(seed_db, path)
    with Store(path) as store:
        assert [d.id for d in store.drugs()] == [ALDES, BEMPEG, NEMVA]
        assert store.count_trials() == seed_trial_count
    assert [p.name for p in folder.iterdir()] == [path.name]


def test_opening_and_querying_creates_no_files(tmp_path: Path, seed_db: Path):
    path = tmp_path / "drugref.sqlite"
    shutil.copyfile(seed_db, path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = listing(tmp_path)
    with Store(path) as store:
        for drug in store.drugs():
            record = store.drug(drug.id)
            for trial in record.key_trials[:3]:
                store.passage(trial.prov)
        store.search("NKTR-214")
        store.search("aldeslukin")
        store.trials(TrialQuery(text="melanoma", sort="phase", descending=True))
        store.count_trials(TrialQuery(status="Completed"))
        store.trial_page(TrialQuery(sort="drug"), 0, 10)
        store.glossary()
    assert listing(tmp_path) == before
    assert path.read_bytes() == seed_db.read_bytes()


# ---- finding a drug ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drug_id"),
    [
        ("NKTR-214", BEMPEG), ("nktr214", BEMPEG), ("nktr 214", BEMPEG), ("  NKTR_214 ", BEMPEG),
        ("ALKS-4230", NEMVA), ("alks4230", NEMVA), ("ALKS 4230", NEMVA),
        ("1939126-74-5", BEMPEG), ("BNO1JG5MZC", BEMPEG), ("bno1jg5mzc", BEMPEG),
        ("db15140", BEMPEG), ("DB15140", BEMPEG),
        ("Aldesleukin", ALDES), ("ALDESLEUKIN", ALDES), ("aldesleukin", ALDES),
        ("nemvaleukin alfa", NEMVA), ("Nemvaleukin-Alfa", NEMVA), ("nemvaleukin-alfa", NEMVA),
        ("Bempegaldesleukin", BEMPEG),
    ],
)
def test_find_drug_accepts_names_codes_and_ids(store: Store, text: str, drug_id: str):
    found = store.find_drug(text)
    assert found is not None, text
    assert found.id == drug_id


@pytest.mark.parametrize("text", ["", "   ", "-", "nosuchdrug", "NKTR", "aldeslukin", "NCT03729245", "PIVOT-02", "1939126-74"])
def test_find_drug_does_not_guess(store: Store, text: str):
    """No prefix, fuzzy or trial match: a drug is found only by one of its own names or codes."""
    assert store.find_drug(text) is None


# ---- search --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("NKTR-214", "Bempegaldesleukin"), ("nktr214", "Bempegaldesleukin"), ("nktr 214", "Bempegaldesleukin"),
        ("ALKS 4230", "Nemvaleukin alfa"), ("alks-4230", "Nemvaleukin alfa"),
        ("1939126-74-5", "Bempegaldesleukin"), ("BNO1JG5MZC", "Bempegaldesleukin"), ("DB15140", "Bempegaldesleukin"),
        ("Aldesleukin", "Aldesleukin"), ("nemvaleukin alfa", "Nemvaleukin alfa"),
    ],
)
def test_search_ranks_the_drug_first(store: Store, text: str, drug: str):
    result = store.search(text)
    assert isinstance(result, SearchResult)
    assert result.hits, text
    top = result.hits[0]
    assert (top.kind, top.drug, top.title, top.target) == ("drug", drug, drug, None)
    if len(result.hits) > 1:
        assert top.score > result.hits[1].score, "the drug must win outright, not by a tie-break on title"
    assert result.suggestion is None


def test_search_hits_are_best_first(store: Store):
    for text in ("NKTR-214", "melanoma", "Phase 2", "interleukin", "Tregs"):
        scores = [hit.score for hit in store.search(text).hits]
        assert scores == sorted(scores, reverse=True), text


@pytest.mark.parametrize(
    ("text", "trial_id"),
    [
        ("NCT04243499", "NCT04243499"), ("nct04243499", "NCT04243499"), ("NCT03729245", "NCT03729245"),
        ("2025-521227-70-00", "2025-521227-70-00"), ("2023-510297-14-00", "2023-510297-14-00"),
        ("PIVOT-02", "PIVOT-02"), ("artistry-7", "ARTISTRY-7"),
    ],
)
def test_trial_id_search_returns_that_trial_first(store: Store, text: str, trial_id: str):
    hits = store.search(text).hits
    assert hits, text
    top = hits[0]
    assert top.kind == "trial" and top.title == trial_id
    key = top.target
    row = store.trials_by_key([key])[key]
    assert trial_id in (row.trial_id, row.programme)


def test_misspelling_suggests_but_never_substitutes(store: Store):
    result = store.search("aldeslukin")
    assert result.hits == []
    assert result.suggestion == "aldesleukin"
    # The suggestion, searched for, does find the drug: it is a real word of the index.
    assert store.search(result.suggestion).hits[0].drug == "Aldesleukin"


@pytest.mark.parametrize("text", ["qwxzvbnm", "zzzzzzzzzzzz"])
def test_nonsense_has_neither_hits_nor_suggestion(store: Store, text: str):
    result = store.search(text)
    assert result.hits == [] and result.suggestion is None


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("aldeslukin", "aldesleukin"),            # a letter left out
        ("pembrolizumabb", "pembrolizumab"),      # one too many
        ("metastatik melanoma", "metastatic melanoma"),  # a wrong letter; the known word is kept
        ("melanoam", "melanoma"),                 # two letters swapped
        ("lugn cancer", "lung cancer"),           # swapped in a short word, which shares no trigram with "lung"
        ("imunoterapy", "immunotherapy"),         # two edits in a long word
    ],
)
def test_typos_suggest_the_word_meant(store: Store, text: str, suggestion: str):
    result = store.search(text)
    assert result.hits == [] and result.suggestion == suggestion
    assert store.search(result.suggestion).hits


def test_suggestion_is_the_nearest_word_a_scan_of_the_whole_vocabulary_finds(seed_db: Path):
    """The deletion index must miss no candidate: typos of real words (one or two random edits) are
    corrected exactly as comparing with every vocabulary word would."""
    connection = sqlite3.connect(seed_db)
    vocabulary = [word for (word,) in connection.execute("SELECT word FROM vocabulary ORDER BY word")]
    rng = random.Random(7)
    typos = {misspell(rng, rng.choice(vocabulary), rng.choice((1, 2))) for _ in range(150)}
    checked = 0
    for typo in sorted(typos):
        if len(typo) < 4 or connection.execute("SELECT 1 FROM vocabulary WHERE word = ?", (typo,)).fetchone():
            continue
        assert search_module.suggest(connection, typo) == nearest_by_scan(connection, typo), typo
        checked += 1
    assert checked > 100


def misspell(rng: random.Random, word: str, edits: int) -> str:
    for _ in range(edits):
        at = rng.randrange(len(word))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        word = rng.choice((
            word[:at] + word[at + 1:],                               # leave one out
            word[:at] + letter + word[at:],                          # add one
            word[:at] + letter + word[at + 1:],                      # change one
            word[:at] + word[at + 1:at + 2] + word[at] + word[at + 2:],  # swap two
        ))
    return word


def test_suggestions_read_indexes_only(seed_db: Path):
    """Bounded work whatever the catalogue's size: every statement "did you mean" runs seeks an index."""
    connection = sqlite3.connect(seed_db)
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    assert search_module.suggest(connection, "aldeslukin melanoam") == "aldesleukin melanoma"
    connection.set_trace_callback(None)
    assert any("vocabulary_deletes" in sql for sql in statements)
    for sql in statements:
        plan = " | ".join(row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN" not in plan, (sql, plan)


def test_every_grid_column_sorts_by_an_index(seed_db: Path):
    """A page of trials in any column's order is an index range: the schema gives each declared column's sort
    expression an index, so a column added to COLUMNS never sorts 500,000 rows per page."""
    connection = sqlite3.connect(seed_db)
    for column in COLUMNS:
        for direction in ("ASC", "DESC"):
            sql = (f"SELECT id FROM trials WHERE {column.sort} IS NOT NULL "
                   f"ORDER BY {column.sort} {direction}, id {direction} LIMIT 50 OFFSET 10")
            plan = " | ".join(row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql))
            assert "USING" in plan and "INDEX" in plan and "B-TREE" not in plan, (column.key, plan)


def test_a_word_looks_up_only_its_own_deletion_variants():
    assert search_module.deletion_variants("abcd", 1) == {"abcd", "bcd", "acd", "abd", "abc"}
    assert len(search_module.deletion_variants("abcdefgh", 2)) == 1 + 8 + 28


def test_a_word_far_longer_than_any_indexed_is_not_looked_up(seed_db: Path):
    connection = sqlite3.connect(seed_db)
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    assert search_module.suggest(connection, "x" * 5000) is None
    assert not any("vocabulary_deletes" in sql for sql in statements)  # nor its variants made: n²/2 of them


def test_brand_name_in_prose_finds_its_trial(store: Store):
    hits = store.search("Proleukin").hits
    trial_hits = [hit for hit in hits if hit.kind == "trial"]
    assert trial_hits, [h.title for h in hits]
    assert trial_hits[0].title == "2025-521227-70-00"
    assert trial_hits[0].drug == "Aldesleukin"
    assert "Proleukin" in trial_hits[0].snippet
    start, end = trial_hits[0].highlights[0]
    assert trial_hits[0].snippet[start:end].casefold().startswith("proleukin")


def test_search_limit_is_respected(store: Store):
    assert len(store.search("melanoma", limit=3).hits) == 3
    assert len(store.search("melanoma", limit=0).hits) == 1  # clamped to at least one


# ---- trials --------------------------------------------------------------------------------------


def _is_non_decreasing(values: list) -> bool:
    return all(a <= b for a, b in zip(values, values[1:]))


def _nones_last(values: list) -> bool:
    seen_none = False
    for value in values:
        if value is None:
            seen_none = True
        elif seen_none:
            return False
    return True


def test_phase_sort_ascending_orders_1_then_1_2_then_2_then_3_nones_last(store: Store, seed_trial_count: int):
    phases = [t.phase for t in store.trials(TrialQuery(sort="phase"))]
    assert len(phases) == store.count_trials() == seed_trial_count
    assert _nones_last(phases)
    stated = [p for p in phases if p is not None]
    assert list(dict.fromkeys(stated)) == ["1", "1/2", "2", "3"]
    assert _is_non_decreasing([phase_rank(p) for p in stated])
    assert None in phases


def test_phase_sort_descending_keeps_nones_last(store: Store):
    phases = [t.phase for t in store.trials(TrialQuery(sort="phase", descending=True))]
    assert _nones_last(phases)
    stated = [p for p in phases if p is not None]
    assert list(dict.fromkeys(stated)) == ["3", "2", "1/2", "1"]


@pytest.mark.parametrize("descending", [False, True])
def test_enrollment_sorts_as_numbers(store: Store, descending: bool):
    values = [t.enrollment for t in store.trials(TrialQuery(sort="enrollment", descending=descending))]
    assert _nones_last(values)
    numbers = [v for v in values if v is not None]
    assert all(isinstance(v, int) for v in numbers)
    assert numbers == sorted(numbers, reverse=descending)
    assert 810 in numbers and 88 in numbers  # "810" < "88" as text; as numbers 88 < 810
    assert (numbers.index(88) < numbers.index(810)) != descending


@pytest.mark.parametrize("descending", [False, True])
def test_posted_sorts_by_date(store: Store, descending: bool):
    values = [t.posted for t in store.trials(TrialQuery(sort="posted", descending=descending))]
    assert _nones_last(values)
    dates = [v for v in values if v is not None]
    assert len(dates) == 10 and all(ISO_DATE.match(d) for d in dates)
    assert dates == sorted(dates, reverse=descending)


@pytest.mark.parametrize("column", list(SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_column_returns_every_trial_nones_last(store: Store, column: str, descending: bool,
                                                          seed_trial_count: int):
    trials = store.trials(TrialQuery(sort=column, descending=descending))
    assert sorted(t.key for t in trials) == list(range(1, seed_trial_count + 1))
    query = TrialQuery(sort=column, descending=descending)
    # Paging (values by index range, then the empty ones) gives exactly the one-query order, at any page size.
    paged = [t.key for offset in range(0, seed_trial_count, 7) for t in store.trial_page(query, offset, 7)]
    assert paged == [t.key for t in trials]
    assert [store.trial_position(query, t.key) for t in trials] == list(range(seed_trial_count))


def test_unknown_sort_column_is_refused(store: Store):
    with pytest.raises(ValueError, match="unknown sort column 'bogus'"):
        store.trials(TrialQuery(sort="bogus"))
    with pytest.raises(ValueError):
        store.trials(TrialQuery(sort="posted; DROP TABLE trials"))


def _text_of(trial) -> str:
    return " ".join(str(getattr(trial, c) or "") for c in TRIAL_TEXT_COLUMNS).casefold()


@pytest.mark.parametrize(
    ("query", "check"),
    [
        (TrialQuery(drug_id=BEMPEG), lambda t: t.drug_id == BEMPEG),
        (TrialQuery(drug_id=NEMVA), lambda t: t.drug_id == NEMVA),
        (TrialQuery(phase="2"), lambda t: t.phase == "2"),
        (TrialQuery(phase="Phase 2"), lambda t: t.phase == "2"),
        (TrialQuery(phase="1/2"), lambda t: t.phase == "1/2"),
        (TrialQuery(phase="Phase 1/2a"), lambda t: t.phase == "1/2"),
        (TrialQuery(status="Completed"), lambda t: t.status == "Completed"),
        (TrialQuery(status="completed"), lambda t: t.status == "Completed"),
        (TrialQuery(status="authorized"), lambda t: t.status == "Authorised"),
        (TrialQuery(status="Terminated"), lambda t: t.status == "Terminated"),
        (TrialQuery(text="melanoma"), lambda t: "melanoma" in _text_of(t)),
        (TrialQuery(text="Proleukin"), lambda t: "proleukin" in _text_of(t)),
        (TrialQuery(drug_id=ALDES, phase="2", status="Authorised"),
         lambda t: t.drug_id == ALDES and t.phase == "2" and t.status == "Authorised"),
        (TrialQuery(drug_id=BEMPEG, text="melanoma"), lambda t: t.drug_id == BEMPEG and "melanoma" in _text_of(t)),
    ],
)
def test_trial_filters_select_exactly_and_count_agrees(store: Store, query: TrialQuery, check):
    everything = store.trials()
    trials = store.trials(query)
    assert trials, query
    assert all(check(t) for t in trials)
    assert {t.key for t in trials} == {t.key for t in everything if check(t)}
    assert store.count_trials(query) == len(trials)
    assert [t.key for t in store.iter_trials(query, chunk=3)] == [t.key for t in trials]


def test_filters_with_no_match_are_empty_not_everything(store: Store):
    for query in (TrialQuery(text="xyzzyplugh"), TrialQuery(text="()"), TrialQuery(status="Suspended"),
                  TrialQuery(drug_id="no-such-drug"), TrialQuery(phase="4")):
        assert store.trials(query) == []
        assert store.count_trials(query) == 0


def test_trial_counts(store: Store, seed_trial_count: int):
    assert store.count_trials() == seed_trial_count
    assert store.count_trials(TrialQuery(drug_id=ALDES)) == 26
    assert store.count_trials(TrialQuery(drug_id=BEMPEG)) == 15
    assert store.count_trials(TrialQuery(drug_id=NEMVA)) == 3


# ---- approvals -----------------------------------------------------------------------------------


def test_agencies_are_every_agency_named(store: Store):
    assert store.agencies() == AGENCIES


@pytest.mark.parametrize("drug_id", [ALDES, BEMPEG, NEMVA])
def test_approvals_one_row_per_agency(store: Store, drug_id: str):
    approvals = store.approvals(drug_id)
    assert [a.agency for a in approvals] == AGENCIES


def test_approvals_not_stated_for_aldesleukin(store: Store):
    for finding in store.approvals(ALDES):
        assert finding.finding == NOT_STATED == "not stated in the sources"
        assert finding.finding_text is None and finding.prov is None


def test_approvals_stated_where_a_source_speaks(store: Store):
    bempeg = {a.agency: a for a in store.approvals(BEMPEG)}
    assert all(a.finding == "none found" and a.prov is not None for a in bempeg.values())
    assert bempeg["CIMA AEMPS"].finding_text == "No CIMA AEMPS (Spain) approvals found for this drug."
    nemva = {a.agency: a for a in store.approvals(NEMVA)}
    assert nemva["FDA"].finding == "not approved"
    assert "not FDA-approved" in nemva["FDA"].finding_text
    assert all(a.finding == NOT_STATED for agency, a in nemva.items() if agency != "FDA")


# ---- provenance ----------------------------------------------------------------------------------


def _source_lines(name: str) -> list[str]:
    return (SOURCES / name).read_text(encoding="utf-8").splitlines()


def test_passage_returns_the_real_source_lines(store: Store):
    checked = 0
    for drug in store.drugs():
        record = store.drug(drug.id)
        facts = [*record.identifiers, *record.dosing, *record.adverse_effects, *record.designations,
                 *record.events, *(a for a in record.approvals if a.prov), *record.sections[:5]]
        provs = [fact.prov for fact in facts] + [t.prov for t in store.trials(TrialQuery(drug_id=drug.id))]
        for prov in provs:
            passage = store.passage(prov)
            lines = _source_lines(prov.source)
            assert passage.text == "\n".join(lines[prov.line_start - 1 : prov.line_end])
            for number, text in passage.lines:
                assert lines[number - 1] == text
            numbers = [n for n, _ in passage.lines]
            assert numbers == list(range(max(1, prov.line_start - 2), min(len(lines), prov.line_end + 2) + 1))
            checked += 1
    assert checked > 80


def test_passage_of_specific_facts(store: Store):
    record = store.drug(BEMPEG)
    cas = record.identifiers_of("cas_number")[0]
    assert cas.value == "1939126-74-5"
    assert store.passage(cas.prov).text == "CAS Number\n1939126-74-5"
    nemva = store.drug(NEMVA)
    row = next(r for r in nemva.dosing if r.parameter == "Route")
    assert store.passage(row.prov).text.startswith("| Route | Intravenous (IV) infusion")
    trial = store.trials(TrialQuery(text="2025-521227-70-00"))[0]
    assert store.passage(trial.prov).text.startswith("2025-521227-70-00Phase 1/2")
    assert store.passage(trial.prov).source.id == "002_12ec28ba8c7864ed.txt"


def test_passage_of_unknown_source(store: Store):
    from desktop.store.results import Provenance

    with pytest.raises(KeyError):
        store.passage(Provenance("nope.txt", "x", 1, 1))


def test_as_of_quote_line_is_real(store: Store):
    for source in store.sources():
        if source.as_of_quote:
            assert source.as_of_quote in _source_lines(source.id)[source.as_of_line - 1]


@pytest.mark.parametrize("column", ["posted", "enrollment", "trial_id", "title"])
def test_a_page_read_first_past_the_empty_boundary_is_right(seed_db: Path, column: str):
    # A fresh store knows nothing of where empty values begin; jumping to the end must still be exact.
    for descending in (False, True):
        query = TrialQuery(sort=column, descending=descending)
        with Store(seed_db) as fresh:
            tail = [t.key for t in fresh.trial_page(query, 40, 10)]
        with Store(seed_db) as reference:
            everything = [t.key for t in reference.trials(query)]
        assert tail == everything[40:]


def test_every_fact_table_is_read_by_drug_through_an_index(seed_db: Path):
    """A record reads each fact table by drug in source order; a scan would read every drug's facts."""
    from desktop.store.schema import DRUG_FACT_TABLES

    with sqlite3.connect(seed_db) as connection:
        for table in DRUG_FACT_TABLES:
            plan = " ".join(row[-1] for row in connection.execute(
                f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE drug_id = ? ORDER BY id", ("x",)))
            assert "USING INDEX" in plan and "TEMP B-TREE" not in plan, (table, plan)


@pytest.mark.parametrize(
    ("marked", "plain", "spans"),
    [
        ("", "", ()),
        ("no match here", "no match here", ()),
        ("\x02NKTR\x03-214 is \x02nktr\x03", "NKTR-214 is nktr", ((0, 4), (12, 16))),
        ("a \x02b\x03\x02c\x03 d", "a bc d", ((2, 3), (3, 4))),
        ("stray \x03close and \x02open", "stray close and open", ()),
        ("very rare\n\x02Permanently\x03 stop", "very rare Permanently stop", ((10, 21),)),  # a section's line break
    ],
)
def test_snippet_markers_become_spans(marked: str, plain: str, spans: tuple):
    assert search_module.unmark(marked) == (plain, spans)


# ---- a trial two passages give different statuses (002 line 88 "Authorised", lines 162–167 "Recruiting") ----

def test_a_second_status_is_kept_filtered_and_counted(store):
    trial = store.find_trial("NCT05727904")
    assert trial.statuses == ["Authorised", "Recruiting"]
    assert trial.status_label == "Authorised / Recruiting"
    second = next(v for v in trial.values if v.field == "status")
    assert (second.prov.line_start, second.prov.line_end) == (162, 167)
    for status in ("Recruiting", "Authorised"):
        found = {t.trial_id for t in store.trials(TrialQuery(drug_id="aldesleukin", status=status))}
        assert "NCT05727904" in found and "NCT04166006" in found, status
    counts = dict(store.trial_counts_by("aldesleukin", "status"))
    listed = store.trials(TrialQuery(drug_id="aldesleukin"))
    assert counts["Recruiting"] == sum("Recruiting" in t.statuses for t in listed)
    assert counts["Authorised"] == sum("Authorised" in t.statuses for t in listed)
    assert "Recruiting" in store.trial_statuses()


def test_an_entry_without_an_id_that_may_be_a_listed_trial_is_said_to_be_and_kept_apart(store):
    """The ongoing study of CNTY-101 (002 line 108) and 2024-519532-16-00 (line 92, named with CNTY-101 on
    line 37); PIVOT-09 and NCT03729245 (000 lines 36 and 16, both renal cell carcinoma)."""
    listed = store.find_trial("2024-519532-16-00")
    linked = store.maybe_same(listed.key)
    assert len(linked) == 1
    other, reason = linked[0]
    assert other.trial_id is None and "CNTY-101" in other.title and "CNTY-101" in reason
    assert other.key != listed.key  # said, not merged
    pivot = store.find_trial("PIVOT-09")
    assert [(o.trial_id, r) for o, r in store.maybe_same(pivot.key)] == [("NCT03729245", "shares renal cell carcinoma")]
    assert store.maybe_same(store.find_trial("NCT05727904").key) == []


def test_a_snippet_is_one_line_even_where_its_section_breaks_lines(store):
    """001 line 36 ends 'significant insights:' and a list follows: the row shows one line, not two."""
    hits = store.search("significant insights").hits
    snippets = [hit.snippet for hit in hits if hit.snippet and "insights" in hit.snippet.casefold()]
    assert snippets
    assert all("\n" not in snippet and "\r" not in snippet for snippet in snippets)


def test_a_trial_hit_is_named_as_the_grid_names_the_trial(store: Store):
    hits = [hit for query in ("melanoma", "phase") for hit in store.search(query, 40).hits if hit.kind == "trial"]
    assert hits
    for hit in hits:
        assert hit.title == store.trials_by_key([hit.target])[hit.target].label


def test_whether_trials_match_or_dates_are_stated_is_answered_as_the_rows_say(store: Store):
    from desktop.store.results import NO_DRUG

    trials = store.trials()
    for by in ("posted", "start"):
        assert store.dates_stated(by) == any(getattr(t, by) for t in trials), by
    for query in (TrialQuery(drug_id=NO_DRUG), TrialQuery(drug_id="aldesleukin"), TrialQuery(text="xyzzyq")):
        assert store.has_trials(query) == (store.count_trials(query) > 0), query
    assert store.has_trials(TrialQuery(drug_id="aldesleukin")) and not store.has_trials(TrialQuery(drug_id=NO_DRUG))
    with pytest.raises(ValueError):
        store.dates_stated("title")
