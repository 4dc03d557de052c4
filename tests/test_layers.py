"""The layers the README's architecture names keep to themselves: ingest, store and catalogue import no Qt
(the command line and a build run without it), and ingest no SQL either."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
QT = ("PySide6", "shiboken6", "qtawesome", "qtpy")
FORBIDDEN = {"ingest": (*QT, "sqlite3", "sqlite_utils"), "store": QT, "catalogue": QT}

# Every module of the package, imported in a fresh interpreter: the top-level packages that brought in.
PROBE = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(module.name)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.mark.parametrize("layer", list(FORBIDDEN))
def test_importing_the_layer_loads_none_of_what_it_must_not(layer):
    done = subprocess.run([sys.executable, "-c", PROBE, f"desktop.{layer}"], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout))
    assert "desktop" in loaded
    assert sorted(loaded & set(FORBIDDEN[layer])) == []


@pytest.mark.parametrize("layer", list(FORBIDDEN))
def test_no_module_of_the_layer_imports_it_later_either(layer):
    """Imports inside functions too, which the import above does not run."""
    found = []
    for path in sorted((REPO / "desktop" / layer).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            found += [f"{path.relative_to(REPO)}:{node.lineno} {name}" for name in names
                      if name.split(".")[0] in FORBIDDEN[layer]]
    assert found == []
