"""Render the app icon's PNG sizes, the Windows .ico and the macOS .icns from the one SVG.

    python scripts/make_icons.py      # writes resources/icons/{hicolor/…, drugref.ico, drugref.icns}

Run it after changing resources/icons/io.github.drugref.DrugRef.svg; the outputs are committed.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "io.github.drugref.DrugRef.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    for size in SIZES:
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "io.github.drugref.DrugRef.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        render(renderer, size).save(str(target), "PNG")
    render(renderer, 256).save(str(ICONS / "drugref.ico"), "ICO")
    render(renderer, 512).save(str(ICONS / "drugref.icns"), "ICNS")
    del app
    print(f"wrote {len(SIZES)} PNG sizes, drugref.ico and drugref.icns under {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
