"""The whole set of sources: the manifest, one parser per document shape, and the merged result."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import drug_database_page, monograph, registry, trials_overview
from .definition import read_definition
from .indications import indications_from_approvals
from .mentions import read_mentions
from .narrative import approvals_from_events
from .receptors import read_receptor_facts
from .document import Document, SourceError
from .clean import lookup_key, split_lines
from .merge import merge_trials  # noqa: F401 - part of the package's interface
from .extraction import Extraction
from .records import NAME_KINDS
from .registry_json import RegistryText, read_registry_text

MANIFEST = "manifest.toml"
# The readers of prose documents, which kinds.detect weighs against each other.
TEXT_PARSERS: dict[str, Callable[[Document], Extraction]] = {
    "drug-database-page": drug_database_page.parse,
    "monograph": monograph.parse,
    "trials-overview": trials_overview.parse,
}
# Every reader: the prose ones and the registry's JSON study records (read from a RegistryText, not a Document).
PARSERS: dict[str, Callable] = {**TEXT_PARSERS, registry.SHAPE: registry.parse}


def open_document(shape: str, name: str, text: str, sha256: str | None = None) -> Document | RegistryText:
    """A file's text ready for its reader: numbered lines for a prose document; for registry records, the
    JSON parsed and printed (the printed text is what is stored and cited). `sha256`: of the file as given,
    where `text` is the stored, printed one."""
    if shape == registry.SHAPE:
        return read_registry_text(name, text, sha256)
    return Document(name, text, sha256)


@dataclass
class SourceInfo:
    """A source document as the manifest describes it, with its text and where its "as of" date is stated."""

    file: str
    shape: str
    kind: str
    title: str
    publisher: str | None
    as_of: str | None
    as_of_quote: str | None
    as_of_line: int | None
    text: str
    sha256: str
    position: int | None = None  # its place in the manifest (the build numbers sources without one as they come)

    @property
    def line_count(self) -> int:
        return len(split_lines(self.text))


@dataclass
class Corpus:
    sources: list[SourceInfo]
    extractions: list[Extraction]


def load_corpus(directory: Path) -> Corpus:
    """Read the manifest and parse every source it lists, in manifest order. Raises SourceError."""
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise SourceError(str(manifest_path), 1, f"a {MANIFEST} listing the source documents", "no such file")
    try:
        manifest_text = manifest_path.read_text(encoding="utf-8")
        manifest = tomllib.loads(manifest_text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        # Python 3.11's TOMLDecodeError carries the position only in its message: "(at line 18, column 5)".
        where = re.search(r"at line (\d+)", str(error))
        raise SourceError(MANIFEST, int(where.group(1)) if where else 1, "valid TOML", str(error).split(" (at ")[0]) from None
    entries = manifest.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourceError(MANIFEST, 1, "one or more [[source]] tables", "none")
    sources, extractions = [], []
    for number, entry in enumerate(entries, start=1):
        info, doc = _read_source(directory, entry, number, manifest_text)
        info.position = number - 1
        sources.append(info)
        extractions.append(read_document(info.shape, doc))
    return Corpus(sources, extractions)


def read_document(shape: str, doc: Document) -> Extraction:
    """A document read by its shape's reader, then for what its sentences say the drug is, what they say of
    the receptor, and what they touch on in passing."""
    extraction = PARSERS[shape](doc)
    if shape == registry.SHAPE:
        return extraction  # structured records: no prose to read for definitions, receptors or mentions
    read_definition(extraction)
    indications_from_approvals(extraction)
    approvals_from_events(extraction)
    read_receptor_facts(extraction)
    read_mentions(extraction)
    return extraction


def _read_source(directory: Path, entry: dict, number: int, manifest_text: str) -> tuple[SourceInfo, Document]:
    where = f"{MANIFEST} [[source]] #{number}"
    if not isinstance(entry, dict):
        raise SourceError(MANIFEST, 1, "each source as a [[source]] table with file, shape, kind and title", repr(entry))
    for key in ("file", "shape", "kind", "title"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise SourceError(where, 1, f"a '{key}' string", repr(entry.get(key)))
    if entry["shape"] not in PARSERS:
        raise SourceError(where, 1, "a shape among " + ", ".join(sorted(PARSERS)), entry["shape"])
    path = _inside(directory, entry["file"], number, manifest_text)
    if not path.is_file():
        raise SourceError(entry["file"], 1, "the source document named in the manifest", "no such file")
    doc = open_document(entry["shape"], path.name, Document.read_text(path))
    as_of, quote, quote_line = entry.get("as_of"), entry.get("as_of_quote"), None
    # A date the user gave when adding the document (desktop.catalogue) has no line of the text to quote.
    from_user = entry.get("as_of_given_by_user") is True and as_of is not None and quote is None
    if (as_of is None) != (quote is None) and not from_user:
        raise SourceError(where, 1, "both 'as_of' and 'as_of_quote', or neither", None)
    if from_user and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(as_of)):
        raise SourceError(where, 1, "an ISO 'as_of' date (YYYY, YYYY-MM or YYYY-MM-DD)", str(as_of))
    if quote is not None:
        line = doc.find_line(quote) if isinstance(doc, Document) else None
        if line is None:
            raise SourceError(entry["file"], 1, f"the as-of wording {quote!r} given in the manifest", "no line with it")
        quote_line = line.number
        if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(as_of)):
            raise SourceError(where, 1, "an ISO 'as_of' date (YYYY, YYYY-MM or YYYY-MM-DD)", str(as_of))
    info = SourceInfo(
        file=entry["file"], shape=entry["shape"], kind=entry["kind"], title=entry["title"],
        publisher=entry.get("publisher"), as_of=as_of, as_of_quote=quote, as_of_line=quote_line,
        text=doc.raw_text, sha256=doc.sha256,
    )
    return info, doc


def _inside(directory: Path, file: str, number: int, manifest_text: str) -> Path:
    """The source's path, which must stay in the sources folder: a manifest is data, and one that says
    `file = "../../etc/passwd"` (or an absolute path, or a link out of the folder) must not have the build
    read, and store, whatever it points at."""
    path = directory / file
    root = directory.resolve()
    if Path(file).is_absolute() or not path.resolve().is_relative_to(root):
        raise SourceError(MANIFEST, _file_line(manifest_text, number),
                          f"[[source]] #{number} to name a file inside {directory} (no absolute path, no '..' or "
                          "link leading out of it)", file)
    return path


def _file_line(manifest_text: str, number: int) -> int:
    """The line of the `file` key of the manifest's `number`th [[source]] table (1 if it cannot be found)."""
    tables = 0
    for line_number, line in enumerate(split_lines(manifest_text), start=1):
        stripped = line.strip()
        if re.match(r"\[\[\s*source\s*\]\]", stripped):
            tables += 1
        elif tables == number and re.match(r"file\s*=", stripped):
            return line_number
    return 1


