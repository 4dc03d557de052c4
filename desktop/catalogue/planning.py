"""What adding documents would do, read without changing anything: per document, its kind, drugs, facts,
what the reader could not place, and every disagreement with what the catalogue already holds.

A document the catalogue cannot take is listed with its `problem` and skipped on accept; the plan is
acceptable when at least one document has none.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest.clean import slug
from ..ingest.corpus import PARSERS
from ..ingest.document import SourceError
from ..ingest.kinds import KIND_LABELS, detect, read_as, stated_as_of
from ..ingest.registry import SHAPE as REGISTRY_SHAPE
from ..ingest.registry_json import LARGEST_REGISTRY_FILE, looks_like_json
from ..ingest.registry_unread import UNREAD_NOTE
from ..ingest.records import Provenance
from ..ingest.extraction import Extraction
from ..labels import worded
from ..names import shown
from ..store import Store, StoreError
from .folder import Catalogue, CatalogueError, read_only, read_rows
from .update import affected_drugs
from ..store.registry_links import link_keys, link_pairs

LARGEST_DOCUMENT = 20 * 2**20   # 20 MB: some fifty times the longest real document; beyond is not a document
_ISO_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
# The trial fields a second document may disagree on, and how each is shown.
_TRIAL_FIELDS = (("status", "status_text"), ("phase", "phase_text"), ("enrollment", None))


@dataclass(frozen=True)
class DrugChange:
    name: str
    drug_id: str
    new: bool


@dataclass(frozen=True)
class Conflict:
    """The catalogue says one thing, the new document another: both are kept and shown, each with its passage."""

    subject: str                          # "NCT01234567 status", "FDA finding for Aldesleukin"
    catalogue_value: str
    catalogue_source: Provenance
    new_value: str
    new_source: Provenance                # in the new document, under the name it is reviewed by


@dataclass
class DocumentReview:
    path: Path
    name: str
    shape: str | None
    kind: str | None
    detected: bool
    title: str | None
    as_of: str | None
    problem: str | None = None
    drugs: list[DrugChange] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    text_only: list[tuple[int, str]] = field(default_factory=list)
    unrecognised: list[tuple[int, str]] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    as_of_quote: str | None = None        # the line the date was read from; None when given with --as-of or undated
    as_of_given_by_user: bool = False
    sha256: str | None = None
    text: str | None = field(default=None, repr=False)
    extraction: Extraction | None = field(default=None, repr=False)
    # Registry records: per study, the drug it is attached to and by which intervention name, or that it
    # names no drug of the catalogue; each record skipped or value left out, naming the record and field; and
    # each field the records hold that DrugRef does not read (kept in the file), with how many records have it.
    studies: list[str] = field(default_factory=list)
    record_notes: list[tuple[int, str]] = field(default_factory=list)
    unread_fields: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class AddPlan:
    documents: list[DocumentReview]

    @property
    def acceptable(self) -> bool:
        """At least one document can be added; the refused ones (with `problem`) are skipped on accept."""
        return any(document.problem is None for document in self.documents)

    @property
    def accepted(self) -> list[DocumentReview]:
        return [document for document in self.documents if document.problem is None]


def review(catalogue: Catalogue, paths: list[Path], kind: str | None = None, title: str | None = None,
           as_of: str | None = None) -> AddPlan:
    if kind is not None and kind not in PARSERS:
        raise CatalogueError(f"--kind {kind!r}: DrugRef reads " + ", ".join(f'"{k}"' for k in PARSERS))
    if as_of is not None and not _ISO_DATE.fullmatch(as_of):
        raise CatalogueError(f"--as-of {as_of!r}: give the date as YYYY, YYYY-MM or YYYY-MM-DD")
    database = catalogue.database_to_open()
    held = dict(read_rows(database, "SELECT sha256, id FROM sources"))
    try:
        with Store(database) as store, read_only(database) as connection:
            documents = []
            for path in paths:
                document = _review_one(store, connection, held, Path(path), kind, title, as_of)
                if document.sha256 and document.problem is None:
                    held[document.sha256] = f"{document.name}, earlier in this add"  # the same file twice: once
                documents.append(document)
    except StoreError as error:
        raise CatalogueError(str(error)) from None
    return AddPlan(documents)


def _review_one(store: Store, connection: sqlite3.Connection, held: dict[str, str], path: Path, kind: str | None,
                title: str | None, as_of: str | None) -> DocumentReview:
    document = DocumentReview(path, path.name, kind, KIND_LABELS.get(kind), kind is None, None, None)
    text = _read_text(path, document)
    if text is None:
        return document
    document.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if document.sha256 in held:
        document.problem = f"{path.name}: already in the catalogue or this add (the same text as {held[document.sha256]})"
        return document
    try:
        if kind is None:
            detection = detect(path.name, text)
            if detection.shape is None:
                document.problem = detection.problem
                return document
            document.shape, document.kind = detection.shape, KIND_LABELS[detection.shape]
            extraction = detection.extraction
        else:
            reading = read_as(kind, path.name, text)
            if reading.error is not None:
                raise reading.error
            extraction = reading.extraction
    except SourceError as error:
        document.problem = f"cannot read {error}"
        return document
    document.text, document.extraction = text, extraction
    document.counts = extraction.counts()
    report = extraction.report
    document.text_only = [(line, heading) for line, heading, _ in report.text_only]
    document.unrecognised = [(line, heading) for line, heading, _ in report.unrecognised]
    document.unplaced = [(line, text) for line, text, _ in report.unplaced]
    if document.shape == REGISTRY_SHAPE:
        document.drugs, document.studies = _study_links(store, connection, extraction)
        # Both are the report's notes (values seen but not taken); shown apart, so a record's problem is not
        # lost among the many fields a real record has that DrugRef does not read.
        unread = f"{UNREAD_NOTE}: "
        document.record_notes = [(line, why) for line, _, why in report.notes if not why.startswith(unread)]
        document.unread_fields = [(line, why.removeprefix(unread)) for line, _, why in report.notes if why.startswith(unread)]
        document.title = title or _registry_title(extraction)
    else:
        document.drugs = _drugs(store, connection, extraction)
        document.title = title or _title(text, extraction, document.kind)
    if as_of is not None:
        document.as_of, document.as_of_given_by_user = as_of, True
    elif stated := stated_as_of(text):
        document.as_of, document.as_of_quote = stated
    document.conflicts = conflicts(store, extraction, document.drugs)
    return document


def _read_text(path: Path, document: DocumentReview) -> str | None:
    """The file's text, or None with `document.problem` saying why it is refused."""
    try:
        if not path.is_file():
            document.problem = f"{shown(path)}: not a file" if path.exists() else f"{shown(path)}: no such file"
            return None
        size = path.stat().st_size
        if size > LARGEST_DOCUMENT and _opens_json(path):
            if size > LARGEST_REGISTRY_FILE:
                document.problem = (f"{path.name}: {size / 2**20:.1f} MB is over the {LARGEST_REGISTRY_FILE // 2**20} MB "
                                    "a file of registry records may have; download the studies in pages (the "
                                    "registry's pages hold up to 1,000) and add those")
                return None
        elif size > LARGEST_DOCUMENT:
            document.problem = (f"{path.name}: {size / 2**20:.1f} MB is over the 20 MB a document may have "
                                "(DrugRef reads text documents, not dumps or archives)")
            return None
        data = path.read_bytes()
    except OSError as error:
        document.problem = f"{shown(path)}: cannot read it ({error.strerror or error})"
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        document.problem = (f"{path.name}:{line}: not UTF-8 text (undecodable byte at offset {error.start}); "
                            "DrugRef reads plain text documents")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        document.problem = f"{path.name}:{line}: not text (a NUL byte); DrugRef reads plain text documents"
        return None
    if not text.strip():
        document.problem = f"{path.name}: empty"
        return None
    return text


