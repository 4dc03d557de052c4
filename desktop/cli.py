"""The headless commands: a thin argparse layer over the store. Errors are one line on stderr, never a traceback."""
from __future__ import annotations

import argparse
import io
import json
import sys
import textwrap
import time
from pathlib import Path
from typing import Sequence

from . import __version__, paths
from .files import STDOUT, write_bytes
from .ingest import SourceError
from .ingest.clean import normalise_status, phase_filter
from .names import shown, untext_problem
from .store import SORT_COLUMNS, BuildError, Store, StoreError, TrialQuery
from .store.trial_columns import COLUMN
from .sheet.content import SECTIONS as SHEET_SECTIONS
from .store.compare import compare
from .store.export import comparison_dict, drug_record_dict, hit_dict, trial_dict, write_trials_csv
from .store.links import LinkError, drug_named
from .store.results import NO_DRUG, DrugSummary
from .text_output import format_comparison, format_record, plain_stdout, print_table, terminal_width
from .catalogue import Catalogue, CatalogueError
from .cli_catalogue import add_parsers as add_catalogue_parsers, rebuilt_if_needed, run_command as run_catalogue_command
from .verbs import CATALOGUE_VERBS, VERBS


class CommandError(Exception):
    """A problem with what the user asked for; the message says what and how to fix it."""


# The grid's columns (desktop.store.trial_columns) a terminal has room for; --format csv or json gives every field.
TABLE_COLUMNS = ("trial_id", "drug", "phase", "status", "enrollment", "posted", "conditions", "countries", "title")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drugref",
        description="Offline reference for the IL-2 pathway drugs. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"DrugRef {__version__}")
    parser.add_argument("--db", type=Path, help="database to read (default: your catalogue once you have added "
                        "documents with `drugref add`, else the bundled one)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    # One sub-command per declared verb (desktop.verbs), each then given its own arguments.
    verb = {name: commands.add_parser(name, help=text, parents=[] if name in ("build-db", *CATALOGUE_VERBS) else [db_option])
            for name, text in VERBS.items()}

    build = verb["build-db"]
    build.add_argument("--sources", type=Path, default=None, help="folder with manifest.toml (default: data/sources)")
    build.add_argument("--output", type=Path, default=None, help="database file to write (default: the bundled path)")
    build.add_argument("--report", type=Path, metavar="FILE.json",
                       help="write what each document was read into, line by line: counts per fact type, sections "
                       "kept as text, unrecognised headings, lines read into nothing")
    build.add_argument("--strict", action="store_true", help="fail when any document has a line or heading not read")
    build.add_argument("--synthetic", metavar="DRUGS,TRIALS",
                       help="instead of the sources, a deterministic synthetic catalogue for benchmarks (needs --output)")
    build.add_argument("--seed", type=int, default=0, help="with --synthetic: the random seed (default 0)")

    drugs = verb["drugs"]
    drugs.add_argument("--json", action="store_true")

    show = verb["show"]
    show.add_argument("drug", metavar="DRUG", help="name, code name, CAS, UNII or DrugBank ID")
    show.add_argument("--json", action="store_true")

    search = verb["search"]
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=20)

    trials = verb["trials"]
    trials.add_argument("--drug", help="only this drug's trials")
    trials.add_argument("--phase", help="e.g. 2, 1/2, 'Phase 3'")
    trials.add_argument("--status", help="e.g. Completed, Terminated, Recruiting")
    trials.add_argument("--text", help="only trials whose ID, title, conditions, … contain these words")
    trials.add_argument("--sort", default="posted:desc", help=f"COLUMN[:desc], COLUMN one of {', '.join(SORT_COLUMNS)}")
    trials.add_argument("--format", choices=("table", "csv", "json"), default="table")

    compare = verb["compare"]
    compare.add_argument("drugs", metavar="DRUG", nargs="+", help="two or three names, code names or IDs")
    compare.add_argument("--all-rows", action="store_true", help="also the rows where every drug agrees or none says anything")
    compare.add_argument("--json", action="store_true")

    # Handled by the window (desktop.app); listed here so that `drugref --help` and `drugref open --help` describe it.
    opener = verb["open"]
    opener.description = ("Open the window on the drug a term names, else its best search hit. "
                          "Also: `drugref drugref://drug/<id>` (or trial/<ID>, search/<text>).")
    opener.add_argument("term", nargs="+", metavar="TERM", help="name, code name, ID, trial ID, any search text, or a drugref:// link")
    opener.add_argument("--quit-after-startup", action="store_true", help=argparse.SUPPRESS)

    sheet = verb["sheet"]
    sheet.add_argument("drug", metavar="DRUG")
    where = sheet.add_mutually_exclusive_group(required=True)
    where.add_argument("--output", type=Path, help="PDF file to write (a device or FIFO is written in place; - is standard output)")
    where.add_argument("--print", dest="send_to_printer", action="store_true", help="send the sheet to a printer")
    sheet.add_argument("--printer", metavar="NAME", help="with --print: this printer instead of the default one")
    sheet.add_argument("--sections", help="comma-separated: " + ",".join(SHEET_SECTIONS))
    sheet.add_argument("--page-size", choices=("A4", "Letter"), help="default: from the locale")
    add_catalogue_parsers(verb)
    return parser


