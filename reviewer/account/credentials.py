"""Secrets in the OS keyring: API tokens and the key that seals the local cache.

The token comes from the REVIEWER_TOKEN variable (scripted use) or the OS keyring. Tokens are
never written to a plain file or a log. If the machine has no keyring backend we refuse to
store a token and say how to get one, rather than fall back to a file.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors

from reviewer.store.crypto import KEY_BYTES, new_key
from reviewer.words import translate

KEYRING_SERVICE = "reviewer-workstation"
TOKEN_ENV = "REVIEWER_TOKEN"


class NoKeyring(RuntimeError):
    pass


NO_KEYRING_HELP = (
    "No OS keyring is available to store the token. On Linux install and unlock a Secret "
    "Service provider (GNOME Keyring or KWallet); or pass the token in the REVIEWER_TOKEN "
    "environment variable for scripted use."
)


def token_for(server_url: str) -> str | None:
    """The token for `server_url`, or None if there is none (or no keyring to ask)."""
    if token := os.environ.get(TOKEN_ENV, "").strip():
        return token
    try:
        return keyring.get_password(KEYRING_SERVICE, server_url)
    except keyring.errors.KeyringError:
        return None


def save_token(server_url: str, token: str) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, server_url, token)
    except keyring.errors.KeyringError as exc:
        raise NoKeyring(NO_KEYRING_HELP) from exc


# --- the cache key ---------------------------------------------------------------------------
# One 256-bit key per profile seals cached case content and media (reviewer/store/crypto.py).
# It lives in the keyring beside the tokens, never in the profile it protects.


@dataclass(frozen=True)
class CacheKey:
    key: bytes
    fresh: bool  # made just now: anything sealed under an earlier key can no longer be opened
    warning: str = ""  # for the status line: why the cache will not outlive this process


EPHEMERAL_CACHE_WARNING = translate(
    "core", "No OS keyring: cached cases are kept for this session only and fetched again at "
            "the next start")


def cache_key_name(profile_root: Path) -> str:
    return f"cache-key:{Path(profile_root).resolve()}"


def cache_key(profile_root: Path) -> CacheKey:
    """The profile's cache key from the keyring, made and stored on first use. Without a
    keyring backend the key is kept in memory only, so the cache lasts one process."""
    name = cache_key_name(profile_root)
    try:
        stored = keyring.get_password(KEYRING_SERVICE, name)
    except keyring.errors.KeyringError:
        return CacheKey(new_key(), fresh=True, warning=EPHEMERAL_CACHE_WARNING)
    if stored:
        try:
            key = base64.b64decode(stored, validate=True)
            if len(key) == KEY_BYTES:
                return CacheKey(key, fresh=False)
        except binascii.Error:
            pass  # mangled entry: replaced below, as if there had been none
    key = new_key()
    try:
        keyring.set_password(KEYRING_SERVICE, name, base64.b64encode(key).decode("ascii"))
    except keyring.errors.KeyringError:
        return CacheKey(key, fresh=True, warning=EPHEMERAL_CACHE_WARNING)
    return CacheKey(key, fresh=True)
