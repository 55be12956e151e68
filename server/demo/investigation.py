"""Seed data for the investigation panel: a pool of reporters with a track record, and a few
account notes.

Real reporting is concentrated: a few hundred people file most reports, some of them reliably
right, some mostly wrong (or reporting in bad faith). The pool has REPORTER_POOL reporters with
Zipf-like activity; `pooled_reporter_id` maps the seed's existing uniform draw onto it, so the
main random stream (and with it every other seeded value) is unchanged. Historical totals and
notes come from their own random stream, deterministic for a given seed. Some crisis-sweep
cases get a near-identical copy of their first image (re-encoded, a little brighter): what the
workstation's perceptual hash finds as related media.
"""

from __future__ import annotations

import bisect
import io
import itertools
import random
from datetime import datetime, timedelta

from PIL import Image, ImageEnhance
from sqlalchemy import Connection, insert, select

from server.ingest import store_media_bytes
from server.store.schema import account_notes, case_media, cases, media, reporters

REPORTER_POOL = 300
_DRAW_RANGE = 99_999  # seed.py draws reporter numbers with rng.randint(1, 99_999)
_ACTIVITY = [1 / (rank + 1) ** 0.8 for rank in range(REPORTER_POOL)]
_CUMULATIVE = list(itertools.accumulate(_ACTIVITY))
# (share of reporters, lowest and highest upheld rate): reliable, mixed, mostly wrong.
_TRACK_RECORDS = ((0.5, 0.70, 0.95), (0.35, 0.30, 0.70), (0.15, 0.02, 0.20))

NOTE_TEXTS = (
    "Verified public figure; statements are often quoted out of context. Check the original "
    "post before enforcing.",
    "Account is part of a coordinated reporting campaign target — weigh mass reports carefully.",
    "Previous appeal upheld: satire account, parody label present in bio.",
    "Posts breaking-news imagery during crises; label sensitive rather than remove if "
    "newsworthy.",
    "Repeat spam pattern across several languages; see linked cases.",
)
NOTE_AUTHOR = "Escalations desk (demo)"


def reporter_id(number: int) -> str:
    return f"reporter-{number:04d}"


def pooled_reporter_id(draw: int) -> str:
    """The pool reporter for a uniform draw in 1..99,999: busy reporters come up more often."""
    point = (draw - 0.5) / _DRAW_RANGE * _CUMULATIVE[-1]
    return reporter_id(min(REPORTER_POOL - 1, bisect.bisect_left(_CUMULATIVE, point)) + 1)


def insert_reporters(conn: Connection, seed: int) -> None:
    """Historical totals (all settled) for every pool reporter, with varied upheld rates."""
    rng = random.Random(f"reporters-{seed}")
    rows = []
    for rank in range(REPORTER_POOL):
        share = rng.random()
        for weight, low, high in _TRACK_RECORDS:
            if share < weight:
                break
            share -= weight
        filed = int(rng.randint(3, 60) * _ACTIVITY[rank] * 8) + rng.randint(0, 5)
        rows.append({"id": reporter_id(rank + 1), "reports_filed": filed,
                     "reports_decided": filed,
                     "reports_upheld": round(filed * rng.uniform(low, high))})
    conn.execute(insert(reporters), rows)


def insert_account_notes(conn: Connection, seed: int, author_ids: list[str],
                         now: datetime) -> None:
    """A note or two on a handful of accounts: every high-profile one (each 23rd author, see
    seed._insert_authors) and a few others."""
    rng = random.Random(f"notes-{seed}")
    chosen = author_ids[::23] + rng.sample(author_ids, k=min(3, len(author_ids)))
    rows = []
    for author_id in dict.fromkeys(chosen):
        for number in range(rng.randint(1, 2)):
            rows.append({
                "note_id": f"seed-note-{author_id}-{number}", "author_id": author_id,
                "body": rng.choice(NOTE_TEXTS), "reviewer_id": None,
                "reviewer_name": NOTE_AUTHOR,
                "created_at": now - timedelta(days=rng.randint(1, 200),
                                              minutes=rng.randint(0, 1439)),
            })
    conn.execute(insert(account_notes), rows)


def attach_near_copies(conn: Connection, every: int = 3) -> None:
    """Every `every`-th crisis-sweep case gets, as an extra item, a re-encoded and slightly
    brightened copy of its first image: different bytes (another sha256), the same picture."""
    crisis = conn.execute(select(cases.c.id).where(cases.c.queue_id == "crisis_sweep")
                          .order_by(cases.c.id)).scalars().all()[::every]
    copies: dict[str, str] = {}
    for case_id in crisis:
        items = conn.execute(select(case_media).where(case_media.c.case_id == case_id)
                             .order_by(case_media.c.position)).all()
        if not items:
            continue
        first = items[0]
        if first.sha256 not in copies:
            copies[first.sha256] = _near_copy(conn, first.sha256)
        conn.execute(insert(case_media).values(
            case_id=case_id, position=len(items), sha256=copies[first.sha256],
            category=first.category, label=first.label))


def _near_copy(conn: Connection, sha256: str) -> str:
    data = conn.execute(select(media.c.bytes).where(media.c.sha256 == sha256)).scalar_one()
    with Image.open(io.BytesIO(data)) as original:
        image = ImageEnhance.Brightness(original.convert("RGB")).enhance(1.03)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=75)
    return store_media_bytes(conn, out.getvalue(), "image/jpeg", image.width, image.height)
