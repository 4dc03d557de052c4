"""The catalogue's commands: `drugref add`, `drugref sources`, `drugref remove` (see desktop.catalogue)."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from .catalogue import Catalogue
from .ingest.corpus import PARSERS
from .names import shown

def add_parsers(verb: dict[str, argparse.ArgumentParser]) -> None:
    """The arguments of the catalogue's verbs (desktop.verbs declares them)."""
    add = verb["add"]
    add.description = ("Add documents of the kinds DrugRef reads to your catalogue, beside the bundled ones. "
                       "Each is copied verbatim into your data folder.")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--kind", choices=list(PARSERS), help="the document's kind, when it is not detected")
    add.add_argument("--title", help="the document's title (default: its first line, or the drug's name and kind)")
    add.add_argument("--as-of", dest="as_of", metavar="DATE",
                     help="the date the document is current as of (YYYY, YYYY-MM or YYYY-MM-DD), when its text states none")
    add.add_argument("--dry-run", action="store_true", help="show what would be added, change nothing")
    add.add_argument("--json", action="store_true", help="with --dry-run: the review as JSON")

    sources = verb["sources"]
    sources.add_argument("--json", action="store_true")

    remove = verb["remove"]
    remove.add_argument("name", metavar="NAME", help="the document's file name, as `drugref sources` lists it")


def rebuilt_if_needed(catalogue: Catalogue, progress=None) -> Catalogue:
    """The catalogue, built again first if DrugRef's own sources or schema changed since it was written."""
    if catalogue.needs_rebuild():
        print("Rebuilding your catalogue (DrugRef's own sources or schema changed)…", file=sys.stderr)
        catalogue.rebuild(progress)
    return catalogue


def run_command(args: argparse.Namespace) -> int:
    catalogue = Catalogue()
    return {"add": _add, "sources": _sources, "remove": _remove}[args.command](catalogue, args)


def _progress(done: int, total: int, message: str) -> None:
    print(f"  [{done}/{total}] {message}", file=sys.stderr)


def _add(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from .catalogue import accept, review

    if len(args.files) > 1 and args.title:
        print("drugref add: --title names one document; give one file with it", file=sys.stderr)
        return 2
    rebuilt_if_needed(catalogue, _progress)
    plan = review(catalogue, args.files, args.kind, args.title, args.as_of)
    if args.dry_run and args.json:
        json.dump([_review_dict(d) for d in plan.documents], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.dry_run:
        print(format_plan(plan))
    else:
        for document in plan.documents:
            if document.problem:
                print(f"Refused: {document.problem}", file=sys.stderr)
    if not plan.acceptable:
        print(f"drugref add: nothing {'would be ' if args.dry_run else ''}added: every document was refused",
              file=sys.stderr)
        return 1
    if args.dry_run:
        return 0
    changes = accept(catalogue, plan)
    print(format_changes(changes))
    print(f"Your catalogue: {shown(catalogue.database)}")
    return 0


def format_plan(plan) -> str:
    out = []
    for document in plan.documents:
        out.append(f"{document.name}")
        if document.problem:
            out.append(f"  REFUSED: {document.problem}")
            continue
        how = "detected" if document.detected else "given with --kind"
        out.append(f"  kind: {document.kind} ({document.shape}, {how})")
        out.append(f"  title: {document.title}")
        dated = ("given with --as-of" if document.as_of_given_by_user else f"from the line {document.as_of_quote!r}")
        out.append(f"  as of: {document.as_of} ({dated})" if document.as_of else "  as of: not stated (undated)")
        for drug in document.drugs:
            out.append(f"  drug: {drug.name} — {'new' if drug.new else 'already in the catalogue: merged into it'}")
        out.append("  facts: " + (", ".join(f"{n} {name.replace('_', ' ')}" for name, n in document.counts.items())
                                  or "none"))
        for label, entries in (("sections kept as text only", document.text_only),
                               ("unrecognised headings (kept as text)", document.unrecognised),
                               ("lines read into nothing (kept as text)", document.unplaced)):
            out.append(f"  {label}: {len(entries) or 'none'}")
            out.extend(f"    line {line}: {text}" for line, text in entries)
        if document.studies:
            out.append(f"  studies: {len(document.studies)}")
            out.extend(f"    {line}" for line in document.studies)
        if document.shape == "registry-json":
            out.append(f"  records skipped or values left out: {len(document.record_notes) or 'none'}")
            out.extend(f"    line {line}: {why}" for line, why in document.record_notes)
            out.append(f"  fields not read by DrugRef (kept in the file): {len(document.unread_fields) or 'none'}")
            out.extend(f"    line {line}: {what}" for line, what in document.unread_fields)
        out.append(f"  conflicts with the catalogue: {len(document.conflicts) or 'none'}")
        for conflict in document.conflicts:
            out.append(f"    {conflict.subject}: catalogue {conflict.catalogue_value!r} ({conflict.catalogue_source.place})"
                       f" — new {conflict.new_value!r} ({conflict.new_source.place}); both will be kept and shown")
    accepted = len(plan.accepted)
    out.append(f"{accepted} of {len(plan.documents)} document(s) would be added"
               + ("; the refused ones are skipped" if accepted < len(plan.documents) else ""))
    return "\n".join(out)


def format_changes(changes) -> str:
    out = [f"Added {', '.join(changes.documents)}"]
    out.append(f"  new drugs: {', '.join(changes.new_drugs) or 'none'}")
    out.append(f"  new trials: {', '.join(changes.new_trials) or 'none'}")
    for change in changes.changed:
        out.append(f"  {change.subject}: {change.before} → {change.after} (says {change.source}; both are kept)")
    out.extend(f"  skipped: {why}" for why in changes.skipped)
    return "\n".join(out)


def _review_dict(document) -> dict:
    data = {key: value for key, value in asdict(document).items() if key not in ("text", "extraction")}
    data["path"] = str(document.path)
    return data


def _sources(catalogue: Catalogue, args: argparse.Namespace) -> int:
    rebuilt_if_needed(catalogue, _progress)
    documents = catalogue.documents()
    if args.json:
        json.dump([asdict(d) for d in documents], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    from .text_output import print_table

    rows = [(d.name, d.kind, d.title, _as_of(d), "bundled" if d.bundled else f"yours, added {d.added}",
             ", ".join(d.drugs) or "—") for d in documents]
    print_table(("Document", "Kind", "Title", "As of", "Whose", "Drugs"), rows, flexible=(2,))
    return 0


def _as_of(entry) -> str:
    if not entry.as_of:
        return "not stated"
    return f"{entry.as_of} (given by you)" if entry.as_of_given_by_user else entry.as_of


def _remove(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from .catalogue import remove
    from .catalogue.changes import forget_removed

    changes = remove(catalogue, args.name)
    forget_removed(catalogue, args.name)  # the command line has no undo: the removed file goes now
    print(f"Removed {args.name}")
    if changes.removed_drugs:
        print(f"  drugs no longer in the catalogue: {', '.join(changes.removed_drugs)}")
    return 0
