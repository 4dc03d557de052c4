"""Damaged source documents and manifests: refused when they cannot be read, reported when they can.

Every damage is applied to a writable copy of data/sources (the `sources_copy` fixture). A file that is
not text, or a manifest that is wrong, is refused: `load_corpus` raises `SourceError` naming the file, the
line and what was expected, and `drugref build-db` exits non-zero with one line on stderr, leaving a
database already at the output path byte-identical and no temp file beside it.

Damage inside a readable document (a file cut short, a table gone, a heading deleted, a bad CAS number,
an unknown status) is read as far as it goes and *reported*: the document's report names a line where the
damage is (or the end of the file, for a missing section) with a word saying what is wrong, nothing
damaged becomes a fact, `drugref build-db` says so in its line for the file, and `--strict` refuses it.

Line numbers are found by searching the damaged text, never hard-coded, so the tests say *which*
line must be named rather than *what number* it happens to have today.
"""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from desktop import cli
from desktop.ingest import SourceError, load_corpus
from desktop.ingest.prose import sentences
from desktop.ingest.records import TrialFacts
from desktop.ingest.extraction import Extraction, Trial

F000 = "000_d1e456e14f737604.txt"  # drug-database page (Bempegaldesleukin)
F001 = "001_bb6f0f708e6573de.txt"  # monograph (Nemvaleukin alfa)
F002 = "002_12ec28ba8c7864ed.txt"  # trials overview (Aldesleukin)
MANIFEST = "manifest.toml"
TRIALS_TABLE_HEADER_002 = "Trial ID Phase Condition studied Status Enrollment"


# ---- helpers -------------------------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    """The file's lines; joined back with "\\n" this gives the file byte for byte (no final newline)."""
    return path.read_text(encoding="utf-8").split("\n")


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines), encoding="utf-8")


def line_of(lines: list[str], predicate: Callable[[str], bool] | str, after: int = 0) -> int:
    """1-based number of the first line after line `after` that equals `predicate` (or satisfies it)."""
    test = (lambda text: text.strip() == predicate) if isinstance(predicate, str) else predicate
    for number in range(after + 1, len(lines) + 1):
        if test(lines[number - 1]):
            return number
    raise AssertionError(f"test setup: no line matching {predicate!r} after line {after}")


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8", errors="replace").splitlines())


def edit_manifest(sources: Path, old: str, new: str) -> list[str]:
    text = (sources / MANIFEST).read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in the manifest"
    text = text.replace(old, new, 1)
    (sources / MANIFEST).write_text(text, encoding="utf-8")
    return text.split("\n")


@dataclass
class Expect:
    """What the SourceError must say: the file, the plausible lines (inclusive) and a word of `expected`."""

    file: str
    first_line: int
    last_line: int
    keyword: str


Damage = Callable[[Path], Expect]


# ---- the damages ---------------------------------------------------------------------------------
# Each takes the sources folder, damages it in place and returns what the error must say.


