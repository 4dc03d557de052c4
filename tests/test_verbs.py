"""The command line's verbs (desktop/verbs.py): each is a sub-command of the parser, listed by --help with
its help, and the entry point gives each to the command line, or `open` to the window."""
from __future__ import annotations

import re

import pytest

from desktop import __main__ as entry, app, cli
from desktop.verbs import VERBS, WINDOW_VERBS


def exit_code(capsys, argv: list[str]) -> tuple[int, str]:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        cli.run(argv)
    return exited.value.code, capsys.readouterr().out


def test_help_lists_every_verb_with_its_help(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one verb, one line
    code, out = exit_code(capsys, ["--help"])
    assert code == 0
    listed = dict(re.findall(r"^ {4}(\S+) +(.+)$", out, re.MULTILINE))
    assert listed == VERBS


@pytest.mark.parametrize("verb", list(VERBS))
def test_the_parser_takes_each_verb_as_a_sub_command(capsys, verb):
    code, out = exit_code(capsys, [verb, "--help"])
    assert code == 0 and out.startswith(f"usage: drugref {verb} ")


def test_the_parser_refuses_a_word_that_is_no_verb(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.run(["shwo", "NKTR-214"])
    assert exited.value.code == 2 and "invalid choice: 'shwo'" in capsys.readouterr().err


@pytest.mark.parametrize("verb", list(VERBS))
def test_the_entry_point_gives_each_verb_to_the_command_line_and_open_to_the_window(monkeypatch, verb):
    went: list[str] = []
    monkeypatch.setattr(cli, "run", lambda argv: went.append("command line") or 0)
    monkeypatch.setattr(app, "run_app", lambda argv: went.append("window") or 0)
    assert entry.main(["--db", "catalogue.sqlite", verb, "NKTR-214"]) == 0
    assert went == ["window" if verb in WINDOW_VERBS else "command line"]