def run(argv: Sequence[str]) -> int:
    _use_utf8_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "open":
        from .app import run_app

        return run_app(argv)
    labels = _labels(parser, args.command)
    problem = untext_problem((labels.get(name, name), value) for name, value in vars(args).items())
    if problem:
        print(f"drugref: {problem}", file=sys.stderr)
        return 2
    try:
        if args.command == "build-db":
            return _build(args)
        if args.command in CATALOGUE_VERBS:
            with plain_stdout():
                return run_catalogue_command(args)
        with Store(args.db or _database_to_open()) as store, plain_stdout():
            handlers = {"drugs": _drugs, "show": _show, "search": _search, "trials": _trials, "sheet": _sheet,
                        "compare": _compare}
            return handlers[args.command](store, args)
    except KeyboardInterrupt:
        import signal

        # Said once: a second interrupt pending from the same press (seen now and then while SQLite is
        # unwinding) must not end the process by the signal after the message, instead of with 130.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        done = "the database was left as it was" if args.command == "build-db" else "stopped"
        print(f"drugref: interrupted; {done}", file=sys.stderr)
        return 130
    except (StoreError, BuildError, CommandError, CatalogueError) as error:
        print(f"drugref: {error}", file=sys.stderr)
        return 1
    except SourceError as error:
        print(f"drugref build-db: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`| head`): not an error worth a message
        return 0


def _database_to_open() -> Path:
    """The user's catalogue once they have added documents (built again first if DrugRef's own sources or
    schema changed since), else the bundled database."""
    return rebuilt_if_needed(Catalogue()).database_to_open()


def _labels(parser: argparse.ArgumentParser, command: str | None) -> dict[str, str]:
    """How each argument is named in a message: an option as typed (--drug), a positional by its metavar."""
    actions = list(parser._actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            actions += action.choices[command]._actions
    return {a.dest: a.option_strings[-1] if a.option_strings else (a.metavar or a.dest.upper()) for a in actions}


def _use_utf8_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and (stream.encoding or "").lower().replace("-", "") != "utf8":
            # Named explicitly: given an encoding alone, reconfigure makes errors strict, and a file name
            # that is not UTF-8 would then fail the very message that names it.
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def _build(args: argparse.Namespace) -> int:
    if getattr(sys, "frozen", False) and args.sources is None and args.synthetic is None:
        # The installed app carries its built database, not the documents it was built from.
        raise CommandError("this installed DrugRef has no source documents to build from: give a folder of them "
                           "with --sources DIR, or add documents of your own with `drugref add FILE…`")
    from .store.build import write_corpus, write_database

    started = time.perf_counter()
    if args.synthetic is not None:
        drugs, trials = _synthetic_size(args.synthetic)
        if args.output is None:
            raise CommandError("--synthetic needs --output: a synthetic catalogue never replaces the bundled database")
        from .ingest.synthetic import synthetic_documents

        written = write_database(synthetic_documents(drugs, trials, args.seed), args.output)
    else:
        from .ingest import load_corpus
        from .ingest.report import has_findings, report_dict, summary_line

        corpus = load_corpus(args.sources or paths.sources_dir())
        unread = [info.file for info, e in zip(corpus.sources, corpus.extractions) if has_findings(e)]
        if args.strict and unread:
            raise CommandError(f"--strict: {', '.join(unread)} had lines or headings not read; see --report")
        written = write_corpus(corpus, args.output or paths.bundled_database())
        for info, extraction in zip(corpus.sources, corpus.extractions):
            print(f"  {summary_line(info.file, extraction)}")
        if args.report:
            report = json.dumps(report_dict(corpus), ensure_ascii=False, indent=2) + "\n"
            try:
                write_bytes(args.report, report.encode("utf-8"))
            except OSError as error:
                raise CommandError(f"cannot write the report {shown(args.report)}: {error.strerror or error}") from None
    elapsed = (time.perf_counter() - started) * 1000
    counts = ""
    if written.is_file():  # not a device or FIFO written in place, which cannot be read back
        with Store(written) as store:
            counts = f" ({len(store.drugs())} drugs, {store.count_trials()} trials, {len(store.sources())} sources)"
    print(f"Built {shown(written)}{counts} in {elapsed:.0f} ms")
    return 0


def _synthetic_size(text: str) -> tuple[int, int]:
    try:
        drugs, trials = (int(part) for part in text.split(","))
    except ValueError:
        raise CommandError(f"--synthetic {text!r}: give DRUGS,TRIALS as two whole numbers, e.g. 10000,500000") from None
    if drugs < 1 or trials < 0:
        raise CommandError(f"--synthetic {text!r}: at least one drug and no negative trial count")
    return drugs, trials


def _emit_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _drugs(store: Store, args: argparse.Namespace) -> int:
    drugs = store.drugs()
    if args.json:
        _emit_json([
            {"id": d.id, "name": d.name, "status": d.status, "status_detail": d.status_detail,
             "code_names": list(d.code_names)} for d in drugs
        ])
        return 0
    rows = [(d.name, ", ".join(d.code_names) or "—", d.status_label) for d in drugs]
    print_table(("Drug", "Code names", "Status"), rows, flexible=(2,))
    return 0


def _resolve(store: Store, text: str) -> DrugSummary:
    try:
        drug, hint = drug_named(store, text)
    except LinkError as error:
        raise CommandError(str(error)) from None
    if drug is None:
        known = ", ".join(d.name for d in store.drugs())
        hint_text = f" Did you mean {hint!r}?" if hint else ""
        raise CommandError(f"no drug matches {text!r}.{hint_text} Known drugs: {known}.")
    return drug


def _show(store: Store, args: argparse.Namespace) -> int:
    record = store.drug(_resolve(store, args.drug).id)
    trials = store.trials(TrialQuery(drug_id=record.summary.id, sort="posted", descending=True))
    if args.json:
        _emit_json(drug_record_dict(record, trials))
    else:
        print(format_record(record, trials))
    return 0


def _compare(store: Store, args: argparse.Namespace) -> int:
    if not 2 <= len(args.drugs) <= 3:
        raise CommandError(f"compare takes two or three drugs, not {len(args.drugs)}")
    drugs = [_resolve(store, text) for text in args.drugs]
    if len({d.id for d in drugs}) < len(drugs):
        raise CommandError("compare needs different drugs: " + ", ".join(f"{t!r} → {d.name}" for t, d in zip(args.drugs, drugs)))
    comparison = compare(store, [d.id for d in drugs])
    if args.json:
        _emit_json(comparison_dict(comparison))
        return 0
    print(format_comparison(comparison, all_rows=args.all_rows))
    return 0


def _search(store: Store, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be 1 or more")
    result = store.search(args.query, args.limit)
    if result.suggestion:
        print(f"No results for {args.query!r}. Did you mean {result.suggestion!r}?", file=sys.stderr)
    if args.json:
        _emit_json([hit_dict(hit) for hit in result.hits])
        return 0
    if not result.hits and not result.suggestion:
        print(f"No results for {args.query!r}.")
    columns = terminal_width()
    for hit in result.hits:
        where = f" — {hit.drug}" if hit.drug and hit.drug != hit.title else ""
        print(f"{hit.kind:<9} {hit.title}{where}")
        if hit.snippet:
            print(textwrap.indent(textwrap.fill(hit.snippet, columns - 10), " " * 10))
    return 0


def _trials(store: Store, args: argparse.Namespace) -> int:
    column, _, direction = args.sort.partition(":")
    if column not in SORT_COLUMNS or direction not in ("", "asc", "desc"):
        raise CommandError(f"--sort {args.sort!r}: use COLUMN or COLUMN:desc with COLUMN one of {', '.join(SORT_COLUMNS)}")
    if args.drug and args.drug.strip().casefold() in ("unlinked", NO_DRUG):
        drug_id = NO_DRUG  # registry studies naming no drug of the catalogue
    else:
        drug_id = _resolve(store, args.drug).id if args.drug else None
    if args.phase and not phase_filter(args.phase):
        raise CommandError(f"--phase {args.phase!r} is not a phase; the trials have phases {', '.join(store.trial_phases())}")
    if args.status and not normalise_status(args.status):
        raise CommandError(f"--status {args.status!r} is not a trial status; the trials have {', '.join(store.trial_statuses())}")
    query = TrialQuery(drug_id, args.phase, args.status, args.text, column, direction == "desc")
    trials = store.trials(query)
    if args.format == "json":
        _emit_json([trial_dict(t) for t in trials])
    elif args.format == "csv":
        write_trials_csv(trials, sys.stdout)
    else:
        shown = [COLUMN[key] for key in TABLE_COLUMNS]
        rows = [tuple(column.cell(t) or "—" for column in shown) for t in trials]
        print_table(tuple(column.title for column in shown), rows,
                    flexible=tuple(n for n, key in enumerate(TABLE_COLUMNS) if key in ("conditions", "countries", "title")))
        print(f"\n{len(trials)} of {store.count_trials()} trials")
    return 0


def _sheet(store: Store, args: argparse.Namespace) -> int:
    import os

    from .sheet.content import SECTIONS, SheetOptions, parse_sections

    try:
        sections = parse_sections(args.sections) if args.sections is not None else SECTIONS
    except ValueError as error:
        raise CommandError(f"--sections: {error}") from None
    if not sections:
        raise CommandError("--sections names no section; give at least one of " + ", ".join(SECTIONS))
    if args.printer is not None and not args.send_to_printer:
        raise CommandError("--printer goes with --print; to write a file, give --output alone")
    to_stdout = str(args.output) == STDOUT
    if args.output and not to_stdout and args.output.is_dir():
        raise CommandError(f"--output {shown(args.output)} is a folder; give a file name such as sheet.pdf")
    if args.output and not to_stdout and not args.output.parent.exists():
        raise CommandError(f"--output: the folder {shown(args.output.parent)} does not exist")
    record = store.drug(_resolve(store, args.drug).id)
    # The sheet is laid out by Qt's text engine, which needs a GUI application but no screen.
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from .sheet import data_note
    from .sheet.render import SheetError, default_page_size, write_pdf

    app = QGuiApplication.instance() or QGuiApplication(["drugref"])
    options = SheetOptions(sections, args.page_size or default_page_size())
    try:
        if args.send_to_printer:
            from .sheet.printing import find_printer, print_sheet

            printer = find_printer(args.printer)
            pages = print_sheet(record, options, printer, data_note(store, record.sources))
            done = f"Sent to the printer {printer.printerName()}"
        else:
            pages = write_pdf(record, options, args.output, data_note(store, record.sources))
            done = "Wrote " + ("the PDF to standard output" if to_stdout else shown(args.output))
    except SheetError as error:
        raise CommandError(str(error)) from None
    del app
    print(f"{done} ({pages} page{'s' if pages != 1 else ''}, {options.page_size}) for {record.summary.name}",
          file=sys.stderr if to_stdout else sys.stdout)
    return 0
