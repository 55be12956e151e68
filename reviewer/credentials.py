"""Where the API token comes from: the REVIEWER_TOKEN variable (scripted use) or the OS keyring.

Tokens are never written to a plain file or a log. If the machine has no keyring backend we
refuse to store a token and say how to get one, rather than fall back to a file.
"""

from __future__ import annotations

import os

import keyring
import keyring.errors

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
