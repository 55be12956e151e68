"""The schema version of the server database and the steps that bring an older one up to date.

Step by step (as Anki does): each version adds what it needs, and a database is moved through
every step it missed. SQLite keeps the version in `PRAGMA user_version` (files written by earlier
servers have it there); PostgreSQL in a one-row `schema_version` table. The steps read existing
columns through SQLAlchemy's inspector, so they run on either. On PostgreSQL the whole
migration holds an advisory lock, so N workers starting at once migrate once, not N times.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, Integer, MetaData, Table, inspect, select, text

from server.media_history.fingerprints import backfill
from server.store.portable import insert_ignoring_conflicts
from server.store.schema import SCHEMA_VERSION, cases, lease_grants, metadata
# Their tables join `metadata`: create_all and the index step make them too.
from server.store import alerts_schema, incident_schema, quality_schema  # noqa: F401

MIGRATION_LOCK_KEY = 0x5C4E3A  # pg_advisory_xact_lock: one migrating process at a time
_version_table = Table("schema_version", MetaData(), Column("version", Integer, nullable=False))


class SchemaOutOfDate(RuntimeError):
    """The database needs `main.py admin migrate` before this server may use it."""


def migrate(conn: Connection, *, apply: bool = True) -> int:
    """Bring the schema to SCHEMA_VERSION (a new, empty database is created whole); returns the
    version found. With `apply` False an older, non-empty database raises SchemaOutOfDate."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"schema version {version} is newer than this server "
                           f"({SCHEMA_VERSION})")
    if version == SCHEMA_VERSION:
        return version
    if version > 0 and not apply:
        raise SchemaOutOfDate(f"database schema is version {version}, this server needs "
                              f"{SCHEMA_VERSION}: run `main.py admin migrate --db ...` first")
    metadata.create_all(conn)
    if version > 0:
        for step, upgrade in _STEPS:
            if version < step:
                upgrade(conn)
        # After the steps: a new index may be on a column a step has only just added.
        _add_missing_indexes(conn)
    _set_schema_version(conn, SCHEMA_VERSION)
    return version


def schema_version(conn: Connection) -> int:
    if conn.dialect.name == "sqlite":
        return conn.exec_driver_sql("PRAGMA user_version").scalar_one()
    if not inspect(conn).has_table(_version_table.name):
        return 0
    return conn.execute(select(_version_table.c.version)).scalar() or 0


def _set_schema_version(conn: Connection, version: int) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")
        return
    _version_table.create(conn, checkfirst=True)
    conn.execute(_version_table.delete())
    conn.execute(_version_table.insert().values(version=version))


def _add_missing_indexes(conn: Connection) -> None:
    # create_all adds new tables but never new indexes to tables an older version created.
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def _add_columns(conn: Connection, table: str, columns: tuple[tuple[str, str], ...]) -> None:
    # create_all never adds columns to an existing table.
    existing = {column["name"] for column in inspect(conn).get_columns(table)}
    for name, ddl in columns:
        if name not in existing:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}")


def _upgrade_to_3(conn: Connection) -> None:
    _add_columns(conn, "reviewers", (("revoked_at", "TIMESTAMP"),))
    # Leases taken before grants were recorded still count as held by their holder.
    conn.execute(insert_ignoring_conflicts(conn, lease_grants).from_select(
        ["case_id", "reviewer_id", "granted_at"],
        select(cases.c.id, cases.c.lease_holder, text("CURRENT_TIMESTAMP"))
        .where(cases.c.lease_holder.is_not(None))))


def _upgrade_to_4(conn: Connection) -> None:
    # Older decisions were all final at once and neither approve nor reverse anything.
    _add_columns(conn, "decisions", (("pending", "BOOLEAN NOT NULL DEFAULT FALSE"),
                                     ("approves", "VARCHAR(200)"), ("reverses", "VARCHAR(200)")))


def _upgrade_to_5(conn: Connection) -> None:
    _add_columns(conn, "reviewers", (("password_hash", "VARCHAR(300)"),))
    _add_columns(conn, "decisions", (("guideline_version", "VARCHAR(64) NOT NULL DEFAULT ''"),))


def _upgrade_to_8(conn: Connection) -> None:
    # The new tables are made by create_all; media stored before them gets its hash here.
    backfill(conn)


def _upgrade_to_9(conn: Connection) -> None:
    _add_columns(conn, "decisions", (("incident_id", "VARCHAR(64) NOT NULL DEFAULT ''"),))


def _upgrade_to_12(conn: Connection) -> None:
    # Older decisions keep their answers in idempotency_keys: NULL, as for approvals.
    _add_columns(conn, "decisions", (("request_hash", "VARCHAR(64)"),))


def _upgrade_to_13(conn: Connection) -> None:
    # Made again, partial, by _add_missing_indexes after the steps.
    for name in ("ix_decisions_reverses", "ix_cases_lease_holder"):
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")


# Versions 6 and 7 only add tables (shared limiter state; shared exposure totals): create_all
# makes them.
# Version 10 only adds tables (quality): create_all makes them.
# Version 11 only adds tables (alerts, hash lists, the on-call rota): create_all makes them.
_STEPS = ((3, _upgrade_to_3), (4, _upgrade_to_4), (5, _upgrade_to_5), (8, _upgrade_to_8),
          (9, _upgrade_to_9), (12, _upgrade_to_12), (13, _upgrade_to_13))
