"""Where the bundled data and resources live, from a checkout and from a frozen (PyInstaller) build."""
from __future__ import annotations

import os
import sys
from pathlib import Path

DATABASE_NAME = "drugref.sqlite"


def app_root() -> Path:
    """The folder holding `data/` and `resources/`: the bundle when frozen, else the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def sources_dir() -> Path:
    return app_root() / "data" / "sources"


def bundled_database() -> Path:
    """The database the app reads; DRUGREF_DB overrides it (tests, benchmarks, a user's own build)."""
    override = os.environ.get("DRUGREF_DB")
    return Path(override) if override else app_root() / "data" / DATABASE_NAME


def resources_dir() -> Path:
    return app_root() / "resources"
