"""SQL that both back ends speak but spell differently.

SQLite and PostgreSQL both have `INSERT ... ON CONFLICT DO NOTHING`, but SQLAlchemy builds it
from each dialect's own `insert()`; picking the right one in one place keeps the rules free of
dialect checks.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignoring_conflicts(conn: Connection, table: Table):
    """An INSERT into `table` that skips rows whose key exists already, instead of failing:
    the race-free form of "insert unless there". Add `.values(...)` as usual; to learn whether
    a row went in, add `.returning(<key column>)` and look for a row (rowcount is not reliable
    for it on every driver)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()

