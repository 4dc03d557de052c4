"""Help → About names the version and every source with its date; Go → Recently viewed lists the drugs
last shown, newest first, and choosing one shows it."""
from __future__ import annotations

import html
import re
import tomllib
from pathlib import Path

from PySide6.QtCore import QPoint

from desktop import __version__

MANIFEST = Path(__file__).resolve().parent.parent / "data" / "sources" / "manifest.toml"


def submenu(window, menu_title: str, entry: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    return next(a.menu() for a in menu.actions() if a.text() == entry)


def test_about_names_the_version_and_each_source_with_its_kind_and_date(qtbot, window):
    window.command_actions["about"].trigger()
    qtbot.waitUntil(lambda: window.about_box.isVisible())
    plain = html.unescape(re.sub(r"<[^>]+>", " ", window.about_box.text()))
    assert f"DrugRef {__version__}" in plain
    sources = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["source"]
    for source in sources:
        dated = f"as of {source['as_of']}" if "as_of" in source else "no date stated"
        assert f"{source['title']} — {source['kind']}; {dated}" in plain
    window.about_box.close()


def test_recently_viewed_lists_the_drugs_shown_newest_first_and_shows_the_one_chosen(qtbot, window):
    qtbot.waitUntil(lambda: window.complete)  # the menus' entries come after the first paint
    recent = submenu(window, "&Go", "&Recently viewed")

    def entries() -> list[str]:
        recent.popup(QPoint(0, 0))  # filled as it opens
        names = [action.text() for action in recent.actions()]
        recent.close()
        return names

    window.show_drug("nemvaleukin-alfa")
    window.show_drug("bempegaldesleukin")
    assert entries() == ["Bempegaldesleukin", "Nemvaleukin alfa", "Aldesleukin"]  # the window opened on Aldesleukin
    recent.popup(QPoint(0, 0))
    next(action for action in recent.actions() if action.text() == "Nemvaleukin alfa").trigger()
    recent.close()
    assert window.current_drug() == "nemvaleukin-alfa" and window.record.title.text() == "Nemvaleukin alfa"
    assert entries()[0] == "Nemvaleukin alfa"
