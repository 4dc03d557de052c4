"""DrugRef's licence and those of what it runs on, for the About dialog and the packages.

A frozen build carries them in `licenses/` (index.json and the texts, copied from the build machine's
installed files by packaging/licenses.py when the app is frozen). A checkout reads the same from the
installed distributions. No text is typed in here: every one is read from a file that came with its component.
"""
from __future__ import annotations

import json
import platform
import re
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from .paths import app_root

PROJECT_LICENCE = "MIT"
LICENCES_FOLDER = "licenses"
INDEX = "index.json"
COMMON_LICENCES = Path("/usr/share/common-licenses")
# Wheels that state a licence but ship no text (PySide6, shiboken6) get Debian's copy of the text,
# looked up by the SPDX identifier without its -only/-or-later suffix.
_COMMON_NAMES = {"LGPL-3.0": "LGPL-3", "LGPL-2.1": "LGPL-2.1", "GPL-3.0": "GPL-3", "GPL-2.0": "GPL-2",
                 "Apache-2.0": "Apache-2.0", "MPL-2.0": "MPL-2.0"}
_LICENCE_FILE = re.compile(r"(?i)^(licen[cs]e|copying|notice|authors)")
_REQUIREMENT_NAME = re.compile(r"^[A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    texts: tuple[tuple[str, str], ...]  # (where the text was read from, the text)


def project_licence() -> str:
    return (app_root() / "LICENSE").read_text(encoding="utf-8")


def third_party() -> list[Component]:
    """What this DrugRef runs on: the shipped list when frozen, else the installed distributions."""
    if getattr(sys, "frozen", False):
        return read_shipped(app_root() / LICENCES_FOLDER)
    return [python_component(), *(from_distribution(d) for d in runtime_distributions())]


def python_component() -> Component:
    """The interpreter's own licence file: LICENSE.txt beside a python.org or pyenv build's standard
    library, Debian's copyright file for Debian's python3."""
    short = f"{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = (Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt", Path(f"/usr/share/doc/python{short}/copyright"))
    found = next((path for path in candidates if path.is_file()), None)
    texts = ((str(found), found.read_text(encoding="utf-8", errors="replace")),) if found else ()
    return Component("Python", platform.python_version(), "PSF-2.0", texts)


def from_distribution(dist) -> Component:
    """A distribution's licence as its metadata states it, with the texts in its .dist-info folder."""
    meta = dist.metadata
    licence = meta.get("License-Expression") or _short(meta.get("License")) or _from_classifiers(meta) or "not stated"
    texts = []
    for file in dist.files or ():
        if file.parts[0].endswith(".dist-info") and _LICENCE_FILE.match(file.name):
            texts.append((str(file), file.locate().read_text(encoding="utf-8", errors="replace")))
    if not texts:
        for spdx in re.findall(r"[A-Za-z0-9.+-]+", licence):
            common = COMMON_LICENCES / _COMMON_NAMES.get(re.sub(r"-(only|or-later)$", "", spdx), "-")
            if common.is_file():
                texts.append((f"{common} (the distribution ships no licence text; its metadata says {licence})",
                              common.read_text(encoding="utf-8")))
    if section := _licence_section(meta.get_payload() or ""):
        # qtawesome's fonts have licences of their own, stated only in its description.
        texts.append(("METADATA (the “License” section of the package's description)", section))
    return Component(meta["Name"], dist.version, licence, tuple(texts))


def runtime_distributions() -> list:
    """The distributions DrugRef's declared dependencies pull in, each once, by name."""
    from importlib import metadata

    wanted = _declared_dependencies()
    found: dict[str, object] = {}
    while wanted:
        name = wanted.pop()
        key = name.lower().replace("_", "-")
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[key] = dist
        wanted += [_REQUIREMENT_NAME.match(r).group(0) for r in dist.requires or () if "extra ==" not in r]
    return sorted(found.values(), key=lambda d: d.metadata["Name"].lower())


def _declared_dependencies() -> list[str]:
    import tomllib

    pyproject = app_root() / "pyproject.toml"
    if pyproject.is_file():
        declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    else:
        from importlib import metadata

        declared = [r for r in metadata.distribution("drugref").requires or () if "extra ==" not in r]
    return [_REQUIREMENT_NAME.match(r).group(0) for r in declared]


def write_shipped(components: list[Component], folder: Path) -> None:
    """The texts one file each under folder/<component>/, and index.json naming them."""
    index = []
    for component in components:
        own = re.sub(r"[^A-Za-z0-9._+-]", "", component.name.split(" ")[0])
        files = []
        for number, (origin, text) in enumerate(component.texts, 1):
            name = f"{own}/{number}-{Path(origin.split(' ')[0]).name}"
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
            files.append({"file": name, "origin": origin})
        index.append({"name": component.name, "version": component.version, "licence": component.licence,
                      "folder": own, "texts": files})
    (folder / INDEX).write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_shipped(folder: Path) -> list[Component]:
    entries = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    return [Component(e["name"], e["version"], e["licence"],
                      tuple((t["origin"], (folder / t["file"]).read_text(encoding="utf-8")) for t in e["texts"]))
            for e in entries]


def _short(text: str | None) -> str | None:
    # Some distributions put the whole licence text in License:; that is a text, not a name.
    return text if text and "\n" not in text.strip() and len(text) < 200 else None


def _from_classifiers(meta) -> str | None:
    names = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or () if c.startswith("License ::")]
    return " / ".join(names) or None


def _licence_section(description: str) -> str | None:
    match = re.search(r"^(#+) Licen[cs]e\s*$(.*?)(?=^\1 |\Z)", description, re.M | re.S)
    return match.group(0).strip() if match else None
