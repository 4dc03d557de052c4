"""The window's commands, declared once: text, shortcuts, icon, menu. The window makes its actions, menus and
toolbar from these, About lists their shortcuts, and a test holds the README's shortcut line to them.

Shortcuts are portable strings ("Ctrl+K") rather than Qt's standard keys: a standard key can stand for the
same keys as a string beside it ("Quit" is Ctrl+Q on Linux), and Qt then finds the shortcut ambiguous and
runs neither. Qt-free, so the documentation can be checked without a display.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    id: str
    text: str  # menu text, with its mnemonic
    shortcuts: tuple[str, ...]
    menu: str  # the menu it is listed in: File, Edit, View, Go or Help
    summary: str  # what it does, in the shortcut line: "search", "back/forward"
    icon: str | None = None
    tip: str | None = None  # the toolbar tooltip, when the text does not say enough

    @property
    def label(self) -> str:
        return self.text.replace("&", "")

    def hint(self, words: str) -> str:
        """`words` with the command's first key, for a control elsewhere that does what the command does (the
        record's Favourite button, the search field's placeholder): a changed key is changed there too."""
        return f"{words} ({self.shortcuts[0]})" if self.shortcuts else words

    @property
    def menu_path(self) -> str:
        """Where the menu bar has it, with its key: "File → Add documents… (Ctrl+O)"."""
        return self.hint(f"{self.menu} → {self.label}")

    @property
    def tooltip(self) -> str:
        tip = self.tip or self.label.rstrip("…")
        return f"{tip} ({', '.join(self.shortcuts)})" if self.shortcuts else tip


COMMANDS: tuple[Command, ...] = (
    Command("add", "&Add documents…", ("Ctrl+O",), "File", "add documents", "add",
            "Add your own drug pages, monographs or trial overviews"),
    Command("print", "&Print…", ("Ctrl+P",), "File", "print", "print", "Print the current drug's summary sheet"),
    Command("preview", "Print Pre&view…", ("Ctrl+Shift+P",), "File", "preview", "preview",
            "Preview the current drug's summary sheet"),
    Command("pdf", "&Export PDF…", ("Ctrl+E",), "File", "export PDF", "pdf", "Export the current drug's summary sheet as PDF"),
    Command("quit", "&Quit", ("Ctrl+Q",), "File", "quit", "quit"),
    # "/" is a shortcut, not a key the search field watches: a field the user is typing in keeps it
    # (line edits claim printable keys before shortcuts are matched).
    Command("find", "&Find", ("Ctrl+K", "Ctrl+F", "/"), "Edit", "search", "search", "Search"),
    Command("record", "Drug &record", ("Ctrl+1",), "View", "drug record", "drug"),
    Command("trials", "All &trials", ("Ctrl+2",), "View", "all trials", "trials", "All trials grid"),
    Command("matrix", "Approvals &matrix", ("Ctrl+3",), "View", "approvals matrix", "matrix",
            "Approvals matrix: every drug × every agency"),
    Command("sources", "&Sources", ("Ctrl+4",), "View", "sources", "sources",
            "Every document in the catalogue: yours and the bundled ones"),
    Command("compare", "&Compare drugs…", ("Ctrl+Shift+C",), "View", "compare", "compare",
            "Compare two or three drugs side by side"),
    Command("back", "&Back", ("Alt+Left",), "Go", "back", "back"),
    Command("forward", "&Forward", ("Alt+Right",), "Go", "forward", "forward"),
    Command("favourite", "Toggle &favourite", ("Ctrl+D",), "Go", "favourite", "favourite",
            "Add or remove the current drug from favourites"),
    Command("about", "&About DrugRef", ("F1",), "Help", "about", "about"),
)
COMMAND = {command.id: command for command in COMMANDS}

# Keys the search results list handles itself, listed with the commands' shortcuts.
SEARCH_KEYS = (("↑/↓ Enter", "open a hit"), ("Esc", "clear"))
# The order of the shortcut line: search first, where a new user starts.
_LINE_ORDER = ("find", "back", "favourite", "record", "trials", "matrix", "sources", "compare", "add", "print",
               "preview", "pdf", "about", "quit")


def _keys(shortcuts: tuple[str, ...]) -> str:
    keys = [key.replace("Left", "←").replace("Right", "→") for key in shortcuts]
    return ", ".join(keys[:-1]) + f" or {keys[-1]}" if len(keys) > 1 else keys[0]


def shortcut_entries() -> list[tuple[str, str]]:
    """(keys, what they do) for every shortcut, in the order the README and About list them; back and
    forward share an entry ("Alt+←/→")."""
    entries = []
    for command_id in _LINE_ORDER:
        command = COMMAND[command_id]
        if command_id == "back":
            entries.append(("Alt+←/→", "back/forward"))
            continue
        entries.append((_keys(command.shortcuts), command.summary))
        if command_id == "find":
            entries.extend(SEARCH_KEYS)
    return entries


def shortcut_line() -> str:
    """The README's shortcut line, in Markdown."""
    def bold(keys: str) -> str:
        return " or ".join(", ".join(f"**{k}**" for k in part.split(", ")) for part in keys.split(" or "))

    return "Shortcuts: " + " · ".join(f"{bold(keys)} {what}" for keys, what in shortcut_entries()) + "."
