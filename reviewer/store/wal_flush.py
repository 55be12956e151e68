"""A decision commits without waiting for the disk; a flusher thread makes it power-safe.

Waiting for fsync is most of what stands between a decision key and the next case on screen
(4 ms typically, 10-50 ms on a busy disk). So the decision's transaction commits with
synchronous=NORMAL: in WAL mode that COMMIT has written the transaction's frames to the
write-ahead log (a full disk still fails it, and nothing is recorded), so a crash of the
workstation afterwards cannot lose it, and its case stays off the list atomically with it.
What NORMAL leaves to the operating system is getting those frames onto the platter: a power
loss in the next few milliseconds could. This module closes that window:

- the flusher thread fsyncs the write-ahead log as soon as a decision is committed (while the
  UI thread paints the next case), usually a few milliseconds later;
- nothing can be sent before it is on disk anyway: the sync worker marks a decision `sending`
  in a synchronous=FULL commit before the request goes out, and that commit fsyncs the same
  log, frames of earlier transactions included.

The flusher also runs the log's checkpoints (copying it into the database file, two more
fsyncs) off the UI thread, so that the UI's commit is never the one that crosses SQLite's
automatic checkpoint threshold and waits for them.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils


log = logging.getLogger(__name__)

CHECKPOINT_EVERY = 32  # flushes between checkpoints: ~200 log pages, well under SQLite's 1,000
SQLITE_AUTOCHECKPOINT = 1000  # SQLite's default, in force for every other commit


class WalFlusher:
    """One thread for every store file of the process: fsyncs the write-ahead logs it is asked
    to, and checkpoints each now and then."""

    def __init__(self):
        self._wanted = threading.Condition()
        self._pending: set[Path] = set()
        self._asked = 0  # requests so far
        self._done = 0  # requests covered by a finished fsync
        self._flushes: dict[Path, int] = {}  # since the last checkpoint, by store file
        self._thread = threading.Thread(target=self._run, name="wal-flush", daemon=True)
        self._thread.start()

    def request(self, store_path: Path) -> None:
        """A transaction was committed to this store without fsync: make it power-safe soon."""
        with self._wanted:
            self._pending.add(store_path)
            self._asked += 1
            self._wanted.notify_all()

    def wait(self, timeout: float = 10.0) -> bool:
        """Until every commit requested so far is on disk, and checkpointed if it was due."""
        with self._wanted:
            target = self._asked
            return self._wanted.wait_for(lambda: self._done >= target, timeout)

    def _run(self) -> None:
        while True:
            with self._wanted:
                self._wanted.wait_for(lambda: self._pending)
                paths, self._pending, target = self._pending, set(), self._asked
            for path in paths:
                _fsync_log(path)
                self._flushes[path] = self._flushes.get(path, 0) + 1
                if self._flushes[path] >= CHECKPOINT_EVERY:
                    self._flushes[path] = 0
                    _checkpoint(path)
            with self._wanted:
                self._done = target
                self._wanted.notify_all()


def _fsync_log(store_path: Path) -> None:
    try:
        fd = os.open(f"{store_path}-wal", os.O_RDWR)  # writable: some systems refuse otherwise
    except FileNotFoundError:
        return  # checkpointed and removed as the last connection closed: nothing to flush
    try:
        os.fsync(fd)
    except OSError as exc:  # the next synchronous commit (before any send) meets it too
        log.error("could not flush the local store's log to disk: %s", exc)
    finally:
        os.close(fd)


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


_flusher: WalFlusher | None = None
_flusher_lock = threading.Lock()


def flusher() -> WalFlusher:
    global _flusher
    with _flusher_lock:
        if _flusher is None:
            _flusher = WalFlusher()
        return _flusher


def _store_file(db: sqlite_utils.Database) -> Path | None:
    """The file behind this connection (looked up once); None for one in memory."""
    path = getattr(db, "_store_file", None)
    if path is None:
        row = db.execute("PRAGMA database_list").fetchone()  # (seq, 'main', file)
        path = db._store_file = Path(row[2]).resolve() if row and row[2] else False
    return path or None


@contextmanager
def fsync_after(db: sqlite_utils.Database) -> Iterator[None]:
    """Around one `transaction(db)`: its COMMIT returns once the log is written, not once it
    is fsynced, and the flusher fsyncs it right after. A failure (a full disk) still raises
    from the COMMIT, and then nothing is flushed because nothing was written."""
    conn = db.conn
    conn.execute("PRAGMA synchronous=NORMAL")
    # The threshold SQLite checkpoints at on commit is the flusher's job: off for this commit.
    conn.execute("PRAGMA wal_autocheckpoint=0")
    try:
        yield
    finally:
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA wal_autocheckpoint={SQLITE_AUTOCHECKPOINT}")
    path = _store_file(db)
    if path is not None:
        flusher().request(path)
