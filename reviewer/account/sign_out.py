"""Signing out: forget the token, tell the central API, and wipe this machine's cache.

Nothing is lost silently. Work that has not reached the central API (decisions, held and
backed-off ones too, account notes, guideline acknowledgements) is sent first in one sync round
that claims nothing new; if some still cannot be sent, sign-out stops and says what, and goes on
only if the caller chose to discard it.

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

from reviewer.sync.api_client import ApiClient, ApiError
from reviewer.account.credentials import KEYRING_SERVICE, TOKEN_ENV, cache_key_name
from reviewer.domain import MalformedAnswer
from reviewer.profile import Profile
from reviewer.store.database import open_store, transaction
from reviewer.store.search_file import delete_index, index_path
from reviewer.sync.engine import SyncEngine, SyncSettings
from reviewer.words import Phrase, tr, translate

log = logging.getLogger(__name__)

STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")
# What this machine still owes the central API: (kind, table, condition). Tables of later store
# versions are skipped where they do not exist yet.
UNSENT_WORK = (
    ("decisions", "outbox", "state IN ('pending', 'sending')"),
    ("account notes", "account_notes", "state = 'pending'"),
    ("guideline acknowledgements", "guideline_acks", "sent_at = ''"),
)
# The sign-out round: push and follow, but claim no case and fetch no media.
_FINAL_ROUND = dict(low_watermark=0, media_per_round=0)


@dataclass(frozen=True)
class SignOutResult:
    signed_out: bool
    unsent: dict[str, int]  # what the central API has not received (why we stopped, if we did)
    notes: tuple[str, ...] = ()  # what could not be done, for the reviewer to know

    def unsent_text(self) -> str:
        return describe_unsent(self.unsent)


class SignOut:
    """One sign-out of `profile` from `server_url`. `client` (None: offline or demo-less) is
    used to send what waits and to revoke the token on the server."""

    def __init__(self, profile: Profile, server_url: str | None, client: ApiClient | None):
        self.profile = profile
        self.server_url = server_url
        self.client = client

    def unsent(self) -> dict[str, int]:
        if not self.profile.store_path.exists():
            return {}
        db = open_store(self.profile.store_path)
        try:
            return unsent_work(db)
        finally:
            db.conn.close()

    def send_unsent(self) -> dict[str, int]:
        """One sync round for everything that waits (network: not on the UI thread). Returns
        what is still unsent afterwards."""
        waiting = self.unsent()
        if self.client is None or not waiting:
            return waiting
        db = open_store(self.profile.store_path)
        try:
            with transaction(db) as conn:  # due now: grace windows and backoff end here
                conn.execute("UPDATE outbox SET next_attempt_at = '' WHERE state = 'pending'")
        finally:
            db.conn.close()
        engine = SyncEngine(self.profile.store_path, self.client,
                            settings=SyncSettings(**_FINAL_ROUND))
        status = engine.run_once()  # never raises for network trouble
        if status.last_error:
            log.info("sign-out round: online=%s", status.online)
        return self.unsent()

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
        """The whole sign-out without questions (the CLI): stops if work stays unsent, unless
        `discard_unsent`."""
        unsent = self.send_unsent()
        if unsent and not discard_unsent:
            return SignOutResult(False, unsent)
        return SignOutResult(True, unsent, self.finish())


def unsent_work(db) -> dict[str, int]:
    """{kind: count} of what has not reached the central API; kinds with none left out."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts = {}
    for kind, table, condition in UNSENT_WORK:
        if table in tables:
            n = db.execute(f"SELECT count(*) FROM {table} WHERE {condition}").fetchone()[0]
            if n:
                counts[kind] = n
    return counts


def describe_unsent(unsent: dict[str, int]) -> str:
    """'2 decisions', '2 decisions and 1 account note', ... (a Phrase: shown translated)."""
    parts = [_count_of(kind, n) for kind, n in unsent.items()]
    if len(parts) < 2:
        return parts[0] if parts else ""
    listed = parts[0]
    for part in parts[1:-1]:
        listed = Phrase(translate("core", "{first}, {next}"), first=listed, next=part)
    return Phrase(translate("core", "{first} and {last}"), first=listed, last=parts[-1])


def _count_of(kind: str, n: int) -> str:
    # One literal per kind: lupdate lists only literal tr() texts, with their plural forms.
    if kind == "decisions":
        return Phrase(tr("%n decision(s)", "", n), n=n)
    if kind == "account notes":
        return Phrase(tr("%n account note(s)", "", n), n=n)
    if kind == "guideline acknowledgements":
        return Phrase(tr("%n guideline acknowledgement(s)", "", n), n=n)
    return f"{n} {kind}"


def wipe_cache(profile: Profile) -> None:
    """Delete the local store and its cache key; keep only today's exposure reading."""
    exposure = _todays_exposure(profile.store_path)
    for suffix in STORE_SUFFIXES:
        Path(f"{profile.store_path}{suffix}").unlink(missing_ok=True)
    delete_index(index_path(profile.store_path))  # unreadable without the key, gone anyway
    forget_secret(cache_key_name(profile.root))
    if exposure:
        db = open_store(profile.store_path)
        try:
            with transaction(db) as conn:
                conn.executemany("INSERT INTO exposure (day, case_id, exposure_s, reduced_s, "
                                 "decided, by_suggestion) VALUES (?, ?, ?, ?, ?, ?)", exposure)
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


def _todays_exposure(store_path: Path) -> list[tuple]:
    if not store_path.exists():
        return []
    db = open_store(store_path)
    try:
        # Only what was seen: a wipe leaves nothing behind for a day without exposure, so the
        # count of cases decided unseen starts again after a sign-out.
        return db.execute("SELECT day, case_id, exposure_s, reduced_s, decided, by_suggestion "
                          "FROM exposure WHERE day = ? AND exposure_s > 0",
                          (date.today().isoformat(),)).fetchall()
    finally:
        db.conn.close()
