"""Desktop integration files agree with each other and with the app: one ID everywhere."""
from __future__ import annotations

import configparser
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from desktop import APP_ID, APP_NAME

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def test_desktop_entry_is_named_for_the_app_id_the_window_reports():
    entry = RESOURCES / f"{APP_ID}.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry, encoding="utf-8")
    section = parser["Desktop Entry"]
    assert section["Icon"] == APP_ID
    assert section["StartupWMClass"] == APP_NAME
    assert section["Exec"].startswith("drugref")
    assert "MedicalSoftware" in section["Categories"].split(";")


def test_metainfo_names_the_same_id_and_launchable():
    root = ElementTree.parse(RESOURCES / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert len(root.findall("screenshots/screenshot")) >= 1
    assert root.find("description") is not None


def test_icons_exist_for_every_size_the_packages_install():
    assert (RESOURCES / "icons" / f"{APP_ID}.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (RESOURCES / "icons" / "drugref.ico").is_file() and (RESOURCES / "icons" / "drugref.icns").is_file()
