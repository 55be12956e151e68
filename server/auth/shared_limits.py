"""Rate-limit buckets and failed sign-ins counted in the database, for several API processes.

With N workers (or N hosts) on one PostgreSQL, counts kept in each process's memory would
allow N times the requests and N times the password guesses. These classes keep the same
rules as rate_limit.TokenBuckets and login_throttle.LoginThrottle, with the counts in the
shared tables `rate_buckets` and `login_failures` (schema.py), and the clock of the database
server, so hosts whose clocks disagree still agree on a window. One statement per bucket
take, in its own short transaction that does not wait for a disk flush (losing the last
counts in a crash only forgives a few requests). SQLite serves from one process, so it keeps
the in-memory versions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, delete, insert, select, text

from server.auth.login_throttle import ThrottleLimits, address_key, name_key, wait_for
from server.auth.rate_limit import RateLimit
from server.store.database import Database
from server.store.request_timing import note_transaction
from server.store.schema import login_failures, rate_buckets

SWEEP_EVERY = 1000  # takes (per process) between deletions of buckets that are full again

_NOW = "extract(epoch from clock_timestamp())::float8"
# Refill by the time passed, then take one if there is one; the row lock on the bucket makes
# concurrent takes from any process queue up. `granted` says which way it went.
_TAKE = text(f"""
INSERT INTO rate_buckets AS b (key, tokens, at, granted)
VALUES (:key, :burst - 1, {_NOW}, true)
ON CONFLICT (key) DO UPDATE SET
  tokens = least(:burst, b.tokens + ({_NOW} - b.at) * :rate)
           - CASE WHEN least(:burst, b.tokens + ({_NOW} - b.at) * :rate) >= 1 THEN 1 ELSE 0 END,
  granted = least(:burst, b.tokens + ({_NOW} - b.at) * :rate) >= 1,
  at = {_NOW}
RETURNING tokens, granted
""")


def _fast_commit(conn: Connection) -> None:
    conn.execute(text("SET LOCAL synchronous_commit TO OFF"))


class DatabaseBuckets:
    """rate_limit.TokenBuckets with its buckets in `rate_buckets`."""

    blocking = True  # takes hit the database: the middleware calls them off the event loop

    def __init__(self, database: Database, limit: RateLimit) -> None:
        self.database = database
        self.limit = limit
        self._takes = 0
        self._lock = threading.Lock()

    @contextmanager
    def transaction(self, database: Database) -> Iterator[Connection]:
        """One short transaction for the caller's lookup and the take (READ COMMITTED: a
        take must see the bucket as the last concurrent take left it)."""
        asked = time.perf_counter()
        with database.engine.begin() as conn:
            note_transaction(time.perf_counter() - asked)
            _fast_commit(conn)
            yield conn

    def take(self, key: str, conn: Connection | None = None) -> float:
        if conn is None:
            with self.transaction(self.database) as own:
                return self.take(key, own)
        tokens, granted = conn.execute(_TAKE, {
            "key": key, "burst": float(self.limit.burst), "rate": self.limit.per_second}).one()
        self._maybe_sweep(conn)
        return 0.0 if granted else (1.0 - tokens) / self.limit.per_second

    def _maybe_sweep(self, conn: Connection) -> None:
        with self._lock:
            self._takes += 1
            due = self._takes % SWEEP_EVERY == 0
        if due:  # made-up keys must not grow the table without bound
            full_after = self.limit.burst / self.limit.per_second
            conn.execute(delete(rate_buckets).where(
                rate_buckets.c.at < text(f"{_NOW} - :full").bindparams(full=full_after)))


class DatabaseLoginThrottle:
    """login_throttle.LoginThrottle with its failures in `login_failures`."""

    def __init__(self, database: Database, limits: ThrottleLimits | None = None) -> None:
        self.database = database
        self.limits = limits or ThrottleLimits()

    def retry_after(self, name: str, address: str) -> float:
        with self.database.read() as conn:
            now = conn.execute(text(f"SELECT {_NOW}")).scalar_one()
            return max(self._wait(conn, name_key(name), self.limits.per_name, now),
                       self._wait(conn, address_key(address), self.limits.per_address, now))

    def failed(self, name: str, address: str) -> None:
        with self.database.engine.begin() as conn:
            _fast_commit(conn)
            now = conn.execute(text(f"SELECT {_NOW}")).scalar_one()
            conn.execute(delete(login_failures).where(
                login_failures.c.at <= now - self.limits.window_s))
            conn.execute(insert(login_failures), [
                {"key": name_key(name), "at": now}, {"key": address_key(address), "at": now}])

    def succeeded(self, name: str) -> None:
        with self.database.engine.begin() as conn:
            conn.execute(delete(login_failures).where(login_failures.c.key == name_key(name)))

    def _wait(self, conn: Connection, key: str, allowed: int, now: float) -> float:
        times = list(conn.execute(
            select(login_failures.c.at)
            .where(login_failures.c.key == key,
                   login_failures.c.at > now - self.limits.window_s)
            .order_by(login_failures.c.at)).scalars())
        return wait_for(times, allowed, self.limits.window_s, now)
