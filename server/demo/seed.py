"""A demo database full of synthetic cases: several languages, media, SLAs, awkward inputs.

Deterministic for a given `seed` (apart from times, which are relative to `now`). Images come
from a small pool drawn once and shared between cases, which keeps seeding fast and mirrors
real life: crisis sweeps are full of near-identical items.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, func, insert, select

from server.alerts.detectors import observe_seeded
from server.demo import texts
from server.store.database import open_database
from server.ingest import store_media_bytes
from server.queue_catalog import ensure_default_queues, queue_policy_areas
from server.store.schema import authors, case_media, cases, reports
from server.demo.awkward import AWKWARD_CASE_IDS, awkward_cases
from server.demo.investigation import (
    attach_near_copies, insert_account_notes, insert_reporters, pooled_reporter_id,
)
from server.demo.guidelines import seed_guidelines
from server.demo.synthetic_media import FORMATS, draw_image
from server.timeutil import to_iso, to_naive_utc, utcnow

QUEUE_WEIGHTS = {"hate_harassment": 30, "graphic_media": 25, "crisis_sweep": 20,
                 "appeals": 15, "escalations": 10}
LANGUAGE_WEIGHTS = {"en": 30, "es": 8, "de": 6, "fr": 6, "pt-BR": 6, "ar": 8, "he": 5,
                    "ja": 6, "zh-Hans": 6, "hi": 7, "tr": 4, "ko": 4,
                    "th": 3, "fa": 3, "ur": 3, "ta": 3, "bn": 3}
MEDIA_CATEGORIES_BY_QUEUE = {
    "graphic_media": ["graphic_violence", "nudity", "self_harm", "benign"],
    "crisis_sweep": ["graphic_violence", "benign"],
    "hate_harassment": ["hate_symbol", "benign"],
    "escalations": ["graphic_violence", "hate_symbol", "benign"],
    "appeals": ["nudity", "benign"],
}


def seed_database(db_path: str | Path, *, seed: int = 0, cases: int = 240,
                  now: datetime | None = None) -> None:
    """Fill a fresh database with the five queues and `cases` synthetic cases.

    The four awkward cases (AWKWARD_CASE_IDS) are always included and counted in `cases`.
    Refuses a database that already has cases, so ids never collide.
    """
    rng = random.Random(seed)
    now = to_naive_utc(now) if now else utcnow().replace(microsecond=0)
    database = open_database(db_path)
    try:
        with database.write() as conn:
            _refuse_if_seeded(conn)
            ensure_default_queues(conn)
            pool = _draw_media_pool(conn, rng, pool_size=min(40, max(4, cases // 6)))
            author_ids = _insert_authors(conn, rng, max(8, cases // 3), now)
            for index in range(max(0, cases - len(AWKWARD_CASE_IDS))):
                _insert_generated_case(conn, rng, index, author_ids, pool, now)
            _insert_awkward_cases(conn, rng, author_ids, now)
            insert_reporters(conn, seed)  # own random streams: the cases above are unchanged
            insert_account_notes(conn, seed, author_ids, now)
            attach_near_copies(conn)  # near-identical media, for the perceptual hash
            seed_guidelines(conn, now)
            observe_seeded(conn, now)  # the alert detectors see the seeded cases arrive
    finally:
        database.close()


def _refuse_if_seeded(conn: Connection) -> None:
    if conn.execute(select(func.count()).select_from(cases)).scalar_one():
        raise ValueError("database already has cases; seed a fresh file")


def _draw_media_pool(conn: Connection, rng: random.Random, pool_size: int) -> list[dict]:
    """(sha256, category-independent) images, stored once and referenced by many cases."""
    pool = []
    formats = sorted(FORMATS)  # cycled, so even a small pool has every format
    for number in range(pool_size):
        image_format = formats[number % len(formats)]
        image = draw_image(rng, f"SAMPLE {number + 1}", image_format=image_format)
        sha256 = store_media_bytes(conn, image.data, image.mime, image.width, image.height)
        pool.append({"sha256": sha256})
    return pool


def _insert_authors(conn: Connection, rng: random.Random, count: int, now: datetime) -> list[str]:
    rows = []
    for number in range(count):
        followers = int(10 ** rng.uniform(0.5, 7))
        handle = _handle(rng, number)
        age_days = rng.randint(20, 4000)
        rows.append({
            "id": f"author-{number:04d}",
            "handle": handle,
            "display_name": handle.replace("_", " ").title(),
            "created_at": now - timedelta(days=age_days),
            "followers": followers,
            "high_profile": followers >= 1_000_000 or number % 23 == 0,
            "history": _author_history(rng, now, age_days),
        })
    conn.execute(insert(authors), rows)
    return [row["id"] for row in rows]


def _handle(rng: random.Random, number: int) -> str:
    syllables = ["ka", "lo", "mi", "ren", "sol", "ta", "vi", "zo", "na", "be", "ori", "du"]
    name = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))
    return f"{name}_{rng.choice(['daily', 'news', 'fan', 'official', 'x'])}{number}"


def _author_history(rng: random.Random, now: datetime, age_days: int) -> list[dict]:
    entries = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
        action, policy, summary = rng.choice(texts.HISTORY_SUMMARIES)
        # Within the account's life (an entry before the account existed would be nonsense).
        at = now - timedelta(days=rng.randint(1, min(700, age_days - 1)),
                             minutes=rng.randint(0, 1439))
        entries.append({"at": to_iso(at), "action": action, "policy": policy, "summary": summary})
    return sorted(entries, key=lambda entry: entry["at"])


def _insert_generated_case(conn: Connection, rng: random.Random, index: int,
                           author_ids: list[str], pool: list[dict], now: datetime) -> None:
    # The first cases walk every queue and language once, so even a small seed has them all.
    queue_id = _nth_or_weighted(rng, index, QUEUE_WEIGHTS)
    kind = rng.choice(texts.QUEUE_TEXT_KINDS[queue_id])
    language = _nth_or_weighted(rng, index, LANGUAGE_WEIGHTS)
    text = rng.choice(texts.TEXTS[language][kind])
    if queue_id == "crisis_sweep":
        text = f"{text} #{rng.choice(['breaking', 'share', 'live'])}"  # near-identical items
    sla_deadline = now + timedelta(minutes=rng.randint(-6 * 60, 72 * 60))
    case_id = f"case-{index:05d}"
    _insert_case_row(conn, {
        "id": case_id, "queue_id": queue_id, "text": text, "language": language,
        "region": rng.choice(texts.REGIONS[language]),
        "policy_area": rng.choice(queue_policy_areas(queue_id)),
        "priority": rng.choices([1, 2, 3, 4], weights=[1, 2, 4, 3])[0],
        "sla_deadline": sla_deadline,
        "created_at": min(now, sla_deadline) - timedelta(minutes=rng.randint(30, 3 * 24 * 60)),
        "author_id": _pick_author(rng, queue_id, author_ids),
    }, rng, kind, now)
    _attach_media(conn, rng, case_id, queue_id, kind, pool)


def _pick_author(rng: random.Random, queue_id: str, author_ids: list[str]) -> str:
    if queue_id == "escalations":
        # Every 23rd author is high profile by construction (see _insert_authors).
        return author_ids[23 * rng.randrange(max(1, len(author_ids) // 23))]
    return rng.choice(author_ids)


def _insert_case_row(conn: Connection, row: dict, rng: random.Random, kind: str,
                     now: datetime) -> None:
    conn.execute(insert(cases).values(status="open", **row))
    report_rows = []
    for _ in range(rng.randint(1, 5)):
        span = max(60, int((now - row["created_at"]).total_seconds()))
        report_rows.append({
            "case_id": row["id"],
            "reason": rng.choice(texts.REPORT_REASONS_BY_KIND[kind]),
            "reporter_id": pooled_reporter_id(rng.randint(1, 99999)),  # a pool of ~300
            "created_at": row["created_at"] + timedelta(seconds=rng.randint(1, span)),
        })
    conn.execute(insert(reports), sorted(report_rows, key=lambda r: r["created_at"]))


def _attach_media(conn: Connection, rng: random.Random, case_id: str, queue_id: str,
                  kind: str, pool: list[dict]) -> None:
    if queue_id in ("graphic_media", "crisis_sweep"):
        count = rng.randint(1, 4)
    else:
        count = rng.choice([0, 0, 0, 1, 2]) if kind != "caption" else rng.randint(0, 4)
    # Crisis items draw from a few shared images, so identical media recurs across cases.
    candidates = pool[:4] if queue_id == "crisis_sweep" else pool
    chosen = rng.sample(candidates, k=min(count, len(candidates)))
    rows = []
    for position, item in enumerate(chosen):
        category = rng.choice(MEDIA_CATEGORIES_BY_QUEUE[queue_id])
        rows.append({"case_id": case_id, "position": position, "sha256": item["sha256"],
                     "category": category, "label": rng.choice(texts.MEDIA_LABELS[category])})
    if rows:
        conn.execute(insert(case_media), rows)


def _nth_or_weighted(rng: random.Random, index: int, weights: dict[str, int]) -> str:
    if index < len(weights):
        return list(weights)[index]
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _insert_awkward_cases(conn: Connection, rng: random.Random, author_ids: list[str],
                          now: datetime) -> None:
    """Cases built to trip careless clients: markup, size, bidi text, undecodable media."""
    for spec in awkward_cases(now):
        row = {**spec["case"], "author_id": rng.choice(author_ids)}
        _insert_case_row(conn, row, rng, spec["kind"], now)
        media_rows = []
        for position, (image, category, label) in enumerate(spec["media"](rng)):
            sha256 = store_media_bytes(conn, image.data, image.mime, image.width, image.height)
            media_rows.append({"case_id": row["id"], "position": position, "sha256": sha256,
                               "category": category, "label": label})
        if media_rows:
            conn.execute(insert(case_media), media_rows)
