"""Light and dark follow the desktop (README): in the dark palette the panes' text and the approvals matrix's
tinted cells read as well as in the light one, and a pane on screen follows a switch made while it is open."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from desktop.models.approvals_matrix import ApprovalsMatrixModel
from desktop.render.panes import PANES
from desktop.theme import apply_color_scheme
from helpers import painted

READABLE = 4.5  # WCAG AA contrast for body text


def contrast(one: QColor, other: QColor) -> float:
    def luminance(colour: QColor) -> float:
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in colour.getRgbF()[:3]]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture()
def to_dark(qapp):
    """Switches the application to the dark scheme as `--color-scheme dark` does; the light one comes back after."""
    light = qapp.palette()
    yield lambda: apply_color_scheme(qapp, "dark")
    qapp.setPalette(light)
    qapp.styleHints().unsetColorScheme()


def unreadable_text(pane) -> list[tuple[str, str]]:
    base = pane.palette().color(QPalette.ColorRole.Base)
    assert base.lightness() < 128, "the pane is drawn on the dark palette's base"
    drawn = painted(pane)
    assert drawn, "the pane draws text"
    return [(colour, text) for colour, text in drawn if contrast(QColor(colour), base) < READABLE]


def test_every_pane_drawn_in_the_dark_palette_is_readable(make_window, to_dark):
    to_dark()
    window = make_window()
    for pane in PANES:
        window.show_drug("nemvaleukin-alfa", pane.id)
        if pane.id != "trials":  # a grid and a chart, not a text pane
            assert unreadable_text(window.record.pane(pane.id)) == [], pane.id


def test_a_pane_on_screen_follows_a_switch_to_dark(qtbot, make_window, to_dark):
    window = make_window()
    window.show_drug("nemvaleukin-alfa", "safety")
    pane = window.record.pane("safety")
    to_dark()
    qtbot.waitUntil(lambda: pane.palette().color(QPalette.ColorRole.Base).lightness() < 128)  # the switch arrived
    assert unreadable_text(pane) == []


def test_the_approvals_tints_read_in_the_dark_palette(qapp, store, to_dark):
    to_dark()
    text = qapp.palette().color(QPalette.ColorRole.Text)
    base = qapp.palette().color(QPalette.ColorRole.Base)
    model = ApprovalsMatrixModel(store)
    tinted = silent = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if (background := index.data(Qt.ItemDataRole.BackgroundRole)) is not None:
                tinted += 1
                assert background.lightness() < 128 and contrast(text, background) >= READABLE, index.data()
            if (muted := index.data(Qt.ItemDataRole.ForegroundRole)) is not None:  # "not stated"
                silent += 1
                assert contrast(muted, base) >= READABLE
    assert tinted and silent
