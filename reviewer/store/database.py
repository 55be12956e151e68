"""The local SQLite store: one file in the profile, opened once per thread.

WAL lets the sync worker write while the UI thread reads. synchronous=FULL makes every commit
durable before it returns, which is what lets the UI show a decision as made right after
`Outbox.record` commits (that commit leaves the log's checkpoint to a background thread:
reviewer/store/wal_checkpoint.py). The schema is versioned with PRAGMA user_version and
upgraded one step at a time, each step inside one transaction (as Anki does), so a crash
mid-upgrade leaves the previous version intact.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from reviewer.store.migrations import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from reviewer.store.crypto import CacheCipher


class StoreError(RuntimeError):
    """The local store cannot be opened or written (corrupt file, full disk, no permission)."""


# Store files whose cache has been unlocked in this process, and the cipher that seals it.
# The key travels with the store *path*: the sync worker and the decode pool open the store by
# path on their own threads, so registering it once at start reaches every connection.
_unlocked: dict[Path, "CacheCipher"] = {}


def unlock_store(path: Path, cipher: "CacheCipher") -> None:
    """Every later `open_store(path)` in this process, on any thread, seals with `cipher`."""
    _unlocked[Path(path).resolve()] = cipher


def store_cipher(db: sqlite_utils.Database) -> "CacheCipher | None":
    """The cipher `open_store` attached to this connection; None: the cache is kept in clear."""
    return getattr(db, "cache_cipher", None)


def open_store(path: Path, cipher: "CacheCipher | None" = None) -> sqlite_utils.Database:
    """Open (creating and upgrading if needed) the store. Call once per thread.

    Without `cipher`, the one registered by `unlock_store` for this file is used, if any."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA busy_timeout=10000")
        _migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the local store {path}: {exc}") from exc
    # No sqlite-utils plugins: finding them scans every installed package's entry points
    # (~60 ms of CPU on the way to the first case), and none may hook the connections that
    # read unsealed content.
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.cache_cipher = cipher or _unlocked.get(path.resolve())
    return db


def read_state(db: sqlite_utils.Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def write_state(db: sqlite_utils.Database, key: str, value: str) -> None:
    with transaction(db) as conn:
        conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def _migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the local store has schema version {version}, newer than this program's "
            f"{SCHEMA_VERSION}; update the workstation or choose another --profile"
        )
    for step in range(version, SCHEMA_VERSION):
        # One script per step, BEGIN..COMMIT inside it: executescript would otherwise commit
        # between statements and a crash could leave a half-upgraded schema.
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[step]}\nPRAGMA user_version = {step + 1};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise


class transaction:
    """`with transaction(db):` — BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error.

    For writes that must land together (a decision and its case's local state). Use raw SQL
    inside it: sqlite-utils' own write helpers commit on their own.

    `durable=False` commits without an fsync (synchronous=NORMAL for this one commit): for a
    write whose loss in a power cut changes nothing that matters, and which the next durable
    commit fsyncs along. A crash of the program alone still keeps it.
    """

    def __init__(self, db: sqlite_utils.Database, *, durable: bool = True):
        self.conn = db.conn
        self.durable = durable

    def __enter__(self) -> sqlite3.Connection:
        if not self.durable:
            self.conn.execute("PRAGMA synchronous=NORMAL")  # outside a transaction, as it must be
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self._end(exc_type, exc)
        finally:
            if not self.durable:
                self.conn.execute("PRAGMA synchronous=FULL")  # every other commit of the store

    def _end(self, exc_type, exc) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.Error as commit_error:
                self._roll_back()
                raise StoreError(f"could not save to the local store: {commit_error}") from commit_error
        self._roll_back()
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"could not save to the local store: {exc}") from exc

    def _roll_back(self) -> None:
        # On a full disk SQLite has already rolled the transaction back by itself when COMMIT
        # fails; a second ROLLBACK would raise and hide the reason the reviewer needs to see.
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
