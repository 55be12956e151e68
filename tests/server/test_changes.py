"""GET /v1/changes and the lead endpoints that feed it (priority, delete, withdraw)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from sqlalchemy import select

from server.store.database import open_database
from server.store.schema import SCHEMA_VERSION, changes

# DECIDED has an author who is not high-profile: alice's enforcement there is final at once.
PRIORITY, DECIDED, ESCALATED, WITHDRAWN, DELETED = (
    "case-00001", "case-00006", "case-00003", "case-00004", "case-00005")


def _raw_sql(path, *statements: str) -> None:
    """Statements on a plain sqlite3 connection, outside the server's code."""
    with closing(sqlite3.connect(path)) as raw:
        for statement in statements:
            raw.execute(statement)
        raw.commit()


def _feed(client, **params) -> dict:
    response = client.get("/v1/changes", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_each_state_change_writes_its_change_in_order(client_for, decision_body, post_decision):
    alice, lena = client_for("alice"), client_for("lena")
    assert _feed(alice) == {"changes": [], "cursor": 0, "more": False}
    current = alice.get(f"/v1/cases/{PRIORITY}").json()["priority"]
    new_priority = 1 if current != 1 else 2
    reprioritised = lena.post(f"/v1/cases/{PRIORITY}/priority", json={"priority": new_priority})
    assert reprioritised.json()["priority"] == new_priority
    decided = decision_body(DECIDED, "suspend")
    assert post_decision(alice, decided).status_code == 201
    assert post_decision(alice, decision_body(ESCALATED, "escalate")).status_code == 201
    assert lena.post(f"/v1/cases/{WITHDRAWN}/withdraw").json()["status"] == "withdrawn"
    assert lena.delete(f"/v1/cases/{DELETED}").json()["status"] == "deleted"

    feed = _feed(alice)
    assert [(c["case_id"], c["kind"], c["data"]) for c in feed["changes"]] == [
        (PRIORITY, "priority_changed", {"priority": new_priority}),
        (DECIDED, "decided", {"action": "suspend", "reviewer": "alice",
                              "decision_id": decided["decision_id"]}),
        (ESCALATED, "escalated", {"queue_id": "escalations"}),
        (WITHDRAWN, "withdrawn", {}),
        (DELETED, "deleted", {}),
    ]
    seqs = [c["seq"] for c in feed["changes"]]
    assert seqs == sorted(set(seqs)) and feed["cursor"] == seqs[-1] and feed["more"] is False
    assert all(c["at"].endswith("Z") for c in feed["changes"])


def test_requests_that_change_nothing_write_nothing(client_for, decision_body, post_decision):
    alice, lena = client_for("alice"), client_for("lena")
    decided = decision_body(DECIDED, "remove")
    post_decision(alice, decided)
    lena.post(f"/v1/cases/{WITHDRAWN}/withdraw")
    lena.delete(f"/v1/cases/{DELETED}")
    cursor = _feed(alice)["cursor"]
    post_decision(alice, decided)  # replay
    assert post_decision(alice, decision_body(DECIDED)).status_code == 409
    assert post_decision(alice, decision_body(WITHDRAWN)).status_code == 409
    assert post_decision(alice, decision_body("case-nope")).status_code == 404
    assert lena.post(f"/v1/cases/{WITHDRAWN}/withdraw").status_code == 200
    assert lena.delete(f"/v1/cases/{DELETED}").status_code == 200
    same = alice.get(f"/v1/cases/{PRIORITY}").json()["priority"]
    assert lena.post(f"/v1/cases/{PRIORITY}/priority", json={"priority": same}).status_code == 200
    assert _feed(alice, since=cursor) == {"changes": [], "cursor": cursor, "more": False}


def test_cursor_pages_through_the_feed(client_for):
    alice, lena = client_for("alice"), client_for("lena")
    for priority in (1, 2, 3, 4, 1, 2, 3):
        lena.post(f"/v1/cases/{PRIORITY}/priority", json={"priority": priority})
    everything = _feed(alice)["changes"]
    assert [c["data"]["priority"] for c in everything][-6:] == [2, 3, 4, 1, 2, 3]
    pages, since = [], 0
    while True:
        page = _feed(alice, since=since, limit=3)
        pages.append(page)
        since = page["cursor"]
        if not page["more"]:
            break
    assert [c for page in pages for c in page["changes"]] == everything
    assert all(len(page["changes"]) == 3 for page in pages[:-1])
    assert pages[-1]["cursor"] == everything[-1]["seq"]
    for bad in ({"limit": 0}, {"limit": 1001}, {"since": -1}, {"since": "x"}):
        response = alice.get("/v1/changes", params=bad)
        assert (response.status_code, response.json()["error"]) == (422, "invalid_request")
    assert client_for(None).get("/v1/changes").status_code == 401


_FAIL_AUDITS = {
    "sqlite": ("CREATE TRIGGER fail_audits BEFORE INSERT ON audit_log "
               "WHEN json_extract(NEW.detail, '$.decision_id') LIKE 'fail-%' "
               "BEGIN SELECT RAISE(ABORT, 'injected'); END",),
    "postgresql": ("CREATE FUNCTION fail_audits() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   "IF left(NEW.detail->>'decision_id', 5) = 'fail-' THEN "
                   "RAISE EXCEPTION 'injected'; END IF; RETURN NEW; END $$",
                   "CREATE TRIGGER fail_audits BEFORE INSERT ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION fail_audits()"),
}


def _set_failing_audit_trigger(target, on: bool) -> None:
    """A real failure inside the server's transaction: auditing a decision named fail-*
    raises."""
    database = open_database(target)
    try:
        with database.write() as conn:
            if on:
                for statement in _FAIL_AUDITS[database.dialect]:
                    conn.exec_driver_sql(statement)
            else:
                conn.exec_driver_sql("DROP TRIGGER fail_audits" + (
                    " ON audit_log" if database.is_postgresql else ""))
    finally:
        database.close()


def test_change_row_exists_iff_the_decision_committed(client_for, decision_body, post_decision,
                                                      post_batch, db_path):
    """A failure after the decision row is written (here: its audit entry's insert) must take
    the change row down with it; the retry then writes both, once."""
    alice, lena = client_for("alice"), client_for("lena")
    doomed = decision_body(DECIDED, "remove", decision_id="fail-single")
    doomed_in_batch = decision_body(ESCALATED, "remove", decision_id="fail-batch")
    bystander = decision_body(PRIORITY, "remove")
    # A real failure inside the server's transaction, after the decision and change inserts.
    _set_failing_audit_trigger(db_path, True)
    # Fresh clients: uvicorn closes the connection after an unhandled error.
    assert post_decision(client_for("alice"), doomed).status_code == 500
    assert post_batch(client_for("alice"), [bystander, doomed_in_batch]).status_code == 500
    assert _feed(alice)["changes"] == []
    assert lena.get("/v1/decisions").json()["decisions"] == []
    assert alice.get(f"/v1/cases/{DECIDED}").json()["status"] == "open"
    _set_failing_audit_trigger(db_path, False)
    assert post_decision(alice, doomed).status_code == 201
    assert [r["status"] for r in post_batch(alice, [bystander, doomed_in_batch]).json()[
        "results"]] == [201, 201]
    decided = [c["data"]["decision_id"] for c in _feed(alice)["changes"]]
    assert decided == ["fail-single", bystander["decision_id"], "fail-batch"]


def test_deleted_case_is_final(client_for, decision_body, post_decision):
    alice, lena = client_for("alice"), client_for("lena")
    queue_id = alice.get(f"/v1/cases/{DELETED}").json()["queue_id"]
    deleted = lena.delete(f"/v1/cases/{DELETED}")
    assert deleted.status_code == 200 and deleted.json()["status"] == "deleted"
    assert alice.get(f"/v1/cases/{DELETED}").json()["status"] == "deleted"
    claimed = alice.post(f"/v1/queues/{queue_id}/claim", json={"count": 200}).json()["cases"]
    assert DELETED not in {case["id"] for case in claimed}
    late = post_decision(alice, decision_body(DELETED))
    assert late.status_code == 409
    assert late.json() == {"error": "withdrawn", "winning_decision": None}
    for refused in (lena.post(f"/v1/cases/{DELETED}/withdraw"),
                    lena.post(f"/v1/cases/{DELETED}/priority", json={"priority": 1})):
        assert (refused.status_code, refused.json()) == (409, {"error": "deleted"})


def test_lead_endpoints_check_role_and_input(client_for):
    alice, lena = client_for("alice"), client_for("lena")
    for response in (alice.delete(f"/v1/cases/{DELETED}"),
                     alice.post(f"/v1/cases/{PRIORITY}/priority", json={"priority": 1})):
        assert response.status_code == 403
        assert response.json() == {"error": "forbidden", "required_role": "lead"}
    assert lena.delete("/v1/cases/case-nope").json() == {"error": "unknown_case"}
    missing = lena.post("/v1/cases/case-nope/priority", json={"priority": 1})
    assert (missing.status_code, missing.json()) == (404, {"error": "unknown_case"})
    for priority in (0, 5, "high"):
        bad = lena.post(f"/v1/cases/{PRIORITY}/priority", json={"priority": priority})
        assert (bad.status_code, bad.json()["error"]) == (422, "invalid_request")


def test_version_1_database_gains_the_change_feed(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_database(path).close()
    # Make it look like a file from before the change feed.
    _raw_sql(path, "DROP TABLE changes", "DROP INDEX ix_idempotency_keys_created_at",
             "PRAGMA user_version = 1")
    database = open_database(path)
    try:
        with database.read() as conn:
            assert conn.execute(select(changes)).all() == []
            index_list = conn.exec_driver_sql("PRAGMA index_list(idempotency_keys)")
            indexes = {row[1] for row in index_list}
            assert "ix_idempotency_keys_created_at" in indexes
            assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == SCHEMA_VERSION
    finally:
        database.close()
