"""Hash lists: PDQ hashes from a hash-sharing programme, loaded by a lead with a category, an
action and a match distance; stored media within that distance of an entry matches the list.

PDQ is the perceptual hash those programmes exchange (256 bits, compared by Hamming distance;
31 bits is the usual match threshold). Media is hashed once, when it is first observed, and
the hash is kept (`media_pdq`); matches are kept too (`media_hash_matches`), so serving a case
reads them instead of comparing again. A list loaded later is compared with the media already
stored, so cases claimed afterwards carry the match too.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select

from reviewer.contract.alerts import PDQ_HEX
from server.errors import ApiError
from server.store.alerts_schema import hash_list_entries, hash_lists, media_hash_matches, media_pdq
from server.store.portable import insert_ignoring_conflicts
from server.store.schema import media
from server.timeutil import to_iso

_PDQ = re.compile(PDQ_HEX)
_MAX_SIDE = 512  # PDQ downsamples to 64x64 anyway; decoding large images whole buys nothing


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


def pdq_distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


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
    conn.execute(insert(hash_list_entries), [{"list_id": list_id, "pdq": h} for h in entries])
    ensure_hashes(conn, list(conn.execute(select(media.c.sha256)).scalars()))
    for sha256, pdq in conn.execute(select(media_pdq.c.sha256, media_pdq.c.pdq)
                                    .where(media_pdq.c.pdq.is_not(None))):
        _store_matches(conn, sha256, _matches(conn, pdq, list_id))
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
    known = set(conn.execute(select(media_pdq.c.sha256).where(media_pdq.c.sha256.in_(shas)))
                .scalars()) if shas else set()
    for sha256 in [s for s in dict.fromkeys(shas) if s not in known]:
        data = conn.execute(select(media.c.bytes).where(media.c.sha256 == sha256)).scalar()
        pdq, quality = pdq_of_bytes(bytes(data)) if data is not None else (None, 0)
        conn.execute(insert_ignoring_conflicts(conn, media_pdq).values(
            sha256=sha256, pdq=pdq, quality=quality))


def match_media(conn: Connection, shas: list[str]) -> list[dict]:
    """Compare newly arrived media with every list; keep and return the matches. Without a
    list nothing is hashed yet (load_list hashes what is stored by then)."""
    if not shas or conn.execute(select(hash_lists.c.id).limit(1)).first() is None:
        return []
    ensure_hashes(conn, shas)
    found = []
    for sha256, pdq in conn.execute(select(media_pdq.c.sha256, media_pdq.c.pdq).where(
            media_pdq.c.sha256.in_(shas), media_pdq.c.pdq.is_not(None))):
        matches = _matches(conn, pdq, None)
        _store_matches(conn, sha256, matches)
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


def _matches(conn: Connection, pdq: str, list_id: int | None) -> list[dict]:
    """The closest entry of each list (or of one) within that list's distance of `pdq`."""
    query = select(hash_lists, hash_list_entries.c.pdq.label("entry")).join(
        hash_list_entries, hash_list_entries.c.list_id == hash_lists.c.id)
    if list_id is not None:
        query = query.where(hash_lists.c.id == list_id)
    best: dict[int, dict] = {}
    value = int(pdq, 16)
    for row in conn.execute(query):
        bits = (value ^ int(row.entry, 16)).bit_count()
        if bits <= row.distance and (row.id not in best or bits < best[row.id]["distance"]):
            best[row.id] = {"list_id": row.id, "list_name": row.name, "category": row.category,
                            "action": row.action, "severity": row.severity, "distance": bits,
                            "entry": row.entry}
    return list(best.values())


def _store_matches(conn: Connection, sha256: str, matches: list[dict]) -> None:
    for match in matches:
        conn.execute(insert_ignoring_conflicts(conn, media_hash_matches).values(
            sha256=sha256, list_id=match["list_id"], distance=match["distance"]))


def _list_dict(row, count: int) -> dict:
    return {"id": row.id, "name": row.name, "category": row.category, "action": row.action,
            "distance": row.distance, "severity": row.severity, "hash_count": count,
            "created_at": to_iso(row.created_at), "created_by": row.created_by}
