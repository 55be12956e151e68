"""Feed rows (changes, audit log) written at the end of a write transaction (store/feeds.py):
every row recorded, in the order recorded, with its data as given; none from a rolled-back
savepoint or transaction; and on PostgreSQL the feed lock is held only from that last write."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from server.audit import record_audit
from server.changes import record_change
from server.store.schema import audit_log, changes
from server.timeutil import utcnow

CASE, OTHER = "case-00001", "case-00002"
DATA = {"priority": 2, "note": "ñ « » \u2014", "nested": {"list": [1, "two", None]}}


def _feed(conn) -> list[tuple]:
    return [(row.case_id, row.kind, row.data) for row in
            conn.execute(select(changes).order_by(changes.c.seq))]


def test_rows_come_out_in_the_order_recorded_with_their_data(server_db):
    now = utcnow()
    with server_db.write() as conn:
        record_change(conn, CASE, "priority_changed", now, DATA)
        record_change(conn, OTHER, "withdrawn", now)
        record_change(conn, CASE, "deleted", now)
        record_audit(conn, None, "withdraw", now, OTHER, {"why": "test"})
        record_audit(conn, None, "delete", now, CASE)
    with server_db.read() as conn:
        assert _feed(conn)[-3:] == [(CASE, "priority_changed", DATA), (OTHER, "withdrawn", {}),
                                    (CASE, "deleted", {})]
        entries = conn.execute(select(audit_log).order_by(audit_log.c.seq)).all()[-2:]
        assert [(e.action, e.case_id, e.detail, e.at) for e in entries] == [
            ("withdraw", OTHER, {"why": "test"}, now), ("delete", CASE, {}, now)]


def test_nothing_from_a_rolled_back_transaction_or_savepoint(server_db):
    with server_db.read() as conn:
        before = _feed(conn)
    with pytest.raises(RuntimeError):
        with server_db.write() as conn:
            record_change(conn, CASE, "withdrawn", utcnow())
            raise RuntimeError("rolled back")
    with server_db.write() as conn:
        record_change(conn, CASE, "priority_changed", utcnow())
        try:
            with conn.begin_nested():
                record_change(conn, OTHER, "withdrawn", utcnow())
                raise RuntimeError("this item only")
        except RuntimeError:
            pass
        with conn.begin_nested():
            record_change(conn, OTHER, "deleted", utcnow())
    with server_db.read() as conn:
        assert _feed(conn) == before + [(CASE, "priority_changed", {}), (OTHER, "deleted", {})]


def test_postgresql_takes_the_feed_lock_only_at_the_end(server_db, backend):
    if backend != "postgresql":
        pytest.skip("SQLite has one writer; there is no feed lock")
    locks = ("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
             "AND pid = pg_backend_pid()")
    with server_db.write() as conn:
        record_change(conn, CASE, "withdrawn", utcnow())
        record_audit(conn, None, "withdraw", utcnow(), CASE)
        assert conn.execute(text(locks)).scalar_one() == 0  # not yet: other writers go on
    with server_db.read() as conn:
        assert _feed(conn)[-1] == (CASE, "withdrawn", {})
