"""Bulk statements (store/bulk.py), on both back ends: rows written through the driver's
executemany hold exactly what SQLAlchemy's own executemany writes, and a list bound as one
parameter selects exactly the rows whose value is in it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, event, insert, select, update

from server.decision_rows import DecisionWrites

from server.store.bulk import (
    BulkStatement, PerDialect, _null_by_default, list_value, member_of,
)
from server.store.schema import audit_log, cases, changes, decisions, idempotency_keys

CASE, OTHER = "case-00001", "case-00002"
WHEN = datetime(2026, 12, 1, 21, 5, 9, 120000)
ON_THE_SECOND = datetime(2026, 12, 1, 21, 5, 9)  # no microseconds: still the same format


def _key_rows(prefix: str) -> list[dict]:
    return [{"key": f"{prefix}-{n}", "request_hash": "h" * 64, "status_code": 201 + n,
             "body": '{"note":"ñ \u2014"}'.encode(), "created_at": when}
            for n, when in enumerate((WHEN, ON_THE_SECOND))]


def _change_rows() -> list[dict]:
    return [{"case_id": CASE, "kind": "decided", "at": WHEN,
             "data": {"action": "remove", "note": "ñ « »", "list": [1, None]}},
            {"case_id": OTHER, "kind": "escalated", "at": ON_THE_SECOND, "data": {}}]


def _stored(conn, sql: str) -> list[tuple]:
    """Rows as the driver returns them: the values written, before any SQLAlchemy type."""
    return [tuple(row) for row in conn.exec_driver_sql(sql)]


def test_rows_are_written_as_sqlalchemy_writes_them(server_db):
    with server_db.write() as conn:
        conn.execute(insert(idempotency_keys), _key_rows("orm"))
        BulkStatement(insert(idempotency_keys)).execute(conn, _key_rows("bulk"))
        conn.execute(insert(changes), _change_rows())
        BulkStatement(insert(changes)).execute(conn, _change_rows())
    with server_db.read() as conn:
        keys = _stored(conn, "SELECT key, request_hash, status_code, body, created_at "
                             "FROM idempotency_keys "
                             "WHERE key IN ('orm-0', 'orm-1', 'bulk-0', 'bulk-1') ORDER BY key")
        feed = _stored(conn, "SELECT case_id, kind, at, data FROM changes ORDER BY seq")[-4:]
    bulk, orm = keys[:2], keys[2:]
    assert [row[1:] for row in bulk] == [row[1:] for row in orm]
    assert feed[:2] == feed[2:]


def test_a_datetime_repeated_across_rows_is_written_as_each_row_alone_would_be(server_db):
    """A batch's `now` is one object in many rows; the bulk path remembers its text per column
    (store/bulk.py): rows that share it, change it or lack it still hold what SQLAlchemy
    writes."""
    other_now = datetime(2026, 12, 1, 21, 5, 9, 120000)  # equal to WHEN, another object
    whens = [WHEN, WHEN, ON_THE_SECOND, WHEN, other_now, other_now, WHEN]

    def rows(prefix: str) -> list[dict]:
        return [{**_key_rows(prefix)[0], "key": f"{prefix}-{n}", "created_at": when}
                for n, when in enumerate(whens)]

    with server_db.write() as conn:
        conn.execute(insert(idempotency_keys), rows("orm-repeat"))
        BulkStatement(insert(idempotency_keys)).execute(conn, rows("bulk-repeat"))
    with server_db.read() as conn:
        stored = _stored(conn, "SELECT key, created_at FROM idempotency_keys "
                               "WHERE key > 'bulk-repeat' AND key < 'orm-repeat.' ORDER BY key")
    bulk, orm = stored[:len(whens)], stored[len(whens):]
    assert [row[1] for row in bulk] == [row[1] for row in orm]


def test_an_insert_leaves_out_a_column_null_in_every_row_and_stores_the_same(server_db):
    """A decision's `approves` and `reverses` are None in nearly every row: the INSERT leaves
    them out (sqlite3 looks for an adapter before binding a None), so they hold NULL as
    before; one row that sets one keeps it in, for every row. A column with a default, or
    an UPDATE's column, is never left out."""
    statement = BulkStatement(insert(audit_log))
    rows = [{"at": WHEN, "actor": "r", "role": "reviewer", "action": "decision",
             "case_id": None, "detail": {}} for _ in range(3)]
    statements: list[str] = []
    with server_db.write() as conn:
        event.listen(conn, "before_cursor_execute",
                     lambda _c, _cur, sql, *_rest: statements.append(sql))
        statement.execute(conn, rows)
        statement.execute(conn, [*rows[:2], {**rows[2], "case_id": CASE}])
    with server_db.read() as conn:
        written = conn.execute(select(audit_log.c.case_id, audit_log.c.detail)
                               .order_by(audit_log.c.seq.desc()).limit(6)).all()
    inserts = [sql for sql in statements if sql.startswith("INSERT INTO audit_log")]
    assert ["case_id" in sql for sql in inserts] == [False, True]
    assert [row.case_id for row in reversed(written)] == [None] * 5 + [CASE]
    assert [row.detail for row in written] == [{}] * 6
    assert {"approves", "reverses"} <= _null_by_default(insert(decisions))
    assert not _null_by_default(update(decisions)) and "note" not in _null_by_default(
        insert(decisions)) and "guideline_version" not in _null_by_default(insert(decisions))


