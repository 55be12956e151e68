"""Sync rounds that keep failing, counted so the reviewer is told instead of left guessing.

The sync worker survives any one round: an exception it did not expect ends that round, is
logged with its traceback, and the next round comes after a backoff. Surviving is not enough
on its own: if every round fails, decisions stop leaving the machine while the status bar
still reads "Online". So failed rounds are counted over a sliding window, and once they keep
failing the status says so in one sentence ("Sync trouble: the central API's answers cannot
be read — 12 in the last 5 min"). The latest trouble is also kept in the store's sync_state,
so `main.py status` can print it without a window and without the worker running.

Being offline or needing to sign in again is not trouble in this sense: both have their own
words in the status bar already.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections import deque
from dataclasses import dataclass

from reviewer.domain import MalformedAnswer, to_iso, utc_now
from reviewer.store.database import StoreError
from reviewer.sync.api_client import ApiRejected
from reviewer.words import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

WINDOW_S = 300.0  # "in the last 5 min"
SHOWN_AFTER = 3  # failed rounds within the window before the status bar speaks up
STATE_KEY = "sync_trouble"

# Kept in English in the store; the sentence translates them when it is made.
UNREADABLE = "the central API's answers cannot be read"
REFUSED = "the central API refuses the workstation's requests"
STORE = "the local store cannot be written"
UNEXPECTED = "the sync worker met an unexpected error"
_MARKED = (QT_TRANSLATE_NOOP("core", "the central API's answers cannot be read"),  # lupdate
           QT_TRANSLATE_NOOP("core", "the central API refuses the workstation's requests"),
           QT_TRANSLATE_NOOP("core", "the local store cannot be written"),
           QT_TRANSLATE_NOOP("core", "the sync worker met an unexpected error"))


def reason_for(exc: BaseException) -> str:
    """What a failed round means to a reviewer, by the kind of exception that ended it."""
    if isinstance(exc, ApiRejected):
        return REFUSED
    if isinstance(exc, (StoreError, sqlite3.Error, OSError)):
        return STORE
    if isinstance(exc, (MalformedAnswer, ValueError, TypeError, KeyError, AttributeError,
                        IndexError, RecursionError, OverflowError)):
        return UNREADABLE  # an answer's shape the edge did not foresee
    return UNEXPECTED


@dataclass(frozen=True)
class TroubleRecord:
    """What `main.py status` prints: the latest reason, how many rounds failed within the
    window before the latest one, and when that was."""

    reason: str
    count: int
    last_at: str  # ISO 8601 UTC

    def sentence(self) -> str:
        return translate("core", "Sync trouble: {reason} — {count} in the last {minutes} "
                                 "min").format(reason=translate("core", self.reason),
                                               count=self.count, minutes=int(WINDOW_S // 60))


class TroubleCounter:
    """Failed rounds over the last WINDOW_S seconds. Used by the sync worker's thread only."""

    def __init__(self, window_s: float = WINDOW_S, shown_after: int = SHOWN_AFTER) -> None:
        self.window_s = window_s
        self.shown_after = shown_after
        self._failures: deque[float] = deque()
        self.current: TroubleRecord | None = None  # shown while rounds keep failing

    def failed(self, reason: str, now: float | None = None) -> TroubleRecord | None:
        """Count a failed round; returns the record once rounds keep failing."""
        now = time.monotonic() if now is None else now
        self._failures.append(now)
        while self._failures and self._failures[0] < now - self.window_s:
            self._failures.popleft()
        count = len(self._failures)
        self.current = (TroubleRecord(reason, count, to_iso(utc_now()))
                        if count >= self.shown_after else None)
        return self.current

    def succeeded(self) -> None:
        """A round went through: the trouble is over (the count starts again)."""
        self._failures.clear()
        self.current = None


def save(db, record: TroubleRecord | None) -> None:
    """Keep the latest trouble (None: none) in sync_state. Best effort: when the store itself
    is the trouble, the status bar still says so; only the CLI's copy is missed."""
    value = json.dumps(record.__dict__) if record else ""
    try:
        with db.conn:
            db.conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) "
                            "DO UPDATE SET value = excluded.value", (STATE_KEY, value))
    except sqlite3.Error as exc:
        log.warning("could not keep the sync trouble record: %s", exc)


def load(db) -> TroubleRecord | None:
    """The trouble the last sync round left, if any (for `main.py status`)."""
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", (STATE_KEY,)).fetchone()
    try:
        data = json.loads(row[0]) if row and row[0] else None
        return TroubleRecord(str(data["reason"]), int(data["count"]),
                             str(data["last_at"])) if data else None
    except (ValueError, TypeError, KeyError):
        return None
