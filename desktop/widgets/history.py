"""Back and forward through the drugs and panes the reader has looked at, as a browser keeps them."""
from __future__ import annotations


class NavigationHistory:
    def __init__(self) -> None:
        self._entries: list[tuple[str, str]] = []
        self._index = -1

    def push(self, drug_id: str, pane: str) -> bool:
        """A new place: what lay ahead of the current one is dropped. False when it is the current place."""
        if self._index >= 0 and self._entries[self._index] == (drug_id, pane):
            return False
        del self._entries[self._index + 1:]
        self._entries.append((drug_id, pane))
        self._index = len(self._entries) - 1
        return True

    def step(self, step: int) -> tuple[str, str] | None:
        """The place `step` back (negative) or forward, now current; None past either end."""
        index = self._index + step
        if not 0 <= index < len(self._entries):
            return None
        self._index = index
        return self._entries[index]

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._index < len(self._entries) - 1
