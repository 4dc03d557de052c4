"""The licence texts of everything the frozen app bundles, read from the build machine's installed files.

drugref.spec calls `collect` after PyInstaller's analysis, so the list is what is bundled, not what
might be: each bundled file is traced to the Python distribution that installed it, to the interpreter,
or (for the system libraries PyInstaller copies in) to the Debian package that owns it, whose
/usr/share/doc/<package>/copyright is shipped. A bundled file that traces to none of them stops the build.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from desktop.licences import Component, from_distribution, python_component, write_shipped


def collect(analysis, repo: Path, workpath: Path) -> list[tuple[str, str, str]]:
    """Write the texts into workpath/licenses and return them as PyInstaller data entries under licenses/.
    Files PyInstaller makes in its workpath (base_library.zip: the standard library) are the interpreter's."""
    folder = workpath / "licenses"
    owners = _files_to_distributions()
    distributions: dict[str, object] = {"pyinstaller": metadata.distribution("pyinstaller")}  # its bootloader is the executable
    system_files: list[Path] = []
    for _, source, _ in [*analysis.pure, *analysis.binaries, *analysis.datas]:
        if not source or source == "-":
            continue
        path = Path(source).resolve()
        if dist := owners.get(path):  # first: a virtual environment may sit inside the repository
            if dist.metadata["Name"].lower() != "drugref":
                distributions.setdefault(dist.metadata["Name"].lower(), dist)
        elif not any(_inside(path, f.resolve()) for f in (repo, workpath, Path(sys.base_prefix))):
            system_files.append(Path(source))
    components = [python_component(), *(from_distribution(d) for _, d in sorted(distributions.items())),
                  *_debian_components(system_files)]
    missing = [c.name for c in components if not c.texts]
    if missing:
        raise SystemExit(f"no licence text found for the bundled {', '.join(missing)}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    write_shipped(components, folder)
    return [(str(Path("licenses") / p.relative_to(folder)), str(p), "DATA")
            for p in sorted(folder.rglob("*")) if p.is_file()]


def _files_to_distributions() -> dict[Path, object]:
    owners = {}
    for dist in metadata.distributions():
        for file in dist.files or ():
            owners[Path(file.locate()).resolve()] = dist
    return owners


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _debian_components(files: list[Path]) -> list[Component]:
    packages: dict[str, list[Path]] = {}
    unowned = []
    for file, package in _debian_packages(files).items():
        if package:
            packages.setdefault(package, []).append(file)
        else:
            unowned.append(str(file))
    if unowned:
        raise SystemExit("bundled files no package owns, so their licence is unknown:\n  " + "\n  ".join(unowned))
    components = []
    for package in sorted(packages):
        copyright_file = Path("/usr/share/doc") / package.split(":")[0] / "copyright"
        text = copyright_file.read_text(encoding="utf-8", errors="replace")
        names = sorted({m.strip() for m in re.findall(r"^License:[ \t]*(\S[^\n]*)$", text, re.M)})
        version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True).stdout
        bundled = ", ".join(sorted({f.name for f in packages[package]}))
        components.append(Component(f"{package.split(':')[0]} (Debian package; {bundled})", version,
                                    "; ".join(names) or "see its copyright file", ((str(copyright_file), text),)))
    return components


def _debian_packages(files: list[Path]) -> dict[Path, str | None]:
    """The package that installed each file, or None. With merged /usr, dpkg knows a library by one of its two
    paths, so each is asked for both; one `dpkg -S` for them all (it reads its whole file list each time)."""
    candidates = {}
    for file in files:
        paths = {str(file), str(file.resolve())}
        paths |= {c.removeprefix("/usr") for c in paths if c.startswith("/usr/")}
        paths |= {"/usr" + c for c in paths if not c.startswith("/usr/")}
        candidates[file] = sorted(paths)
    asked = sorted({path for paths in candidates.values() for path in paths})
    # One line per path it knows ("zlib1g:amd64: /lib/…/libz.so.1"); it exits 1 when some are unknown.
    answer = subprocess.run(["dpkg", "-S", *asked], capture_output=True, text=True).stdout if asked else ""
    owners: dict[str, str] = {}
    for line in answer.splitlines():
        package, _, path = line.rpartition(": ")
        owners.setdefault(path, package)
    return {file: next((owners[path] for path in paths if path in owners), None) for file, paths in candidates.items()}