def group_by_drug(extractions: list[Extraction]) -> list[list[int]]:
    """The documents about each drug, as indexes into `extractions`, in the order each drug is first met.

    Two documents are about one drug when they share a name, code name or identifier (CAS, UNII,
    DrugBank ID), compared without case, spaces or dashes: a page named "NKTR-214" and one that lists
    NKTR-214 as bempegaldesleukin's code name are one drug, wherever the manifest lists them.
    """
    parent = list(range(len(extractions)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    owner: dict[tuple[str, str], int] = {}
    for index, extraction in enumerate(extractions):
        for key in drug_keys(extraction):
            if key in owner:
                first, second = sorted((root(owner[key]), root(index)))
                parent[second] = first
            else:
                owner[key] = index
    groups: dict[int, list[int]] = {}
    for index in range(len(extractions)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())




def drug_keys(extraction: Extraction) -> set[tuple[str, str]]:
    """What a document calls its drug, as (kind, look-up key): documents sharing one are about one drug
    (here, and in desktop.catalogue, which finds the catalogue's drugs by these keys in its `lookup` table)."""
    keys = {("name", lookup_key(extraction.drug_name))}
    for identifier in extraction.identifiers:
        kind = "name" if identifier.kind in NAME_KINDS else identifier.kind
        if key := lookup_key(identifier.value):
            keys.add((kind, key))
    return keys
