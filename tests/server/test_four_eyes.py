"""Four eyes on high-profile accounts, approvals and reversal (docs/api.md "Four eyes and
reversal"). alice and bob are reviewers, sam a senior, lena a lead."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import httpx
import pytest
from sqlalchemy import delete

from server.auth.accounts import add_reviewer
from server.store.database import open_database
from server.store.schema import SCHEMA_VERSION, idempotency_keys

HIGH_PROFILE, OTHER_HIGH_PROFILE = "case-00002", "case-00004"  # seeded high-profile authors
ORDINARY = "case-00006"  # an author who is not high-profile
DECISION_FIELDS = ("decision_id", "action", "policy", "note", "reviewer", "recorded_at")


def _pending(client, decision_body, post_decision, case_id=HIGH_PROFILE, action="remove"):
    """alice's enforcement on a high-profile case: stored, waiting for a senior."""
    body = decision_body(case_id, action, note="plan: remove and warn")
    response = post_decision(client, body)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "pending_approval"
    return response.json()["decision"]


def _approve(decision_body, case_id=HIGH_PROFILE, **overrides) -> dict:
    body = decision_body(case_id, "approve", note="looks right", **overrides)
    del body["policy"]  # approve needs no policy: it copies the pending decision's
    return body


def _last_change(client) -> dict:
    return client.get("/v1/changes").json()["changes"][-1]


def _last_audit(lena) -> dict:
    return lena.get("/v1/audit").json()["entries"][-1]


def test_reviewer_enforcement_on_high_profile_waits_for_a_senior(
        client_for, decision_body, post_decision):
    alice, bob, sam, lena = (client_for(n) for n in ("alice", "bob", "sam", "lena"))
    alice.post("/v1/queues/appeals/claim", json={"count": 1})  # some unrelated lease
    pending = _pending(alice, decision_body, post_decision)
    assert pending["action"] == "remove" and pending["reviewer"] == "alice"

    case = sam.get(f"/v1/cases/{HIGH_PROFILE}").json()
    assert (case["status"], case["queue_id"], case["lease_expires_at"]) == (
        "awaiting_approval", "escalations", None)
    assert case["pending_decision"] == {key: pending[key] for key in DECISION_FIELDS}
    assert _last_change(alice) | {"seq": 0, "at": ""} == {
        "seq": 0, "at": "", "case_id": HIGH_PROFILE, "kind": "awaiting_approval",
        "data": {"decision_id": pending["decision_id"], "action": "remove",
                 "policy": "harassment", "reviewer": "alice"}}
    # Still a decision on record, with its action (clients compare these).
    listed = lena.get("/v1/decisions", params={"case_id": HIGH_PROFILE}).json()["decisions"]
    assert listed == [pending]

    # Only a senior (or lead) who did not make it is handed the awaiting case.
    bob_claim = bob.post("/v1/queues/escalations/claim", json={"count": 200}).json()
    assert HIGH_PROFILE not in [c["id"] for c in bob_claim["cases"]]
    sam_claim = sam.post("/v1/queues/escalations/claim", json={"count": 200}).json()
    claimed = {c["id"]: c for c in sam_claim["cases"]}
    assert claimed[HIGH_PROFILE]["pending_decision"]["decision_id"] == pending["decision_id"]


def test_an_escalated_case_shows_its_escalation_as_pending_decision(
        client_for, decision_body, post_decision):
    alice, sam = client_for("alice"), client_for("sam")
    escalation = decision_body(ORDINARY, "escalate", note="unsure: needs a specialist")
    assert post_decision(alice, escalation).status_code == 201
    case = sam.get(f"/v1/cases/{ORDINARY}").json()
    assert case["status"] == "open" and case["pending_decision"]["note"] == escalation["note"]
    assert sam.get("/v1/cases/case-00003").json()["pending_decision"] is None


def test_no_violation_on_high_profile_and_senior_enforcement_are_final(
        client_for, decision_body, post_decision):
    alice, sam = client_for("alice"), client_for("sam")
    cleared = post_decision(alice, decision_body(HIGH_PROFILE, "no_violation"))
    assert cleared.status_code == 201 and cleared.json()["status"] == "accepted"
    removed = post_decision(sam, decision_body(OTHER_HIGH_PROFILE, "remove"))
    assert removed.status_code == 201 and removed.json()["status"] == "accepted"
    for case_id in (HIGH_PROFILE, OTHER_HIGH_PROFILE):
        case = sam.get(f"/v1/cases/{case_id}").json()
        assert case["status"] == "decided" and case["pending_decision"] is None


