"""The command line, run in-process (desktop.cli.run) and once as `python -m desktop`."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import corrupt_copy

import desktop
from desktop import cli
from desktop.store import SORT_COLUMNS, Store
from desktop.ingest.clean import phase_rank

REPO = Path(__file__).resolve().parent.parent
ISO_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
DRUG_NAMES = ["Aldesleukin", "Bempegaldesleukin", "Nemvaleukin alfa"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr). Anything raised fails the test."""
    capsys.readouterr()
    try:
        code = cli.run(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"drugref {' '.join(argv)} raised {error!r}")
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, seed_db: Path, *argv: str):
    code, out, err = run(capsys, "--db", str(seed_db), *argv)
    assert code == 0, err
    return json.loads(out)


def assert_one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("drugref"), err
    assert "Traceback" not in err
    return lines[0]


# ---- drugs ---------------------------------------------------------------------------------------


def test_drugs_json_shape(capsys, seed_db: Path):
    drugs = run_json(capsys, seed_db, "drugs", "--json")
    assert isinstance(drugs, list)
    assert [d["name"] for d in drugs] == DRUG_NAMES
    for drug in drugs:
        assert set(drug) == {"id", "name", "status", "status_detail", "code_names"}
        assert isinstance(drug["id"], str) and drug["id"]
        assert drug["status"] is None or isinstance(drug["status"], str)
        assert isinstance(drug["code_names"], list)
    by_name = {d["name"]: d for d in drugs}
    assert by_name["Bempegaldesleukin"]["code_names"] == ["NKTR-214"]
    assert by_name["Nemvaleukin alfa"]["code_names"] == ["ALKS 4230"]
    assert by_name["Aldesleukin"]["status"] is None  # not stated: nothing invented


def test_drugs_table(capsys, seed_db: Path):
    code, out, err = run(capsys, "--db", str(seed_db), "drugs")
    assert code == 0 and err == ""
    for name in DRUG_NAMES:
        assert name in out
    assert "Status not stated in the sources" in out  # Aldesleukin's badge


def test_db_option_after_the_command(capsys, seed_db: Path):
    code, out, _ = run(capsys, "drugs", "--json", "--db", str(seed_db))
    assert code == 0
    assert [d["name"] for d in json.loads(out)] == DRUG_NAMES


# ---- show ----------------------------------------------------------------------------------------


def test_show_json_has_every_part(capsys, seed_db: Path):
    record = run_json(capsys, seed_db, "show", "NKTR-214", "--json")
    for key in ("summary", "identifiers", "sections", "trials", "approvals", "designations", "events",
                "glossary", "references", "sources"):
        assert key in record, key
    assert record["summary"]["name"] == "Bempegaldesleukin"
    assert record["summary"]["status_label"].startswith("Investigational")
    assert len(record["approvals"]) == 12
    assert {a["agency"] for a in record["approvals"]} >= {"FDA", "EMA", "UK EMC"}
    assert any(i["kind"] == "cas_number" and i["value"] == "1939126-74-5" for i in record["identifiers"])
    assert any(d["designation"] == "Breakthrough Therapy" for d in record["designations"])
    assert [s["id"] for s in record["sources"]] == ["000_d1e456e14f737604.txt"]
    for identifier in record["identifiers"]:
        assert set(identifier["prov"]) == {"source", "section", "line_start", "line_end"}
    for trial in record["trials"]:
        assert trial["drug"] == "Bempegaldesleukin"


@pytest.mark.parametrize("text", ["nktr214", "1939126-74-5", "BNO1JG5MZC", "db15140", "bempegaldesleukin"])
def test_show_resolves_any_identifier(capsys, seed_db: Path, text: str):
    assert run_json(capsys, seed_db, "show", text, "--json")["summary"]["id"] == "bempegaldesleukin"


def test_show_text(capsys, seed_db: Path):
    code, out, err = run(capsys, "--db", str(seed_db), "show", "Aldesleukin")
    assert code == 0 and err == ""
    assert out.startswith("Aldesleukin — Status not stated in the sources")
    assert "APPROVALS" in out and out.count("not stated in the sources") >= 12


