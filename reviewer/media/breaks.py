"""Breaks the reviewer said they took (B), kept on this machine with the exposure they go with:
the personal dashboard counts them, nothing sends them anywhere."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlite_utils

from reviewer.store.database import transaction


def record_break(db: sqlite_utils.Database, at: datetime | None = None) -> None:
    at = at or datetime.now(timezone.utc)
    with transaction(db) as conn:
        conn.execute("INSERT INTO breaks (at) VALUES (?)", (_iso(at),))


def breaks_between(db: sqlite_utils.Database, start: datetime, end: datetime) -> list[str]:
    """The times (ISO, UTC) of breaks taken in [start, end], oldest first."""
    return [row[0] for row in db.execute(
        "SELECT at FROM breaks WHERE at >= ? AND at <= ? ORDER BY at",
        (_iso(start), _iso(end)))]


def _iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
