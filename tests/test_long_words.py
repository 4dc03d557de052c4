"""A word longer than any real word: the build refuses it with its line; a database that holds one anyway
(built before the check, or elsewhere) shows it shortened, with a marker, in every view and in search.

The giant word goes into the nemvaleukin monograph's "Fatigue" line, which feeds the Safety pane and a
search section, and into its dosing table's Route row, which the printed sheet shows. The database that holds it is built with the readers' check
switched off, the way an older build made it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop import cli
from desktop.ingest import SourceError, document, load_corpus
from desktop.ingest.limits import LONGEST_LINE, LONGEST_WORD, shortened
from desktop.render.html import GlossaryLinker, esc
from desktop.render.panes import PANES
from desktop.sheet.content import sheet_html
from desktop.store import Store, build_database

F001 = "001_bb6f0f708e6573de.txt"
FATIGUE = "- Fatigue: General systemic tiredness, manageable with rest."
ROUTE = "| Route | Intravenous (IV) infusion or Subcutaneous (SC) injection. |"
GIANT = 300_000
# Nothing a view gets may hold a run of text longer than the limit (the marker itself is short).
_LONG_RUN = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")


def put_in_fatigue_line(sources: Path, extra: str, line_text: str = FATIGUE) -> int:
    """Add `extra` to the monograph's Fatigue line (or another, before a table row's closing bar); its number."""
    path = sources / F001
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if line == line_text)
    closing = " |" if line_text.endswith(" |") else ""
    lines[number - 1] = lines[number - 1].removesuffix(closing) + extra + closing
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


def test_the_limits_sit_above_real_text_and_below_what_hurts():
    """The bundled and test sources' longest word is a 176-character URL, their longest line 927."""
    texts = [p.read_text(encoding="utf-8") for folder in ("data/sources", "tests/corpus", "tests/corpus_holdout")
             for p in (Path(__file__).resolve().parent.parent / folder).glob("*.txt")]
    assert texts
    longest_word = max(len(word) for text in texts for word in text.split())
    longest_line = max(len(line) for text in texts for line in text.splitlines())
    assert longest_word * 10 < LONGEST_WORD < 10_000
    assert longest_line * 10 < LONGEST_LINE < 1_000_000


def test_the_build_refuses_a_word_beyond_the_limit_naming_file_line_and_length(sources_copy: Path):
    number = put_in_fatigue_line(sources_copy, " " + "a" * (LONGEST_WORD + 1))
    with pytest.raises(SourceError) as refused:
        load_corpus(sources_copy)
    assert (refused.value.file, refused.value.line) == (F001, number)
    assert f"a word of {LONGEST_WORD + 1:,} characters" in str(refused.value)
    assert f"words of at most {LONGEST_WORD:,} characters" in str(refused.value)


def test_a_word_at_the_limit_is_read(sources_copy: Path):
    put_in_fatigue_line(sources_copy, " " + "a" * LONGEST_WORD)
    assert load_corpus(sources_copy).extractions


