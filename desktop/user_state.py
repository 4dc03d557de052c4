"""Favourites and recently viewed drugs: a small JSON file in the user's config folder.

Written atomically (temp file, flush, fsync, rename), so a crash never leaves it half-written. The
file is the user's to edit and a program's to damage, so its shape is checked, not trusted: what is
not JSON, or not an object, is set aside whole; a key of the wrong type, or an entry that is not a
drug id, is dropped and the original kept beside it. Nothing is set aside over an earlier copy.
When the folder cannot be written, the lists live in memory for the session. Each of these is said
to the user once, through `take_notices`; the window decides how (no Qt here).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .files import replacing

RECENT_LIMIT = 15
LISTS = ("favourites", "recent")


@dataclass
class UserState:
    path: Path
    favourites: list[str] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list, repr=False, compare=False)  # not yet said to the user
    unsaved: bool = field(default=False, repr=False, compare=False)  # changed since the file was written
    writable: bool = field(default=True, repr=False, compare=False)  # False once a write has failed

    @classmethod
    def load(cls, path: Path) -> "UserState":
        state = cls(path)
        if not path.exists():
            return state
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            state._set_aside(f" could not be read ({error})", move=True)
            return state
        if not isinstance(data, dict):
            state._set_aside(f" does not hold favourites and recent items (it holds {_kind(data)})", move=True)
            return state
        dropped = []
        for key in LISTS:
            value = data.get(key, [])
            if not isinstance(value, list):  # a string is not split into letters, nor a number iterated
                dropped.append(f"'{key}' is not a list (it holds {_kind(value)})")
                value = []
            ids = list(dict.fromkeys(x for x in value if isinstance(x, str) and x.strip()))
            if wrong := sum(1 for x in value if not (isinstance(x, str) and x.strip())):
                dropped.append(f"{wrong:,} {key} entr{'y is not a drug id' if wrong == 1 else 'ies are not drug ids'}")
            setattr(state, key, ids)
        state.recent = state.recent[:RECENT_LIMIT]
        if dropped:
            state._set_aside(f": {' and '.join(dropped)}, so left out", move=False)
            state.unsaved = True  # written back without them, or each start would set the file aside again
        return state

    def _set_aside(self, what: str, move: bool) -> None:
        """Keep the file as it was under a name of its own, and say so. Moved when nothing in it could be
        used (the next save starts afresh); copied when only some entries were left out."""
        copy = _free_name(self.path)
        try:
            if move:
                os.replace(self.path, copy)
            else:
                copy.write_bytes(self.path.read_bytes())
        except OSError as error:
            kept = f"the file could not be set aside ({error.strerror or error})"
        else:
            kept = f"the file as it was is kept as {copy.name}"
        start = "favourites and recent items start empty" if move else "the other entries are used"
        self.notices.append(f"{self.path}{what}; {kept}; {start}.")

    def take_notices(self) -> list[str]:
        """What the user has not been told yet, each once."""
        notices, self.notices = self.notices, []
        return notices

    def is_favourite(self, drug_id: str) -> bool:
        return drug_id in self.favourites

    def toggle_favourite(self, drug_id: str) -> bool:
        if drug_id in self.favourites:
            self.favourites.remove(drug_id)
        else:
            self.favourites.append(drug_id)
        self.unsaved = True
        self.save_changes()
        return drug_id in self.favourites

    def visited(self, drug_id: str) -> None:
        """Put `drug_id` first in the recent list, written by `save_changes`: a durable write per drug shown
        would cost more than showing the drug, and losing a crash's last seconds of history costs little."""
        recent = [drug_id] + [x for x in self.recent if x != drug_id][: RECENT_LIMIT - 1]
        if recent != self.recent:
            self.recent = recent
            self.unsaved = True

    def save_changes(self) -> None:
        """Write the lists if they changed. A folder that cannot be written is tried once and said once:
        the lists stay in memory, so the star and the list still agree for the rest of the session."""
        if not self.unsaved or not self.writable:
            return
        try:
            self.save()
        except OSError as error:
            self.writable = False
            self.notices.append(f"Favourites and recent items cannot be saved to {self.path} "
                                f"({error.strerror or error}); changes are kept until DrugRef closes.")

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(self.path) as temp:
            temp.write_text(json.dumps({"favourites": self.favourites, "recent": self.recent}, indent=2), encoding="utf-8")
        self.unsaved = False


def _kind(data: object) -> str:
    names = {list: "a list", dict: "an object", str: "a string", bool: "true or false", type(None): "null"}
    return names.get(type(data), "a number")


def _free_name(path: Path) -> Path:
    """`user-state.json.unreadable-20250101-120000`, with `-2`, `-3`… when that is taken."""
    stem = f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}"
    candidate, number = path.with_name(stem), 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{stem}-{number}")
    return candidate
