"""Opening the SQLite file and running transactions against it.

Reads use an ordinary (deferred) transaction: under WAL they see one consistent snapshot and
never block writers. Writes are serialized twice over: a process-wide lock, so threads of this
server queue up instead of spinning on SQLITE_BUSY, and `BEGIN IMMEDIATE`, so another process
(the admin CLI adding a reviewer) cannot interleave either. Two concurrent decisions on one case
therefore run one after the other, and the second sees the first one's result.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

from server.store.schema import SCHEMA_VERSION, metadata

_WRITE_LOCK = threading.Lock()  # process-wide: several Database objects may share one file
_ENGINE_LOGGING_NAME = "central_api"  # our engines log to sqlalchemy.engine.Engine.central_api


class Database:
    """One SQLite file, with `read()` and `write()` transaction context managers."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.engine = _make_engine(self.path)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A serialized write transaction: committed on normal exit, rolled back on error."""
        with _WRITE_LOCK, self.engine.connect() as conn:
            conn.execution_options(sqlite_begin_immediate=True)
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) the server database at `path`, schema included."""
    database = Database(path)
    with database.write() as conn:
        version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"{path}: schema version {version} is newer than this server")
        metadata.create_all(conn)
        if version < SCHEMA_VERSION:
            _add_missing_indexes(conn)
        if 0 < version < 3:
            _upgrade_to_3(conn)
        if 0 < version < 4:
            _upgrade_to_4(conn)
        if 0 < version < 5:
            _upgrade_to_5(conn)
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return database


def _add_missing_indexes(conn: Connection) -> None:
    # create_all adds new tables but never new indexes to tables an older version created.
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def _upgrade_to_3(conn: Connection) -> None:
    # create_all never adds columns to an existing table.
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(reviewers)")}
    if "revoked_at" not in columns:
        conn.exec_driver_sql("ALTER TABLE reviewers ADD COLUMN revoked_at DATETIME")
    # Leases taken before grants were recorded still count as held by their holder.
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO lease_grants (case_id, reviewer_id, granted_at) "
        "SELECT id, lease_holder, CURRENT_TIMESTAMP FROM cases WHERE lease_holder IS NOT NULL"
    )


def _upgrade_to_4(conn: Connection) -> None:
    # Older decisions were all final at once and neither approve nor reverse anything.
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(decisions)")}
    for name, ddl in (("pending", "BOOLEAN NOT NULL DEFAULT 0"),
                      ("approves", "VARCHAR(200)"), ("reverses", "VARCHAR(200)")):
        if name not in columns:
            conn.exec_driver_sql(f"ALTER TABLE decisions ADD COLUMN {name} {ddl}")


def _upgrade_to_5(conn: Connection) -> None:
    for table, name, ddl in (("reviewers", "password_hash", "VARCHAR(300)"),
                             ("decisions", "guideline_version", "VARCHAR(64) NOT NULL DEFAULT ''")):
        columns = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        if name not in columns:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}")


def _make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        # Endpoints run on a thread pool; a connection may be used by another thread later.
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=8,
        max_overflow=16,
        # Bound values are case text, notes and token hashes: keep them out of SQL logging and
        # out of the messages of database errors (which end up in the server log).
        hide_parameters=True,
        logging_name=_ENGINE_LOGGING_NAME,
    )
    _drop_row_logging()
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class _NoRows(logging.Filter):
    """Keep SQL statements loggable but never result rows: rows are case text and notes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG  # SQLAlchemy logs rows (only) at DEBUG


def _drop_row_logging() -> None:
    logger = logging.getLogger(f"sqlalchemy.engine.Engine.{_ENGINE_LOGGING_NAME}")
    if not any(isinstance(existing, _NoRows) for existing in logger.filters):
        logger.addFilter(_NoRows())


def _on_connect(dbapi_connection, _record) -> None:
    # Take BEGIN out of pysqlite's hands so _on_begin can choose DEFERRED or IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: an acknowledged decision must survive a power cut, it is the whole point of the API.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("sqlite_begin_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
