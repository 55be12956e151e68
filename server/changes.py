"""The change feed: one row per change of a case's state, read by clients with a cursor.

`record_change` is always called inside the write transaction that makes the change, so a
change row exists exactly when the change itself committed. Seqs are handed out under the
feed lock (store/feeds.py), so they become visible in increasing order and a client that
remembers the last seq it saw never misses a row that commits later with a smaller one.
"""

from __future__ import annotations

from datetime import datetime
from typing import get_args

from sqlalchemy import Connection, select

from reviewer.contract.sync import ChangeKind
from server.store.feeds import insert_feed_rows
from server.store.schema import changes
from server.timeutil import to_iso

KINDS = get_args(ChangeKind)  # the feed writes only what the contract lets a client read


def record_change(conn: Connection, case_id: str, kind: str, at: datetime,
                  data: dict | None = None) -> None:
    record_changes(conn, [change_row(case_id, kind, at, data)])


def change_row(case_id: str, kind: str, at: datetime, data: dict | None = None) -> dict:
    """One feed row, checked, for `record_changes` (a decision batch writes them together)."""
    if kind not in KINDS:
        raise ValueError(f"unknown change kind {kind!r}")
    return {"case_id": case_id, "kind": kind, "at": at, "data": data or {}}


def record_changes(conn: Connection, rows: list[dict]) -> None:
    """Add `change_row`s in their order (store/feeds.py)."""
    insert_feed_rows(conn, changes, rows)


def list_changes(conn: Connection, since: int, limit: int) -> dict:
    """The ChangeFeed answer: up to `limit` changes after seq `since`, oldest first."""
    rows = conn.execute(
        # One row more than asked tells whether another page follows, without a count.
        select(changes).where(changes.c.seq > since).order_by(changes.c.seq).limit(limit + 1)
    ).all()
    page = rows[:limit]
    return {
        "changes": [
            {"seq": row.seq, "case_id": row.case_id, "kind": row.kind, "at": to_iso(row.at),
             "data": dict(row.data)}
            for row in page
        ],
        "cursor": page[-1].seq if page else since,
        "more": len(rows) > limit,
    }
