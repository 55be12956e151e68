"""Who may do what: tokens on every route, queue assignments, the case rule, revocation."""

from __future__ import annotations

import base64
import sqlite3
import uuid
from contextlib import closing
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from server.auth.accounts import add_reviewer, assign_queues, revoke_reviewer
from server.app import create_app
from server.auth.tokens import hash_token
from server.store.database import open_database
from server.store.schema import SCHEMA_VERSION, cases, lease_grants
from server.timeutil import utcnow

QUEUE = "appeals"
OPEN_ROUTES = {"/v1/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc",
               "/v1/login"}  # signing in is how a token is had (tests/server/test_login.py)
NOT_YOURS = {"error": "not_your_case"}


def _claim(client, queue_id: str = QUEUE, count: int = 1) -> list[str]:
    response = client.post(f"/v1/queues/{queue_id}/claim", json={"count": count})
    assert response.status_code == 200, response.text
    return [case["id"] for case in response.json()["cases"]]


def _expire(server_db, case_id: str) -> None:
    with server_db.write() as conn:
        conn.execute(update(cases).where(cases.c.id == case_id)
                     .values(lease_expires_at=utcnow() - timedelta(minutes=1)))


def _routes(routes) -> list[tuple[str, str]]:
    """(method, path) of every route, through FastAPI's lazily included routers."""
    found = []
    for route in routes:
        if hasattr(route, "effective_route_contexts"):  # an included router (FastAPI >= 0.13x)
            found += _routes(route.effective_route_contexts())
        else:
            found += [(method, route.path) for method in sorted(route.methods or ())]
    return found


def test_every_route_but_health_and_docs_needs_a_token(tmp_path, reader_for):
    app = create_app(tmp_path / "routes.sqlite3")
    try:
        routes = [(m, p) for m, p in _routes(app.routes) if m != "HEAD"]
    finally:
        app.state.database.close()
    spec_paths = set(reader_for(None).get("/openapi.json").json()["paths"])
    assert {path for _, path in routes} == spec_paths | OPEN_ROUTES
    anonymous = reader_for(None)
    for method, path in routes:
        if path in OPEN_ROUTES:
            continue
        concrete = path.replace("{sha256}", "0" * 64).replace("{case_id}", "case-awkward-html")
        concrete = concrete.replace("{queue_id}", QUEUE)
        response = anonymous.request(method, concrete, json={})
        assert (method, path, response.status_code) == (method, path, 401)
        assert response.json() == {"error": "unauthorized"}


def test_assignment_narrows_queues_and_claims(client_for, db_path):
    alice = client_for("alice")
    assign_queues(db_path, "alice", [QUEUE])
    assert [q["id"] for q in alice.get("/v1/queues").json()["queues"]] == [QUEUE]
    refused = alice.post("/v1/queues/hate_harassment/claim", json={"count": 1})
    assert (refused.status_code, refused.json()) == (403, {"error": "not_your_queue"})
    assert _claim(alice)
    # Seniors are not limited by assignments, and None gives every queue back.
    assign_queues(db_path, "sam", [QUEUE])
    assert len(client_for("sam").get("/v1/queues").json()["queues"]) == 5
    assign_queues(db_path, "alice", None)
    assert len(alice.get("/v1/queues").json()["queues"]) == 5


def test_assignment_rejects_unknown_names_and_queues(db_path):
    with pytest.raises(ValueError, match="nope"):
        assign_queues(db_path, "alice", [QUEUE, "nope"])
    with pytest.raises(ValueError):
        assign_queues(db_path, "alice", [])
    with pytest.raises(LookupError):
        assign_queues(db_path, "nobody", [QUEUE])


def test_case_outside_the_assigned_queues_is_not_yours(client_for, db_path, decision_body,
                                                       post_decision):
    alice = client_for("alice")
    assign_queues(db_path, "alice", [QUEUE])
    case_id = "case-awkward-html"  # hate_harassment
    assert (alice.get(f"/v1/cases/{case_id}").status_code, alice.get(
        f"/v1/cases/{case_id}").json()) == (403, NOT_YOURS)
    body = decision_body(case_id)
    refused = post_decision(alice, body)
    assert (refused.status_code, refused.json()) == (403, NOT_YOURS)
    assert client_for("sam").get(f"/v1/cases/{case_id}").status_code == 200
    # A 403 is not stored under the key: once assigned, the same request goes through.
    assign_queues(db_path, "alice", [QUEUE, "hate_harassment"])
    assert post_decision(alice, body).status_code == 201


def test_media_follows_the_case_it_belongs_to(client_for, db_path):
    lena, alice, bob = client_for("lena"), client_for("alice"), client_for("bob")
    unique = f"not an image {uuid.uuid4()}".encode()
    created = lena.post("/v1/cases", json={
        "queue_id": "hate_harassment", "text": "media test",
        "media": [{"data_base64": base64.b64encode(unique).decode(), "mime": "image/png",
                   "category": "benign", "label": "Synthetic"}]}).json()
    sha256 = created["media"][0]["sha256"]
    assign_queues(db_path, "alice", [QUEUE])
    refused = alice.get(f"/v1/media/{sha256}")
    assert (refused.status_code, refused.json()) == (403, NOT_YOURS)
    assert bob.get(f"/v1/media/{sha256}").content == unique
    assert client_for("sam").get(f"/v1/media/{sha256}").status_code == 200
    _claim(bob, "hate_harassment", 200)  # bob's live lease: now alice has no way in either
    assign_queues(db_path, "alice", None)
    assert alice.get(f"/v1/media/{sha256}").status_code == 403


