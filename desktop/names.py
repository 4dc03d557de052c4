"""Arguments as Linux hands them over: bytes, which Python decodes with surrogate escapes when they are
not UTF-8. A file name like that is still a file name (os functions encode it back to the same bytes);
a drug name or search term like that is nothing DrugRef can look up, and Qt cannot take it at all
(PySide crashes converting a lone surrogate to a QString)."""
from __future__ import annotations

import os
from typing import Iterable, Sequence


def is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(value: object) -> str:
    """`value` for a message: undecodable bytes as \\xNN, as a shell's $'…' quoting writes them."""
    text = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
    return os.fsencode(text).decode("utf-8", "backslashreplace") if not is_text(text) else text


def for_qt(arguments: Sequence[str]) -> list[str]:
    """Arguments Qt can take: an undecodable byte becomes U+FFFD (DrugRef reads its own arguments itself)."""
    return [os.fsencode(a).decode("utf-8", "replace") if not is_text(a) else a for a in arguments]


def untext_problem(named: Iterable[tuple[str, object]]) -> str | None:
    """For (label, value) pairs, a value that is a list of strings or a string: what to tell the user
    about the first one that is not text, or None."""
    for label, value in named:
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, str) and not is_text(item):
                return (f"{label} '{shown(item)}' is not UTF-8 text (the terminal or the caller sent other "
                        "bytes); give names and search terms as UTF-8 text")
    return None