def test_show_text_gives_the_monographs_facts_under_their_headings(capsys, seed_db: Path):
    """Each fact as the monograph (001) states it, under its heading; wrapping is the terminal's, so the
    comparison ignores white space."""
    lines = (REPO / "data" / "sources" / "001_bb6f0f708e6573de.txt").read_text(encoding="utf-8").splitlines()

    def listed(first: int, last: int) -> list[tuple[str, str]]:  # "- Name: text" lines, numbered from 1
        return [tuple(lines[n - 1].removeprefix("- ").split(": ", 1)) for n in range(first, last + 1)]

    def squashed(text: str) -> str:
        return "".join(text.split())

    code, out, err = run(capsys, "--db", str(seed_db), "show", "ALKS 4230")
    assert code == 0 and err == ""
    parts = re.split(r"^([A-Z][A-Z ()]+)\n─+$", out, flags=re.MULTILINE)
    section = {heading: squashed(body) for heading, body in zip(parts[1::2], parts[2::2])}
    assert parts[0].startswith("Nemvaleukin alfa — ")
    assert squashed("Code name: ALKS 4230") in section["IDENTITY"]  # line 5
    rows = [[cell.strip() for cell in lines[n - 1].strip("| ").split("|")] for n in range(30, 35)]  # the dosing table
    for parameter, value in rows:
        assert squashed(f"{parameter}: {value}") in section["DOSING"]
    group = re.search(r"\((.+)\)", lines[41]).group(1)  # line 42: "Common Side Effects (>25%):"
    for name, text in listed(43, 46):
        frequency = re.search(rf"^  {re.escape(name)} \[common; ([^\]]+)\]: ", out, re.MULTILINE).group(1)
        assert frequency in text if "%" in text else frequency == group  # Pyrexia's own "nearly 70%" first
        assert squashed(text) in section["SAFETY"]
    for name, text in listed(48, 50):  # "Serious Risks:", line 47
        assert squashed(f"{name} [serious; frequency not stated]: {text}") in section["SAFETY"]
    for name, text in listed(24, 26):  # "Clinical research through 2026 has primarily focused on:", line 23
        assert squashed(f"{name} (under investigation): {text}") in section["INDICATIONS"]
    assert squashed(lines[62]) in section["DISCLAIMER (FROM THE SOURCE)"]  # line 63


def test_show_unknown_drug_lists_known_drugs(capsys, seed_db: Path):
    code, out, err = run(capsys, "--db", str(seed_db), "show", "nosuchdrug")
    assert code == 1
    assert out == ""
    line = assert_one_line_error(err)
    assert "nosuchdrug" in line
    for name in DRUG_NAMES:
        assert name in line


def test_show_misspelled_drug_suggests(capsys, seed_db: Path):
    code, _, err = run(capsys, "--db", str(seed_db), "show", "aldeslukin")
    assert code == 1
    line = assert_one_line_error(err)
    assert "Did you mean 'aldesleukin'?" in line


# ---- search --------------------------------------------------------------------------------------


def test_search_json_items_best_first(capsys, seed_db: Path):
    hits = run_json(capsys, seed_db, "search", "NKTR-214", "--json")
    assert isinstance(hits, list) and hits
    for hit in hits:
        assert {"drug", "kind", "title", "snippet", "score"} <= set(hit)
        assert hit["kind"] in {"drug", "trial", "section", "glossary"}
        assert isinstance(hit["title"], str) and isinstance(hit["snippet"], str)
        assert isinstance(hit["score"], (int, float)) and not isinstance(hit["score"], bool)
        for start, end in hit.get("highlights", []):
            assert 0 <= start < end <= len(hit["snippet"])
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert (hits[0]["kind"], hits[0]["drug"], hits[0]["title"]) == ("drug", "Bempegaldesleukin", "Bempegaldesleukin")
    assert hits[0]["score"] > hits[1]["score"]


def test_search_limit(capsys, seed_db: Path):
    assert len(run_json(capsys, seed_db, "search", "melanoma", "--json", "--limit", "2")) == 2
    code, _, err = run(capsys, "--db", str(seed_db), "search", "melanoma", "--limit", "0")
    assert code == 1
    assert "--limit" in assert_one_line_error(err)


