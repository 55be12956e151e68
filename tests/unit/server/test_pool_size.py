"""The server's connection pool size: 24 by default, REVIEWER_DB_POOL_SIZE where several workers
would pass PostgreSQL's connection limit, and a bad value refused by name."""

from __future__ import annotations

import pytest

from server.store.database import DEFAULT_POOL_SIZE, Database, pool_size_setting


def test_the_pool_size_setting(monkeypatch, tmp_path):
    monkeypatch.delenv("REVIEWER_DB_POOL_SIZE", raising=False)
    assert pool_size_setting() == DEFAULT_POOL_SIZE == 24
    monkeypatch.setenv("REVIEWER_DB_POOL_SIZE", "8")
    database = Database(tmp_path / "central.sqlite3")
    try:
        assert database.engine.pool.size() == 8
    finally:
        database.close()
    for bad in ("0", "many", "-3", "101"):
        monkeypatch.setenv("REVIEWER_DB_POOL_SIZE", bad)
        with pytest.raises(ValueError, match="REVIEWER_DB_POOL_SIZE"):
            pool_size_setting()


def test_a_sqlite_write_after_a_read_that_overlapped_one_takes_the_warm_connection(tmp_path):
    """A request that reads while a batch writes (the pipelined push) gives its connection
    back first; the next write must still get the writer's, whose page cache is warm (SQLite
    drops a connection's cache whole when another one has written)."""
    database = Database(tmp_path / "central.sqlite3")
    try:
        with database.write() as writing:
            writer = writing.connection.dbapi_connection
            with database.read() as reading:
                assert reading.connection.dbapi_connection is not writer
        with database.write() as next_write:
            assert next_write.connection.dbapi_connection is writer
    finally:
        database.close()