def _opens_json(path: Path) -> bool:
    """Whether a file starts as JSON does, read from its first bytes only (it may be too large to read)."""
    with path.open("rb") as file:
        return looks_like_json(file.read(64).decode("utf-8", errors="replace"))


def _registry_title(extraction: Extraction) -> str:
    numbers = [t.trial_id for t in extraction.trials]
    shown_numbers = ", ".join(numbers[:3]) + (f" and {len(numbers) - 3} more" if len(numbers) > 3 else "")
    return f"ClinicalTrials.gov records: {len(numbers)} {'study' if len(numbers) == 1 else 'studies'} ({shown_numbers})"


def _study_links(store: Store, connection: sqlite3.Connection, extraction: Extraction) -> tuple[list[DrugChange], list[str]]:
    """The catalogue's drugs the studies name, and per study how it is linked (or that it is not)."""
    drugs_of: dict[str, list[str]] = {}
    keys = {key for trial in extraction.trials for key in link_keys(trial)}
    for key, drug_id in link_pairs(connection, keys):
        drugs_of.setdefault(key, []).append(drug_id)
    names = {drug_id: summary.name for drug_id in {d for ids in drugs_of.values() for d in ids}
             if (summary := store.drug_summary(drug_id))}
    drugs: dict[str, tuple[str, str]] = {}
    lines = []
    for trial in extraction.trials:
        links = []
        for key, how in link_keys(trial).items():
            for drug_id in drugs_of.get(key, []):
                if drug_id in names and all(drug_id != linked for linked, _, _ in links):
                    links.append((drug_id, names[drug_id], how))
                    drugs[drug_id] = (drug_id, names[drug_id])
        if links:
            lines.append(f"{trial.trial_id}: " + "; ".join(f"{drug}, linked by {how}" for _, drug, how in links))
        else:
            named = ", ".join(repr(n) for n in trial.intervention_names) or "none"
            lines.append(f"{trial.trial_id}: not linked to a drug (its interventions: {named}); listed under "
                         "\"Trials not linked to a drug\"")
    changes = [DrugChange(name, drug_id, False) for drug_id, name in sorted(drugs.values(), key=lambda d: d[1])]
    return changes, lines


