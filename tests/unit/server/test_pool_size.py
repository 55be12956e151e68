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
