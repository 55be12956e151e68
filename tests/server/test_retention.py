"""Idempotency keys are kept for the retention period (default 7 days), then purged.

An accepted decision keeps no idempotency record (its row replays it): the records here are
409s, a second final decision on a case already decided."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select, update

from server.app import create_app
from server.runner import ServerThread
from server.store.schema import decisions, idempotency_keys
from server.timeutil import utcnow

CASE, OTHER_CASE = "case-awkward-html", "case-awkward-long-text"


def _age_key(server_db, key: str, days: float) -> None:
    with server_db.write() as conn:
        conn.execute(update(idempotency_keys).where(idempotency_keys.c.key == key)
                     .values(created_at=utcnow() - timedelta(days=days)))


def _forget_hash(server_db, decision_id: str) -> None:
    """As a decision recorded before its row held the hash, whose key has been purged."""
    with server_db.write() as conn:
        conn.execute(update(decisions).where(decisions.c.decision_id == decision_id)
                     .values(request_hash=None))


def _key_count(server_db) -> int:
    with server_db.read() as conn:
        return conn.execute(select(func.count()).select_from(idempotency_keys)).scalar_one()


def test_keys_past_retention_are_purged_at_start_up(server, client_for, server_db,
                                                     decision_body, post_decision):
    alice = client_for("alice")
    for case_id in (CASE, OTHER_CASE):
        assert post_decision(alice, decision_body(case_id, "remove")).status_code == 201
    old, recent = decision_body(CASE, "remove"), decision_body(OTHER_CASE, "remove")
    post_decision(alice, old)
    recent_answer = post_decision(alice, recent)
    assert recent_answer.status_code == 409
    _age_key(server_db, old["decision_id"], days=7.5)
    _age_key(server_db, recent["decision_id"], days=6.5)
    server.stop()
    server.start()
    with server_db.read() as conn:
        kept_keys = conn.execute(select(idempotency_keys.c.key)).scalars().all()
    assert kept_keys == [recent["decision_id"]]
    kept = post_decision(client_for("alice"), recent)
    assert (kept.status_code, kept.content) == (409, recent_answer.content)


def test_a_retry_after_its_key_was_purged_still_replays(server, client_for, server_db,
                                                        decision_body, post_decision,
                                                        post_batch):
    """A decision recorded before its row held the request's hash outlives its key: a late
    retry gets its 201 back, not a 5xx from the unique decision_id (an escalation leaves the
    case open, so it would get that far)."""
    alice, lena = client_for("alice"), client_for("lena")
    final, escalation = decision_body(CASE, "remove"), decision_body(OTHER_CASE, "escalate")
    answers = [post_decision(alice, body) for body in (final, escalation)]
    for body in (final, escalation):
        _forget_hash(server_db, body["decision_id"])
    server.stop()
    server.start()
    alice = client_for("alice")
    for body, answer in zip((final, escalation), answers, strict=True):
        again = post_decision(alice, body)
        assert (again.status_code, again.content) == (201, answer.content)
    changed = post_batch(alice, [{**escalation, "note": "another note"}]).json()["results"]
    assert (changed[0]["status"], changed[0]["body"]) == (422, {"error": "idempotency_key_reused"})
    recorded = lena.get("/v1/decisions").json()["decisions"]
    assert [d["decision_id"] for d in recorded] == [final["decision_id"], escalation["decision_id"]]


def test_purge_runs_every_n_decisions(db_path, seeded_template, server_db, decision_body,
                                      post_decision, post_batch):
    days_ahead = [0]  # the purge's clock, moved by the test
    options = {"key_purge_every": 3, "clock": lambda: utcnow() + timedelta(days=days_ahead[0])}
    headers = {"Authorization": f"Bearer {seeded_template.tokens['alice']}"}
    with ServerThread(db_path, app_options=options) as running, \
            httpx.Client(base_url=running.url, headers=headers) as alice:
        assert post_decision(alice, decision_body(CASE, "remove")).status_code == 201
        assert post_decision(alice, decision_body(CASE, "remove")).status_code == 409
        assert _key_count(server_db) == 1
        days_ahead[0] = 8
        # The third decision sets off a purge, with the clock 8 days on.
        assert post_decision(alice, decision_body(CASE, "remove")).status_code == 409
        assert _key_count(server_db) == 0
        # Batch items count one each.
        post_batch(alice, [decision_body(CASE, "remove") for _ in range(3)])
        assert _key_count(server_db) == 0


def test_retention_comes_from_the_argument_or_the_environment(db_path, monkeypatch):
    def retention_of(**kwargs) -> timedelta:
        app = create_app(db_path, **kwargs)
        app.state.database.close()
        return app.state.key_retention.retention

    monkeypatch.delenv("REVIEWER_KEY_RETENTION_DAYS", raising=False)
    assert retention_of() == timedelta(days=7)
    monkeypatch.setenv("REVIEWER_KEY_RETENTION_DAYS", "30")
    assert retention_of() == timedelta(days=30)
    assert retention_of(key_retention_days=10) == timedelta(days=10)
    for bad in ("soon", "0", "-1"):
        monkeypatch.setenv("REVIEWER_KEY_RETENTION_DAYS", bad)
        with pytest.raises(ValueError, match="REVIEWER_KEY_RETENTION_DAYS|positive"):
            retention_of()


def test_api_processes_on_one_database_purge_as_often_as_one(db_path, backend, seeded_template,
                                                             server_db, decision_body,
                                                             post_decision):
    """Decisions spread over two API processes on one PostgreSQL count toward one purge: N
    workers counting apart would each wait for their own `purge_every`."""
    if backend != "postgresql":
        pytest.skip("SQLite serves from one process")
    days_ahead = [0]
    options = {"key_purge_every": 4, "clock": lambda: utcnow() + timedelta(days=days_ahead[0])}
    headers = {"Authorization": f"Bearer {seeded_template.tokens['alice']}"}
    with ServerThread(db_path, app_options=options) as one, \
            ServerThread(db_path, app_options=options) as other, \
            httpx.Client(base_url=one.url, headers=headers) as first, \
            httpx.Client(base_url=other.url, headers=headers) as second:
        for client, status in ((first, 201), (second, 409), (first, 409)):
            assert post_decision(client, decision_body(CASE, "remove")).status_code == status
        assert _key_count(server_db) == 2
        days_ahead[0] = 8
        assert post_decision(second, decision_body(CASE, "remove")).status_code == 409
        assert _key_count(server_db) == 0  # the fourth decision, on either, purged them all
