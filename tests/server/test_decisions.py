"""POST /v1/decisions: idempotency, conflicts, escalation, concurrency; GET for leads."""

from __future__ import annotations

import json
import threading

import httpx

CASE = "case-awkward-html"  # open, in hate_harassment


def test_decision_is_accepted_and_closes_the_case(client_for, decision_body, post_decision):
    alice = client_for("alice")
    body = decision_body(CASE, "remove")
    response = post_decision(alice, body)
    assert response.status_code == 201
    answer = response.json()
    assert answer["status"] == "accepted"
    assert answer["decision"] == {**body, "reviewer": "alice",
                                  "recorded_at": answer["decision"]["recorded_at"]}
    assert answer["decision"]["recorded_at"].endswith("Z")
    case = alice.get(f"/v1/cases/{CASE}").json()
    assert case["status"] == "decided" and case["lease_expires_at"] is None
    queues = {q["id"]: q["open_count"] for q in alice.get("/v1/queues").json()["queues"]}
    claimed = alice.post("/v1/queues/hate_harassment/claim", json={"count": 200}).json()
    assert CASE not in {c["id"] for c in claimed["cases"]}
    assert len(claimed["cases"]) == queues["hate_harassment"]


def test_replay_returns_the_stored_bytes(client_for, decision_body, post_decision):
    alice = client_for("alice")
    body = decision_body(CASE, "label_sensitive")
    first = post_decision(alice, body)
    # Same JSON, other key order and spacing: still the same request.
    reordered = json.dumps(dict(reversed(list(body.items()))), indent=2)
    again = alice.post("/v1/decisions", content=reordered,
                       headers={"Idempotency-Key": body["decision_id"],
                                "Content-Type": "application/json"})
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again.headers["content-type"] == "application/json"


def test_second_reviewer_gets_409_with_the_winner(client_for, decision_body, post_decision):
    alice, bob = client_for("alice"), client_for("bob")
    won = post_decision(alice, decision_body(CASE, "suspend")).json()["decision"]
    late_body = decision_body(CASE, "no_violation")
    late = post_decision(bob, late_body)
    assert late.status_code == 409
    assert late.json() == {"error": "conflict", "winning_decision": won}
    # The 409 is stored under bob's key and replayed byte for byte.
    replay = post_decision(bob, late_body)
    assert (replay.status_code, replay.content) == (409, late.content)


def test_known_key_with_another_body_is_422(client_for, decision_body, post_decision):
    alice = client_for("alice")
    body = decision_body(CASE, "remove")
    assert post_decision(alice, body).status_code == 201
    changed = post_decision(alice, {**body, "note": "something else"})
    assert changed.status_code == 422
    assert changed.json() == {"error": "idempotency_key_reused"}


def test_bad_requests_are_rejected_and_not_stored(client_for, decision_body, post_decision):
    alice = client_for("alice")
    body = decision_body(CASE)
    no_key = alice.post("/v1/decisions", json=body)
    assert (no_key.status_code, no_key.json()["error"]) == (422, "missing_idempotency_key")
    mismatch = post_decision(alice, body, key="another-key")
    assert (mismatch.status_code, mismatch.json()["error"]) == (422, "idempotency_key_mismatch")
    for broken in ({**body, "action": "delete_everything"}, {"decision_id": body["decision_id"]}):
        invalid = post_decision(alice, broken, key=body["decision_id"])
        assert (invalid.status_code, invalid.json()["error"]) == (422, "invalid_body")
    not_json = alice.post("/v1/decisions", content=b"{nope",
                          headers={"Idempotency-Key": body["decision_id"]})
    assert (not_json.status_code, not_json.json()["error"]) == (422, "invalid_body")
    unknown = post_decision(alice, decision_body("case-nope"))
    assert unknown.status_code == 404 and unknown.json() == {"error": "unknown_case"}
    # None of the above was stored: the key still takes the valid body.
    assert post_decision(alice, body).status_code == 201


