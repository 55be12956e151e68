"""Opening the server database (SQLite file or PostgreSQL URL) and running transactions on it.

Two back ends, one code. SQLite is the embedded default (demo, tests, a one-machine team): one
process, so writes are serialized by a process-wide lock plus `BEGIN IMMEDIATE`, and two
decisions on one case simply run one after the other. PostgreSQL is the organisation's shape:
several API processes on several hosts, so nothing may rely on a process lock. There, writes
run at READ COMMITTED and take the row locks they need (claims skip locked rows, a decision
locks its case row, an idempotency key is locked by its hash), and the tables read with a
cursor (`changes`, `audit_log`, `guidelines`) hand out seqs under one transaction-scoped
advisory lock, so seqs become visible in increasing order and a cursor never skips a row.

Reads are one consistent snapshot on both: WAL on SQLite, REPEATABLE READ on PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic_core import to_json
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

from server.store.feeds import (  # noqa: F401  lock_feeds: guidelines.py imports it here
    begin_pending, end_pending, forget_rolled_back_rows, lock_feeds, write_pending,
)
from server.store.migrations import migrate
from server.store.request_timing import note_transaction

_WRITE_LOCK = threading.Lock()  # process-wide: several Database objects may share one file
_ENGINE_LOGGING_NAME = "central_api"  # our engines log to sqlalchemy.engine.Engine.central_api
# Transaction-scoped advisory lock keys (PostgreSQL). The one-bigint key space is apart from
# the two-int4 one that idempotency keys use (decisions.py).
IDEMPOTENCY_LOCK_CLASS = 0x1D3  # pg_advisory_xact_lock(class, hashtext(key))


def database_url(target: str | Path) -> URL:
    """A SQLAlchemy URL (`postgresql+psycopg://...`, `sqlite:///...`) or a SQLite file path."""
    if isinstance(target, str) and "://" in target:
        url = make_url(target)
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise ValueError(f"unsupported database {url.get_backend_name()!r}: "
                             "a SQLite file or a postgresql+psycopg:// URL")
        if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")  # the driver we install
        return url
    return make_url(f"sqlite:///{Path(target)}")


def describe(target: str | Path) -> str:
    """The database for a log line: a file path, or a URL without its password."""
    url = database_url(target)
    return url.database if url.get_backend_name() == "sqlite" else url.render_as_string()


class Database:
    """One server database, with `read()` and `write()` transaction context managers."""

    def __init__(self, target: str | Path) -> None:
        self.url = database_url(target)
        self.dialect = self.url.get_backend_name()
        self.engine = _make_engine(self.url)

    @property
    def is_postgresql(self) -> bool:
        return self.dialect == "postgresql"

    @contextmanager
    def read(self) -> Iterator[Connection]:
        asked = time.perf_counter()
        with self.engine.connect() as conn:
            note_transaction(time.perf_counter() - asked)
            if self.is_postgresql:  # one snapshot for every statement, as under SQLite's WAL
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed on normal exit, rolled back on error."""
        asked = time.perf_counter()
        if self.is_postgresql:
            with self.engine.connect() as conn:
                note_transaction(time.perf_counter() - asked)
                conn.info.pop("feed_locked", None)  # what this transaction holds so far
                conn.info.pop("locked_keys", None)
                begin_pending(conn)  # feed rows wait for the end (feeds.py)
                try:
                    with conn.begin():
                        yield conn
                        write_pending(conn)
                finally:
                    end_pending(conn)
            return
        with _WRITE_LOCK, self.engine.connect() as conn:
            note_transaction(time.perf_counter() - asked)
            conn.execution_options(sqlite_begin_immediate=True)
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()


def lock_idempotency_key(conn: Connection, key: str) -> None:
    """Serialize requests that carry the same idempotency key (PostgreSQL; SQLite already is):
    the second one waits for the first to commit, then finds and replays its answer."""
    if conn.dialect.name == "postgresql" and key not in conn.info.get("locked_keys", ()):
        conn.execute(text("SELECT pg_advisory_xact_lock(:cls, hashtext(:key))"),
                     {"cls": IDEMPOTENCY_LOCK_CLASS, "key": key})


def lock_batch(conn: Connection, keys: list[str], case_ids: list[str | None]) -> None:
    """Take a batch's key locks, then its case row locks, each in one sorted order, before it
    writes anything (PostgreSQL): two batches sharing cases then queue up instead of each
    holding what the other waits for (one of them would be cancelled as a deadlock)."""
    if conn.dialect.name != "postgresql":
        return
    wanted_keys = sorted({key for key in keys if key})
    conn.execute(text(
        "SELECT pg_advisory_xact_lock(:cls, h) FROM (SELECT DISTINCT hashtext(k) AS h "
        "FROM unnest(CAST(:keys AS text[])) AS k ORDER BY h) AS ordered"),
        {"cls": IDEMPOTENCY_LOCK_CLASS, "keys": wanted_keys})
    conn.info["locked_keys"] = set(wanted_keys)  # held to commit: no need to ask again
    wanted = sorted({case_id for case_id in case_ids if case_id})
    if wanted:
        conn.execute(text("SELECT id FROM cases WHERE id = ANY(CAST(:ids AS text[])) "
                          "ORDER BY id FOR UPDATE"), {"ids": wanted})


