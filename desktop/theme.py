"""Light and dark palettes. With `system`, Fusion follows the desktop's colour scheme by itself; an
explicit choice (screenshots, tests, or a platform with no theme to ask) gets a full palette here."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

def _dark_colours() -> dict:
    """Built when asked for: touching these enums costs tens of milliseconds at import."""
    roles = QPalette.ColorRole
    return {
    roles.Window: "#2b2b2e",
        roles.WindowText: "#e6e6e6",
        roles.Base: "#1f1f22",
        roles.AlternateBase: "#28282c",
        roles.ToolTipBase: "#3a3a3f",
        roles.ToolTipText: "#f0f0f0",
        roles.PlaceholderText: "#9a9aa2",
        roles.Text: "#e6e6e6",
        roles.Button: "#35353a",
        roles.ButtonText: "#e6e6e6",
        roles.BrightText: "#ff6b6b",
        roles.Light: "#4a4a50",
        roles.Midlight: "#404046",
        roles.Mid: "#55555c",
        roles.Dark: "#18181a",
        roles.Shadow: "#000000",
        roles.Highlight: "#3d7bd9",
        roles.HighlightedText: "#ffffff",
        roles.Link: "#7fb2ff",
        roles.LinkVisited: "#c39cff",
    }


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _dark_colours().items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#75757c"))
    return palette


def apply_color_scheme(app: QApplication, scheme: str) -> None:
    if scheme == "system":
        return
    app.styleHints().setColorScheme(Qt.ColorScheme.Dark if scheme == "dark" else Qt.ColorScheme.Light)
    app.setPalette(dark_palette() if scheme == "dark" else app.style().standardPalette())
