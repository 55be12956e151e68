"""How long idempotency keys are kept, and the purge that forgets older ones.

A key must outlive every retry a client may still send: a workstation that was offline for a
long weekend pushes its outbox when it is back, and a key forgotten by then would turn a replay
into a new request (a second 201, or a 409 against the client's own decision). Seven days is
the default; `REVIEWER_KEY_RETENTION_DAYS` or `create_app(key_retention_days=...)` change it.
An accepted (or pending) decision has no key record to purge: its own row holds the request's
hash and answers every retry (decisions.py). The records are the other stored answers (409s,
approvals, reversals, appeals).

The purge runs at start-up and then after every `purge_every` recorded decisions, in its own
short write transaction, so no request waits on a large delete. One process (SQLite) counts in
memory; on PostgreSQL every API process adds to one counter row (`maintenance`), so N workers
purge as often as one would, and the row lock lets exactly one of them reset it and purge. A
process adds its count in steps of a twentieth of `purge_every`, so the one row every process
writes is not written once per decision.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, text, update
from sqlalchemy.dialects import postgresql

from server.store.database import Database
from server.store.schema import idempotency_keys, maintenance
from server.timeutil import utcnow

DEFAULT_RETENTION_DAYS = 7.0
DEFAULT_PURGE_EVERY = 1000  # decisions between purges
RETENTION_ENV_VAR = "REVIEWER_KEY_RETENTION_DAYS"
PURGE_JOB = "idempotency_key_purge"


def retention_days_from_env(default: float = DEFAULT_RETENTION_DAYS) -> float:
    text = os.environ.get(RETENTION_ENV_VAR, "").strip()
    if not text:
        return default
    try:
        days = float(text)
    except ValueError:
        raise ValueError(f"{RETENTION_ENV_VAR} must be a number of days, not {text!r}") from None
    return _checked(days)


class KeyRetention:
    """Purges idempotency keys older than `retention_days`; thread-safe."""

    def __init__(self, database: Database, retention_days: float,
                 purge_every: int = DEFAULT_PURGE_EVERY,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.database = database
        self.retention = timedelta(days=_checked(retention_days))
        self.purge_every = max(1, purge_every)
        self._clock = clock  # injectable, so tests can jump days ahead
        self._lock = threading.Lock()
        self._since_purge = 0

    def purge(self) -> int:
        """Delete keys recorded before now - retention; returns how many went."""
        cutoff = self._clock() - self.retention
        with self.database.write() as conn:
            result = conn.execute(
                delete(idempotency_keys).where(idempotency_keys.c.created_at < cutoff)
            )
        return result.rowcount

    def note_decisions(self, count: int) -> None:
        """Count `count` handled decisions; purge once `purge_every` have gone by."""
        step = max(1, self.purge_every // 20) if self.database.is_postgresql else self.purge_every
        with self._lock:
            self._since_purge += count
            due = self._since_purge >= step
            counted, self._since_purge = (self._since_purge, 0) if due else (0, self._since_purge)
        if due and self.database.is_postgresql:
            due = self._count_shared(counted)
        if due:
            self.purge()

    def _count_shared(self, count: int) -> bool:
        add = postgresql.insert(maintenance).values(job=PURGE_JOB, pending=count)
        add = add.on_conflict_do_update(
            index_elements=[maintenance.c.job],
            set_={"pending": maintenance.c.pending + add.excluded.pending})
        with self.database.engine.begin() as conn:
            conn.execute(text("SET LOCAL synchronous_commit TO OFF"))  # a count, not a decision
            pending = conn.execute(add.returning(maintenance.c.pending)).scalar_one()
            if pending < self.purge_every:
                return False
            conn.execute(update(maintenance).where(maintenance.c.job == PURGE_JOB)
                         .values(pending=0, last_run_at=self._clock()))
        return True


def _checked(days: float) -> float:
    if not days > 0:
        raise ValueError(f"key retention must be a positive number of days, not {days!r}")
    return days
