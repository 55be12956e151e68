"""A shift's worth of history for the demo's dashboards: six demo colleagues (and the demo
reviewer, if there is one) decided cases across every queue over the last eight hours, at
their own pace, with a break each, some after the SLA deadline; and daily exposure totals of
the last week, as workstations would share them under a `daily_totals` policy.

The history cases are added decided, so they never reach a claim: the live queues stay as
seeded. Deterministic for a given `seed` (apart from times, which are relative to `now`).
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, insert, select

from server.auth.tokens import hash_token
from server.demo import texts
from server.queue_catalog import queue_policy_areas, queue_sla_minutes
from server.store.database import open_database
from server.store.schema import authors, cases, decisions, exposure_totals, reviewers
from server.timeutil import utcnow

HISTORY_AUTHOR = "author-history"
COLLEAGUES = ("amara", "bruno", "chen", "dana", "eitan", "farah")
SHIFT_HOURS = 8
# Decisions per hour a reviewer manages in each queue: text is quicker than media.
PACE = {"hate_harassment": 14, "graphic_media": 8, "crisis_sweep": 18, "appeals": 5,
        "escalations": 3}
ACTIONS = ("no_violation", "remove", "label_sensitive", "restrict_reach", "remove", "remove")


def seed_history(db_path: str | Path, *, seed: int = 0, now: datetime | None = None,
                 with_reviewer: str | None = None) -> int:
    """Add the history; returns the number of decisions added. `with_reviewer` (an existing
    reviewer's name, e.g. the demo's) works the shift too, so their own dashboard has figures."""
    rng = random.Random(seed)
    now = now or utcnow().replace(microsecond=0)
    database = open_database(db_path)
    try:
        with database.write() as conn:
            people = _colleagues(conn, now)
            if with_reviewer:
                people += list(conn.execute(select(reviewers.c.id, reviewers.c.name)
                                            .where(reviewers.c.name == with_reviewer)).all())
            author = _history_author(conn, now)
            made = sum(_work_shift(conn, rng, person, number, author, now)
                       for number, person in enumerate(people))
            _share_exposure(conn, rng, [p.id for p in people[:len(COLLEAGUES)]], now)
    finally:
        database.close()
    return made


def _colleagues(conn: Connection, now: datetime) -> list:
    for name in COLLEAGUES:  # tokens nobody holds: these accounts only carry history
        conn.execute(insert(reviewers).values(name=name, role="reviewer", created_at=now,
                                              token_hash=hash_token(secrets.token_urlsafe(32))))
    return list(conn.execute(select(reviewers.c.id, reviewers.c.name)
                             .where(reviewers.c.name.in_(COLLEAGUES))).all())


def _history_author(conn: Connection, now: datetime) -> str:
    """One author for every history case, so no live case's investigation (related cases,
    account history) shows them."""
    conn.execute(insert(authors).values(id=HISTORY_AUTHOR, handle="shift_history",
                                        display_name="Shift history", history=[],
                                        created_at=now - timedelta(days=400)))
    return HISTORY_AUTHOR


def _work_shift(conn: Connection, rng: random.Random, person, number: int,
                author: str, now: datetime) -> int:
    """One reviewer's shift: two queues, a decision every few minutes, a 30-minute break."""
    queues = rng.sample(sorted(PACE), 2)
    start = now - timedelta(hours=SHIFT_HOURS) + timedelta(minutes=rng.randint(0, 40))
    pause = start + timedelta(hours=rng.uniform(3, 5))
    at, rows, made = start, [], 0
    while at < now:
        queue_id = queues[0] if rng.random() < 0.7 else queues[1]
        at += timedelta(minutes=rng.expovariate(PACE[queue_id] / 60))
        if pause <= at < pause + timedelta(minutes=30):
            at = pause + timedelta(minutes=30)
        if at >= now:
            break
        case_id = f"hist-{number:02d}-{made:04d}"
        rows.append(_case_and_decision(rng, case_id, queue_id, person, at, author))
        made += 1
    if rows:
        conn.execute(insert(cases), [case for case, _ in rows])
        conn.execute(insert(decisions), [decision for _, decision in rows])
    return made


def _case_and_decision(rng: random.Random, case_id: str, queue_id: str, person,
                       at: datetime, author: str) -> tuple[dict, dict]:
    sla = timedelta(minutes=queue_sla_minutes(queue_id))
    # Most cases waited well inside their SLA; about one in twelve waited past it.
    waited = sla * (rng.uniform(1.0, 1.4) if rng.random() < 0.08 else rng.uniform(0.02, 0.9))
    created = at - waited
    language = rng.choice(["en", "en", "es", "de", "fr", "ar", "hi"])
    kind = rng.choice(texts.QUEUE_TEXT_KINDS[queue_id])
    policy = rng.choice(queue_policy_areas(queue_id))
    case = {"id": case_id, "queue_id": queue_id, "author_id": author,
            "text": rng.choice(texts.TEXTS[language][kind]), "language": language,
            "region": rng.choice(texts.REGIONS[language]), "policy_area": policy,
            "priority": rng.choice([1, 2, 3, 3, 4]), "sla_deadline": created + sla,
            "created_at": created, "status": "decided"}
    decision = {"decision_id": f"{case_id}-d", "case_id": case_id,
                "action": rng.choice(ACTIONS), "policy": policy, "note": "",
                "decided_at": at, "reviewer_id": person.id, "reviewer_name": person.name,
                "recorded_at": at}
    return case, decision


def _share_exposure(conn: Connection, rng: random.Random, people: list[int],
                    now: datetime) -> None:
    rows = [{"reviewer_id": person, "day": (now.date() - timedelta(days=back)).isoformat(),
             "exposure_s": round(rng.triangular(60, 1900, 700), 1), "sent_at": now}
            for person in people for back in range(7) if rng.random() < 0.8]
    if rows:
        conn.execute(insert(exposure_totals), rows)
