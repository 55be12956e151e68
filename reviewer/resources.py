"""Where the shipped data files live (keymaps, stylesheet), found relative to the source tree."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
KEYMAP_DIR = RESOURCES_DIR / "keymap"