def _title(text: str, extraction: Extraction, kind: str | None) -> str:
    """The document's first line when it names the drug (a heading), else the drug's name and the kind."""
    first = next((line.strip().lstrip("\ufeff") for line in text.splitlines() if line.strip()), "")
    if first and extraction.drug_name.casefold() in first.casefold() and len(first) <= 200:
        return first
    return f"{extraction.drug_name} — {kind}"


def _drugs(store: Store, connection: sqlite3.Connection, extraction: Extraction) -> list[DrugChange]:
    """The catalogue's drugs the document is about, found as the add will find them (by every name and
    identifier it gives: update.affected_drugs), else the new drug it makes. Two found: the document
    joins them into one, as a full build would."""
    found = sorted(affected_drugs(connection, [extraction]))
    if not found:
        return [DrugChange(extraction.drug_name, slug(extraction.drug_name), True)]
    return [DrugChange(summary.name, summary.id, False) for summary in map(store.drug_summary, found) if summary]


def conflicts(store: Store, extraction: Extraction, drugs: list[DrugChange]) -> list[Conflict]:
    """Each agency finding and each trial status, phase or enrollment the new document states differently
    from every value the catalogue holds for the same drug (agency) or the same registry ID (trial)."""
    found: list[Conflict] = []
    for drug in (d for d in drugs if not d.new):
        held = {a.agency: a for a in store.approvals(drug.drug_id) if a.prov is not None}
        for approval in extraction.approvals:
            ours = held.get(approval.agency)
            if ours is None:
                continue
            stated = [ours, *ours.also]
            if approval.finding not in {a.finding for a in stated}:
                found.append(Conflict(f"{approval.agency} finding for {drug.name}", _finding(ours.finding, ours.finding_text),
                                      ours.prov, _finding(approval.finding, approval.finding_text), approval.prov))
    linked = {drug.drug_id for drug in drugs}
    for trial in extraction.trials:
        for number in filter(None, (trial.trial_id, *trial.other_ids)):
            row = store.find_trial(number)
            if row is None or (row.trial_id != number and number not in row.other_ids):
                continue
            if trial.from_registry and row.drug_id not in linked:
                continue  # a record meets a trial only where it is attached to that trial's drug
            for name, wording in _TRIAL_FIELDS:
                new = getattr(trial, name)
                if new is None:
                    continue
                # Every value a catalogue passage states (the primary one and any other source's) that the
                # new document contradicts; one it agrees with is no conflict, and an unstated one none either.
                values = [(getattr(row, name), getattr(row, wording) if wording else None, row.prov)]
                values += [(v.value, v.text, v.prov) for v in row.values if v.field == name]
                # Each side as the trial dialog words it: a registry's code beside the value it stands for.
                shown_new = worded(name, str(new), getattr(trial, wording) if wording else None)
                if trial.from_registry:
                    stated = _registry_value(trial, name)
                    shown_new += f", record last updated {trial.last_updated or 'on a date it does not give'}"
                for value, text, prov in values:
                    if value is not None and str(value) != str(new):
                        where = stated if trial.from_registry and stated else trial.prov
                        found.append(Conflict(f"{number} {name}", worded(name, str(value), text), prov, shown_new, where))
            break
    unique = {(c.subject, c.catalogue_value, c.new_value): c for c in found}  # a trial mentioned twice: once
    return list(unique.values())


def _registry_value(trial, name: str) -> Provenance | None:
    """The passage (JSON path and lines) a record states a field in."""
    return next((v.prov for v in trial.values if v.field == name), None)


def _finding(finding: str, text: str | None) -> str:
    """"not approved — As of November 2023, lifileucel is not approved by the U.S. FDA …": the finding and
    the source's own words for it."""
    return f"{finding} — {text}" if text and text != finding else finding


