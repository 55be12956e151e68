"""Hash lists: PDQ hashes from a hash-sharing programme, loaded by a lead with a category, an
action and a match distance; stored media within that distance of an entry matches the list.

PDQ is the perceptual hash those programmes exchange (256 bits, compared by Hamming distance;
31 bits is the usual match threshold). Media is hashed once, when it is first observed, and
the hash is kept (`media_pdq`); matches are kept too (`media_hash_matches`), so serving a case
reads them instead of comparing again. A list loaded later is compared with the media of the
cases still to be decided, so cases claimed afterwards carry the match too. The comparing itself
is numpy's (server/alerts/pdq_index.py): lists run to millions of entries.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from datetime import datetime

import numpy
from sqlalchemy import Connection, delete, func, insert, select

from reviewer.contract.alerts import PDQ_HEX
from server.alerts import pdq_index
from server.errors import ApiError
from server.store.bulk import BulkStatement, PerDialect, list_value, member_of
from server.store.alerts_schema import hash_list_entries, hash_lists, media_hash_matches, media_pdq
from server.store.portable import insert_ignoring_conflicts
from server.store.schema import case_media, cases, media
from server.timeutil import to_iso

_PDQ = re.compile(PDQ_HEX)
_MAX_SIDE = 512  # PDQ downsamples to 64x64 anyway; decoding large images whole buys nothing
_LIVE = ("open", "awaiting_approval")  # a case still to be decided
_ENTRIES = BulkStatement(insert(hash_list_entries))
_KNOWN_HASHES = PerDialect(lambda dialect: select(media_pdq.c.sha256).where(
    member_of(media_pdq.c.sha256, "shas", dialect)))


def pdq_of_bytes(data: bytes) -> tuple[str | None, int]:
    """(64 hex digits, quality 0-100) of image bytes, or (None, 0) if they are no image."""
    import numpy
    import pdqhash
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (_MAX_SIDE, _MAX_SIDE))
            image.thumbnail((_MAX_SIDE, _MAX_SIDE))
            pixels = numpy.asarray(image.convert("RGB"))
    except Exception:  # noqa: BLE001 -- hostile or damaged bytes: no hash, no match
        return None, 0
    bits, quality = pdqhash.compute(pixels)
    return numpy.packbits(bits.astype(numpy.uint8)).tobytes().hex(), int(quality)


def parse_hash_file(text: str) -> list[str]:
    """Hashes from a programme's export: one per line, the first comma- or tab-separated field
    (the PDQ CSV form `hash,quality,...`); blank lines and `#` comments skipped."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        field = re.split(r"[,\t ]", line.strip(), maxsplit=1)[0]
        if not field or field.startswith("#") or field.lower() in ("hash", "pdq"):
            continue
        if not _PDQ.match(field):
            raise ValueError(f"line {number}: not a 64-digit hex PDQ hash")
        found.append(field.lower())
    return found


def load_list(conn: Connection, spec: dict, who: str, now: datetime) -> dict:
    """Store a new list and compare it with the media already stored."""
    bad = [h for h in spec["hashes"] if not _PDQ.match(h)]
    if bad:
        raise ApiError(422, "invalid_hash", reason="PDQ hashes are 64 hex digits", count=len(bad))
    list_id = conn.execute(insert(hash_lists).returning(hash_lists.c.id).values(
        name=spec["name"], category=spec["category"], action=spec["action"],
        distance=spec["distance"], severity=spec.get("severity", "high"), created_at=now,
        created_by=who)).scalar_one()
    entries = sorted({h.lower() for h in spec["hashes"]})
    # Up to millions of rows: through the driver's executemany (server/store/bulk.py).
    _ENTRIES.execute(conn, [{"list_id": list_id, "pdq": pdq} for pdq in entries])
    ensure_hashes(conn, _live_media(conn))
    stored = conn.execute(select(media_pdq.c.sha256, media_pdq.c.pdq)
                          .where(media_pdq.c.pdq.is_not(None))).all()
    found, distance = pdq_index.nearest(
        pdq_index.words_of([row.pdq for row in stored]), pdq_index.words_of(entries),
        numpy.full(len(entries), spec["distance"], dtype=numpy.int32))
    _store_matches(conn, [{"sha256": row.sha256, "list_id": list_id, "distance": int(bits)}
                          for row, at, bits in zip(stored, found, distance) if at >= 0])
    return get_list(conn, list_id)


