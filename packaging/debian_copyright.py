"""Write /usr/share/doc/drugref/copyright (Debian's machine-readable format) for the .deb.

    python3 packaging/debian_copyright.py BUNDLE OUTPUT

The prose is packaging/debian/copyright.in; the MIT text comes from LICENSE and the list of bundled
components from BUNDLE/_internal/licenses/index.json, which the frozen build wrote, so the file names
what was bundled this time.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def as_field_text(text: str) -> str:
    """Lines as a DEP-5 field's continuation: each indented by one space, an empty one as ' .'."""
    return "\n".join(f" {line}" if line.strip() else " ." for line in text.strip("\n").splitlines())


def main(bundle: Path, output: Path) -> None:
    index = json.loads((bundle / "_internal" / "licenses" / "index.json").read_text(encoding="utf-8"))
    listed = "\n".join(f"{c['name']} {c['version']}: {c['licence']} (licenses/{c['folder']}/)" for c in index)
    template = (REPO / "packaging" / "debian" / "copyright.in").read_text(encoding="utf-8")
    text = template.replace("@MIT@", as_field_text((REPO / "LICENSE").read_text(encoding="utf-8")))
    text = text.replace("@BUNDLED@", as_field_text(listed))
    output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
