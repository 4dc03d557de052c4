"""A registry file's JSON as DrugRef stores and shows it: pretty-printed, with the lines of every value.

ClinicalTrials.gov gives study records as compact JSON, often one line for a whole page. The passage view
cites lines, so the text DrugRef keeps for such a file is the JSON printed as `json.dumps(indent=2,
ensure_ascii=False)` prints it (keys in the file's order), and this printer records, while printing, the
line span of every value under its JSON path (`studies[3].protocolSection.statusModule.overallStatus`).
Printing the printed text again gives the same text, so a document read again from the database (the
catalogue's incremental update) has the same lines and the same spans.

DEL and the C1 controls, which json.dumps leaves as they are, are written as \\u escapes: in a terminal
they are commands, and the text must stay JSON that reads back to the same values.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from .document import SourceError

# 32 MB: a full page of the registry's API (1,000 studies, its largest page) is a few MB without results
# and rarely above 25 MB with them. Python holds parsed JSON in some eight times its size, so a file at the
# limit costs some 250 MB while read; a 50,000-study download (hundreds of MB) is refused by its size,
# before a byte of it is read, with the advice to download it in pages.
LARGEST_REGISTRY_FILE = 32 * 2**20
_C1 = re.compile("[\x7f-\x9f]")


def child_path(path: str, key: str | int) -> str:
    """The JSON path of `key` below `path`: "studies[3]", "studies[3].protocolSection"; the printer names every
    value's span so, and the readers look spans up by the same paths."""
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)


def looks_like_json(text: str) -> bool:
    """A text whose first character (after spaces and a byte-order mark) opens a JSON object or array."""
    start = text.lstrip("\ufeff \t\r\n")[:1]
    return start in ("{", "[")


def _string(value: str) -> str:
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def _scalar(value) -> str:
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value)


class _Printer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.spans: dict[str, tuple[int, int]] = {}

    def value(self, value, path: str, indent: str, prefix: str, suffix: str) -> None:
        """Print `value` starting on a new line after `prefix` ("key": ), ending with `suffix` (a comma)."""
        start = len(self.lines) + 1
        inner = indent + "  "
        if isinstance(value, dict) and value:
            self.lines.append(f"{indent}{prefix}{{")
            items = list(value.items())
            for index, (key, item) in enumerate(items):
                self.value(item, child_path(path, key), inner, f"{_string(key)}: ",
                           "," if index < len(items) - 1 else "")
            self.lines.append(f"{indent}}}{suffix}")
        elif isinstance(value, list) and value:
            self.lines.append(f"{indent}{prefix}[")
            for index, item in enumerate(value):
                self.value(item, child_path(path, index), inner, "", "," if index < len(value) - 1 else "")
            self.lines.append(f"{indent}]{suffix}")
        else:
            shown = "{}" if isinstance(value, dict) else "[]" if isinstance(value, list) else _scalar(value)
            self.lines.append(f"{indent}{prefix}{shown}{suffix}")
        self.spans[path] = (start, len(self.lines))


@dataclass
class RegistryText:
    """A registry file read: its name, the printed text (what is stored and shown), the sha256 of the file
    as it was given (so the same file is recognised however it was printed), the parsed data and each JSON
    path's line span in the printed text."""

    name: str
    raw_text: str
    sha256: str
    data: object
    spans: dict[str, tuple[int, int]]


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    """json.loads keeps the last of two equal keys without a word; a record that says two things for one
    field is refused rather than read as one of them."""
    found: dict = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key {key!r} twice in one object")
        found[key] = value
    return found


def read_registry_text(name: str, text: str, sha256: str | None = None) -> RegistryText:
    """Parse and print a registry file's text. Raises SourceError with the line and column of malformed JSON."""
    try:
        data = json.loads(text.lstrip("\ufeff"), object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise SourceError(name, error.lineno, "JSON (a ClinicalTrials.gov study record, a list of them or a page)",
                          f"column {error.colno}: {error.msg}") from None
    except ValueError as error:
        raise SourceError(name, 1, "JSON objects with each key once", str(error)) from None
    except RecursionError:
        raise SourceError(name, 1, "JSON nested as a study record is", "JSON nested too deeply to read") from None
    printer = _Printer()
    try:
        printer.value(data, "", "", "", "")
    except RecursionError:
        raise SourceError(name, 1, "JSON nested as a study record is", "JSON nested too deeply to print") from None
    printed = "\n".join(printer.lines) + "\n"
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return RegistryText(name, printed, digest, data, printer.spans)