def test_the_build_refuses_a_line_beyond_the_limit(sources_copy: Path):
    number = put_in_fatigue_line(sources_copy, " word" * (LONGEST_LINE // 5))
    with pytest.raises(SourceError) as refused:
        load_corpus(sources_copy)
    assert refused.value.line == number
    assert f"a line of {len(FATIGUE) + LONGEST_LINE // 5 * 5:,} characters" in str(refused.value)


def test_build_db_says_so_in_one_line_and_writes_nothing(sources_copy: Path, tmp_path: Path, capsys):
    number = put_in_fatigue_line(sources_copy, " " + "x" * 1_000_000)
    output = tmp_path / "out.sqlite"
    assert cli.run(["build-db", "--sources", str(sources_copy), "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert err == (f"drugref build-db: {F001}:{number}: expected words of at most {LONGEST_WORD:,} characters, "
                   f"found 'a word of 1,000,000 characters'\n")
    assert not output.exists()


# ---- a database that holds one anyway ------------------------------------------------------------


@pytest.fixture(scope="module")
def giant_db(tmp_path_factory) -> Path:
    import shutil

    sources = tmp_path_factory.mktemp("giant") / "sources"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "sources", sources)
    put_in_fatigue_line(sources, " " + "z" * GIANT)
    put_in_fatigue_line(sources, " " + "z" * GIANT, ROUTE)
    patch = pytest.MonkeyPatch()
    patch.setattr(document, "beyond_limits", lambda line: None)  # as a build before the check
    try:
        return build_database(sources, sources.parent / "giant.sqlite")
    finally:
        patch.undo()


@pytest.fixture()
def giant_store(giant_db):
    with Store(giant_db) as opened:
        yield opened


MARKER = f"…[{GIANT - 60:,} characters not shown]"


def assert_bounded(text: str) -> None:
    assert not _LONG_RUN.search(text)
    assert "z" * 60 + MARKER in text


def test_the_database_really_holds_the_whole_word(giant_store):
    record = giant_store.drug("nemvaleukin-alfa")
    assert any("z" * GIANT in effect.description for effect in record.adverse_effects)
    assert any("z" * GIANT in row.specification for row in record.dosing)


def test_every_pane_and_the_sheet_shorten_it(giant_store):
    record = giant_store.drug("nemvaleukin-alfa")
    linker = GlossaryLinker.from_entries(giant_store.glossary())
    panes = {pane.id: pane.render(record, linker) for pane in PANES if pane.render is not None}
    assert_bounded(panes["safety"])
    for html in panes.values():
        assert len(html) < 100_000 and not _LONG_RUN.search(html)
    sheet = sheet_html(record)
    assert_bounded(sheet)
    assert len(sheet) < 100_000


def test_search_returns_it_shortened(giant_store):
    for query in ("fatigue tiredness", "zzzzzzzz", "z" * GIANT):
        result = giant_store.search(query, 40)
        assert result.hits, query
        shown = "\n".join(f"{hit.title} {hit.drug} {hit.snippet}" for hit in result.hits)
        assert len(shown) < 20_000 and not _LONG_RUN.search(shown)
        assert MARKER in shown
        for hit in result.hits:  # the spans to embolden still fall inside the shortened snippet
            assert all(0 <= start < end <= len(hit.snippet) for start, end in hit.highlights)


def test_the_cli_search_prints_it_shortened(giant_db, capsys):
    assert cli.run(["--db", str(giant_db), "search", "tiredness"]) == 0
    out = capsys.readouterr().out
    assert MARKER in out and len(out) < 20_000


def test_the_window_shows_it_shortened(qtbot, giant_store, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.models.roles import ROW_ROLE
    from desktop.settings import Settings
    from desktop.user_state import UserState
    from desktop.widgets.main_window import MainWindow

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(giant_store, UserState.load(tmp_path / "state.json"), settings)
    qtbot.addWidget(window)
    window.show_drug("nemvaleukin-alfa", "safety")
    assert_bounded(window.record.pane("safety").toPlainText())
    window.search.search_for("tiredness")
    model = window.search.model
    rows = [model.index(row) for row in range(model.rowCount())]
    painted = "\n".join(str(index.data(ROW_ROLE)) + str(index.data(0)) + str(index.data(3)) for index in rows)
    assert MARKER in painted and not _LONG_RUN.search(painted)
    window.close()


def test_shortening_leaves_ordinary_text_alone_and_is_used_by_escaping():
    text = "IL-2 (aldesleukin) " + "https://example.org/" + "p" * 300
    assert shortened(text) == text
    long = "a" * (LONGEST_WORD + 1)
    assert shortened(f"x {long} y") == f"x {'a' * 60}…[{LONGEST_WORD + 1 - 60:,} characters not shown] y"
    assert shortened(long) == shortened(long)  # the same word is always shown the same
    assert "a" * LONGEST_WORD not in esc(f"<{long}>")
