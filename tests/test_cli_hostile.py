"""The command line against what users and their shells really hand it (issue 13): arguments that are not
UTF-8, output paths that are links, devices, FIFOs or `-`, interrupted and killed builds, manifests that
point out of the sources folder, control characters in the sources, unreadable databases, and printing."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop import cli
from desktop.ingest.clean import clean_text

REPO = Path(__file__).resolve().parent.parent
CONTROL_BYTES = {b"\x1b", b"\x07", b"\x08", b"\x9b"}


def drugref(*argv, env: dict | None = None, prefix: tuple = (), **options) -> subprocess.CompletedProcess:
    """`python -m desktop ARGV…` as a user runs it; arguments may be bytes (a name that is not UTF-8)."""
    environment = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", **(env or {})}
    return subprocess.run([*prefix, sys.executable, "-m", "desktop", *argv], cwd=REPO, env=environment,
                          capture_output=True, timeout=120, **options)


def one_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8").splitlines() if "propagateSizeHints" not in line]
    assert len(lines) == 1 and lines[0].startswith("drugref"), stderr
    assert "Traceback" not in lines[0]
    return lines[0]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ---- 1. arguments that are not UTF-8 --------------------------------------------------------------------


def test_window_start_with_an_undecodable_term_says_so_instead_of_crashing(seed_db, tmp_path):
    started = drugref("--db", str(seed_db), "--quit-after-startup", b"x\xff",
                      env={"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert started.returncode == 2, started  # was 139: a segfault inside QApplication
    line = one_line(started.stderr)
    assert "'x\\xff'" in line and "not UTF-8" in line


def test_a_database_path_that_is_not_utf8_is_opened(seed_db, tmp_path):
    latin = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.sqlite")
    shutil.copyfile(seed_db, latin)
    window = drugref("--db", os.fsencode(latin), "--quit-after-startup",
                     env={"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert window.returncode == 0, window
    listed = drugref("--db", os.fsencode(latin), "drugs", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 3
    missing = drugref("--db", bytes(tmp_path) + b"/none\xe9.sqlite", "drugs")
    assert missing.returncode == 1 and "none\\xe9.sqlite" in one_line(missing.stderr)


@pytest.mark.parametrize("argv, named", [
    (["show", "x\udcff"], "DRUG"),
    (["trials", "--drug", "x\udcff"], "--drug"),
    (["trials", "--text", "x\udcff"], "--text"),
    (["compare", "aldesleukin", "x\udcff"], "DRUG"),
    (["sheet", "x\udcff", "--output", "unused.pdf"], "DRUG"),
    (["search", "x\udcff"], "QUERY"),
])
def test_an_undecodable_name_or_term_is_refused_naming_the_argument(capsys, seed_db, argv, named):
    # Python hands an argument that is not UTF-8 over with surrogate escapes, as here.
    code, out, err = run(capsys, "--db", str(seed_db), *argv)
    assert code == 2 and out == ""
    assert err.strip() == (f"drugref: {named} 'x\\xff' is not UTF-8 text (the terminal or the caller sent other "
                           "bytes); give names and search terms as UTF-8 text")


def test_a_sheet_written_to_a_path_that_is_not_utf8_has_exactly_that_name(seed_db, tmp_path):
    target = bytes(tmp_path) + b"/sheet-\xe9.pdf"
    written = drugref("--db", str(seed_db), "sheet", "aldesleukin", "--output", target)
    assert written.returncode == 0, written.stderr
    assert os.path.exists(target) and open(target, "rb").read(5) == b"%PDF-"
    assert b"sheet-\\xe9.pdf" in written.stdout
    assert os.listdir(bytes(tmp_path)) == [b"sheet-\xe9.pdf"]


# ---- 2. the files the user names --------------------------------------------------------------------------


def test_a_sheet_written_through_a_symlink_replaces_its_target_and_keeps_the_link(seed_db, tmp_path):
    target = tmp_path / "real" / "sheet.pdf"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    written = drugref("--db", str(seed_db), "sheet", "aldesleukin", "--output", str(link))
    assert written.returncode == 0, written.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in target.parent.iterdir()) == ["sheet.pdf"]  # no temporary file left


def test_a_sheet_written_to_a_fifo_goes_down_the_fifo(seed_db, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    written = drugref("--db", str(seed_db), "sheet", "aldesleukin", "--output", str(fifo))
    assert written.returncode == 0, written.stderr
    reader.join(timeout=30)
    assert not reader.is_alive(), "nothing was written to the FIFO (was it replaced by a regular file?)"
    assert received[0].startswith(b"%PDF-") and received[0].rstrip().endswith(b"%%EOF")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_sheet_written_to_a_device_is_written_in_place(seed_db, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a private /dev/null
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD, which this runner lacks")
    written = drugref("--db", str(seed_db), "sheet", "aldesleukin", "--output", str(device))
    assert written.returncode == 0, written.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)  # was turned into a regular file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_a_sheet_to_dash_is_the_pdf_on_standard_output(seed_db):
    written = drugref("--db", str(seed_db), "sheet", "nemvaleukin-alfa", "--output", "-")
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith(b"%PDF-") and written.stdout.rstrip().endswith(b"%%EOF")
    assert written.stderr.decode().startswith("Wrote the PDF to standard output (1 page")  # the message keeps off stdout
    assert not (REPO / "-").exists()


def test_the_build_report_goes_through_a_symlink_too(tmp_path):
    report = tmp_path / "report.json"
    report.write_text("{}")
    link = tmp_path / "report-link.json"
    link.symlink_to(report)
    built = drugref("build-db", "--output", str(tmp_path / "db.sqlite"), "--report", str(link))
    assert built.returncode == 0, built.stderr
    assert link.is_symlink() and len(json.loads(report.read_text())["documents"]) == 3


# ---- 3. interrupted and killed builds ----------------------------------------------------------------------


def _dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(finished.stdout)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    return pid


def test_a_build_removes_what_a_killed_build_left_and_spares_a_running_ones(tmp_path):
    dead, alive = _dead_pid(), os.getpid()
    stale = [tmp_path / f".db.sqlite.tmp-{dead}", tmp_path / f".db.sqlite.tmp-{dead}-journal"]
    running = tmp_path / f".db.sqlite.tmp-{alive}"
    for path in (*stale, running):
        path.write_bytes(b"x" * 1000)
    built = drugref("build-db", "--output", str(tmp_path / "db.sqlite"))
    assert built.returncode == 0, built.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["db.sqlite", running.name])


def test_ctrl_c_during_a_build_exits_130_with_one_line_and_leaves_nothing(tmp_path):
    output = tmp_path / "big.sqlite"
    output.write_bytes(b"previous")
    build = subprocess.Popen([sys.executable, "-m", "desktop", "build-db", "--synthetic", "1000,100000", "--output",
                              str(output)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    temp = tmp_path / f".big.sqlite.tmp-{build.pid}"
    deadline = time.monotonic() + 60
    while not temp.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # polling for the build to start writing, not waiting a guessed time
    assert temp.exists(), "the build never started writing"
    build.send_signal(signal.SIGINT)
    out, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert one_line(err) == "drugref: interrupted; the database was left as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.sqlite"]
    assert output.read_bytes() == b"previous"


# ---- 4. manifest paths stay in the sources folder -----------------------------------------------------------


@pytest.mark.parametrize("named", ["../../etc/passwd", "/etc/passwd", "link.txt"])
def test_a_manifest_entry_pointing_out_of_the_sources_folder_is_refused(sources_copy, tmp_path, named):
    (sources_copy / "link.txt").symlink_to("/etc/passwd")
    manifest = sources_copy / "manifest.toml"
    text = manifest.read_text()
    manifest.write_text(text.replace('file = "001_bb6f0f708e6573de.txt"', f'file = "{named}"'))
    line = next(n for n, row in enumerate(manifest.read_text().splitlines(), 1) if named in row)
    built = drugref("build-db", "--sources", str(sources_copy), "--output", str(tmp_path / "db.sqlite"))
    assert built.returncode == 1
    message = one_line(built.stderr)
    assert message.startswith(f"drugref build-db: manifest.toml:{line}: expected [[source]] #2 to name a file inside")
    assert message.endswith(f"found {named!r}")
    assert not (tmp_path / "db.sqlite").exists()


# ---- 5. control characters ----------------------------------------------------------------------------------


def test_control_characters_in_a_source_are_removed_and_reported_with_their_line(sources_copy, tmp_path):
    document = sources_copy / "001_bb6f0f708e6573de.txt"
    lines = document.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("Nemvaleukin alfa"))
    original = lines[number - 1]
    lines[number - 1] = "\x1b]0;pwned\x07\x1b[2J" + original + "\x1b[31m\x08\x08\x9b"
    document.write_text("\n".join(lines), encoding="utf-8")
    database, report = tmp_path / "db.sqlite", tmp_path / "report.json"
    built = drugref("build-db", "--sources", str(sources_copy), "--output", str(database), "--report", str(report))
    assert built.returncode == 0, built.stderr
    assert b"001_bb6f0f708e6573de.txt" in built.stdout and b"1 line with control characters removed" in built.stdout
    removed = json.loads(report.read_text())["documents"][1]["removed"]
    # Escape sequences go whole: the line reads as it did before they were put in.
    assert [(entry["line"], entry["text"], entry["why"]) for entry in removed] == [
        (number, clean_text(original), "control characters removed: U+0007, U+0008, U+001B, U+009B")]
    stored = sqlite3.connect(database).execute("SELECT group_concat(text) FROM sources").fetchone()[0]
    assert not any(chr(c) in stored for c in (0x1B, 0x07, 0x08, 0x9B))
    shown = drugref("--db", str(database), "show", "nemvaleukin alfa")
    assert shown.returncode == 0 and not any(c in shown.stdout for c in CONTROL_BYTES)


def test_text_output_strips_control_characters_from_a_database_built_elsewhere(seed_db, tmp_path):
    tampered = tmp_path / "tampered.sqlite"
    shutil.copyfile(seed_db, tampered)
    with sqlite3.connect(tampered) as connection:
        hostile = "char(27) || ']0;pwned' || char(7) || char(27) || '[2J' || char(8) || char(155)"
        connection.execute(f"UPDATE drugs SET status = status || {hostile}")
        connection.execute(f"UPDATE search SET title = title || {hostile}, body = body || {hostile}")
        connection.execute(f"UPDATE sections SET body = body || {hostile}")
    for argv in (["show", "nemvaleukin alfa"], ["search", "nemvaleukin"], ["drugs"], ["trials"],
                 ["compare", "aldesleukin", "nemvaleukin alfa", "--all-rows"]):
        printed = drugref("--db", str(tampered), *argv)
        assert printed.returncode == 0, printed.stderr
        assert not any(c in printed.stdout for c in CONTROL_BYTES), argv
        assert b"pwned" not in printed.stdout and b"[2J" not in printed.stdout, argv  # sequences go whole
    assert b"Investigational\n" in drugref("--db", str(tampered), "show", "nemvaleukin alfa").stdout


# ---- 6. an unreadable database is not told to rebuild ----------------------------------------------------------


def test_an_unreadable_database_says_it_cannot_be_read_and_names_it(seed_db, tmp_path):
    locked = tmp_path / "locked.sqlite"
    shutil.copyfile(seed_db, locked)
    locked.chmod(0)
    prefix: tuple = ()
    if os.geteuid() == 0:
        # Root reads a chmod 000 file; without the capabilities that let it, it is refused like anyone.
        setpriv = shutil.which("setpriv")
        if not setpriv:
            pytest.skip("running as root and util-linux's setpriv is missing, so permissions cannot be made to bite")
        prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search")
    refused = drugref("--db", str(locked), "drugs", prefix=prefix)
    assert refused.returncode == 1
    assert one_line(refused.stderr) == (
        f"drugref: Cannot read the DrugRef database {locked}: permission denied. Make it (and its folder) readable "
        "by this user, or point --db at a copy you can read.")


# ---- 7. printing without a window -----------------------------------------------------------------------------------


def test_printing_to_a_printer_that_does_not_exist_names_the_printers_there_are(seed_db):
    from PySide6.QtPrintSupport import QPrinterInfo

    printed = drugref("--db", str(seed_db), "sheet", "aldesleukin", "--print", "--printer", "NoSuchPrinter")
    assert printed.returncode == 1 and printed.stdout == b""
    message = one_line(printed.stderr)
    assert message.startswith("drugref: no printer named 'NoSuchPrinter'")
    available = QPrinterInfo.availablePrinterNames()
    if available:
        assert message.endswith("choose one with --printer NAME: " + ", ".join(available))
    else:
        assert message.endswith("no printer is set up on this computer; write a PDF with --output FILE")


def test_printing_paints_the_sheet_as_the_window_does(capsys, seed_db, tmp_path, monkeypatch, qapp):
    from PySide6.QtPrintSupport import QPrinter

    from desktop.sheet import printing, render

    pdf = tmp_path / "printed.pdf"

    def pdf_printer(name):
        assert name == "Office"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return printer

    painted = []

    def spy(*args, **kwargs):
        painted.append(args[0].summary.name)
        return render.paint_sheet(*args, **kwargs)

    monkeypatch.setattr(printing, "find_printer", pdf_printer)
    monkeypatch.setattr(printing, "paint_sheet", spy)
    code, out, err = run(capsys, "--db", str(seed_db), "sheet", "nemvaleukin-alfa", "--print", "--printer", "Office",
                         "--page-size", "Letter")
    assert code == 0, err
    assert painted == ["Nemvaleukin alfa"]
    assert re.fullmatch(r"Sent to the printer .*\(1 page, Letter\) for Nemvaleukin alfa", out.strip())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1


def test_printer_goes_with_print(capsys, seed_db):
    code, _, err = run(capsys, "--db", str(seed_db), "sheet", "aldesleukin", "--output", "x.pdf", "--printer", "Office")
    assert code == 1 and "--printer goes with --print" in err
