"""The built packages, as a user without Python gets them. Run by `make package` (pytest --package).

The frozen one-folder build is copied outside the repository and run with a bare environment;
the .deb is unpacked into a throwaway root; the per-user tarball is installed into a throwaway HOME.
"""
from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop import APP_ID, __version__
from desktop.licences import read_shipped

pytestmark = pytest.mark.package
REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
REQUIRED_DEPENDS = ("libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libgl1", "libfontconfig1")


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), **extra}


def run(argv, home: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in argv], env=bare_env(home, **extra), capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    source = DIST / "drugref"
    if not (source / "drugref").is_file():
        pytest.fail("dist/drugref is missing: run `make package`")
    target = tmp_path_factory.mktemp("outside-repo") / "drugref"
    shutil.copytree(source, target, symlinks=True)
    return target / "drugref"


def test_frozen_app_starts_searches_and_prints(frozen, tmp_path):
    started = run([frozen, "--quit-after-startup"], tmp_path, QT_QPA_PLATFORM="offscreen")
    assert started.returncode == 0, started.stderr
    found = run([frozen, "search", "NKTR-214", "--json"], tmp_path)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)[0]["drug"] == "Bempegaldesleukin"
    sheet = tmp_path / "x.pdf"
    printed = run([frozen, "sheet", "Aldesleukin", "--output", sheet], tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert "Aldesleukin" in PdfReader(sheet).pages[0].extract_text()
    refused = run([frozen, "build-db", "--output", tmp_path / "y.sqlite"], tmp_path)
    assert refused.returncode == 1 and "no source documents" in refused.stderr and "Traceback" not in refused.stderr
    assert sorted(p.name for p in frozen.parent.iterdir()) == ["_internal", "drugref"]  # nothing written beside it


def test_frozen_app_adds_a_document_of_the_users(frozen, tmp_path):
    """The installed app builds the user's catalogue: the build's code and sqlite-utils are in the bundle."""
    data = {"XDG_DATA_HOME": str(tmp_path / "data")}
    document = Path(__file__).resolve().parent / "corpus" / "mono_ipilimumab.txt"
    added = run([frozen, "add", document], tmp_path, **data)
    assert added.returncode == 0, added.stderr
    listed = run([frozen, "drugs"], tmp_path, **data)
    assert "Ipilimumab" in listed.stdout, listed.stderr
    started = run([frozen, "--quit-after-startup", "open", "ipilimumab"], tmp_path, QT_QPA_PLATFORM="offscreen", **data)
    assert started.returncode == 0, started.stderr


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
@pytest.mark.parametrize("argv", [["--quit-after-startup"], ["search", "NKTR-214", "--json"], ["sheet", "nktr214", "--output", "{tmp}/s.pdf"]])
def test_frozen_app_opens_no_network_socket(frozen, tmp_path, argv):
    log = tmp_path / "strace.log"
    command = ["strace", "-f", "-e", "trace=socket,connect", "-o", log, frozen, *[a.format(tmp=tmp_path) for a in argv]]
    result = run(command, tmp_path, QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr
    calls = log.read_text()
    assert "+++ exited with 0 +++" in calls  # strace followed the app to the end
    assert "AF_INET" not in calls, [line for line in calls.splitlines() if "AF_INET" in line]


def _deb() -> Path:
    debs = sorted(DIST.glob(f"drugref_{__version__}_*.deb"))
    if not debs:
        pytest.fail("no .deb in dist/: run `make package`")
    return debs[-1]


def test_deb_declares_what_pyinstaller_leaves_out():
    control = subprocess.run(["dpkg-deb", "-f", _deb(), "Depends"], capture_output=True, text=True, check=True).stdout
    for package in REQUIRED_DEPENDS:
        assert package in control


def test_deb_unpacks_to_a_working_app_with_valid_desktop_integration(tmp_path):
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", _deb(), root], check=True)
    share = root / "usr" / "share"
    assert (root / "usr" / "bin" / "drugref").read_text().strip().endswith('exec /opt/drugref/drugref "$@"')
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in (16, 32, 48, 128, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    desktop_file = share / "applications" / f"{APP_ID}.desktop"
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", desktop_file], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    if shutil.which("appstreamcli"):
        checked = subprocess.run(["appstreamcli", "validate", "--no-net", share / "metainfo" / f"{APP_ID}.metainfo.xml"],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout
    version = run([root / "opt" / "drugref" / "drugref", "--version"], tmp_path)
    assert version.stdout.strip() == f"DrugRef {__version__}"


def test_deb_states_every_licence_and_passes_lintian(tmp_path):
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", _deb(), root], check=True)
    doc = root / "usr" / "share" / "doc" / "drugref"
    paragraphs = (doc / "copyright").read_text(encoding="utf-8").split("\n\n")
    assert paragraphs[0].startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")
    fields = [dict(re.findall(r"^([A-Za-z-]+):[ \t]*(.*)$", p, re.M)) for p in paragraphs]
    used = {name for f in fields if "Files" in f for name in re.split(r" and | or ", f["License"])}
    explained = {f["License"] for f in fields if "Files" not in f and "License" in f}
    assert {"MIT", "bundled-components", "source-documents"} <= used and used <= explained
    assert next(f for f in fields if f.get("Files") == "*")["License"] == "MIT"
    with gzip.open(doc / "changelog.gz", "rt", encoding="utf-8") as changelog:
        assert changelog.readline().startswith(f"drugref ({__version__})")
    assert (root / "usr" / "share" / "man" / "man1" / "drugref.1.gz").is_file()
    shipped = read_shipped(root / "opt" / "drugref" / "_internal" / "licenses")
    assert {"Python", "PySide6_Essentials", "shiboken6", "QtAwesome", "QtPy", "pyinstaller"} <= {c.name for c in shipped}
    assert all(c.texts for c in shipped)
    libraries = [p for p in (root / "opt").rglob("*.so*") if p.is_file()]
    assert libraries and not [p for p in libraries if p.stat().st_mode & 0o111]
    for library in libraries:  # no RUNPATH into the build machine (pyenv's /root/.pyenv/…)
        dynamic = subprocess.run(["readelf", "-d", library], capture_output=True, text=True).stdout
        assert all(entry.startswith("$ORIGIN") for line in re.findall(r"R(?:UN)?PATH.*\[(.*)\]", dynamic)
                   for entry in line.split(":")), (library, dynamic)
    if shutil.which("lintian"):
        checked = subprocess.run(["lintian", _deb()], capture_output=True, text=True)
        assert not [line for line in checked.stdout.splitlines() if line[:2] in ("E:", "W:")], checked.stdout


def test_tarball_installs_and_uninstalls_for_one_user(tmp_path):
    tarballs = sorted(DIST.glob(f"drugref-{__version__}-linux-*.tar.gz"))
    assert tarballs, "no tarball in dist/: run `make package`"
    with tarfile.open(tarballs[-1]) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    folder = next((tmp_path / "unpacked").iterdir())
    home = tmp_path / "home"
    home.mkdir()
    installed = run(["bash", folder / "install.sh"], home)
    assert installed.returncode == 0, installed.stderr
    launcher = home / ".local" / "bin" / "drugref"
    assert run([launcher, "--version"], home).stdout.strip() == f"DrugRef {__version__}"
    entry = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={home}/.local/opt/drugref/drugref %U" in entry.read_text()
    assert (home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    removed = run(["bash", folder / "uninstall.sh"], home)
    assert removed.returncode == 0, removed.stderr
    assert not launcher.exists() and not entry.exists() and not (home / ".local" / "opt" / "drugref").exists()
    # mimeinfo.cache belongs to update-desktop-database and serves every app's entries, not ours alone.
    leftovers = [p for p in (home / ".local" / "share").rglob("*") if p.is_file() and p.name != "mimeinfo.cache"]
    assert leftovers == []