def test_an_update_sets_each_row_by_its_own_key(server_db):
    statement = BulkStatement(update(cases).where(cases.c.id == bindparam("case_id_")))
    with server_db.write() as conn:
        statement.execute(conn, [{"case_id_": CASE, "status": "decided", "lease_holder": None},
                                 {"case_id_": OTHER, "status": "withdrawn", "lease_holder": None}])
    with server_db.read() as conn:
        found = dict(conn.execute(select(cases.c.id, cases.c.status)
                                  .where(cases.c.id.in_([CASE, OTHER]))).all())
    assert found == {CASE: "decided", OTHER: "withdrawn"}


def test_case_updates_are_one_statement_per_effect_and_a_later_one_wins(server_db):
    """DecisionWrites writes its cases' updates set-based: one UPDATE for every case given the
    same values, none run row by row; a second update of one case merges over the first."""
    writes = DecisionWrites()
    writes.update_case(CASE, {"status": "decided", "lease_holder": None})
    writes.update_case(OTHER, {"status": "decided", "lease_holder": None})
    writes.update_case(CASE, {"status": "withdrawn"})
    statements: list[tuple[str, bool]] = []
    with server_db.write() as conn:
        event.listen(conn, "before_cursor_execute",
                     lambda _c, _cur, sql, _p, _ctx, many: statements.append((sql, many)))
        writes.flush(conn)
    with server_db.read() as conn:
        found = dict(conn.execute(select(cases.c.id, cases.c.status)
                                  .where(cases.c.id.in_([CASE, OTHER]))).all())
    assert found == {CASE: "withdrawn", OTHER: "decided"}
    updates = [many for sql, many in statements if sql.startswith("UPDATE cases")]
    assert updates == [False, False]  # CASE's merged values, then OTHER's


def test_a_list_bound_as_one_parameter_selects_exactly_its_members(server_db):
    query = PerDialect(lambda dialect: select(idempotency_keys.c.key).where(
        member_of(idempotency_keys.c.key, "keys_", dialect)))
    odd = "it's \"quoted\", ñ, [not, json]"
    with server_db.write() as conn:
        rows = [{**_key_rows("list")[0], "key": key} for key in ("a", "b", "c", odd)]
        conn.execute(insert(idempotency_keys), rows)
    with server_db.read() as conn:
        def members(keys: list[str]) -> set[str]:
            return set(conn.execute(query(conn), {"keys_": list_value(conn, keys)}).scalars())

        assert members(["a", "c", odd, "missing"]) == {"a", "c", odd}
        assert members([]) == set()
        assert members(["b"]) == {"b"}


def test_a_sqlite_commit_is_fsynced_and_checkpoints_only_past_10000_pages(server_db):
    """A batch writes about 630 log pages: at SQLite's default threshold (1,000) nearly every
    other batch's commit also ran a checkpoint; every commit is still fsynced (FULL)."""
    if server_db.is_postgresql:
        return  # PostgreSQL has no such setting: its checkpoints are the server's own
    with server_db.read() as conn:
        settings = [conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                    for name in ("synchronous", "wal_autocheckpoint", "journal_mode")]
    assert settings == [2, 10000, "wal"]


def test_a_sqlite_connection_caches_8_mb_of_pages(server_db):
    """A batch's pages (every table and index it reads or writes) fit in the page cache:
    SQLite's default 2 MB made it read pages again and spill dirty ones before the commit."""
    if server_db.is_postgresql:
        return  # PostgreSQL's shared buffers are the server's own
    with server_db.write() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -8192


def test_a_sqlite_connection_keeps_statement_journals_in_memory(server_db):
    """Deciding 500 cases in one UPDATE journals every page it changes until it ends: in a
    temporary file that was some 1,000 pwrites a batch beside the log's own."""
    if server_db.is_postgresql:
        return  # PostgreSQL keeps no statement journal
    with server_db.write() as conn:
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
