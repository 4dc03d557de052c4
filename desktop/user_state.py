"""Favourites and recently viewed drugs: a small JSON file in the user's config folder.

Written atomically (temp file, flush, fsync, rename), so a crash never leaves it half-written;
an unreadable file is set aside and the app starts with empty lists rather than failing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .files import replacing

RECENT_LIMIT = 15


@dataclass
class UserState:
    path: Path
    favourites: list[str] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)
    problem: str | None = None
    unsaved: bool = field(default=False, repr=False, compare=False)  # changed since the file was written

    @classmethod
    def load(cls, path: Path) -> "UserState":
        state = cls(path)
        if not path.exists():
            return state
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            state.favourites = [str(x) for x in data.get("favourites", [])]
            state.recent = [str(x) for x in data.get("recent", [])][:RECENT_LIMIT]
        except (OSError, ValueError, AttributeError) as error:
            state.problem = f"{path} could not be read ({error}); favourites and recent items start empty."
            try:
                path.replace(path.with_suffix(path.suffix + ".unreadable"))
            except OSError:
                pass
        return state

    def is_favourite(self, drug_id: str) -> bool:
        return drug_id in self.favourites

    def toggle_favourite(self, drug_id: str) -> bool:
        if drug_id in self.favourites:
            self.favourites.remove(drug_id)
        else:
            self.favourites.append(drug_id)
        self.save()
        return drug_id in self.favourites

    def visited(self, drug_id: str) -> None:
        """Put `drug_id` first in the recent list, written by `save_changes`: a durable write per drug shown
        would cost more than showing the drug, and losing a crash's last seconds of history costs little."""
        recent = [drug_id] + [x for x in self.recent if x != drug_id][: RECENT_LIMIT - 1]
        if recent != self.recent:
            self.recent = recent
            self.unsaved = True

    def save_changes(self) -> None:
        if self.unsaved:
            self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(self.path) as temp:
            temp.write_text(json.dumps({"favourites": self.favourites, "recent": self.recent}, indent=2), encoding="utf-8")
        self.unsaved = False
