"""A decision's commit never waits for a checkpoint: a background thread runs them.

A decision is durable before the UI shows it as made (DESIGN.md): `Outbox.record` commits
with synchronous=FULL, and that fsync of the write-ahead log stays on the critical path. What
need not is SQLite's automatic checkpoint, which the commit that crosses its threshold runs
itself (copying the log into the database file, two more fsyncs, tens of ms on a busy disk).
The decision's commit runs with the automatic checkpoint off, and this thread checkpoints the
log every CHECKPOINT_EVERY decisions instead, PASSIVE, on a connection of its own.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils


log = logging.getLogger(__name__)

CHECKPOINT_EVERY = 32  # decisions between checkpoints: ~200 log pages, under SQLite's 1,000
SQLITE_AUTOCHECKPOINT = 1000  # SQLite's default, in force for every other commit


class Checkpointer:
    """One thread for every store file of the process: checkpoints each store's write-ahead log
    after every CHECKPOINT_EVERY decisions committed to it."""

    def __init__(self):
        self._wanted = threading.Condition()
        self._pending: set[Path] = set()
        self._asked = 0  # checkpoints asked for so far
        self._done = 0  # checkpoints asked for that have run
        self._commits: dict[Path, int] = {}  # since the last checkpoint, by store file
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def request(self, store_path: Path) -> None:
        """A decision was committed to this store with the automatic checkpoint off. Counted
        here, on the committing thread: the checkpoint thread is woken only when one is due,
        not after every decision, while the next case paints."""
        with self._wanted:
            self._commits[store_path] = self._commits.get(store_path, 0) + 1
            if self._commits[store_path] < CHECKPOINT_EVERY:
                return
            self._commits[store_path] = 0
            self._pending.add(store_path)
            self._asked += 1
            self._wanted.notify_all()

    def wait(self, timeout: float = 10.0) -> bool:
        """Until every checkpoint asked for so far has run."""
        with self._wanted:
            target = self._asked
            return self._wanted.wait_for(lambda: self._done >= target, timeout)

    def _run(self) -> None:
        while True:
            with self._wanted:
                self._wanted.wait_for(lambda: self._pending)
                paths, self._pending, target = self._pending, set(), self._asked
            for path in paths:
                _checkpoint(path)
            with self._wanted:
                self._done = target
                self._wanted.notify_all()


def _checkpoint(store_path: Path) -> None:
    """PASSIVE: copies what no reader still needs, never waits for or blocks a writer. A
    connection of its own, closed again: stores come and go (sign-out, tests)."""
    try:
        # mode=rw: a store deleted meanwhile (sign-out) is not created again, empty.
        conn = sqlite3.connect(f"{store_path.as_uri()}?mode=rw", uri=True, timeout=0)
    except sqlite3.Error as exc:
        log.info("background checkpoint skipped: %s", exc)
        return
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    except sqlite3.Error as exc:  # busy, or a full disk: SQLite checkpoints again later
        log.info("background checkpoint skipped: %s", exc)
    finally:
        conn.close()


_checkpointer: Checkpointer | None = None
_checkpointer_lock = threading.Lock()


def checkpointer() -> Checkpointer:
    global _checkpointer
    with _checkpointer_lock:
        if _checkpointer is None:
            _checkpointer = Checkpointer()
        return _checkpointer


def _store_file(db: sqlite_utils.Database) -> Path | None:
    """The file behind this connection (looked up once); None for one in memory."""
    path = getattr(db, "_store_file", None)
    if path is None:
        row = db.execute("PRAGMA database_list").fetchone()  # (seq, 'main', file)
        path = db._store_file = Path(row[2]).resolve() if row and row[2] else False
    return path or None


@contextmanager
def checkpoint_later(db: sqlite_utils.Database) -> Iterator[None]:
    """Around one `transaction(db)`: its COMMIT (synchronous=FULL, as every commit of the
    store) fsyncs the log but does not checkpoint it; the background thread does, later. A
    failure (a full disk) still raises from the COMMIT."""
    conn = db.conn
    conn.execute("PRAGMA wal_autocheckpoint=0")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint={SQLITE_AUTOCHECKPOINT}")
    path = _store_file(db)
    if path is not None:
        checkpointer().request(path)
