"""`drugref add`, `add --dry-run`, `sources`, `remove`, and the read commands on the user's catalogue."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from catalogue_helpers import CORPUS, REPO

from desktop import cli
from desktop.catalogue import Catalogue


@pytest.fixture()
def data_dir(tmp_path, monkeypatch, seed_db) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("DRUGREF_DB", str(seed_db))
    return tmp_path / "xdg" / "DrugRef"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = cli.run(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def test_dry_run_shows_the_review_and_changes_nothing(capsys, data_dir):
    code, out, err = run(capsys, "add", "--dry-run", str(CORPUS / "ddp_aldesleukin.txt"), str(REPO / "README.md"))
    assert code == 0, err
    for expected in ("kind: Drug-database page (drug-database-page, detected)",
                     "as of: 2026-02-11 (from the line 'Published: Feb 11, 2026')",
                     "drug: Aldesleukin — already in the catalogue: merged into it",
                     "10 adverse effects", "line 56: Supply and Availability",
                     "NCT05727904 status: catalogue 'Authorised' (002_12ec28ba8c7864ed.txt, line 88) — new 'Recruiting' "
                     "(ddp_aldesleukin.txt, lines 70–76)",
                     "README.md\n  REFUSED: README.md: not sure which kind", "1 of 2 document(s) would be added"):
        assert expected in out
    assert files(data_dir) == {}


def test_dry_run_as_json(capsys, data_dir):
    code, out, _ = run(capsys, "add", "--dry-run", "--json", str(CORPUS / "mono_ipilimumab.txt"))
    (document,) = json.loads(out)
    assert code == 0 and document["shape"] == "monograph" and document["drugs"] == [
        {"name": "Ipilimumab", "drug_id": "ipilimumab", "new": True}]


def test_add_then_the_read_commands_use_the_catalogue(capsys, data_dir):
    code, out, err = run(capsys, "add", str(CORPUS / "mono_ipilimumab.txt"))
    assert code == 0, err
    assert "new drugs: Ipilimumab" in out and "NCT00094653 (Ipilimumab)" in out
    code, out, _ = run(capsys, "drugs", "--json")
    assert [d["name"] for d in json.loads(out)] == ["Aldesleukin", "Bempegaldesleukin", "Ipilimumab", "Nemvaleukin alfa"]
    code, out, _ = run(capsys, "--db", str(Catalogue(data_dir).database.parent / "nothing.sqlite"), "drugs")
    assert code == 1  # --db still overrides the catalogue


def test_every_document_refused_exits_1_and_changes_nothing(capsys, data_dir, tmp_path):
    run(capsys, "add", str(CORPUS / "mono_ipilimumab.txt"))
    before = files(data_dir)
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n")
    code, out, err = run(capsys, "add", str(binary), str(CORPUS / "mono_ipilimumab.txt"))
    assert code == 1
    assert "scan.pdf:2: not UTF-8 text" in err and "already in the catalogue" in err and "every document was refused" in err
    assert files(data_dir) == before


def test_kind_title_and_date_given(capsys, data_dir):
    code, _, err = run(capsys, "add", "--kind", "monograph", "--title", "Notes", "--as-of", "2024-05",
                       str(CORPUS / "mono_ipilimumab.txt"))
    assert code == 0, err
    code, out, _ = run(capsys, "sources", "--json")
    mine = [d for d in json.loads(out) if not d["bundled"]]
    assert [(d["title"], d["as_of"], d["as_of_given_by_user"], d["as_of_quote"]) for d in mine] == [
        ("Notes", "2024-05", True, None)]
    code, out, _ = run(capsys, "sources")
    assert "2024-05 (given by you)" in out and "bundled" in out


def test_remove(capsys, data_dir):
    run(capsys, "add", str(CORPUS / "mono_ipilimumab.txt"))
    code, out, err = run(capsys, "remove", "mono_ipilimumab.txt")
    assert code == 0, err
    assert "drugs no longer in the catalogue: Ipilimumab" in out
    code, out, _ = run(capsys, "drugs", "--json")
    assert "Ipilimumab" not in out
    assert not (data_dir / "removed" / "mono_ipilimumab.txt").exists()  # no undo on the command line
    code, _, err = run(capsys, "remove", "000_d1e456e14f737604.txt")
    assert code == 1 and "bundled" in err and "Traceback" not in err
