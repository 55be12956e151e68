"""A scripted shift for the dashboards' tests: a few cases and decisions at fixed times on one
day, so every figure of it can be worked out by hand (see tests/server/test_figures.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select

from server.auth.accounts import add_reviewer
from server.queue_catalog import ensure_default_queues
from server.store.database import open_database
from server.store.schema import authors, cases, decisions, reviewers

UNTIL = "2030-03-04T16:30:00Z"
DAY = "2030-03-04"
# case id: (queue, created, deadline, status)
CASES = {
    "g1": ("graphic_media", "09:05", "10:00", "decided"),
    "g2": ("graphic_media", "09:20", "09:30", "decided"),
    "g4": ("graphic_media", "10:00", "11:00", "decided"),
    "g5": ("graphic_media", "10:05", "10:10", "decided"),
    "o1": ("graphic_media", "12:00", "16:00", "open"),
    "o2": ("graphic_media", "13:00", "17:00", "open"),
    "o3": ("graphic_media", "14:00", "17:10", "open"),
    "o4": ("graphic_media", "15:00", "23:00", "open"),
    "g3": ("graphic_media", "16:40", "20:00", "open"),  # after the window
    "h1": ("hate_harassment", "10:15", "12:00", "decided"),
    "h2": ("hate_harassment", "08:30", "18:00", "decided"),
    "h3": ("hate_harassment", "07:00", "09:00", "decided"),
}
# (reviewer, case, decided at)
DECISIONS = [("alice", "g1", "09:10"), ("alice", "g2", "09:50"), ("alice", "h1", "11:05"),
             ("alice", "h2", "16:20"), ("alice", "h3", "08:59"),
             ("bob", "g4", "10:20"), ("bob", "g5", "10:40")]
ROLES = {"alice": "reviewer", "bob": "reviewer", "sam": "senior", "lena": "lead"}


def at(hhmm: str) -> datetime:
    return datetime.fromisoformat(f"{DAY}T{hhmm}:00")


def hours(*counts: int) -> list[dict]:
    """The wire form of per-hour counts from 09:00 on the scripted day."""
    return [{"hour": f"{DAY}T{9 + i:02d}:00:00Z", "count": c} for i, c in enumerate(counts)]


def make_shift_database(target: str | Path) -> dict[str, str]:
    """Write the scripted shift into a new database; returns each reviewer's token."""
    tokens = {name: add_reviewer(target, name, role) for name, role in ROLES.items()}
    database = open_database(target)
    try:
        with database.write() as conn:
            ensure_default_queues(conn)
            _script(conn)
    finally:
        database.close()
    return tokens


def _script(conn) -> None:
    ids = dict(conn.execute(select(reviewers.c.name, reviewers.c.id)).all())
    conn.execute(insert(authors).values(id="a1", handle="a", display_name="A",
                                        created_at=at("00:00"), history=[]))
    conn.execute(insert(cases), [
        {"id": cid, "queue_id": q, "author_id": "a1", "text": "t", "language": "en",
         "region": "GB", "policy_area": "graphic_violence", "priority": 2,
         "created_at": at(made), "sla_deadline": at(due), "status": status}
        for cid, (q, made, due, status) in CASES.items()])
    conn.execute(insert(decisions), [
        {"decision_id": f"d-{cid}", "case_id": cid, "action": "remove",
         "policy": "graphic_violence", "note": "", "decided_at": at(when),
         "reviewer_id": ids[who], "reviewer_name": who, "recorded_at": at(when)}
        for who, cid, when in DECISIONS])
