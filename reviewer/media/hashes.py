"""Perceptual hashes of cached media, and the near-identical pairs they reveal.

The sync worker hashes media once it is cached (reviewer/media/perceptual_hash.py, through the safe
decoder) and records every pair of cached items at most NEAR_IDENTICAL_BITS apart in
`media_near`, both ways round. Comparing a new hash with every cached one costs a few
microseconds each, paid once on the worker; finding a case's near-identical media later is an
index join, cheap enough for the UI thread.
"""

from __future__ import annotations

import sqlite_utils

from reviewer.store.case_cache import CaseCache
from reviewer.media.perceptual_hash import NEAR_IDENTICAL_BITS, to_hex
from reviewer.media.small_copies import KEPT_MODE, hash_and_pack, keep_small_copies
from reviewer.store.database import transaction
from reviewer.store.small_media import SmallMedia

HASHES_PER_ROUND = 200


def hash_cached_media(db: sqlite_utils.Database, limit: int = HASHES_PER_ROUND) -> int:
    """Hash up to `limit` cached media items that have no hash yet, keeping each one's small
    decode for the renderer while its bytes are open (reviewer/media/small_copies.py); returns
    how many it hashed. With none to hash, media hashed before small copies were kept get
    theirs, as many."""
    cache = CaseCache(db)
    waiting = [r[0] for r in db.execute(
        "SELECT sha256 FROM media WHERE dhash IS NULL LIMIT ?", (limit,)).fetchall()]
    if not waiting:
        keep_small_copies(db, cache.media_bytes, limit)
        return 0
    small = SmallMedia(db, cache.cipher)
    known = [(sha, int(value, 16)) for sha, value in db.execute(
        "SELECT sha256, dhash FROM media WHERE dhash IS NOT NULL AND dhash != ''").fetchall()]
    done = 0
    for sha in waiting:
        data = cache.media_bytes(sha)  # None: gone, or damaged and dropped to be fetched again
        if data is None:
            continue
        value, packed = hash_and_pack(data)
        small.keep(sha, KEPT_MODE, packed)
        record_hash(db, sha, value, known)
        if value is not None:
            known.append((sha, value))
        done += 1
    return done


def record_hash(db: sqlite_utils.Database, sha: str, value: int | None,
                known: list[tuple[str, int]]) -> None:
    """Store one item's hash ('' : not an image we hash) and its near-identical pairs."""
    pairs = []
    if value is not None:
        for other, other_value in known:
            bits = (value ^ other_value).bit_count()
            if other != sha and bits <= NEAR_IDENTICAL_BITS:
                pairs += [(sha, other, bits), (other, sha, bits)]
    with transaction(db) as conn:
        conn.execute("UPDATE media SET dhash = ? WHERE sha256 = ?",
                     (to_hex(value) if value is not None else "", sha))
        conn.execute("DELETE FROM media_near WHERE sha256 = ? OR other = ?", (sha, sha))
        conn.executemany("INSERT OR REPLACE INTO media_near (sha256, other, distance) "
                         "VALUES (?, ?, ?)", pairs)