def open_database(target: str | Path, *, migrate_schema: bool = True) -> Database:
    """Open the server database at `target` (a path or a URL), bringing its schema up to date
    (or, with `migrate_schema=False`, refusing an out-of-date one: SchemaOutOfDate)."""
    database = Database(target)
    try:
        with database.write() as conn:
            migrate(conn, apply=migrate_schema)
    except Exception:
        database.close()
        raise
    return database


DEFAULT_POOL_SIZE = 24  # the endpoints' thread pool: more connections could never be in use


def pool_size_setting() -> int:
    """REVIEWER_DB_POOL_SIZE (1–100), else DEFAULT_POOL_SIZE; a bad value is refused by name."""
    raw = os.environ.get("REVIEWER_DB_POOL_SIZE", "").strip()
    if not raw:
        return DEFAULT_POOL_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= 100:
        raise ValueError(f"REVIEWER_DB_POOL_SIZE must be a whole number from 1 to 100, not {raw!r}")
    return int(raw)


def _make_engine(url: URL) -> Engine:
    options = dict(
        # As many connections as the endpoints' thread pool lets run at once, all kept: an
        # overflow connection is closed on return, and under load that meant a new PostgreSQL
        # backend (a fork, a handshake) for most transactions.
        # Several workers each keep their own: workers × pool must stay under PostgreSQL's
        # max_connections (100 by default), so REVIEWER_DB_POOL_SIZE lowers it where needed.
        pool_size=pool_size_setting(),
        max_overflow=0,
        # Bound values are case text, notes and token hashes: keep them out of SQL logging and
        # out of the messages of database errors (which end up in the server log).
        hide_parameters=True,
        logging_name=_ENGINE_LOGGING_NAME,
        # JSON columns (feed data, audit details...) written compact by pydantic-core (already
        # a dependency) rather than json.dumps: several times faster, and a decision batch
        # writes two such values per decision. Read back with json.loads, equal either way.
        json_serializer=_json_text,
    )
    if url.get_backend_name() == "sqlite":
        # Endpoints run on a thread pool; a connection may be used by another thread later.
        options["connect_args"] = {"check_same_thread": False, "timeout": 30}
        # The connection given back last is handed out next. A connection keeps its page cache
        # only while no other one writes (a change seen in the log drops it whole), and with a
        # request waiting while a batch writes (the pipelined push), the oldest connection
        # first alternated the writes between two, each starting cold.
        options["pool_use_lifo"] = True
    else:
        options["pool_pre_ping"] = True  # a restarted PostgreSQL must not cost one 500 each
    engine = create_engine(url, **options)
    if url.get_backend_name() == "postgresql":
        forget_rolled_back_rows(engine)
    _drop_row_logging()
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _json_text(value: object) -> str:
    return to_json(value).decode("utf-8")


class _NoRows(logging.Filter):
    """Keep SQL statements loggable but never result rows: rows are case text and notes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG  # SQLAlchemy logs rows (only) at DEBUG


def _drop_row_logging() -> None:
    logger = logging.getLogger(f"sqlalchemy.engine.Engine.{_ENGINE_LOGGING_NAME}")
    if not any(isinstance(existing, _NoRows) for existing in logger.filters):
        logger.addFilter(_NoRows())


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # Take BEGIN out of pysqlite's hands so _on_sqlite_begin can choose DEFERRED or IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: an acknowledged decision must survive a power cut, it is the whole point of the API.
    cursor.execute("PRAGMA synchronous=FULL")
    # A checkpoint runs inside the commit that fills the log past this many pages. A batch of
    # 500 decisions writes about 630 log pages (random keys in every index), so at SQLite's
    # default of 1,000 nearly every other batch also checkpointed; most pages repeat from batch
    # to batch, so at 10,000 (40 MB of log, about 16 batches) a checkpoint writes them back
    # once for many batches.
    cursor.execute("PRAGMA wal_autocheckpoint=10000")
    # A batch of 500 decisions touches pages all over its tables and indexes, more than SQLite's
    # default cache holds (2 MB, ~500 pages): it reads dropped pages again (a pread each) and
    # spills dirty ones to the log before the commit writes them once more. At 8 MB a process
    # draining 10,000 decisions (setup included) makes 10,300 preads and 62,000 pwrites instead
    # of 48,000 and 78,000 (strace -c). The cache fills only as pages are read.
    cursor.execute("PRAGMA cache_size=-8192")
    # An UPDATE of many cases that sets an indexed column (status) keeps a statement journal
    # (each page it changes, as it was) until it ends; on a file, 500 decisions wrote ~500
    # pages of it, two pwrites a page, on top of the log. In memory it costs a copy a page.
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("sqlite_begin_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
