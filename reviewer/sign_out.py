"""Signing out: forget the token, tell the central API, and wipe this machine's cache.

Nothing is lost silently. Decisions that have not reached the central API are sent first (held
and backed-off ones too: the reviewer is leaving); if some still cannot be sent, sign-out stops
and says how many, and goes on only if the caller chose to discard them.

The wipe deletes the store file with its WAL and shared-memory files and then the cache key in
the keyring: whatever might linger of the sealed cache elsewhere on the disk (free blocks, a
backup) can no longer be opened (crypto-shredding). Today's exposure reading is carried into
the fresh store: it is the reviewer's own wellbeing record, and signing out must not reset the
daily allowance.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import keyring
import keyring.errors

from reviewer.api_client import ApiClient, ApiError
from reviewer.credentials import KEYRING_SERVICE, TOKEN_ENV, cache_key_name
from reviewer.domain import MalformedAnswer
from reviewer.outbox import Outbox
from reviewer.profile import Profile
from reviewer.push import OutboxPusher
from reviewer.store import open_store, transaction

log = logging.getLogger(__name__)

STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class SignOutResult:
    signed_out: bool
    unsent: int  # decisions the central API has not acknowledged (why we stopped, if we did)
    notes: tuple[str, ...] = ()  # what could not be done, for the reviewer to know


class SignOut:
    """One sign-out of `profile` from `server_url`. `client` (None: offline or demo-less) is
    used to send what waits and to revoke the token on the server."""

    def __init__(self, profile: Profile, server_url: str | None, client: ApiClient | None):
        self.profile = profile
        self.server_url = server_url
        self.client = client

    def unsent(self) -> int:
        if not self.profile.store_path.exists():
            return 0
        db = open_store(self.profile.store_path)
        try:
            return Outbox(db).waiting()
        finally:
            db.conn.close()

    def send_unsent(self) -> int:
        """One push of everything that waits (network: not on the UI thread). Returns how many
        decisions are still unsent afterwards."""
        if self.client is None or not self.profile.store_path.exists():
            return self.unsent()
        db = open_store(self.profile.store_path)
        try:
            outbox = Outbox(db)
            if outbox.waiting():
                with transaction(db) as conn:  # due now: grace windows and backoff end here
                    conn.execute("UPDATE outbox SET next_attempt_at = '' WHERE state = 'pending'")
                try:
                    OutboxPusher(outbox, self.client).push_all()
                except (ApiError, MalformedAnswer) as exc:
                    log.info("sign-out: decisions not sent (%s)", type(exc).__name__)
            return outbox.waiting()
        finally:
            db.conn.close()

    def finish(self) -> tuple[str, ...]:
        """Revoke the token on the server (if reachable), forget it here, wipe the cache.
        Returns notes on what could not be done."""
        notes = []
        if self.client is not None:
            try:
                self.client.logout()
            except (ApiError, MalformedAnswer):
                notes.append("the central API could not be told (its token is forgotten here)")
        if self.server_url:
            forget_secret(self.server_url)
        if os.environ.get(TOKEN_ENV, "").strip():
            notes.append(f"the token in {TOKEN_ENV} is still set in this shell")
        wipe_cache(self.profile)
        return tuple(notes)

    def run(self, discard_unsent: bool = False) -> SignOutResult:
        """The whole sign-out without questions (the CLI): stops if decisions stay unsent,
        unless `discard_unsent`."""
        unsent = self.send_unsent()
        if unsent and not discard_unsent:
            return SignOutResult(False, unsent)
        return SignOutResult(True, unsent, self.finish())


def wipe_cache(profile: Profile) -> None:
    """Delete the local store and its cache key; keep only today's exposure reading."""
    exposure = _todays_exposure(profile.store_path)
    for suffix in STORE_SUFFIXES:
        Path(f"{profile.store_path}{suffix}").unlink(missing_ok=True)
    forget_secret(cache_key_name(profile.root))
    if exposure:
        db = open_store(profile.store_path)
        try:
            with transaction(db) as conn:
                conn.executemany("INSERT INTO exposure (day, case_id, exposure_s) VALUES (?, ?, ?)",
                                 exposure)
        finally:
            db.conn.close()


def forget_secret(name: str) -> None:
    """Delete a keyring entry (a server's token, a profile's cache key); gone already is fine."""
    try:
        keyring.delete_password(KEYRING_SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass  # there was none
    except keyring.errors.KeyringError as exc:  # no backend: nothing was ever stored there
        log.info("keyring: %s", type(exc).__name__)


def _todays_exposure(store_path: Path) -> list[tuple[str, str, float]]:
    if not store_path.exists():
        return []
    db = open_store(store_path)
    try:
        return db.execute("SELECT day, case_id, exposure_s FROM exposure WHERE day = ?",
                          (date.today().isoformat(),)).fetchall()
    finally:
        db.conn.close()
