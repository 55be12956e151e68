"""Where the shipped data files live (keymaps, presets, stylesheet, icons, translations).

The one place that finds them. They are the package data of the `resources` package (see
pyproject.toml), read through importlib.resources, so the same lookup works from a source
checkout, an installed wheel and the PyInstaller bundle; nothing is found relative to this
file or the working directory.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "resources"


def shipped(*parts: str) -> Traversable:
    """A shipped file or folder, e.g. shipped("keymap", "case.toml")."""
    return files(PACKAGE).joinpath(*parts)


def _on_disk(root: Traversable) -> Path:
    # Qt and tomllib want real paths. Every way the workstation is shipped (checkout, wheel
    # installed unzipped, one-folder bundle) puts the files on disk; a zipped install would not,
    # and is refused here by name rather than failing later on a missing keymap.
    if not isinstance(root, Path):
        raise RuntimeError(f"the workstation's resources are not on disk ({root!r}): "
                           "install the wheel unzipped")
    return root


RESOURCES_DIR = _on_disk(shipped())
KEYMAP_DIR = RESOURCES_DIR / "keymap"
ICONS_DIR = RESOURCES_DIR / "icons"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"

# The product icon, in the freedesktop hicolor layout (so packaging/ can install the folder as
# it is): a hand-drawn SVG and PNGs rendered from it by packaging/make_icons.py.
ICON_NAME = "reviewer-workstation"  # the .desktop entry's Icon= key, and the command's name
# The reverse-DNS id the desktop knows the app by: the .desktop entry's and AppStream
# metainfo's file names (packaging/linux/), Qt's desktop file name, the macOS bundle id.
# example.com is reserved, so it can be no one else's: an organisation that ships its own
# build puts its domain here and renames those two files to match.
APP_ID = "com.example.ReviewerWorkstation"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_file(size: int | None = None) -> Path:
    """The PNG of one size, or the scalable SVG when no size is given."""
    if size is None:
        return ICONS_DIR / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
    return ICONS_DIR / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
