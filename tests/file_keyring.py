"""A keyring backend for end-to-end tests only: a JSON file named by $TEST_KEYRING_FILE.

The machines tests run on have no OS keyring; separate processes of one test (the `sync`
command, then the test itself) must still share the cache key. Never used outside tests.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = -1  # below the "no keyring" backend: never chosen unless named explicitly

    def _path(self) -> Path:
        return Path(os.environ["TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        try:
            return json.loads(self._path().read_text())
        except (OSError, ValueError):
            return {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        data.pop(f"{service}/{username}", None)
        self._path().write_text(json.dumps(data))


@contextmanager
def file_keyring(path: Path) -> Iterator[Path]:
    """Use a FileKeyring at `path` as this process's keyring inside the block (sign-in tests)."""
    import keyring

    saved_file, previous = os.environ.get("TEST_KEYRING_FILE"), keyring.get_keyring()
    os.environ["TEST_KEYRING_FILE"] = str(path)
    keyring.set_keyring(FileKeyring())
    try:
        yield path
    finally:
        keyring.set_keyring(previous)
        if saved_file is None:
            os.environ.pop("TEST_KEYRING_FILE", None)
        else:
            os.environ["TEST_KEYRING_FILE"] = saved_file
