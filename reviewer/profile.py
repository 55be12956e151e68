"""A profile is the one directory that holds all of a workstation's local state."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "reviewer-workstation"


def default_profile_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Profile:
    root: Path

    @property
    def store_path(self) -> Path:
        return self.root / "store.sqlite3"

    @property
    def keymap_path(self) -> Path:
        """Optional user overrides of the shipped key bindings (same TOML tables)."""
        return self.root / "keymap.toml"

    @property
    def settings_path(self) -> Path:
        """Non-secret settings (server URL). Tokens never go here: they live in the keyring."""
        return self.root / "settings.json"

    def settings(self) -> dict:
        try:
            data = json.loads(self.settings_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def save_setting(self, key: str, value: object) -> None:
        data = self.settings()
        data[key] = value
        tmp = self.settings_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, self.settings_path)  # atomic: a crash never leaves half a file

    def ensure(self) -> "Profile":
        # 0700: cached reported content is private to the reviewer's own account.
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.root, 0o700)
        return self
