"""What a registry study record holds that DrugRef does not read (desktop.ingest.registry reads a fixed set of
fields). The reader marks every JSON path it reads, and every path it noted a problem with (a value it saw and
left out, already said with why); this module walks the rest of the study and names what no mark covers.

A part is named at the highest path that is entirely unread: `oversightModule` as a whole when none of it is
read, `contactsLocationsModule.locations[2].city` when a location's country is read but not its city; an
unread object of texts only is named text by text (`descriptionModule.briefSummary`), so each text can be
shown. Values that hold nothing (null, "", [], {}) are not named: there is nothing in them to lose.

For the document's read report, the parts are summed up per field across its records (`locations[*].city`,
with how many records have it and the line of the first), so a page of 1,000 studies gives one line per
field, not one per value. For each study, the parts of one field are one TrialValue named UNREAD, whose value
is the field's path, whose text is the field's text as the record has it (strings verbatim, less control
characters; other single values as JSON writes them; None where a part is an object or a list of objects)
and whose passage is the lines that hold every part of it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from os.path import commonprefix

from .clean import strip_controls
from .provenance import Provenance
from .registry_json import child_path
from .trial_record import UNREAD, TrialValue

UNREAD_NOTE = "not read by DrugRef, kept in the file"  # how a report note on such a part starts
_EMPTY = (None, "", [], {})
_INDEX = re.compile(r"\[\d+\]")
_READ, _PARTLY, _UNREAD, _NOTHING = "read", "partly read", "unread", "nothing"


def takes_whole(value) -> bool:
    """A value read at once: a single value, or a list of them (phases, keywords). An object, or a list of
    objects (locations), is only gone into: what is read of it is marked path by path."""
    if isinstance(value, dict):
        return False
    return not isinstance(value, list) or not any(isinstance(item, (dict, list)) for item in value)


def unread_parts(value, path: str, read: set[str]) -> list[tuple[str, object]]:
    """(JSON path, value) of the highest parts below `path` (the study's) that no path in `read` covers, in
    document order."""
    state, found = _walk(value, path, read)
    return [apart for part in ([(path, value)] if state == _UNREAD else found) for apart in _texts_apart(*part)]


def _texts_apart(path: str, value) -> list[tuple[str, object]]:
    """An object of texts only (descriptionModule: briefSummary, detailedDescription) is named text by text,
    so that each is listed with its words; any other part is named whole."""
    if isinstance(value, dict):
        members = [(child_path(path, key), item) for key, item in value.items() if item not in _EMPTY]
        if all(isinstance(item, str) for _, item in members):
            return members
    return [(path, value)]


def _walk(value, path: str, read: set[str]) -> tuple[str, list[tuple[str, object]]]:
    """(how much of the value is read, the unread parts inside it when it is partly read). A loop, not a
    comprehension: one frame per level of nesting, as registry_json's printer takes."""
    if path in read:
        return _READ, []
    if not isinstance(value, (dict, list)) or not value:
        return (_NOTHING if value in _EMPTY else _UNREAD), []
    children = []
    for key, item in (value.items() if isinstance(value, dict) else enumerate(value)):
        child = child_path(path, key)
        children.append((child, item, *_walk(item, child, read)))
    if any(state in (_READ, _PARTLY) for _, _, state, _ in children):
        found = []
        for child, item, state, inner in children:
            found.extend([(child, item)] if state == _UNREAD else inner)
        return _PARTLY, found
    return (_UNREAD if any(state == _UNREAD for _, _, state, _ in children) else _NOTHING), []


def field_path(path: str, study_path: str) -> str:
    """`studies[3].protocolSection.contactsLocationsModule.locations[2].city` → `contactsLocationsModule.locations[*].city`:
    below the study, indices as [*], and without `protocolSection.` (its modules' names are the registry's
    field names, and no other section of a study has a module of the same name)."""
    relative = path[len(study_path):].removeprefix(".")
    return strip_controls(_INDEX.sub("[*]", relative).removeprefix("protocolSection."))


def _shown(value) -> str | None:
    """A single value's text: a string as written (less control characters), another as JSON writes it; a
    list of them, each so, with "; " between; None for an object or a list of objects (its [source] shows it)."""
    if isinstance(value, list) and takes_whole(value):
        return "; ".join(map(_shown, value))
    if isinstance(value, (dict, list)):
        return None
    return strip_controls(value) if isinstance(value, str) else json.dumps(value)


def by_field(study_path: str, parts: list[tuple[str, object]]) -> dict[str, list[tuple[str, object]]]:
    """A study's unread parts grouped by field (`locations[*].city`: each location's), in the record's order."""
    grouped: dict[str, list[tuple[str, object]]] = {}
    for path, value in parts:
        grouped.setdefault(field_path(path, study_path), []).append((path, value))
    return grouped


def unread_values(source: str, spans: dict[str, tuple[int, int]],
                  fields: dict[str, list[tuple[str, object]]]) -> list[TrialValue]:
    """One TrialValue per field (by_field), in the order the record has them."""
    values = []
    for name, found in fields.items():
        paths = [path for path, _ in found]
        # One part: its own path. Several (a field of each location): the list they are all in, the one
        # whose index is the first place their paths differ.
        where = paths[0] if len(paths) == 1 else commonprefix(paths)[:commonprefix(paths).rfind("[")]
        texts = [_shown(value) for _, value in found]
        text = "; ".join(texts) if None not in texts else None
        values.append(TrialValue(UNREAD, name, text, Provenance(source, where, *spans[where])))
    return values


@dataclass
class _Field:
    pattern: str
    first_line: int
    records: int = 0


class UnreadTally:
    """The unread parts of a document's records, summed up per field for its read report."""

    def __init__(self) -> None:
        self._fields: dict[str, _Field] = {}

    def add(self, fields: dict[str, list[tuple[str, object]]], spans: dict[str, tuple[int, int]]) -> None:
        """One study's unread parts, by field (by_field)."""
        for name, found in fields.items():
            first = found[0][0]
            self._fields.setdefault(name, _Field(_INDEX.sub("[*]", first), spans[first][0])).records += 1

    def notes(self) -> list[tuple[int, str, str]]:
        """(line of the first, the field's path in the file with [*] for indices, why), by first line."""
        notes = []
        for name, found in self._fields.items():
            # The note's line is the first record's: every list of notes shows it beside the note.
            records = f"{found.records} record{'s' if found.records != 1 else ''}"
            notes.append((found.first_line, found.pattern, f"{UNREAD_NOTE}: {name} ({records})"))
        return sorted(notes, key=lambda note: note[0])