def remove_list(conn: Connection, list_id: int) -> None:
    get_list(conn, list_id)
    conn.execute(delete(media_hash_matches).where(media_hash_matches.c.list_id == list_id))
    conn.execute(delete(hash_list_entries).where(hash_list_entries.c.list_id == list_id))
    conn.execute(delete(hash_lists).where(hash_lists.c.id == list_id))


def list_lists(conn: Connection) -> list[dict]:
    counts = dict(conn.execute(select(hash_list_entries.c.list_id, func.count())
                               .group_by(hash_list_entries.c.list_id)).all())
    return [_list_dict(row, counts.get(row.id, 0))
            for row in conn.execute(select(hash_lists).order_by(hash_lists.c.id))]


def get_list(conn: Connection, list_id: int) -> dict:
    found = [entry for entry in list_lists(conn) if entry["id"] == list_id]
    if not found:
        raise ApiError(404, "unknown_hash_list")
    return found[0]


def ensure_hashes(conn: Connection, shas: list[str]) -> None:
    """Compute and keep the PDQ hash of stored media that has none yet."""
    # The list bound as one parameter: a list loaded late asks about every live image, more
    # than SQLite takes as separate parameters.
    known = set(conn.execute(_KNOWN_HASHES(conn), {"shas": list_value(conn, shas)})
                .scalars()) if shas else set()
    for sha256 in [s for s in dict.fromkeys(shas) if s not in known]:
        data = conn.execute(select(media.c.bytes).where(media.c.sha256 == sha256)).scalar()
        pdq, quality = pdq_of_bytes(bytes(data)) if data is not None else (None, 0)
        conn.execute(insert_ignoring_conflicts(conn, media_pdq).values(
            sha256=sha256, pdq=pdq, quality=quality))


def match_media(conn: Connection, shas: list[str]) -> list[dict]:
    """Compare newly arrived media with every list; keep and return the matches. Without a
    list nothing is hashed yet (load_list hashes what is live by then)."""
    if not shas or conn.execute(select(hash_lists.c.id).limit(1)).first() is None:
        return []
    ensure_hashes(conn, shas)
    entries = pdq_index.entries_of(conn)
    lists = {row.id: {"list_id": row.id, "list_name": row.name, "category": row.category,
                      "action": row.action, "severity": row.severity}
             for row in conn.execute(select(hash_lists))}
    found = []
    for sha256, pdq in conn.execute(select(media_pdq.c.sha256, media_pdq.c.pdq).where(
            media_pdq.c.sha256.in_(shas), media_pdq.c.pdq.is_not(None))):
        matches = entries.matches(pdq, lists)
        _store_matches(conn, [{**match, "sha256": sha256} for match in matches])
        found += [{**match, "sha256": sha256} for match in matches]
    return found


def matches_by_sha(conn: Connection, shas: list[str]) -> dict[str, list[dict]]:
    """What served media items carry as `hash_list_matches`."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    if not shas:
        return grouped
    for row in conn.execute(
            select(media_hash_matches.c.sha256, media_hash_matches.c.distance, hash_lists)
            .join(hash_lists, hash_lists.c.id == media_hash_matches.c.list_id)
            .where(media_hash_matches.c.sha256.in_(shas))
            .order_by(media_hash_matches.c.distance, hash_lists.c.id)):
        grouped[row.sha256].append({"list_id": row.id, "list_name": row.name,
                                    "category": row.category, "action": row.action,
                                    "distance": row.distance})
    return grouped


def _live_media(conn: Connection) -> list[str]:
    """Media of cases still to be decided: what a list loaded now must be compared with. Media
    of decided cases is hashed when it arrives again; hashing every image ever stored inside
    the request that loads a list would take hours on a platform's archive."""
    return list(conn.execute(
        select(case_media.c.sha256).distinct()
        .join(cases, cases.c.id == case_media.c.case_id)
        .where(cases.c.status.in_(_LIVE))).scalars())


def _store_matches(conn: Connection, matches: list[dict]) -> None:
    if matches:
        conn.execute(insert_ignoring_conflicts(conn, media_hash_matches), [
            {"sha256": m["sha256"], "list_id": m["list_id"], "distance": m["distance"]}
            for m in matches])


def _list_dict(row, count: int) -> dict:
    return {"id": row.id, "name": row.name, "category": row.category, "action": row.action,
            "distance": row.distance, "severity": row.severity, "hash_count": count,
            "created_at": to_iso(row.created_at), "created_by": row.created_by}
