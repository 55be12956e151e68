"""Perceptual hashes (dHash) of the media the central API stores, and near-identical lookups.

The same 64-bit difference hash the workstation computes (reviewer/media/perceptual_hash.py):
the server may not import the workstation's media code, and the dozen lines of the hash are
cheaper to keep twice than a shared package. Two pictures at most NEAR_IDENTICAL_BITS apart are
a re-encoded, resized or slightly edited copy of each other.

Finding near-identical media must not compare a hash with every stored one: each hash is cut
into BANDS pieces kept in an indexed table. Hashes that differ in at most 6 bits cannot differ
in all 7 pieces (pigeonhole), so they share at least one piece exactly; the candidates sharing
one are then checked bit by bit.

The bytes come from anyone allowed to ingest, so they are decoded defensively: the pixel count
is read from the header and refused above a cap before any pixel is decoded, JPEGs decode at
reduced size, and any decoder error means "no hash" (the item still matches by sha256).
"""

from __future__ import annotations

import io
import logging

from PIL import Image
from sqlalchemy import Connection, select

from server.store.portable import insert_ignoring_conflicts
from server.store.schema import media, media_fingerprints, media_hash_bands

log = logging.getLogger(__name__)

NEAR_IDENTICAL_BITS = 6  # as the workstation: re-encodes move 0-5 bits, other drawings 16+
BANDS = (10, 9, 9, 9, 9, 9, 9)  # bits per band, 64 in all; 7 bands > 6 differing bits
MAX_PIXELS = 50_000_000  # larger headers are refused unread (decompression bombs)
_WORK_BOX = (128, 128)


def dhash(data: bytes) -> int | None:
    """The 64-bit dHash of image bytes (first frame), or None when they are not an image the
    server decodes safely."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.draft("L", _WORK_BOX)  # JPEG: decode at reduced size; others ignore it
            image.thumbnail(_WORK_BOX)
            small = image.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    except Exception:  # noqa: BLE001 -- hostile bytes may trip any decoder; a hash is optional
        log.info("media not hashed: not a decodable image")
        return None
    pixels = small.tobytes()
    value = 0
    for row in range(8):
        for col in range(8):
            value = (value << 1) | (pixels[row * 9 + col] > pixels[row * 9 + col + 1])
    return value


def bands(value: int) -> list[tuple[int, int]]:
    """(band number, band value) pieces of a hash, high bits first."""
    pieces, shift = [], 64
    for number, width in enumerate(BANDS):
        shift -= width
        pieces.append((number, (value >> shift) & ((1 << width) - 1)))
    return pieces


def record_fingerprint(conn: Connection, sha256: str, data: bytes) -> None:
    """Hash stored bytes once (a second insert of the same bytes changes nothing)."""
    known = conn.execute(select(media_fingerprints.c.sha256)
                         .where(media_fingerprints.c.sha256 == sha256)).first()
    if known is not None:
        return
    value = dhash(data)
    conn.execute(insert_ignoring_conflicts(conn, media_fingerprints).values(
        sha256=sha256, dhash=f"{value:016x}" if value is not None else None))
    if value is not None:
        conn.execute(insert_ignoring_conflicts(conn, media_hash_bands), [
            {"band": band, "value": piece, "sha256": sha256} for band, piece in bands(value)])


def backfill(conn: Connection, batch: int = 200) -> int:
    """Hash every stored media item that has no fingerprint yet (a schema upgrade); returns
    how many were hashed. Bytes are read a batch at a time, never all at once."""
    done = 0
    while True:
        waiting = conn.execute(
            select(media.c.sha256, media.c.bytes)
            .where(media.c.sha256.not_in(select(media_fingerprints.c.sha256)))
            .limit(batch)).all()
        for row in waiting:
            record_fingerprint(conn, row.sha256, row.bytes)
        done += len(waiting)
        if len(waiting) < batch:
            return done


def near_identical(conn: Connection, shas: list[str]) -> dict[str, dict[str, int]]:
    """sha256 -> {other sha256: distance in bits} for each of `shas` with near-identical
    stored media (itself left out); items without a hash have none."""
    if not shas:
        return {}
    mine = media_hash_bands.alias("mine")
    theirs = media_hash_bands.alias("theirs")
    pairs = conn.execute(
        select(mine.c.sha256.label("sha"), theirs.c.sha256.label("other")).distinct()
        .join(theirs, (theirs.c.band == mine.c.band) & (theirs.c.value == mine.c.value))
        .where(mine.c.sha256.in_(shas), theirs.c.sha256 != mine.c.sha256)).all()
    if not pairs:
        return {}
    hashes = _hashes(conn, {sha for pair in pairs for sha in pair})
    found: dict[str, dict[str, int]] = {}
    for sha, other in pairs:
        bits = (hashes[sha] ^ hashes[other]).bit_count()
        if bits <= NEAR_IDENTICAL_BITS:
            found.setdefault(sha, {})[other] = bits
    return found


def _hashes(conn: Connection, shas: set[str]) -> dict[str, int]:
    rows = conn.execute(select(media_fingerprints.c.sha256, media_fingerprints.c.dhash)
                        .where(media_fingerprints.c.sha256.in_(sorted(shas)))).all()
    return {row.sha256: int(row.dhash, 16) for row in rows if row.dhash}