def test_search_misspelling_json_is_empty_with_hint_on_stderr(capsys, seed_db: Path):
    code, out, err = run(capsys, "--db", str(seed_db), "search", "aldeslukin", "--json")
    assert code == 0
    assert json.loads(out) == []
    assert "Did you mean 'aldesleukin'?" in err


def test_search_text_output(capsys, seed_db: Path):
    code, out, _ = run(capsys, "--db", str(seed_db), "search", "Proleukin")
    assert code == 0
    assert "2025-521227-70-00" in out
    code, out, _ = run(capsys, "--db", str(seed_db), "search", "qwxzvbnm")
    assert code == 0 and "No results for 'qwxzvbnm'." in out


# ---- trials --------------------------------------------------------------------------------------

TRIAL_KEYS = {"trial_id", "drug", "phase", "status", "enrollment", "posted", "title", "conditions", "countries", "source"}


def test_trials_json_items(capsys, seed_db: Path, seed_trial_count: int):
    trials = run_json(capsys, seed_db, "trials", "--format", "json")
    with Store(seed_db) as store:
        assert len(trials) == store.count_trials() == seed_trial_count
    sources = {p.name for p in (REPO / "data" / "sources").glob("*.txt")}
    for trial in trials:
        assert TRIAL_KEYS <= set(trial)
        assert trial["drug"] in DRUG_NAMES
        assert trial["enrollment"] is None or (type(trial["enrollment"]) is int and trial["enrollment"] > 0)
        assert trial["posted"] is None or ISO_DATE.match(trial["posted"])
        assert trial["phase"] in (None, "1", "1/2", "2", "3")
        assert trial["source"] in sources
        for key in ("trial_id", "title", "conditions", "countries", "status"):
            assert trial[key] is None or isinstance(trial[key], str)
    # Default sort is posted, newest first, undated last.
    posted = [t["posted"] for t in trials]
    dated = [p for p in posted if p]
    assert dated == sorted(dated, reverse=True)
    assert posted[: len(dated)] == dated


def test_trials_csv_round_trips_to_the_json_rows(capsys, seed_db: Path, seed_trial_count: int):
    as_json = run_json(capsys, seed_db, "trials", "--format", "json")
    code, out, err = run(capsys, "--db", str(seed_db), "trials", "--format", "csv")
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(as_json) == seed_trial_count
    for row, trial in zip(rows, as_json):
        assert row["trial_id"] == (trial["trial_id"] or "")
        assert row["drug"] == trial["drug"]
        assert row["enrollment"] == ("" if trial["enrollment"] is None else str(trial["enrollment"]))
        assert row["title"] == (trial["title"] or "")
        assert row["conditions"] == (trial["conditions"] or "")
        assert re.fullmatch(r"\d+-\d+", row["lines"])


