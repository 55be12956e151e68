"""Server-Timing (server/store/request_timing.py): only when asked for, and it adds up."""

from __future__ import annotations

import httpx

from server.runner import ServerThread
from server.store.request_timing import ENV_VAR, RequestTiming, parse_header


def test_the_header_reads_back():
    timing = RequestTiming(sql_s=0.004, statements=7, transactions=2, wait_s=0.001)
    assert parse_header(timing.header(0.010).decode()) == {
        "app": 10.0, "sql": 4.0, "wait": 1.0, "stmt": 7.0, "txn": 2.0}
    assert parse_header("") == {}


def test_a_claim_tells_its_statements_and_transactions_when_asked(db_path, seeded_template,
                                                                  monkeypatch):
    headers = {"Authorization": f"Bearer {seeded_template.tokens['alice']}"}
    monkeypatch.setenv(ENV_VAR, "1")
    with ServerThread(db_path) as server:
        claimed = httpx.post(f"{server.url}/v1/queues/appeals/claim", json={"count": 2},
                             headers=headers)
    assert claimed.status_code == 200
    figures = parse_header(claimed.headers["server-timing"])
    assert figures["stmt"] >= 3 and figures["txn"] >= 1  # at least the token, the claim
    assert 0 <= figures["sql"] <= figures["app"] and figures["wait"] <= figures["app"]


def test_no_timings_leave_the_server_unless_asked(db_path, seeded_template, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    headers = {"Authorization": f"Bearer {seeded_template.tokens['alice']}"}
    with ServerThread(db_path) as server:
        answered = httpx.get(f"{server.url}/v1/me", headers=headers)
    assert answered.status_code == 200 and "server-timing" not in answered.headers


def test_one_lookup_serves_the_rate_limiter_and_authentication(db_path, seeded_template,
                                                               monkeypatch):
    """The limiter looks the token up and leaves the reviewer for authentication: one
    transaction for GET /v1/me, not one each."""
    headers = {"Authorization": f"Bearer {seeded_template.tokens['alice']}"}
    monkeypatch.setenv(ENV_VAR, "1")
    with ServerThread(db_path) as server:
        me = httpx.get(f"{server.url}/v1/me", headers=headers)
        unknown = httpx.get(f"{server.url}/v1/me", headers={"Authorization": "Bearer nobody"})
    assert me.json() == {"name": "alice", "role": "reviewer"}
    assert parse_header(me.headers["server-timing"])["txn"] == 1
    assert unknown.status_code == 401