def test_live_lease_of_another_keeps_reviewers_out_but_not_seniors(client_for, decision_body,
                                                                  post_decision):
    alice, bob, sam = client_for("alice"), client_for("bob"), client_for("sam")
    [case_id] = _claim(bob)
    assert alice.get(f"/v1/cases/{case_id}").status_code == 403
    refused = post_decision(alice, decision_body(case_id))
    assert (refused.status_code, refused.json()) == (403, NOT_YOURS)
    assert sam.get(f"/v1/cases/{case_id}").status_code == 200
    assert post_decision(sam, decision_body(case_id)).status_code == 201


def test_expired_lease_of_another_does_not_keep_reviewers_out(client_for, server_db,
                                                              decision_body, post_decision):
    alice, bob = client_for("alice"), client_for("bob")
    [case_id] = _claim(bob)
    _expire(server_db, case_id)
    assert post_decision(alice, decision_body(case_id)).status_code == 201


def test_offline_decision_on_a_lease_taken_since_is_accepted(client_for, server_db, db_path,
                                                             decision_body, post_decision):
    alice, bob = client_for("alice"), client_for("bob")
    [case_id] = _claim(alice)
    _expire(server_db, case_id)  # alice went offline past the 30 minutes...
    assert _claim(bob) == [case_id]  # ...and bob was handed the case
    assign_queues(db_path, "alice", ["graphic_media"])  # even moved to another queue since
    assert alice.get(f"/v1/cases/{case_id}").status_code == 200
    assert post_decision(alice, decision_body(case_id)).status_code == 201
    late = post_decision(bob, decision_body(case_id, "no_violation"))
    assert late.status_code == 409  # bob held it too: he learns who won


def test_escalation_hands_the_case_on(client_for, db_path, decision_body, post_decision):
    alice = client_for("alice")
    assign_queues(db_path, "alice", [QUEUE])
    [case_id] = _claim(alice)
    assert post_decision(alice, decision_body(case_id, "escalate")).status_code == 201
    # Now in `escalations`, which alice does not work; her old lease gives her no way back.
    assert alice.get(f"/v1/cases/{case_id}").status_code == 403
    assert post_decision(alice, decision_body(case_id)).status_code == 403


def test_batch_item_that_is_not_yours_is_answered_alone(client_for, decision_body, post_batch):
    alice, bob = client_for("alice"), client_for("bob")
    [taken] = _claim(bob)
    [mine] = _claim(alice)
    results = post_batch(alice, [decision_body(taken), decision_body(mine)]).json()["results"]
    assert [(r["status"], r["body"].get("error")) for r in results] == [
        (403, "not_your_case"), (201, None)]


def test_revoked_token_stops_working_and_its_leases_go_back(client_for, db_path):
    alice, bob = client_for("alice"), client_for("bob")
    held = _claim(alice, count=200)
    assert revoke_reviewer(db_path, "alice") == 1
    gone = alice.get("/v1/me")
    assert (gone.status_code, gone.json()) == (401, {"error": "unauthorized"})
    assert sorted(_claim(bob, count=200)) == sorted(held)
    with pytest.raises(LookupError):
        revoke_reviewer(db_path, "alice")  # no active account of that name any more
    # Adding the name again is how a reviewer gets a new token.
    fresh = add_reviewer(db_path, "alice", "reviewer")
    with httpx.Client(base_url=alice.base_url, headers={"Authorization": f"Bearer {fresh}"}) as c:
        assert c.get("/v1/me").json() == {"name": "alice", "role": "reviewer"}


def test_tokens_are_stored_only_as_hashes(sqlite_path, server_db, seeded_template):
    token = add_reviewer(sqlite_path, "hashed", "reviewer")
    stored = b"".join(path.read_bytes() for path in sqlite_path.parent.iterdir()
                      if path.name.startswith(sqlite_path.name))
    for raw in (token, *seeded_template.tokens.values()):
        assert raw.encode() not in stored
    assert hash_token(token).encode() in stored


def test_version_2_database_gains_authorization_tables(sqlite_path):
    db_path = sqlite_path
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute("UPDATE cases SET lease_holder = 1, lease_expires_at = '2000-01-01 00:00:00'"
                    " WHERE id = 'case-awkward-html'")
        for statement in ("DROP TABLE reviewer_queues", "DROP TABLE lease_grants",
                          "DROP TABLE audit_log", "ALTER TABLE reviewers DROP COLUMN revoked_at",
                          "PRAGMA user_version = 2"):
            raw.execute(statement)
        raw.commit()
    database = open_database(db_path)
    try:
        with database.read() as conn:
            assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == SCHEMA_VERSION
            # The lease taken before the upgrade still counts as held by its holder.
            assert conn.execute(select(lease_grants.c.case_id, lease_grants.c.reviewer_id)
                                ).all() == [("case-awkward-html", 1)]
    finally:
        database.close()
    revoke_reviewer(db_path, "alice")  # needs the new column