def test_senior_approves(client_for, decision_body, post_decision):
    alice, sam, lena = client_for("alice"), client_for("sam"), client_for("lena")
    pending = _pending(alice, decision_body, post_decision)
    approve = _approve(decision_body)
    response = post_decision(sam, approve)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "accepted"
    decision = response.json()["decision"]
    assert (decision["action"], decision["policy"], decision["note"], decision["reviewer"]) == (
        "remove", "harassment", "looks right", "sam")
    case = sam.get(f"/v1/cases/{HIGH_PROFILE}").json()
    assert case["status"] == "decided" and case["pending_decision"] is None
    assert _last_change(alice)["kind"] == "approval"
    assert _last_change(alice)["data"] == {
        "outcome": "approved", "action": "remove", "reviewer": "sam",
        "original_decision_id": pending["decision_id"], "original_reviewer": "alice"}
    audit = _last_audit(lena)
    assert (audit["action"], audit["actor"], audit["detail"]["original_decision_id"]) == (
        "approval", "sam", pending["decision_id"])
    # The approval is what stands now.
    late = post_decision(alice, decision_body(HIGH_PROFILE, "suspend"))
    assert late.status_code == 409 and late.json()["winning_decision"] == decision


@pytest.mark.parametrize(("action", "outcome", "audit_action"), [
    ("label_sensitive", "amended", "amendment"), ("no_violation", "overturned", "overturn")])
def test_senior_amends_or_overturns(client_for, decision_body, post_decision,
                                    action, outcome, audit_action):
    alice, sam, lena = client_for("alice"), client_for("sam"), client_for("lena")
    _pending(alice, decision_body, post_decision)
    response = post_decision(sam, decision_body(HIGH_PROFILE, action))
    assert response.status_code == 201 and response.json()["status"] == "accepted"
    assert response.json()["decision"]["action"] == action
    assert sam.get(f"/v1/cases/{HIGH_PROFILE}").json()["status"] == "decided"
    change = _last_change(sam)
    assert (change["kind"], change["data"]["outcome"], change["data"]["action"]) == (
        "approval", outcome, action)
    assert _last_audit(lena)["action"] == audit_action


def test_nobody_approves_their_own_decision(client_for, server, db_path, decision_body,
                                            post_decision):
    alice = client_for("alice")
    _pending(alice, decision_body, post_decision)
    own = post_decision(alice, _approve(decision_body))
    assert own.status_code == 403 and own.json() == {"error": "own_decision"}
    # Not even once promoted: a senior account of the same name.
    token = add_reviewer(db_path, "alice", "senior")
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as sen:
        for body in (_approve(decision_body), decision_body(HIGH_PROFILE, "suspend")):
            answer = post_decision(sen, body)
            assert answer.status_code == 403 and answer.json() == {"error": "own_decision"}


def test_a_reviewer_deciding_an_awaiting_case_meets_the_pending_decision(
        client_for, decision_body, post_decision):
    alice, bob = client_for("alice"), client_for("bob")
    pending = _pending(alice, decision_body, post_decision)
    for client, action in ((bob, "no_violation"), (alice, "suspend"), (bob, "approve")):
        body = decision_body(HIGH_PROFILE, action)
        response = post_decision(client, body)
        assert response.status_code == 409, response.text
        assert response.json() == {"error": "conflict", "winning_decision": pending}
        assert post_decision(client, body).content == response.content  # stored, replayed


def test_approve_with_nothing_pending_is_a_stored_conflict(client_for, decision_body,
                                                          post_decision):
    sam = client_for("sam")
    body = _approve(decision_body, case_id=ORDINARY)
    response = post_decision(sam, body)
    assert response.status_code == 409 and response.json()["error"] == "nothing_to_approve"
    assert post_decision(sam, body).content == response.content
    assert sam.get(f"/v1/cases/{ORDINARY}").json()["status"] == "open"


def test_batch_with_approvals(client_for, decision_body, post_batch):
    alice, sam = client_for("alice"), client_for("sam")
    pushed = post_batch(alice, [decision_body(HIGH_PROFILE, "remove"),
                                decision_body(OTHER_HIGH_PROFILE, "suspend")]).json()
    assert [r["body"]["status"] for r in pushed["results"]] == ["pending_approval"] * 2
    items = [_approve(decision_body), _approve(decision_body, case_id=OTHER_HIGH_PROFILE),
             _approve(decision_body)]  # the third finds the case already decided
    results = post_batch(sam, items).json()["results"]
    assert [r["status"] for r in results] == [201, 201, 409]
    assert [r["body"].get("status") for r in results[:2]] == ["accepted", "accepted"]
    assert results[1]["body"]["decision"]["action"] == "suspend"
    assert results[2]["body"] == {"error": "nothing_to_approve"}
    assert post_batch(sam, items).json()["results"] == results  # replayed whole


