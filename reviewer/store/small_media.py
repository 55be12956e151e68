"""Small decodes of cached stills, kept beside their media and sealed like them.

The blurred and reduced stages render from one small decode per picture (reviewer/media/
render.py). The sync worker makes it when it hashes new media (reviewer/media/hashes.py), off
the UI thread, so a case's first blurred render reads ~70 KB instead of decoding the
original. What is kept is opaque here (reviewer/media/small_copies.py packs it); an empty copy
says the media has none (not a still), so it is not tried again. A copy goes with its media: the
store's trigger deletes it with the media row (purges, a damaged item dropped, settled cases).
"""

from __future__ import annotations

import logging

import sqlite_utils

from reviewer.store.crypto import CacheCipher, TamperedItem, open_kept, small_media_context
from reviewer.store.database import store_cipher, transaction

log = logging.getLogger(__name__)


class SmallMedia:
    def __init__(self, db: sqlite_utils.Database, cipher: CacheCipher | None = None):
        self.db = db
        self.cipher = cipher or store_cipher(db)

    def keep(self, sha256: str, mode: str, packed: bytes) -> None:
        """Keep `packed` (b"": none to keep) for cached media; nothing if the media is gone."""
        sealed = self.cipher is not None and bool(packed)
        data = self.cipher.seal(packed, small_media_context(sha256, mode)) if sealed else packed
        # Not fsynced on its own (durable=False): a copy lost in a power cut is made again
        # from the media, and the hash's commit that follows fsyncs it along. A durable commit
        # here doubled the worker's fsyncs per item, each one a wait for the UI thread's own.
        with transaction(self.db, durable=False) as conn:
            conn.execute("INSERT OR REPLACE INTO small_media (sha256, mode, sealed, data) "
                         "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM media WHERE sha256 = ?)",
                         (sha256, mode, int(sealed), data, sha256))

    def packed(self, sha256: str, mode: str) -> bytes | None:
        """The kept copy; None when there is none to read (not made yet, none for this media,
        or sealed under a key this connection cannot open)."""
        row = self.db.execute("SELECT data, sealed FROM small_media WHERE sha256 = ? AND "
                              "mode = ?", (sha256, mode)).fetchone()
        if not row or not row[0]:
            return None
        try:
            return open_kept(self.cipher, row[0], row[1], small_media_context(sha256, mode))
        except TamperedItem:
            log.warning("kept small copy of %s failed authentication; dropped", sha256[:12])
            self.drop(sha256, mode)
            return None

    def drop(self, sha256: str, mode: str) -> None:
        """Forget a copy that cannot be used: the worker makes it again at its next round."""
        with transaction(self.db) as conn:
            conn.execute("DELETE FROM small_media WHERE sha256 = ? AND mode = ?", (sha256, mode))

    def waiting(self, mode: str, limit: int) -> list[str]:
        """Hashed media with no copy in `mode` yet (a store from before copies were kept)."""
        return [r[0] for r in self.db.execute(
            "SELECT sha256 FROM media m WHERE dhash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
            "small_media s WHERE s.sha256 = m.sha256 AND s.mode = ?) LIMIT ?", (mode, limit))]
