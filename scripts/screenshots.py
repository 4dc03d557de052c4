"""Regenerate the README screenshots from the real window (offscreen or on Xvfb).

    python scripts/screenshots.py                 # the curated set → docs/screenshots/
    python scripts/screenshots.py --all --out DIR  # every pane of every drug, light and dark, two sizes
    python scripts/screenshots.py --only matrix    # the shots of one pane or view

Uses a throwaway settings file and user state, so a developer's own favourites are never touched.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop import paths  # noqa: E402
from desktop.app import create_application  # noqa: E402
from desktop.render.panes import FIRST_PANE, PANES  # noqa: E402

PANE_TITLES = {pane.title: pane.id for pane in PANES}
from desktop.settings import Settings  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.user_state import UserState  # noqa: E402

SIZES = {"large": (1400, 900), "small": (1024, 640)}
VIEWS = {"All trials": "trials", "Approvals matrix": "matrix"}  # main views other than the drug record
CURATED = [
    ("light", "large", "nemvaleukin-alfa", "Overview", None),
    ("light", "large", "nemvaleukin-alfa", "Safety", None),
    ("dark", "large", "nemvaleukin-alfa", "Dosing", None),
    ("light", "large", "bempegaldesleukin", "Trials", None),
    ("dark", "large", "bempegaldesleukin", "Approvals", None),
    ("light", "large", None, "All trials", None),
    ("light", "large", "bempegaldesleukin", "Approvals matrix", None),
    ("dark", "large", "bempegaldesleukin", "Approvals matrix", None),
    ("light", "small", "bempegaldesleukin", "Approvals matrix", None),
    ("light", "large", "aldesleukin", "Overview", "NKTR-214"),
    ("light", "small", "aldesleukin", "Sources", None),
    ("light", "large", "nemvaleukin-alfa", "Mechanism", None),
    ("dark", "large", "bempegaldesleukin", "Mechanism", None),
    ("dark", "small", "bempegaldesleukin", "Overview", None),
    ("light", "small", "nemvaleukin-alfa", "Mechanism", None),
    # The trial history chart: dated (with a wave of terminations), undated, and nearly empty.
    ("dark", "large", "bempegaldesleukin", "Trials", None),
    ("light", "small", "bempegaldesleukin", "Trials", None),
    ("dark", "small", "bempegaldesleukin", "Trials", None),
    ("light", "small", "aldesleukin", "Trials", None),
    ("dark", "small", "aldesleukin", "Trials", None),
    ("light", "small", "nemvaleukin-alfa", "Trials", None),
    ("dark", "small", "nemvaleukin-alfa", "Trials", None),
    ("light", "large", None, "All trials chart", None),
    # Every picture of issue 7 in both themes at 1024×640.
    ("dark", "small", "nemvaleukin-alfa", "Mechanism", None),
    ("light", "small", "bempegaldesleukin", "Overview", None),
    ("light", "small", "nemvaleukin-alfa", "Overview", None),
    ("dark", "small", "nemvaleukin-alfa", "Overview", None),
    ("dark", "small", "bempegaldesleukin", "Approvals matrix", None),
    ("light", "small", "bempegaldesleukin", "Compare", None),
    ("dark", "small", "bempegaldesleukin", "Compare", None),
    # The personal catalogue (issue 14): reviewing documents before adding them, and every document listed.
    ("light", "small", None, "Add review", None),
    ("dark", "small", None, "Add review", None),
    ("light", "small", None, "Sources view", None),
    ("dark", "small", None, "Sources view", None),
    ("light", "small", None, "Registry review", None),  # issue 15: a page of ClinicalTrials.gov records
]
# Added in the catalogue shots: a second document about a seed drug (with a disagreement), a new drug, and a
# file that is not a text document.
ADDED = [REPO / "tests" / "corpus" / "ddp_aldesleukin.txt", REPO / "tests" / "corpus" / "mono_ipilimumab.txt"]
REGISTRY_PAGE = REPO / "tests" / "registry" / "page.json"
COMPARED = ["bempegaldesleukin", "nemvaleukin-alfa"]  # the Compare shots: the two engineered IL-2 variants


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def catalogue_shot(pane: str, window, settings: Settings, scratch: Path, size: tuple[int, int]):
    """The review dialog for ADDED, or the Sources view once they have been added: (what to grab, its window)."""
    from desktop.catalogue import Catalogue, accept, review
    from desktop.widgets.main_window import MainWindow
    from desktop.widgets.review_dialog import ReviewDialog

    catalogue = Catalogue()
    not_text = scratch / "scan.pdf"
    not_text.write_bytes(b"%PDF-1.4\n\x00\xff\x00 binary")
    if pane.endswith("review"):
        added = [REGISTRY_PAGE] if pane == "Registry review" else [*ADDED, not_text]
        dialog = ReviewDialog(review(catalogue, added), window)
        dialog.resize(*size)
        dialog.show()
        return dialog, window
    if not catalogue.has_documents():
        accept(catalogue, review(catalogue, ADDED))
    window.close()
    window = MainWindow(Store(catalogue.database_to_open()), UserState(scratch / "state.json"), settings)
    window.resize(*size)
    window.show()
    window.finish_building()
    window.show_view("sources")
    window.sources.select("mono_ipilimumab.txt")
    return window, window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--all", action="store_true", help="every drug, pane, theme and size")
    parser.add_argument("--db", type=Path, default=paths.bundled_database())
    parser.add_argument("--only", metavar="TEXT", help="only the shots of a pane or view whose name contains TEXT")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    store = Store(args.db)
    shots = CURATED
    if args.all:
        shots = [(theme, size, drug.id, pane, None) for theme in ("light", "dark") for size in SIZES
                 for drug in store.drugs() for pane in PANE_TITLES]
        shots += [(theme, size, COMPARED[0] if view == "Compare" else None, view, None) for theme in ("light", "dark") for size in SIZES
                  for view in ("All trials", "All trials chart", "Approvals matrix", "Compare")]
        shots += [(theme, "large", "aldesleukin", "Overview", q) for theme in ("light", "dark") for q in ("NKTR-214", "aldeslukin")]
    if args.only:
        shots = [shot for shot in shots if args.only.casefold() in shot[3].casefold()]
    from desktop.widgets.main_window import MainWindow

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_DATA_HOME"] = str(Path(scratch) / "data")  # a catalogue of the shots' own
        for theme in ("light", "dark"):
            todo = [s for s in shots if s[0] == theme]
            if not todo:
                continue
            app = create_application([], theme)
            for _, size, drug_id, pane, query in todo:
                settings = Settings(QSettings(str(Path(scratch) / f"{theme}.ini"), QSettings.Format.IniFormat))
                window = MainWindow(store, UserState(Path(scratch) / "state.json", favourites=["nemvaleukin-alfa"]), settings)
                window.resize(*SIZES[size])
                window.show()
                window.finish_building()  # the parts a real start builds just after its first paint
                if drug_id:
                    window.show_drug(drug_id, PANE_TITLES.get(pane, FIRST_PANE))
                if pane.startswith("All trials"):
                    window.show_view("trials")
                    window.trials.set_chart_visible(pane.endswith("chart"))
                elif pane in VIEWS:
                    window.show_view(VIEWS[pane])
                shown = window
                if pane in ("Add review", "Sources view", "Registry review"):
                    shown, window = catalogue_shot(pane, window, settings, Path(scratch), SIZES[size])
                if pane == "Compare":
                    window.show_compare(COMPARED)
                    shown = window.compare_dialog
                    shown.resize(*SIZES[size])
                if query:
                    window.search.field.setText(query)
                    window.search.run_query()
                settle(app)
                name = f"{theme}-{size}-{drug_id or 'all'}-{pane.lower().replace(' ', '-')}" + (f"-search-{query.lower()}" if query else "")
                shown.grab().save(str(args.out / f"{name}.png"))
                if shown is not window:
                    shown.close()
                window.close()
                window.deleteLater()
                settle(app)
    print(f"Wrote {len(shots)} screenshots to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
