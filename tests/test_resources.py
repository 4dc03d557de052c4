"""Desktop integration files agree with each other and with the app: one ID everywhere."""
from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from desktop import APP_ID, APP_NAME

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(RESOURCES / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_is_named_for_the_app_id_the_window_reports():
    section = desktop_entry()
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


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed (Debian: apt-get install appstream)")
def test_metainfo_validates_strictly_with_the_installed_appstream():
    """--strict fails on infos too: an unknown tag is only an info, and it is what an older AppStream than
    the one the metainfo was written for reports."""
    checked = subprocess.run(["appstreamcli", "validate", "--no-net", "--strict", "--explain",
                              str(RESOURCES / f"{APP_ID}.metainfo.xml")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_icons_exist_for_every_size_the_packages_install():
    assert (RESOURCES / "icons" / f"{APP_ID}.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (RESOURCES / "icons" / "drugref.ico").is_file() and (RESOURCES / "icons" / "drugref.icns").is_file()


def test_desktop_entry_handles_drugref_links_and_validates():
    section = desktop_entry()
    assert "x-scheme-handler/drugref" in section["MimeType"].split(";")
    assert section["Exec"].endswith("%U")  # the link reaches `drugref` as its only argument
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(RESOURCES / f"{APP_ID}.desktop")], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
