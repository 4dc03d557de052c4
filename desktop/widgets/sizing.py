"""Window sizes that fit the screen the window opens on."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.92  # leave room for panels and the window frame


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """`width` × `height`, or less where the screen is smaller (a 1024×640 laptop, a projector)."""
    screen = widget.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, int(room.width() * SCREEN_SHARE))
        height = min(height, int(room.height() * SCREEN_SHARE))
    widget.resize(width, height)