def truncated_000(sources: Path) -> Expect:
    """Cut in the middle of the Clinical Trials table: half-way through a row's status line."""
    path = sources / F000
    lines = read_lines(path)
    posted = line_of(lines, "2019/08/09")
    status = posted + 2
    assert lines[status - 1] == "Terminated"
    kept = lines[:status]
    kept[-1] = kept[-1][: len(kept[-1]) // 2]  # "Termi"
    write_lines(path, kept)
    return Expect(F000, status, status, "sponsor")


def truncated_001(sources: Path) -> Expect:
    """Cut in the middle of the dosing table: half-way through a parameter row (no closing '|')."""
    path = sources / F001
    lines = read_lines(path)
    row = line_of(lines, lambda text: text.startswith("| Intravenous Schedule |"))
    kept = lines[:row]
    kept[-1] = kept[-1][: len(kept[-1]) // 2]
    write_lines(path, kept)
    return Expect(F001, row, row, "cut short")


def truncated_002(sources: Path) -> Expect:
    """Cut in the middle of the trials table: half-way through a run-together row."""
    path = sources / F002
    lines = read_lines(path)
    row = line_of(lines, lambda text: text.startswith("2025-521227-70-00Phase"))
    kept = lines[:row]
    kept[-1] = kept[-1][: len(kept[-1]) // 2]
    write_lines(path, kept)
    return Expect(F002, row, row, "status")


def table_missing_000(sources: Path) -> Expect:
    """The Clinical Trials heading stays; the six header lines and every row are gone."""
    path = sources / F000
    lines = read_lines(path)
    heading = line_of(lines, "Clinical Trials")
    first = line_of(lines, "Title", after=heading)
    next_heading = line_of(lines, "FDA Drug Approvals", after=heading)
    del lines[first - 1 : next_heading - 2]  # keep the blank line before the next heading
    write_lines(path, lines)
    return Expect(F000, heading, heading + 2, "column headers")


def table_missing_001(sources: Path) -> Expect:
    """The dosing heading and its introductory sentence stay; every '|' row is gone."""
    path = sources / F001
    lines = read_lines(path)
    heading = line_of(lines, "Dosage and Administration Protocols")
    kept = [text for number, text in enumerate(lines, start=1) if not (number > heading and text.startswith("|"))]
    assert len(kept) == len(lines) - 6
    write_lines(path, kept)
    return Expect(F001, heading, heading + 1, "dosing table")


def table_missing_002(sources: Path) -> Expect:
    """The trials-table header stays; its fifteen rows are gone."""
    path = sources / F002
    lines = read_lines(path)
    header = line_of(lines, TRIALS_TABLE_HEADER_002)
    blank = line_of(lines, "", after=header)
    del lines[header : blank - 1]
    write_lines(path, lines)
    return Expect(F002, header, header + 1, "no rows")


def remove_line(file: str, text: str, keyword: str) -> Damage:
    """A required heading deleted: the parser reaches the end of the file without finding it."""

    def damage(sources: Path) -> Expect:
        path = sources / file
        lines = read_lines(path)
        del lines[line_of(lines, text) - 1]
        write_lines(path, lines)
        end = line_count(path)
        return Expect(file, end, end, keyword)

    return damage


def no_name_001(sources: Path) -> Expect:
    """Neither the overview's "- Generic Name:" bullet nor a title line: the monograph names no drug."""
    path = sources / F001
    lines = [text for text in read_lines(path) if not text.startswith("- Generic Name:")]
    write_lines(path, lines)
    return Expect(F001, 1, len(lines), "name")


def nul_byte(file: str, needle: str) -> Damage:
    def damage(sources: Path) -> Expect:
        path = sources / file
        lines = read_lines(path)
        number = line_of(lines, lambda text: needle in text)
        lines[number - 1] = lines[number - 1].replace(needle, needle[:3] + "\x00" + needle[3:], 1)
        write_lines(path, lines)
        return Expect(file, number, number, "text")

    return damage


def invalid_utf8(file: str, needle: str) -> Damage:
    """A stray 0xFF byte (never valid in UTF-8) in the middle of a line well into the file."""

    def damage(sources: Path) -> Expect:
        path = sources / file
        data = path.read_bytes().split(b"\n")
        number = next(n for n, raw in enumerate(data, start=1) if needle.encode() in raw)
        data[number - 1] = data[number - 1].replace(needle.encode(), needle[:3].encode() + b"\xff" + needle[3:].encode(), 1)
        path.write_bytes(b"\n".join(data))
        return Expect(file, number, number, "UTF-8")

    return damage


def bad_cas_000(sources: Path) -> Expect:
    path = sources / F000
    lines = read_lines(path)
    number = line_of(lines, "1939126-74-5")
    lines[number - 1] = "1939126-74-6"  # check digit of 1939126-74 is 5
    write_lines(path, lines)
    return Expect(F000, number, number, "CAS")


def unknown_status_002(status: str) -> Damage:
    def damage(sources: Path) -> Expect:
        path = sources / F002
        lines = read_lines(path)
        number = line_of(lines, lambda text: text.startswith("NCT04243499Phase") and text.endswith("Completed88"))
        lines[number - 1] = lines[number - 1].removesuffix("Completed88") + f"{status}88"
        write_lines(path, lines)
        return Expect(F002, number, number, "status")

    return damage


def stale_as_of_quote(sources: Path) -> Expect:
    """The manifest's as_of_quote for 000 names wording the document does not contain."""
    edit_manifest(sources, 'as_of_quote = "Published: Sep 26, 2025"', 'as_of_quote = "Published: Sep 27, 2025"')
    return Expect(F000, 1, line_count(sources / F000), "as-of wording")


def manifest_names_missing_file(sources: Path) -> Expect:
    edit_manifest(sources, 'file = "001_bb6f0f708e6573de.txt"', 'file = "001_missing.txt"')
    return Expect("001_missing.txt", 1, 1, "named in the manifest")


def listed_file_deleted(sources: Path) -> Expect:
    (sources / F002).unlink()
    return Expect(F002, 1, 1, "named in the manifest")


def malformed_manifest(sources: Path) -> Expect:
    """A key/value pair without its '=': tomllib stops at that line."""
    lines = edit_manifest(sources, 'kind = "Drug monograph"', 'kind "Drug monograph"')
    return Expect(MANIFEST, line_of(lines, 'kind "Drug monograph"'), line_of(lines, 'kind "Drug monograph"'), "TOML")


def unclosed_string_manifest(sources: Path) -> Expect:
    lines = edit_manifest(sources, 'shape = "monograph"', 'shape = "monograph')
    number = line_of(lines, 'shape = "monograph')
    return Expect(MANIFEST, number, number, "TOML")


def manifest_sources_not_tables(sources: Path) -> Expect:
    """Valid TOML of the wrong shape: `source` is a list of file names, not [[source]] tables."""
    (sources / MANIFEST).write_text(f'source = ["{F000}", "{F001}"]\n', encoding="utf-8")
    return Expect(MANIFEST, 1, 1, "[[source]]")


def manifest_without_sources(sources: Path) -> Expect:
    (sources / MANIFEST).write_text("# every [[source]] table was deleted\n", encoding="utf-8")
    return Expect(MANIFEST, 1, 1, "[[source]]")


def manifest_deleted(sources: Path) -> Expect:
    (sources / MANIFEST).unlink()
    return Expect(MANIFEST, 1, 1, "manifest.toml")


def manifest_unknown_shape(sources: Path) -> Expect:
    edit_manifest(sources, 'shape = "monograph"', 'shape = "pamphlet"')
    return Expect("manifest.toml [[source]] #2", 1, 1, "shape")


# Damages that leave a file DrugRef cannot read, or a manifest that does not say what to read: refused.
REFUSED = [
    ("000-nul-byte", nul_byte(F000, "Comprehensive Post-Mortem")),
    ("001-nul-byte", nul_byte(F001, "Fatigue: General")),
    ("002-nul-byte", nul_byte(F002, "Basket trial means")),
    ("000-invalid-utf8", invalid_utf8(F000, "Comprehensive Post-Mortem")),
    ("001-invalid-utf8", invalid_utf8(F001, "Fatigue: General")),
    ("002-invalid-utf8", invalid_utf8(F002, "Basket trial means")),
    ("001-no-name-anywhere", no_name_001),
    ("manifest-stale-as_of_quote", stale_as_of_quote),
    ("manifest-names-missing-file", manifest_names_missing_file),
    ("manifest-listed-file-deleted", listed_file_deleted),
    ("manifest-malformed-key-value", malformed_manifest),
    ("manifest-malformed-unclosed-string", unclosed_string_manifest),
    ("manifest-sources-not-tables", manifest_sources_not_tables),
    ("manifest-without-sources", manifest_without_sources),
    ("manifest-deleted", manifest_deleted),
    ("manifest-unknown-shape", manifest_unknown_shape),
]
# Damages inside a readable document: read as far as it goes, and reported.
REPORTED = [
    ("000-truncated-in-trials-table", truncated_000),
    ("001-truncated-in-dosing-table", truncated_001),
    ("002-truncated-in-trials-table", truncated_002),
    ("000-trials-table-missing", table_missing_000),
    ("001-dosing-table-missing", table_missing_001),
    ("002-trials-table-missing", table_missing_002),
    ("000-no-Overview-heading", remove_line(F000, "Overview", "overview")),
    ("000-no-Clinical-Trials-heading", remove_line(F000, "Clinical Trials", "clinical trials")),
    ("001-no-Drug-Overview-heading", remove_line(F001, "Drug Overview", "overview")),
    ("002-no-trials-table-header", remove_line(F002, TRIALS_TABLE_HEADER_002, "trials table")),
    ("000-bad-cas-check-digit", bad_cas_000),
    ("002-unknown-status-Pending", unknown_status_002("Pending")),
    ("002-unknown-status-Paused", unknown_status_002("Paused")),
    ("002-unknown-status-Not-recruiting", unknown_status_002("Not recruiting")),
]


def _params(cases) -> list:
    return [pytest.param(damage, id=name) for name, damage in cases]


# ---- refused: load_corpus --------------------------------------------------------------------------


@pytest.mark.parametrize("damage", _params(REFUSED))
def test_load_corpus_names_file_line_and_expectation(sources_copy: Path, damage: Damage):
    expect = damage(sources_copy)
    with pytest.raises(SourceError) as raised:
        load_corpus(sources_copy)
    error = raised.value
    assert Path(error.file).name == expect.file, str(error)
    assert isinstance(error.line, int)
    assert expect.first_line <= error.line <= expect.last_line, (
        f"{error} — expected a line in {expect.first_line}..{expect.last_line}"
    )
    assert expect.keyword.casefold() in error.expected.casefold(), str(error)
    # The message has the documented shape: FILE:LINE: expected WHAT[, found 'X'].
    message = str(error)
    assert message.startswith(f"{error.file}:{error.line}: expected {error.expected}")
    assert "\n" not in message


def test_invalid_utf8_names_file_and_byte_offset(sources_copy: Path):
    """What the UTF-8 error does get right: the file, the expectation and the exact byte offset."""
    path = sources_copy / F001
    data = path.read_bytes()
    offset = data.index("Fatigue: General".encode())
    path.write_bytes(data[:offset] + b"\xff" + data[offset:])
    with pytest.raises(SourceError) as raised:
        load_corpus(sources_copy)
    error = raised.value
    assert error.file == F001
    assert "UTF-8" in error.expected
    assert f"offset {offset}" in error.found


def test_stale_as_of_quote_message_quotes_the_wording(sources_copy: Path):
    stale_as_of_quote(sources_copy)
    with pytest.raises(SourceError) as raised:
        load_corpus(sources_copy)
    assert "Published: Sep 27, 2025" in raised.value.expected
    assert "manifest" in raised.value.expected


def test_malformed_manifest_message_keeps_the_real_line(sources_copy: Path):
    """A malformed manifest is reported at the line the TOML parser names, not at line 1."""
    expect = malformed_manifest(sources_copy)
    with pytest.raises(SourceError) as raised:
        load_corpus(sources_copy)
    assert raised.value.line == expect.first_line
    assert str(raised.value).startswith(f"{MANIFEST}:{expect.first_line}: expected valid TOML")


# ---- reported: read as far as it goes ------------------------------------------------------------


def _findings(extraction: Extraction) -> list[tuple[int, str]]:
    report = extraction.report
    return [(line, f"{text} {why}") for name in ("unrecognised", "text_only", "unplaced", "notes")
            for line, text, why in getattr(report, name)]


@pytest.mark.parametrize("damage", _params(REPORTED))
def test_damage_in_a_document_is_read_around_and_reported_at_its_line(sources_copy: Path, extractions, damage: Damage):
    expect = damage(sources_copy)
    damaged = {e.source: e for e in load_corpus(sources_copy).extractions}[expect.file]
    findings = _findings(damaged)
    assert findings, f"{expect.file}: damaged, and the report says nothing"
    named = [(line, text) for line, text in findings if expect.first_line <= line <= expect.last_line]
    assert named, f"no finding at lines {expect.first_line}..{expect.last_line}: {findings}"
    assert any(expect.keyword.casefold() in text.casefold() for _, text in named), named
    assert _findings(extractions[expect.file]) == []  # the undamaged document reads whole


def test_a_file_cut_mid_row_gives_no_wrong_fact(sources_copy: Path, extractions):
    """Cut in the middle of a status ("Termi"), a row keeps what it had; the fragment becomes no sponsor,
    no status; cut in a dosing row, the half row is not a dosing row."""
    truncated_000(sources_copy)
    truncated_001(sources_copy)
    moved = {e.source: e for e in load_corpus(sources_copy).extractions}
    last = [t for t in moved[F000].trials if t.posted_text == "2019/08/09"][0]
    assert (last.status, last.sponsor, last.phase) == (None, None, "1")
    assert [d.parameter for d in moved[F001].dosing] == ["Route"]


@pytest.mark.parametrize(
    ("file", "last_kept"),
    [
        pytest.param(F000, lambda lines: line_of(lines, "2019/08/09") + 2, id="000-after-a-trial-row"),
        pytest.param(F001, lambda lines: line_of(lines, lambda t: t.startswith("| Intravenous Schedule |")), id="001-after-a-dosing-row"),
        pytest.param(F002, lambda lines: line_of(lines, lambda t: t.startswith("2025-521227-70-00Phase")), id="002-after-a-trial-row"),
    ],
)
def test_truncation_at_a_row_boundary_is_reported(sources_copy: Path, file: str, last_kept):
    """A file cut between two rows reads, and its report says which of the kind's sections are gone."""
    path = sources_copy / file
    lines = read_lines(path)
    write_lines(path, lines[: last_kept(lines)])
    cut = {e.source: e for e in load_corpus(sources_copy).extractions}[file]
    assert any("no section on" in why for _, _, why in cut.report.notes), cut.report.notes


# ---- build-db through the CLI ---------------------------------------------------------------------


def _existing_output(tmp_path: Path, seed_db: Path) -> Path:
    """An output folder already holding a good database, as after an earlier successful build."""
    output = tmp_path / "out" / "drugref.sqlite"
    output.parent.mkdir()
    shutil.copyfile(seed_db, output)
    return output


def _run(argv: list[str]) -> int:
    try:
        return cli.run(argv)
    except SystemExit as exit_:  # argparse
        return int(exit_.code or 0)
    except Exception as error:  # noqa: BLE001 - the point is that nothing escapes as a traceback
        pytest.fail(f"drugref {' '.join(argv)} raised {error!r} instead of printing one line and exiting 1")


@pytest.mark.parametrize("damage", _params(REFUSED))
def test_build_db_refuses_damage_atomically(sources_copy: Path, tmp_path: Path, seed_db: Path, capsys, damage: Damage):
    expect = damage(sources_copy)
    output = _existing_output(tmp_path, seed_db)
    before = output.read_bytes()
    listing = sorted(p.name for p in output.parent.iterdir())
    capsys.readouterr()

    code = _run(["build-db", "--sources", str(sources_copy), "--output", str(output)])

    captured = capsys.readouterr()
    assert code != 0
    errors = captured.err.strip().splitlines()
    assert len(errors) == 1, captured.err
    assert errors[0].startswith("drugref build-db:"), captured.err
    assert "Traceback" not in captured.err
    assert expect.file.split(" ")[0] in errors[0]
    assert "Built" not in captured.out
    # Atomic: the earlier database is untouched and no temp file is left beside it.
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == listing


@pytest.mark.parametrize("damage", _params(REPORTED))
def test_build_db_builds_a_damaged_document_and_says_so(sources_copy: Path, tmp_path: Path, seed_db: Path, capsys,
                                                       damage: Damage):
    expect = damage(sources_copy)
    output = _existing_output(tmp_path, seed_db)
    before = output.read_bytes()
    capsys.readouterr()
    assert _run(["build-db", "--sources", str(sources_copy), "--output", str(output), "--strict"]) == 1
    refused = capsys.readouterr()
    assert refused.err.strip().startswith("drugref: --strict:") and expect.file in refused.err
    assert output.read_bytes() == before  # --strict refuses before anything is written

    report = tmp_path / "report.json"
    assert _run(["build-db", "--sources", str(sources_copy), "--output", str(output), "--report", str(report)]) == 0
    built = capsys.readouterr()
    line = next(text for text in built.out.splitlines() if expect.file in text)
    assert "every line placed" not in line and re.search(r"\d+ (?:note|line|section|unrecognised)", line), line
    document = next(d for d in json.loads(report.read_text(encoding="utf-8"))["documents"] if d["file"] == expect.file)
    lines = [entry["line"] for name in ("unrecognised", "text_only", "unplaced", "notes") for entry in document[name]]
    assert any(expect.first_line <= number <= expect.last_line for number in lines), document


def test_build_db_into_new_folder_leaves_nothing_on_failure(sources_copy: Path, tmp_path: Path, capsys):
    nul_byte(F000, "Comprehensive Post-Mortem")(sources_copy)
    output = tmp_path / "fresh" / "drugref.sqlite"
    code = _run(["build-db", "--sources", str(sources_copy), "--output", str(output)])
    assert code == 1
    assert not output.exists()
    assert not output.parent.exists() or list(output.parent.iterdir()) == []
    assert capsys.readouterr().err.startswith("drugref build-db: ")


def test_build_db_success_replaces_output_and_leaves_no_temp(sources_copy: Path, tmp_path: Path, capsys):
    """The control case: the undamaged copy builds, replacing a stale file, with nothing left over."""
    output = tmp_path / "out" / "drugref.sqlite"
    output.parent.mkdir()
    output.write_bytes(b"stale")
    assert _run(["build-db", "--sources", str(sources_copy), "--output", str(output)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines()[-1].startswith(f"Built {output}")
    assert "3 drugs" in captured.out and "3 sources" in captured.out
    assert captured.out.count("every line placed") == 3  # one line per document, each read whole
    assert [p.name for p in output.parent.iterdir()] == ["drugref.sqlite"]
    assert output.read_bytes()[:16] == b"SQLite format 3\x00"


def test_build_db_unwritable_output_is_one_line_and_atomic(tmp_path: Path, capsys):
    """Writing fails (the output path is a folder): BuildError, one line, the folder and its file untouched."""
    output = tmp_path / "out" / "drugref.sqlite"
    output.mkdir(parents=True)
    (output / "keep.txt").write_text("keep")
    code = _run(["build-db", "--output", str(output)])
    captured = capsys.readouterr()
    assert code == 1
    errors = captured.err.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("drugref") and "Traceback" not in captured.err
    assert str(output) in errors[0]
    assert sorted(p.name for p in output.parent.iterdir()) == ["drugref.sqlite"]
    assert [p.name for p in output.iterdir()] == ["keep.txt"]


# ---- reordered sections --------------------------------------------------------------------------


def reorder(path: Path, headings: list[str], order: list[str], blank_between: bool) -> None:
    """Rewrite `path` with its sections (each from its heading up to the next listed one) in `order`.

    Text before the first listed heading stays first. With `blank_between`, each moved section is
    separated from the next by one blank line, as the document itself separates them.
    """
    assert sorted(order) == sorted(headings)
    lines = read_lines(path)
    starts = []
    after = 0
    for heading in headings:
        after = line_of(lines, heading, after=after)
        starts.append(after)
    preamble = lines[: starts[0] - 1]
    segments = {}
    for index, heading in enumerate(headings):
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
        segment = lines[starts[index] - 1 : end]
        if blank_between:
            while segment and not segment[-1].strip():
                segment.pop()
        segments[heading] = segment
    out = list(preamble)
    for heading in order:
        if blank_between and out and out[-1].strip():
            out.append("")
        out.extend(segments[heading])
    write_lines(path, out)


def _sentences(text: str) -> list[str]:
    return sorted(sentences(text))


def facts(extraction: Extraction) -> dict[str, object]:
    """An extraction without where things were read: every record's fields except `prov`/`mentions`,
    as a sorted multiset per kind. A trial is compared as the set of things its passages state, whichever
    passage comes first (and so is primary) in the document's new order; summaries as sets of sentences."""
    out: dict[str, object] = {"drug_name": extraction.drug_name}
    for field in dataclasses.fields(Extraction):
        value = getattr(extraction, field.name)
        if not isinstance(value, list):
            continue
        records = []
        for record in value:
            if isinstance(record, Trial):
                records.append(repr(_trial_statements(record)))
                continue
            data = {k: v for k, v in vars(record).items() if k not in ("prov", "mentions")}
            records.append(repr(sorted(data.items())))
        out[field.name] = sorted(records)
    return out


def _trial_statements(trial: Trial) -> list:
    stated = set()
    for f in dataclasses.fields(TrialFacts):
        value = getattr(trial, f.name)
        if value in (None, "", []) or f.name in ("phase_text", "status_text", "posted_text"):
            continue
        if f.name == "summary":
            stated.update(("summary", sentence) for sentence in _sentences(value))
        elif f.name == "citations":
            stated.update(("citation", str(number)) for number in value)
        else:
            stated.add((f.name, "; ".join(map(str, value)) if isinstance(value, list) else str(value)))
    for v in trial.values:
        stated.update(("summary", s) for s in _sentences(v.value)) if v.field == "summary" else stated.add((v.field, v.value))
    return [("trial_id", trial.trial_id), *sorted(stated)]


AGENCIES_000 = [
    "FDA", "EMA", "HSA", "NMPA", "PPB", "TGA", "Health Canada", "CIMA AEMPS", "Philippines FDA", "Saudi SFDA",
    "Malaysia NPRA",
]
HEADINGS_000 = [
    "Overview", "Indication", "Associated Conditions", "Research Report", "Executive Summary", "Clinical Trials",
    *[f"{agency} Drug Approvals" for agency in AGENCIES_000], "UK EMC Drug Information", "Help Us Improve",
]
ORDER_000 = [
    "Clinical Trials", "UK EMC Drug Information", *[f"{agency} Drug Approvals" for agency in reversed(AGENCIES_000)],
    "Executive Summary", "Research Report", "Associated Conditions", "Indication", "Overview", "Help Us Improve",
]
HEADINGS_001 = [
    "Drug Overview", "What Is It and How Does It Work? (Mechanism of Action)", "FDA-Approved Clinical Indications",
    "Dosage and Administration Protocols", "Clinical Efficacy and Research Results", "Safety Profile and Side Effects",
    "Research Areas", "Patient Management and Practical Recommendations", "Legal Disclaimer",
]
ORDER_001 = [
    "Legal Disclaimer", "Safety Profile and Side Effects", "Dosage and Administration Protocols",
    "Patient Management and Practical Recommendations", "Drug Overview", "Research Areas",
    "Clinical Efficacy and Research Results", "What Is It and How Does It Work? (Mechanism of Action)",
    "FDA-Approved Clinical Indications",
]
HEADINGS_002 = [
    "Table of Contents", "Clinical trial overview", "Cancer studies using Aldesleukin",
    "Immune and other non-cancer studies", "Trial phases and who can join", "What the trials measure",
    "Important patient terms", TRIALS_TABLE_HEADER_002, "Ongoing Clinical Trials on Aldesleukin", "Glossary",
    "References",
]
ORDER_002 = [
    "References", "Glossary", "Ongoing Clinical Trials on Aldesleukin", TRIALS_TABLE_HEADER_002,
    "Immune and other non-cancer studies", "Cancer studies using Aldesleukin", "What the trials measure",
    "Trial phases and who can join", "Important patient terms", "Clinical trial overview", "Table of Contents",
]

REORDERS = [
    pytest.param(F000, HEADINGS_000, ORDER_000, True, id="000-drug-database-page"),
    pytest.param(F001, HEADINGS_001, ORDER_001, False, id="001-monograph"),
    pytest.param(F002, HEADINGS_002, ORDER_002, True, id="002-trials-overview"),
]


@pytest.mark.parametrize(("file", "headings", "order", "blank_between"), REORDERS)
def test_reordered_sections_parse_to_the_same_facts(sources_copy, extractions, file, headings, order, blank_between):
    path = sources_copy / file
    original_text = path.read_text(encoding="utf-8")
    reorder(path, headings, order, blank_between)
    moved_text = path.read_text(encoding="utf-8")
    assert moved_text != original_text
    assert sorted(t for t in moved_text.split("\n") if t.strip()) == sorted(t for t in original_text.split("\n") if t.strip())

    moved = {e.source: e for e in load_corpus(sources_copy).extractions}[file]
    original = extractions[file]
    before, after = facts(original), facts(moved)
    for kind in before:
        assert after[kind] == before[kind], f"{kind} differ after moving sections of {file}"
    # Not vacuous: the moved document still yields its facts.
    assert moved.trials and (moved.approvals or moved.dosing or moved.glossary)


@pytest.mark.parametrize(("file", "headings", "order", "blank_between"), REORDERS)
def test_reordered_sections_provenance_follows_the_text(sources_copy, file, headings, order, blank_between):
    """Provenance of a moved fact points at its new lines, not where the section used to be."""
    path = sources_copy / file
    reorder(path, headings, order, blank_between)
    lines = read_lines(path)
    moved = {e.source: e for e in load_corpus(sources_copy).extractions}[file]

    def at(prov) -> str:
        assert 1 <= prov.line_start <= prov.line_end <= len(lines)
        return "\n".join(lines[prov.line_start - 1 : prov.line_end])

    checked = 0
    for approval in moved.approvals:
        assert approval.finding_text in at(approval.prov)
        checked += 1
    for row in moved.dosing:
        assert row.parameter in at(row.prov) and row.specification in at(row.prov)
        checked += 1
    for ref in moved.references:
        assert ref.url in at(ref.prov)
        checked += 1
    for trial in moved.trials:
        if trial.trial_id:
            assert trial.trial_id in at(trial.prov)
        elif trial.posted_text:
            assert at(trial.prov).startswith(trial.posted_text)
        elif trial.programme:
            assert trial.programme in at(trial.prov)
        checked += 1
    for identifier in moved.identifiers:
        assert identifier.value in at(identifier.prov) or identifier.value.replace(" ", "") in at(identifier.prov)
        checked += 1
    assert checked >= 10
