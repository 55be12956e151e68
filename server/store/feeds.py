"""Rows of the tables clients read with a seq cursor (`changes`, `audit_log`): how they are
written so that seqs become visible in increasing order.

PostgreSQL allocates a seq at insert and shows the row at commit, so without a lock a seq-2
row may commit before seq 1 and a client that read up to 2 never sees 1. Such inserts run
under one transaction-scoped advisory lock (FEED_LOCK_KEY), held to commit, which makes every
writer of these tables wait for the one holding it. Inside Database.write() the rows are
therefore kept aside and written at the very end, lock and inserts in one statement, just
before COMMIT: the lock is held for that statement and the commit instead of for everything
the transaction still did after its first feed row (under load, every round trip of it a wait
for the GIL). Elsewhere, and on SQLite (one writer at a time), a row is inserted at once.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, Engine, Table, event, text

from server.store.bulk import BulkStatement

FEED_LOCK_KEY = 0x5EC5EC  # pg_advisory_xact_lock(FEED_LOCK_KEY): one bigint key, apart from
# the two-int4 key space of idempotency keys (database.py)
_PENDING = "feed_rows"  # conn.info key: [(table name, row)] while Database.write() runs
_MARKS = "feed_marks"  # conn.info key: rows pending at each open savepoint, innermost last

# The lock first (MATERIALIZED: evaluated once, before any row it is joined with), then both
# tables, each in the order its rows were recorded.
_WRITE_PENDING = text("""
WITH feed_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock(:key) AS held),
new_changes AS (
  INSERT INTO changes (case_id, kind, at, data)
  SELECT r.case_id, r.kind, r.at, r.data
  FROM feed_lock, json_to_recordset(CAST(:changes AS json))
       AS r(n integer, case_id text, kind text, at timestamp, data json)
  ORDER BY r.n)
INSERT INTO audit_log (at, actor, role, action, case_id, detail)
SELECT r.at, r.actor, r.role, r.action, r.case_id, r.detail
FROM feed_lock, json_to_recordset(CAST(:audit AS json))
     AS r(n integer, at timestamp, actor text, role text, action text, case_id text, detail json)
ORDER BY r.n
""")


def lock_feeds(conn: Connection) -> None:
    """Call before inserting a row into a table read with a seq cursor other than through
    insert_feed_row (guidelines). Held until commit; SQLite needs nothing."""
    if conn.dialect.name != "postgresql" or conn.info.get("feed_locked"):
        return
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK_KEY})
    conn.info["feed_locked"] = True


def insert_feed_row(conn: Connection, table: Table, row: dict) -> None:
    """Add a row to `changes` or `audit_log` in the caller's transaction: kept for
    write_pending inside Database.write() on PostgreSQL, inserted now otherwise."""
    insert_feed_rows(conn, table, [row])


def insert_feed_rows(conn: Connection, table: Table, rows: list[dict]) -> None:
    """insert_feed_row for many rows, in their order (one statement when inserted now: a
    decision batch writes hundreds)."""
    pending = conn.info.get(_PENDING)
    if pending is not None:
        pending.extend((table.name, row) for row in rows)
        return
    if rows:
        lock_feeds(conn)
        if table.name not in _INSERTS:  # built once
            _INSERTS[table.name] = BulkStatement(table.insert())
        _INSERTS[table.name].execute(conn, rows)


_INSERTS: dict[str, BulkStatement] = {}


def begin_pending(conn: Connection) -> None:
    """Database.write() on PostgreSQL: feed rows of this transaction wait for write_pending."""
    conn.info[_PENDING] = []
    conn.info[_MARKS] = []


def end_pending(conn: Connection) -> None:
    conn.info.pop(_PENDING, None)
    conn.info.pop(_MARKS, None)


def write_pending(conn: Connection) -> None:
    """The kept rows, with the feed lock, in one statement; call last before COMMIT."""
    pending = conn.info.get(_PENDING)
    if not pending:
        return
    by_table: dict[str, list[dict]] = {"changes": [], "audit_log": []}
    for table, row in pending:
        rows = by_table[table]
        rows.append({**row, "n": len(rows)})
    conn.execute(_WRITE_PENDING, {"key": FEED_LOCK_KEY, "changes": _json(by_table["changes"]),
                                  "audit": _json(by_table["audit_log"])})
    conn.info["feed_locked"] = True
    pending.clear()


def forget_rolled_back_rows(engine: Engine) -> None:
    """Rows recorded inside a savepoint that is rolled back are not written."""
    # Savepoints nest, so a stack of marks (the event does not name generated savepoints).
    @event.listens_for(engine, "savepoint")
    def _mark(conn, _name) -> None:
        if _PENDING in conn.info:
            conn.info[_MARKS].append(len(conn.info[_PENDING]))

    @event.listens_for(engine, "rollback_savepoint")
    def _forget(conn, _name, _context) -> None:
        if conn.info.get(_MARKS):
            del conn.info[_PENDING][conn.info[_MARKS].pop():]

    @event.listens_for(engine, "release_savepoint")
    def _keep(conn, _name, _context) -> None:
        if conn.info.get(_MARKS):
            conn.info[_MARKS].pop()


def _json(rows: list[dict]) -> str:
    return json.dumps(rows, default=_iso)


def _iso(value):
    if isinstance(value, datetime):  # naive UTC, as every DateTime column holds
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in a feed row")
