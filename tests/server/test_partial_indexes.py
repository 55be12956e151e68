"""The indexes of columns that are NULL for nearly every row hold only the rows with a value,
and every lookup of a value still uses them (a value implies NOT NULL), on both back ends."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from sqlalchemy import exists, select, text

from server.store.database import open_database
from server.store.schema import SCHEMA_VERSION, cases, decisions

PARTIAL = ("ix_decisions_reverses", "ix_cases_lease_holder")
_REVERSING = decisions.alias("reversing")
# The shapes the server looks these columns up in: a lease holder's cases (claims, holds,
# hand-offs), a revoked reviewer's leases, whether a decision was reversed (media history).
LOOKUPS = {
    "ix_cases_lease_holder": (
        select(cases.c.id).where(cases.c.lease_holder == 1),
        select(cases.c.id).where(cases.c.lease_holder.in_([1, 2]), cases.c.status == "open"),
    ),
    "ix_decisions_reverses": (
        select(decisions.c.decision_id).where(
            ~exists().where(_REVERSING.c.reverses == decisions.c.decision_id)),
        select(decisions.c.decision_id).where(decisions.c.reverses == "a-decision"),
    ),
}


def test_the_indexes_hold_only_rows_with_a_value(server_db):
    with server_db.read() as conn:
        for name in PARTIAL:
            assert "WHERE" in _definition(conn, name).upper(), name


def test_every_lookup_of_a_value_uses_its_index(server_db):
    with server_db.read() as conn:
        if server_db.is_postgresql:  # a seeded table is small enough to scan: ask if it may
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        for name, statements in LOOKUPS.items():
            for statement in statements:
                assert name in _plan(conn, statement), (name, str(statement))


def test_a_version_12_database_gets_the_partial_indexes(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_database(path).close()
    with closing(sqlite3.connect(path)) as raw:  # as version 12 made them: whole
        raw.execute("DROP INDEX ix_decisions_reverses")
        raw.execute("DROP INDEX ix_cases_lease_holder")
        raw.execute("CREATE INDEX ix_decisions_reverses ON decisions (reverses)")
        raw.execute("CREATE INDEX ix_cases_lease_holder ON cases (lease_holder)")
        raw.execute("PRAGMA user_version = 12")
        raw.commit()
    database = open_database(path)
    try:
        with database.read() as conn:
            assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == SCHEMA_VERSION
            for name in PARTIAL:
                assert "WHERE" in _definition(conn, name).upper(), name
    finally:
        database.close()


def _definition(conn, name: str) -> str:
    if conn.dialect.name == "sqlite":
        query = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"
    else:
        query = "SELECT indexdef FROM pg_indexes WHERE indexname = :name"
    return conn.execute(text(query), {"name": name}).scalar_one()


def _plan(conn, statement) -> str:
    compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
    explain = "EXPLAIN QUERY PLAN " if conn.dialect.name == "sqlite" else "EXPLAIN "
    rows = conn.exec_driver_sql(explain + str(compiled)).all()
    return "\n".join(str(row[-1]) for row in rows)