def test_trials_csv_filtered_matches_json_filtered(capsys, seed_db: Path):
    args = ("trials", "--drug", "aldesleukin", "--status", "authorised", "--text", "melanoma")
    as_json = run_json(capsys, seed_db, *args, "--format", "json")
    _, out, _ = run(capsys, "--db", str(seed_db), *args, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert as_json and len(rows) == len(as_json)
    assert all(t["status"] == "Authorised" and t["drug"] == "Aldesleukin" for t in as_json)


def test_trials_sort_phase_desc(capsys, seed_db: Path):
    trials = run_json(capsys, seed_db, "trials", "--sort", "phase:desc", "--format", "json")
    phases = [t["phase"] for t in trials]
    first_none = phases.index(None)
    assert all(p is None for p in phases[first_none:]), "undated/unphased trials come last"
    ranks = [phase_rank(p) for p in phases[:first_none]]
    assert ranks == sorted(ranks, reverse=True)
    assert phases[0] == "3" and phases[first_none - 1] == "1"


def test_trials_sort_phase_ascending(capsys, seed_db: Path):
    phases = [t["phase"] for t in run_json(capsys, seed_db, "trials", "--sort", "phase", "--format", "json")]
    stated = [p for p in phases if p]
    assert list(dict.fromkeys(stated)) == ["1", "1/2", "2", "3"]
    assert phases[len(stated):] == [None] * (len(phases) - len(stated))


@pytest.mark.parametrize("column", list(SORT_COLUMNS))
def test_trials_every_sort_column(capsys, seed_db: Path, column: str, seed_trial_count: int):
    for sort in (column, f"{column}:desc", f"{column}:asc"):
        assert len(run_json(capsys, seed_db, "trials", "--sort", sort, "--format", "json")) == seed_trial_count


@pytest.mark.parametrize("sort", ["bogus", "phase:sideways", "", ":desc", "phase;drop"])
def test_trials_bad_sort_is_refused_clearly(capsys, seed_db: Path, sort: str):
    code, out, err = run(capsys, "--db", str(seed_db), "trials", "--sort", sort)
    assert code == 1
    assert out == ""
    line = assert_one_line_error(err)
    assert f"--sort {sort!r}" in line
    for column in SORT_COLUMNS:
        assert column in line


@pytest.mark.parametrize(
    ("option", "value", "word"),
    [("--phase", "ten", "phase"), ("--phase", "early", "phase"), ("--status", "bogus", "status"), ("--drug", "nosuchdrug", "Known drugs")],
)
def test_trials_bad_filter_is_refused_clearly(capsys, seed_db: Path, option: str, value: str, word: str):
    code, out, err = run(capsys, "--db", str(seed_db), "trials", option, value)
    assert code == 1 and out == ""
    line = assert_one_line_error(err)
    assert repr(value) in line and word in line


def test_trials_filters(capsys, seed_db: Path):
    trials = run_json(capsys, seed_db, "trials", "--drug", "NKTR-214", "--phase", "1", "--format", "json")
    assert len(trials) == 6
    assert all(t["drug"] == "Bempegaldesleukin" and t["phase"] == "1" for t in trials)
    trials = run_json(capsys, seed_db, "trials", "--text", "Proleukin", "--format", "json")
    assert [t["trial_id"] for t in trials] == ["2025-521227-70-00"]


def test_trials_table(capsys, seed_db: Path, seed_trial_count: int):
    code, out, err = run(capsys, "--db", str(seed_db), "trials", "--drug", "ALKS-4230")
    assert code == 0 and err == ""
    assert "ARTISTRY-7" in out
    assert out.rstrip().endswith(f"3 of {seed_trial_count} trials")


# ---- errors and --version --------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["drugs"], ["show", "NKTR-214"], ["search", "x"], ["trials"]])
def test_missing_database_is_one_line(capsys, command: list[str]):
    code, out, err = run(capsys, "--db", "/nonexistent", *command)
    assert code == 1
    assert out == ""
    line = assert_one_line_error(err)
    assert "/nonexistent" in line
    assert "build-db" in line


def test_unreadable_database_is_one_line(capsys, tmp_path: Path):
    path = tmp_path / "junk.sqlite"
    path.write_text("not a database\n" * 100)
    code, _, err = run(capsys, "--db", str(path), "drugs")
    assert code == 1
    assert str(path) in assert_one_line_error(err)


def test_corrupt_database_query_is_one_line(capsys, tmp_path: Path, seed_db: Path):
    path = corrupt_copy(seed_db, "trials", tmp_path / "corrupt.sqlite")
    code, _, err = run(capsys, "--db", str(path), "trials", "--format", "json")
    assert code == 1
    assert str(path) in assert_one_line_error(err)


def test_version(capsys):
    code, out, err = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"DrugRef {desktop.__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", desktop.__version__)


# ---- the installed entry point -----------------------------------------------------------------------


def test_python_m_desktop_search_json(seed_db: Path):
    completed = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(seed_db), "search", "NKTR-214", "--json"],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    hits = json.loads(completed.stdout)
    assert hits[0]["kind"] == "drug" and hits[0]["drug"] == "Bempegaldesleukin"
    assert {"drug", "kind", "title", "snippet", "score"} <= set(hits[0])


def test_python_m_desktop_error_has_no_traceback(tmp_path: Path):
    completed = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(tmp_path / "none.sqlite"), "drugs"],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1 and completed.stderr.startswith("drugref: ")
    assert "Traceback" not in completed.stderr