def test_escalate_moves_the_case_and_releases_the_lease(client_for, decision_body,
                                                         post_decision):
    alice, sam = client_for("alice"), client_for("sam")
    claimed = alice.post("/v1/queues/hate_harassment/claim", json={"count": 1}).json()
    case_id = claimed["cases"][0]["id"]
    response = post_decision(alice, decision_body(case_id, "escalate", note="needs a specialist"))
    assert response.status_code == 201
    case = alice.get(f"/v1/cases/{case_id}").json()
    assert (case["queue_id"], case["status"], case["lease_expires_at"]) == (
        "escalations", "open", None)
    escalated = sam.post("/v1/queues/escalations/claim", json={"count": 200}).json()
    assert case_id in {c["id"] for c in escalated["cases"]}
    # Not final: a specialist can still decide it.
    assert post_decision(sam, decision_body(case_id, "no_violation")).status_code == 201


def test_withdrawn_case_answers_409_withdrawn(client_for, decision_body, post_decision):
    client_for("lena").post(f"/v1/cases/{CASE}/withdraw").raise_for_status()
    response = post_decision(client_for("alice"), decision_body(CASE))
    assert response.status_code == 409
    assert response.json() == {"error": "withdrawn", "winning_decision": None}


def test_lead_lists_decisions_in_recording_order(client_for, decision_body, post_decision):
    alice, lena = client_for("alice"), client_for("lena")
    other_case = "case-awkward-long-text"
    made = [
        post_decision(alice, decision_body(CASE, "escalate")).json()["decision"],
        post_decision(alice, decision_body(other_case, "remove")).json()["decision"],
        post_decision(lena, decision_body(CASE, "restrict_reach")).json()["decision"],
    ]
    assert lena.get("/v1/decisions").json() == {"decisions": made}
    only_case = lena.get("/v1/decisions", params={"case_id": CASE}).json()["decisions"]
    assert only_case == [made[0], made[2]]
    assert lena.get("/v1/decisions", params={"case_id": "case-nope"}).json() == {
        "decisions": []}


def test_concurrent_decisions_on_one_case_have_one_winner(server, seeded_template,
                                                          decision_body):
    names = ["alice", "bob", "sam", "lena"] * 3
    bodies = [decision_body(CASE, "remove", note=f"from thread {i}") for i in range(len(names))]
    responses: list[httpx.Response] = [None] * len(names)  # type: ignore[list-item]
    start_together = threading.Barrier(len(names))

    def decide(index: int) -> None:
        headers = {"Authorization": f"Bearer {seeded_template.tokens[names[index]]}",
                   "Idempotency-Key": bodies[index]["decision_id"]}
        with httpx.Client(base_url=server.url, headers=headers, timeout=10.0) as client:
            start_together.wait()
            responses[index] = client.post("/v1/decisions", json=bodies[index])

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(len(names))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * (len(names) - 1)
    winner = next(r.json()["decision"] for r in responses if r.status_code == 201)
    assert all(r.json()["winning_decision"] == winner for r in responses if r.status_code == 409)


def test_concurrent_retries_of_one_decision_store_it_once(client_for, decision_body,
                                                          post_decision):
    alice = client_for("alice")
    body = decision_body(CASE, "remove")
    start_together = threading.Barrier(6)
    responses: list[httpx.Response] = []

    def retry() -> None:
        start_together.wait()
        responses.append(post_decision(alice, body))

    threads = [threading.Thread(target=retry) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {(r.status_code, r.content) for r in responses} == {(201, responses[0].content)}
    listed = client_for("lena").get("/v1/decisions", params={"case_id": CASE}).json()
    assert [d["decision_id"] for d in listed["decisions"]] == [body["decision_id"]]


def test_escalating_a_decided_case_reopens_it_for_a_second_look(client_for, decision_body,
                                                                 post_decision):
    alice, sam, bob = client_for("alice"), client_for("sam"), client_for("bob")
    first = post_decision(alice, decision_body(CASE, "remove"))
    assert first.status_code == 201
    late = post_decision(bob, decision_body(CASE, "no_violation"))
    assert late.status_code == 409  # bob lost; he asks for a second look
    second_look = post_decision(bob, decision_body(CASE, "escalate", note="winner looks wrong"))
    assert second_look.status_code == 201
    case = bob.get(f"/v1/cases/{CASE}").json()
    assert (case["status"], case["queue_id"]) == ("open", "escalations")
    senior = post_decision(sam, decision_body(CASE, "label_sensitive"))
    assert senior.status_code == 201
    after = post_decision(alice, decision_body(CASE, "suspend"))
    assert after.status_code == 409
    assert after.json()["winning_decision"]["action"] == "label_sensitive"  # the latest closing one
