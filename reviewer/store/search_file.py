"""The search index's own file: an SQLite database encrypted whole by SQLCipher.

A full-text index holds the words of what it indexes, so an index of sealed case text must not
reach the disk in clear. The store seals content field by field (AES-GCM, crypto.py), which an
FTS index cannot use: its pages are the words. This file is therefore encrypted page by page
(SQLCipher: AES-256 and an HMAC on every page), under a key derived from the store's own key
(`CacheCipher.file_key`): when the store's key is gone (sign-out, a lost keyring entry) the
file cannot be opened and is replaced, and it is never readable where the store is not.

Keeping the index on disk spares a rebuild at every start (decrypting every cached case, ~7 s
at 100,000 cases): it is opened, brought up to date with what changed since, and searched at
once. A file that does not open (another key, damage, an older layout) is deleted and rebuilt,
and `SearchFile.status` says why.
"""

from __future__ import annotations

import logging
from pathlib import Path

import sqlcipher3

log = logging.getLogger(__name__)

FILE_NAME = "search-index.sqlite3"
FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")
LAYOUT = 1  # user_version of the file; a file of another layout is rebuilt
KEY_PURPOSE = "search-index"

# `docs`: contentless FTS5 (the text stays sealed in the store; the index only answers which
# rows match), with deletes so a case refreshed or purged leaves no stale words behind.
# `doc_case`: which case each FTS row belongs to, and whether it is the case's own text
# (CASE_TEXT, replaced when the case is refreshed) or a note on it; a deleted rowid is never
# given again (AUTOINCREMENT), so FTS5 never sees one reused. `marks`: how far the store's
# cases and notes have been read.
_SCHEMA = f"""
CREATE VIRTUAL TABLE docs USING fts5(body, content='', contentless_delete=1,
                                     tokenize='unicode61 remove_diacritics 2');
CREATE TABLE doc_case (rowid INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL,
                       kind INTEGER NOT NULL);
CREATE INDEX doc_case_by_case ON doc_case (case_id);
CREATE TABLE marks (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE account_notes_seen (note_id TEXT PRIMARY KEY);
PRAGMA user_version = {LAYOUT};
"""

CASE_TEXT, NOTE = 1, 0  # doc_case.kind
Error = sqlcipher3.DatabaseError  # damage found later, while searching or adding


def index_path(store_path: Path) -> Path:
    """The index file beside the store: deleted with it (sign-out), copied with the profile."""
    return Path(store_path).with_name(FILE_NAME)


def delete_index(path: Path) -> None:
    for suffix in FILE_SUFFIXES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


class SearchFile:
    """An open index file. `status`: 'opened', 'created', or why it was rebuilt; `broken`:
    what went wrong when damage showed up later ('' while it is sound)."""

    def __init__(self, path: Path | None, key: bytes = b""):
        self.path = path
        self._key = key
        self.broken = ""
        if path is None:  # in memory, for a store kept in clear: nothing reaches the disk
            self.status = "in memory"
            self.conn = sqlcipher3.connect(":memory:", check_same_thread=False)
            self.conn.executescript(_SCHEMA)
            return
        self.status = "created" if not self.path.exists() else "opened"
        try:
            self.conn = self._open()
        except Error as exc:
            why = "its key has changed or it is damaged" if "not a database" in str(exc) \
                else str(exc)
            self.status = f"rebuilt: the index file could not be read ({why})"
            log.warning("search index %s %s", self.path, self.status)
            delete_index(self.path)
            self.conn = self._open()

    def _connect(self) -> sqlcipher3.Connection:
        conn = sqlcipher3.connect(str(self.path), check_same_thread=False, timeout=10)
        # A file under another key is rebuilt and said once, in the log (`__init__`); SQLCipher
        # would also print "ERROR CORE ... hmac check failed" on the terminal, which reads as a
        # crash to the reviewer who started the workstation there.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # A raw 256-bit key: no passphrase stretching (the key is random, not typed).
        conn.execute(f"PRAGMA key = \"x'{self._key.hex()}'\"")
        return conn

    def reader(self) -> sqlcipher3.Connection | None:
        """Another connection to the file, for a long read that searches should not wait
        for (None in memory: there is only the one)."""
        return None if self.path is None else self._connect()

    def _open(self) -> sqlcipher3.Connection:
        conn = self._connect()
        try:
            # Reading page 1 checks the key: another key fails here as "not a database".
            layout = conn.execute("PRAGMA user_version").fetchone()[0]
            if layout not in (0, LAYOUT):
                raise Error(f"layout {layout}, expected {LAYOUT}")
            conn.execute("PRAGMA journal_mode = WAL")
            # It can always be rebuilt from the store: a crash may lose the last batch, which a
            # transaction keeps consistent with its marks, so the next start indexes it again.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA cache_size = -8000")  # 8 MB of decrypted pages
            if layout == 0:
                conn.executescript(_SCHEMA)
            return conn
        except BaseException:
            conn.close()
            raise

    @classmethod
    def in_memory(cls) -> "SearchFile":
        return cls(None)

    def damaged(self, exc: Exception) -> None:
        """Damage showed up after opening (a page failed its HMAC): the indexer rebuilds."""
        if not self.broken:
            log.warning("search index %s is damaged: %s", self.path, exc)
        self.broken = f"rebuilt: the index file was damaged ({exc})"

    def next_rowid(self) -> int:
        row = self.conn.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'doc_case'").fetchone()
        return (row[0] if row else 0) + 1

    def mark(self, name: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM marks WHERE name = ?", (name,)).fetchone()
        return row[0] if row else default

    def close(self) -> None:
        self.conn.close()
