"""The desktop files agree with the app (one id, one icon name, the version of pyproject.toml),
and pass the freedesktop validators wherever those are installed (`make package` installs them
and fails on them; here they are checked when present so `make test` needs no extra package)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reviewer.resources import APP_ID, ICON_NAME, icon_file

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def test_the_desktop_entry_starts_the_command_with_the_product_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert section["Exec"].split()[0] in scripts  # the console script the wheel installs
    assert section["Icon"] == ICON_NAME and icon_file(256).is_file() and icon_file().is_file()


def test_the_metainfo_names_this_app_and_this_version():
    component = ET.parse(METAINFO).getroot()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.find("releases/release").get("version") == version


@pytest.mark.parametrize("tool, target", [
    (["desktop-file-validate"], DESKTOP),
    (["appstreamcli", "validate", "--no-net"], METAINFO),
])
def test_the_validators_pass(tool, target):
    if shutil.which(tool[0]) is None:
        pytest.skip(f"{tool[0]} is not installed (bash packaging/system-deps.sh package)")
    done = subprocess.run([*tool, str(target)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
