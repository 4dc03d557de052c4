"""One typed wrapper over QSettings: window geometry and state, splitter, grid header, sheet choices."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths


class Settings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def header_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"headers/{name}")

    def save_window(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)
        self._settings.setValue("window/splitter", splitter)

    def save_header(self, name: str, state: QByteArray) -> None:
        self._settings.setValue(f"headers/{name}", state)

    def string_list(self, key: str, default: list[str]) -> list[str]:
        value = self._settings.value(key)
        if value is None:
            return list(default)
        return [str(v) for v in (value if isinstance(value, list) else [value])] if value != "" else []

    def set_string_list(self, key: str, values: list[str]) -> None:
        self._settings.setValue(key, values)

    def text(self, key: str, default: str = "") -> str:
        value = self._settings.value(key)
        return str(value) if value is not None else default

    def set_text(self, key: str, value: str) -> None:
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()


def user_state_path() -> Path:
    """Favourites and recent items live in the user's config folder, never beside the bundled data."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(folder) / "user-state.json"
