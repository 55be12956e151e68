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
    # Where the reviewer's own files (keymap.toml, settings.json) live, if not in `root`: the
    # demo keeps its cache under <profile>/demo/ but reads the reviewer's keys and settings
    # from the profile they named.
    config_root: Path | None = None

    @property
    def _config(self) -> Path:
        return self.config_root or self.root

    @property
    def store_path(self) -> Path:
        return self.root / "store.sqlite3"

    @property
    def keymap_path(self) -> Path:
        """Optional user overrides of the shipped key bindings (same TOML tables)."""
        return self._config / "keymap.toml"

    @property
    def settings_path(self) -> Path:
        """Non-secret settings (server URL). Tokens never go here: they live in the keyring."""
        return self._config / "settings.json"

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

    def has_store(self) -> bool:
        """Whether anything was ever cached or decided here (reading never creates a store)."""
        return self.store_path.exists()

    def ensure(self) -> "Profile":
        # 0700: cached reported content is private to the reviewer's own account.
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.root, 0o700)
        return self