def test_reversal_reopens_and_the_next_decision_closes_again(
        client_for, decision_body, post_decision):
    alice, bob, sam, lena = (client_for(n) for n in ("alice", "bob", "sam", "lena"))
    first = decision_body(ORDINARY, "no_violation")
    assert post_decision(alice, first).status_code == 201
    reversal = decision_body(ORDINARY, "reverse", note="missed the second image")
    del reversal["policy"]
    response = post_decision(alice, reversal)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "accepted"
    assert response.json()["decision"]["action"] == "reverse"
    case = alice.get(f"/v1/cases/{ORDINARY}").json()
    assert case["status"] == "open" and case["lease_expires_at"] is not None
    assert _last_change(alice)["kind"] == "reversed"
    assert _last_change(alice)["data"] == {
        "decision_id": reversal["decision_id"], "reverses": first["decision_id"],
        "reviewer": "alice"}
    assert _last_audit(lena)["action"] == "reversal"
    # The lease is alice's: she decides again; bob's later decision meets hers.
    second = decision_body(ORDINARY, "remove")
    assert post_decision(alice, second).json()["status"] == "accepted"
    late = post_decision(bob, decision_body(ORDINARY, "suspend"))
    assert late.status_code == 409
    assert late.json()["winning_decision"]["decision_id"] == second["decision_id"]
    # A senior may reverse anyone's; the reversed decisions stay on record unchanged.
    again = decision_body(ORDINARY, "reverse", note="policy changed")
    assert post_decision(sam, again).status_code == 201
    third = decision_body(ORDINARY, "label_sensitive")
    assert post_decision(sam, third).status_code == 201
    late = post_decision(bob, decision_body(ORDINARY, "suspend"))
    assert late.json()["winning_decision"]["decision_id"] == third["decision_id"]
    listed = lena.get("/v1/decisions", params={"case_id": ORDINARY}).json()["decisions"]
    assert [d["action"] for d in listed] == [
        "no_violation", "reverse", "remove", "reverse", "label_sensitive"]


def test_reversal_refusals(client_for, decision_body, post_decision):
    alice, bob = client_for("alice"), client_for("bob")
    not_decided = decision_body(ORDINARY, "reverse", note="why")
    response = post_decision(alice, not_decided)
    assert response.status_code == 409 and response.json() == {"error": "nothing_to_reverse"}
    assert post_decision(alice, decision_body(ORDINARY, "no_violation")).status_code == 201
    silent = decision_body(ORDINARY, "reverse", note="  ")
    response = post_decision(alice, silent)
    assert response.status_code == 422 and response.json() == {"error": "note_required"}
    others = decision_body(ORDINARY, "reverse", note="I disagree")
    response = post_decision(bob, others)
    assert response.status_code == 403 and response.json() == {"error": "not_your_decision"}
    # Neither 422 nor 403 was stored: the same key with a note, by the owner, goes through.
    silent["note"] = "a reason after all"
    assert post_decision(alice, silent).status_code == 201


def test_approve_and_reverse_replay(client_for, server_db, decision_body, post_decision):
    alice, sam = client_for("alice"), client_for("sam")
    _pending(alice, decision_body, post_decision)
    approve = _approve(decision_body)
    approved = post_decision(sam, approve)
    reverse = decision_body(HIGH_PROFILE, "reverse", note="appeal upheld")
    reversed_ = post_decision(sam, reverse)
    assert (approved.status_code, reversed_.status_code) == (201, 201)
    for body, first in ((approve, approved), (reverse, reversed_)):
        again = post_decision(sam, body)
        assert (again.status_code, again.content) == (201, first.content)
        changed = post_decision(sam, {**body, "note": "something else"}, key=body["decision_id"])
        assert changed.json() == {"error": "idempotency_key_reused"}
    with server_db.write() as conn:  # past the key retention: rebuilt from the decision row
        conn.execute(delete(idempotency_keys))
    for body, first in ((approve, approved), (reverse, reversed_)):
        assert post_decision(sam, body).json() == first.json()


def test_escalation_endpoint_answers_a_pending_decision_the_same_way(
        client_for, decision_body, post_decision):
    alice, sam = client_for("alice"), client_for("sam")
    pending = _pending(alice, decision_body, post_decision)
    own = alice.post(f"/v1/escalations/{HIGH_PROFILE}/approve",
                     json={"decision_id": pending["decision_id"], "outcome": "approve"})
    assert own.status_code == 403  # role: seniors only
    response = sam.post(f"/v1/escalations/{HIGH_PROFILE}/approve",
                        json={"decision_id": pending["decision_id"], "outcome": "approve"})
    assert response.status_code == 201, response.text
    assert response.json()["decision"]["action"] == "remove"
    assert _last_change(sam)["data"]["outcome"] == "approved"


def test_version_3_database_gains_the_decision_links(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_database(path).close()
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("DROP INDEX ix_decisions_reverses")  # version 3 had neither column nor index
        for column in ("pending", "approves", "reverses"):
            raw.execute(f"ALTER TABLE decisions DROP COLUMN {column}")
        raw.execute("PRAGMA user_version = 3")
        raw.commit()
    database = open_database(path)
    try:
        with database.read() as conn:
            columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(decisions)")}
            assert {"pending", "approves", "reverses"} <= columns
            assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == SCHEMA_VERSION
            indexes = {row[1] for row in conn.exec_driver_sql("PRAGMA index_list(decisions)")}
            assert "ix_decisions_reverses" in indexes  # added once its column is there
    finally:
        database.close()
