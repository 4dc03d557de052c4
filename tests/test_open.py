"""`drugref open TERM` and `drugref://` links: the resolver (no Qt), the window started on them, and the
app run headless in a subprocess as the .desktop entry would run it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.__main__ import wants_command_line
from desktop.app import requested_text, words_left_by_qt
from desktop.store.links import LinkError, parse_link, resolve
from desktop.widgets.main_window import MainWindow
from desktop.widgets.passage_dialog import PassageDialog
from helpers import run_window

REPO = Path(__file__).resolve().parent.parent


# ---- the resolver ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, drug_id", [
    ("NKTR-214", "bempegaldesleukin"),
    ("ALKS 4230", "nemvaleukin-alfa"),
    ("1939126-74-5", "bempegaldesleukin"),
    ("drugref://drug/aldesleukin", "aldesleukin"),
    ("drugref://drug/nemvaleukin%20alfa", "nemvaleukin-alfa"),  # percent-decoded, then looked up like a name
    ("DRUGREF://Drug/nemvaleukin-alfa/", "nemvaleukin-alfa"),
    ("drugref:drug/NKTR-214", "bempegaldesleukin"),
])
def test_a_term_or_drug_link_resolves_to_the_drug(store, text, drug_id):
    target = resolve(store, text)
    assert target.drug is not None and target.drug.id == drug_id
    assert target.message is None


@pytest.mark.parametrize("text", ["NCT03729245", "drugref://trial/nct03729245", "drugref://trial/NCT%2003729245"])
def test_a_trial_id_or_link_resolves_to_the_trial(store, text):
    hit = resolve(store, text).hit
    key = next(t.key for t in store.trials() if t.trial_id == "NCT03729245")
    assert (hit.kind, hit.drug_id, hit.target) == ("trial", "bempegaldesleukin", key)


def test_other_text_opens_the_best_search_hit_and_nonsense_says_so(store):
    assert resolve(store, "melanoma").hit == store.search("melanoma", 1).hits[0]
    nothing = resolve(store, "xyzzyq")
    assert not nothing.found and nothing.message == "No record matches “xyzzyq”."
    misspelt = resolve(store, "aldeslukin")
    assert misspelt.message == "No record matches “aldeslukin”. Did you mean “aldesleukin”?"
    searched = resolve(store, "drugref://search/IL-2%20receptor")
    assert searched.query == "IL-2 receptor" and searched.searched and searched.message is None


@pytest.mark.parametrize("link, words", [
    ("drugref://", ["names nothing", "drugref://drug/<id>"]),
    ("drugref://foo/x", ["unknown kind “foo”", "drugref://foo/x"]),
    ("drugref://drug/", ["“drugref://drug/”", "names no drug"]),
    ("drugref://search/", ["has no search text"]),
    ("drugref://drug/nosuchdrug", ["no drug matches “nosuchdrug”", "drugref://drug/nosuchdrug"]),
    ("drugref://drug/aldeslukin", ["Did you mean “aldesleukin”?"]),
    ("drugref://trial/NCT00000000", ["no trial has the ID", "NCT00000000"]),
])
def test_a_link_that_names_nothing_says_what_is_wrong(store, link, words):
    with pytest.raises(LinkError) as raised:
        resolve(store, link)
    message = str(raised.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_parse_link_decodes_the_value():
    assert parse_link("drugref://search/IL-2%20%CE%B1%20chain") == ("search", "IL-2 α chain")


@pytest.mark.parametrize("argv, headless", [
    (["open", "search"], False), (["search", "open"], True), (["--db", "x.sqlite", "drugs"], True),
    (["drugref://drug/aldesleukin"], False), (["open", "--help"], True), ([], False),
])
def test_open_and_links_go_to_the_window_commands_to_the_command_line(argv, headless):
    assert wants_command_line(argv) is headless


def test_requested_text():
    assert requested_text([]) is None
    assert requested_text(["open", "ALKS", "4230"]) == "ALKS 4230"
    assert requested_text(["drugref://drug/x", "drugref://drug/y"]) == "drugref://drug/x"
    with pytest.raises(ValueError, match="open needs a term"):
        requested_text(["open"])
    with pytest.raises(ValueError, match="unknown command 'bogus'"):
        requested_text(["bogus"])


def test_show_takes_a_drug_link_too(capsys, seed_db):
    from desktop import cli

    assert cli.run(["--db", str(seed_db), "show", "drugref://drug/aldesleukin"]) == 0
    assert capsys.readouterr().out.startswith("Aldesleukin — ")
    assert cli.run(["--db", str(seed_db), "show", "drugref://trial/NCT03729245"]) == 1
    assert "names a trial, not a drug" in capsys.readouterr().err


# ---- the window started on a target ------------------------------------------------------------


@pytest.fixture()
def open_window(make_window, store):
    def make(text: str) -> MainWindow:
        return make_window(resolve(store, text), activate=False)
    return make


@pytest.mark.parametrize("text, title", [
    ("NKTR-214", "Bempegaldesleukin"), ("ALKS 4230", "Nemvaleukin alfa"), ("drugref://drug/aldesleukin", "Aldesleukin"),
])
def test_window_starts_on_the_drug(open_window, text, title):
    window = open_window(text)
    assert window.record.title.text() == title
    assert window.right.currentWidget() is window.record and window.record.current_pane() == "overview"
    assert not window.command_actions["back"].isEnabled()  # no default drug was shown first, to go back to


def test_window_starts_on_the_trial_selected_in_its_drugs_trials_pane(open_window, store):
    window = open_window("NCT03729245")
    assert window.record.title.text() == "Bempegaldesleukin" and window.record.current_pane() == "trials"
    grid = window.record.trials
    selected = {index.row() for index in grid.view.selectionModel().selectedRows()}
    assert [grid.model.trial_at(row).trial_id for row in selected] == ["NCT03729245"]


def test_window_with_no_match_shows_the_search_and_says_so(open_window):
    window = open_window("aldeslukin")
    assert window.left.currentWidget() is window.search.view
    assert window.search.field.text() == "aldeslukin"
    assert window.search.model.index(0).data() == "Did you mean “aldesleukin”?"
    assert window.statusBar().currentMessage() == "No record matches “aldeslukin”. Did you mean “aldesleukin”?"
    assert window.record.record is not None  # the usual drug beside the results, not an empty pane


def test_window_on_a_search_link_shows_the_results_without_a_complaint(open_window):
    window = open_window("drugref://search/melanoma")
    assert window.left.currentWidget() is window.search.view and window.search.model.rowCount() > 1
    assert window.statusBar().currentMessage() == ""


def test_glossary_hit_opens_its_passage(qtbot, open_window, store):
    from desktop.store.links import Target
    from desktop.store.results import Hit

    entry_id = next(i for i in range(1, 200) if store.glossary_entry(i))
    entry = store.glossary_entry(entry_id)
    window = open_window("xyzzyq")
    window.open_target(Target(entry.term, hit=Hit("glossary", None, None, entry.term, "", (), 0.0, entry_id)))
    qtbot.waitUntil(lambda: any(isinstance(w, PassageDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))


# ---- headless, as the desktop runs it ----------------------------------------------------------


def _run_app(seed_db: Path, tmp_path: Path, *argv: str) -> subprocess.CompletedProcess:
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.run([sys.executable, "-m", "desktop", "--db", str(seed_db), "--quit-after-startup", *argv],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60)


def test_open_exits_zero_and_a_link_to_nothing_exits_two_with_the_message(seed_db, tmp_path):
    opened = _run_app(seed_db, tmp_path, "open", "NKTR-214")
    assert opened.returncode == 0, opened.stderr
    linked = _run_app(seed_db, tmp_path, "drugref://drug/aldesleukin")
    assert linked.returncode == 0, linked.stderr
    nothing = _run_app(seed_db, tmp_path, "open", "xyzzyq")  # the window opens on the search: not an error
    assert nothing.returncode == 0, nothing.stderr
    unknown = _run_app(seed_db, tmp_path, "drugref://drug/nosuchdrug")
    assert unknown.returncode == 2
    errors = [line for line in unknown.stderr.splitlines() if "propagateSizeHints" not in line]
    assert errors == ["drugref: no drug matches “nosuchdrug” (from the link “drugref://drug/nosuchdrug”)."]
    empty = _run_app(seed_db, tmp_path, "open")
    assert empty.returncode == 2 and "open needs a term" in empty.stderr and "Traceback" not in empty.stderr


def test_qt_options_and_their_values_are_not_terms(seed_db, tmp_path):
    # Qt takes `-platform offscreen` out; "offscreen" taken as a word would be an unknown command (exit 2).
    started = _run_app(seed_db, tmp_path, "-platform", "offscreen", "open", "NKTR-214")
    assert started.returncode == 0, started.stderr
    assert words_left_by_qt(["open", "offscreen", "offscreen"], ["open", "offscreen", "-platform", "offscreen"],
                            ["open", "offscreen"]) == ["open", "offscreen"]


def test_a_link_to_nothing_still_opens_the_window_with_the_message(qapp, seed_db, tmp_path, monkeypatch):
    seen: list[str] = []

    def look(window) -> None:
        seen.append(window.statusBar().currentMessage())
        seen.append(window.record.title.text())

    assert run_window(["--db", str(seed_db), "drugref://drug/nosuchdrug"], tmp_path, monkeypatch, look) == 0
    assert seen[0] == "No drug matches “nosuchdrug” (from the link “drugref://drug/nosuchdrug”)."
    assert seen[1]  # the usual first drug is shown
