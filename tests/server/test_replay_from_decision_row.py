"""An accepted or pending decision is replayed from its own row: the row holds the request's
hash, so no idempotency record is written for it, and a retry gets the same bytes back (a
changed body still 422 `idempotency_key_reused`). Other stored answers keep their record.
alice is a reviewer; case-00002's author is high-profile, so her enforcement there waits."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from sqlalchemy import select

from server.store.schema import SCHEMA_VERSION, decisions, idempotency_keys

HIGH_PROFILE, ORDINARY, OTHER = "case-00002", "case-00006", "case-awkward-html"


def _keyed(server_db) -> set[str]:
    with server_db.read() as conn:
        return set(conn.execute(select(idempotency_keys.c.key)).scalars())


def _hashes(server_db) -> dict[str, str | None]:
    with server_db.read() as conn:
        return dict(conn.execute(select(decisions.c.decision_id, decisions.c.request_hash)).all())


def _bodies(decision_body) -> list[dict]:
    """Accepted, escalated, pending; then a second final decision on the first case: 409."""
    return [decision_body(ORDINARY, "remove", note="quitar — ünïcode ✓\n", guideline_version="v7"),
            decision_body(OTHER, "escalate", note="needs a specialist"),
            decision_body(HIGH_PROFILE, "remove", note="plan: remove and warn"),
            decision_body(ORDINARY, "no_violation")]


def _assert_replays(client, bodies, answers, post_decision) -> None:
    for body, answer in zip(bodies, answers, strict=True):
        again = post_decision(client, dict(reversed(body.items())))  # key order does not count
        assert (again.status_code, again.content) == (answer.status_code, answer.content)
        for changed in ({**body, "note": "something else"}, {**body, "action": "bogus"}):
            reused = post_decision(client, changed, key=body["decision_id"])
            assert (reused.status_code, reused.json()) == (422, {"error": "idempotency_key_reused"})


def test_the_single_endpoint_replays_accepted_decisions_from_their_rows(
        client_for, server_db, decision_body, post_decision):
    alice = client_for("alice")
    bodies = _bodies(decision_body)
    answers = [post_decision(alice, body) for body in bodies]
    assert [(a.status_code, a.json().get("status")) for a in answers] == [
        (201, "accepted"), (201, "accepted"), (201, "pending_approval"), (409, None)]
    assert _keyed(server_db) == {bodies[3]["decision_id"]}  # only the conflict has a record
    hashes = _hashes(server_db)
    assert all(len(hashes[body["decision_id"]]) == 64 for body in bodies[:3])
    _assert_replays(alice, bodies, answers, post_decision)
    assert len(_hashes(server_db)) == 3  # nothing recorded twice


def test_a_batch_replays_accepted_decisions_from_their_rows(
        client_for, server_db, decision_body, post_batch, post_decision):
    alice = client_for("alice")
    bodies = _bodies(decision_body)
    first = post_batch(alice, bodies)
    results = first.json()["results"]
    assert [(r["status"], r["body"].get("status")) for r in results] == [
        (201, "accepted"), (201, "accepted"), (201, "pending_approval"), (409, None)]
    assert _keyed(server_db) == {bodies[3]["decision_id"]}
    again = post_batch(alice, bodies)  # answered without the write lock (record.py)
    assert again.content == first.content
    for body, result in zip(bodies, results, strict=True):  # and one at a time, the same
        single = post_decision(alice, body)
        assert (single.status_code, single.json()) == (result["status"], result["body"])
    changed = post_batch(alice, [{**bodies[0], "note": "another note"}]).json()["results"]
    assert (changed[0]["status"], changed[0]["body"]) == (422, {"error": "idempotency_key_reused"})
    mixed = post_batch(alice, [bodies[1], decision_body(OTHER, "escalate", note="again")])
    assert [r["status"] for r in mixed.json()["results"]] == [201, 201]
    assert mixed.json()["results"][0] == results[1]


def test_a_decision_recorded_before_version_12_replays_from_its_key(
        server, client_for, sqlite_path, decision_body, post_decision):
    """A version-11 file kept every answer under its key; migrated, it still replays them."""
    body = decision_body(ORDINARY, "remove")
    answer = post_decision(client_for("alice"), body)
    server.stop()
    with closing(sqlite3.connect(sqlite_path)) as raw:  # as version 11 wrote it
        raw.execute("INSERT INTO idempotency_keys SELECT decision_id, request_hash, 201, ?, "
                    "recorded_at FROM decisions", (answer.content,))
        raw.execute("ALTER TABLE decisions DROP COLUMN request_hash")
        raw.execute("PRAGMA user_version = 11")
        raw.commit()
    server.start()
    with closing(sqlite3.connect(sqlite_path)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("SELECT request_hash FROM decisions").fetchall() == [(None,)]
    _assert_replays(client_for("alice"), [body], [answer], post_decision)
