"""A transaction the database cancels (a lock wait given up, a deadlock broken, a failover) is
answered 503 with Retry-After, which clients retry with backoff: it was rolled back whole, so
the retry is safe. A 500 would read as a bug in the request."""

from __future__ import annotations

import httpx
import psycopg
import pytest

from server.runner import ServerThread

CASE = "case-awkward-html"


def test_a_cancelled_transaction_is_a_retryable_503(db_path, backend, seeded_template,
                                                     decision_body, post_decision,
                                                     postgres_cluster):
    if backend != "postgresql":
        pytest.skip("SQLite waits for its one writer instead (busy_timeout)")
    name = db_path.rsplit("/", 1)[1]
    postgres_cluster.execute(f"ALTER DATABASE {name} SET lock_timeout = '300ms'")
    dsn = db_path.replace("postgresql+psycopg", "postgresql")
    body = decision_body(CASE, "remove")
    headers = {"Authorization": f"Bearer {seeded_template.tokens['alice']}"}
    with ServerThread(db_path) as server, \
            httpx.Client(base_url=server.url, headers=headers, timeout=10) as alice:
        with psycopg.connect(dsn) as holder:  # another process holds the case row
            holder.execute("SELECT id FROM cases WHERE id = %s FOR UPDATE", (CASE,))
            refused = post_decision(alice, body)
        assert (refused.status_code, refused.json()) == (503, {"error": "unavailable"})
        assert refused.headers["retry-after"] == "1"
        accepted = post_decision(alice, body)  # the retry, once the row is free
        assert accepted.status_code == 201
        assert alice.get(f"/v1/cases/{CASE}").json()["status"] == "decided"
