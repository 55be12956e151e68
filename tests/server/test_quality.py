"""Quality over HTTP on both back ends (docs/api.md "Quality"): appeals, blind second review,
golden cases, required rationale, holds and hand-offs. alice and bob are reviewers, sam a
senior, lena a lead."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from sqlalchemy import select

from server.leases import renew_leases
from server.store.schema import cases as cases_table
from server.timeutil import parse_iso

CASE_FIELDS = {"id", "queue_id", "text", "language", "region", "policy_area", "priority",
               "sla_deadline", "created_at", "status", "reports", "author", "media",
               "lease_expires_at", "pending_decision", "appeal", "handoff"}


def _ordinary(lena, queue_id: str, skip=()) -> dict:
    """A seeded open case of `queue_id` whose author is not high-profile (no four eyes)."""
    for n in range(1, 61):
        case = lena.get(f"/v1/cases/case-{n:05d}").json()
        if case["queue_id"] == queue_id and not case["author"]["high_profile"] \
                and case["status"] == "open" and case["id"] not in skip:
            return case
    raise AssertionError(f"no ordinary case in {queue_id}")


def _new(cases: list[dict]) -> list[dict]:
    """Cases the server made for quality work (ids as ingest makes them; the seed's differ)."""
    return [case for case in cases if re.fullmatch(r"case-[0-9a-f]{12}", case["id"])]


def _decide(client, post_decision, decision_body, case_id, action="remove", **fields):
    response = post_decision(client, decision_body(case_id, action, **fields))
    assert response.status_code == 201, response.text
    return response.json()["decision"]


def _claim_all(client, queue_id):
    answer = client.post(f"/v1/queues/{queue_id}/claim", json={"count": 200})
    assert answer.status_code == 200, answer.text
    return answer.json()["cases"]


def test_an_appeal_shows_what_it_contests_and_the_original_decider_cannot_answer_it(
        client_for, decision_body, post_decision):
    alice, bob, lena = client_for("alice"), client_for("bob"), client_for("lena")
    published = {"id": "harassment-rules", "title": "Harassment", "kind": "policy",
                 "body": "v1", "policy_area": "harassment"}
    assert lena.post("/v1/guidelines", json=published).status_code == 201
    case = _ordinary(lena, "hate_harassment")
    original = _decide(alice, post_decision, decision_body, case["id"], "remove",
                       note="targeted insult", guideline_version="harassment-rules@1")
    assert lena.post("/v1/guidelines", json={**published, "title": "Harassment (v2)",
                                              "body": "v2"}).status_code == 201

    assert alice.post("/v1/appeals", json={"decision_id": original["decision_id"],
                                           "statement": "x"}).status_code == 403  # lead only
    made = lena.post("/v1/appeals", json={"decision_id": original["decision_id"],
                                          "statement": "It was a joke between friends."})
    assert made.status_code == 201, made.text
    appeal_case = made.json()["case"]
    assert (appeal_case["queue_id"], appeal_case["status"]) == ("appeals", "open")
    appeal = appeal_case["appeal"]
    assert appeal["decision"]["decision_id"] == original["decision_id"]
    assert (appeal["decision"]["action"], appeal["decision"]["note"],
            appeal["decision"]["reviewer"]) == ("remove", "targeted insult", "alice")
    assert appeal["decision"]["guideline_version"] == "harassment-rules@1"
    assert appeal["guideline_now"] == "harassment-rules@2"
    assert [(c["version"], c["title"]) for c in appeal["changed_since"]] == [
        (2, "Harassment (v2)")]
    assert appeal["statement"] == "It was a joke between friends."
    assert lena.post("/v1/appeals", json={"decision_id": original["decision_id"]}
                     ).status_code == 409  # already appealed

    # Never handed to the original decider; their answer is refused and not stored.
    assert appeal_case["id"] not in [c["id"] for c in _claim_all(alice, "appeals")]
    own = post_decision(alice, decision_body(appeal_case["id"], "uphold", policy=""))
    assert (own.status_code, own.json()) == (403, {"error": "own_decision"})
    assert appeal_case["id"] in [c["id"] for c in _claim_all(bob, "appeals")]
    wrong = post_decision(bob, decision_body(appeal_case["id"], "remove"))
    assert wrong.status_code == 422 and wrong.json()["error"] == "appeal_needs_uphold_or_overturn"
    overturn = _decide(bob, post_decision, decision_body, appeal_case["id"], "overturn",
                       note="satire, context missed")
    assert overturn["action"] == "overturn" and overturn["policy"] == "harassment"

    # The original decision is untouched; a reversal and a new decision follow it.
    record = lena.get("/v1/decisions", params={"case_id": case["id"]}).json()["decisions"]
    assert record[0] == original
    assert [(d["action"], d["reviewer"]) for d in record[1:]] == [
        ("reverse", "bob"), ("no_violation", "bob")]
    figures = lena.get("/v1/quality").json()
    assert figures["appeals"] == [{"policy": "harassment", "upheld": 0, "overturned": 1,
                                   "open": 0}]
    assert alice.get("/v1/quality").json()["appeals"] == figures["appeals"]  # her decision
    assert bob.get("/v1/quality").json()["appeals"] == []


def test_a_blind_second_review_carries_no_trace_of_the_first_decision(
        client_for, decision_body, post_decision):
    alice, bob, sam, lena = (client_for(n) for n in ("alice", "bob", "sam", "lena"))
    put = lena.put("/v1/quality/queues/hate_harassment",
                   json={"second_review_share": 1.0, "golden_rate": 0.0})
    assert put.status_code == 200 and put.json()["second_review_share"] == 1.0
    case = _ordinary(lena, "hate_harassment")
    filed = {r["reporter_id"]: r["reports_filed"]
             for r in lena.get(f"/v1/cases/{case['id']}/context").json()["reporters"]}
    first = _decide(alice, post_decision, decision_body, case["id"], "remove",
                    note="FIRST-NOTE-7781", policy="harassment")

    assert _new(_claim_all(alice, "hate_harassment")) == []
    served = _new(_claim_all(bob, "hate_harassment"))
    # The copy's reports are the source's: a reporter's record does not count them twice.
    assert {r["reporter_id"]: r["reports_filed"] for r in lena.get(
        f"/v1/cases/{case['id']}/context").json()["reporters"]} == filed
    assert len(served) == 1 and served[0]["text"] == case["text"]
    second = served[0]
    # As served: a live open case, and nothing of the first decision anywhere in it.
    assert set(second) == CASE_FIELDS and second["status"] == "open"
    assert second["id"] != case["id"]
    assert (second["pending_decision"], second["appeal"], second["handoff"]) == (None,) * 3
    text = json.dumps(second)
    for trace in (first["decision_id"], "FIRST-NOTE-7781", "alice", case["id"]):
        assert trace not in text
    assert bob.get(f"/v1/cases/{second['id']}").json() == second

    # bob disagrees: a senior gets both calls and settles it.
    _decide(bob, post_decision, decision_body, second["id"], "no_violation", note="banter")
    assert lena.get("/v1/quality").json()["disagreements_open"] == 1
    assert _new(_claim_all(bob, "escalations")) == []
    [dispute] = _new(_claim_all(sam, "escalations"))
    assert dispute["pending_decision"]["decision_id"] == first["decision_id"]
    assert "no_violation (harassment) by bob: banter" in dispute["pending_decision"]["note"]
    _decide(sam, post_decision, decision_body, dispute["id"], "no_violation", note="banter")
    record = lena.get("/v1/decisions", params={"case_id": case["id"]}).json()["decisions"]
    assert record[0] == first
    assert [(d["action"], d["reviewer"]) for d in record[1:]] == [
        ("reverse", "sam"), ("no_violation", "sam")]

    figures = lena.get("/v1/quality").json()
    assert figures["agreement_by_policy"] == [
        {"key": "harassment", "reviewed": 1, "agreed": 0, "rate": 0.0}]
    assert figures["agreement_by_reviewer"] == [
        {"key": "alice", "reviewed": 1, "agreed": 0, "rate": 0.0}]
    assert figures["disagreements_open"] == 0
    assert bob.get("/v1/quality").json()["agreement_by_reviewer"] == []


def test_no_second_review_at_share_zero(client_for, decision_body, post_decision):
    alice, bob, lena = client_for("alice"), client_for("bob"), client_for("lena")
    lena.put("/v1/quality/queues/hate_harassment",
             json={"second_review_share": 0.0, "golden_rate": 0.0})
    case = _ordinary(lena, "hate_harassment")
    _decide(alice, post_decision, decision_body, case["id"])
    assert _new(_claim_all(bob, "hate_harassment")) == []


def _shape(value):
    """The shape of a JSON value: keys and types all the way down, no values."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


def test_golden_cases_are_indistinguishable_and_never_change_the_live_record(
        client_for, decision_body, post_decision):
    alice, bob, lena = client_for("alice"), client_for("bob"), client_for("lena")
    source = _ordinary(lena, "graphic_media")
    live = _ordinary(lena, "graphic_media", skip={source["id"]})
    lena.put("/v1/quality/queues/graphic_media",
             json={"second_review_share": 0.0, "golden_rate": 1.0})
    answer = _decide(alice, post_decision, decision_body, source["id"], "label_sensitive",
                     policy="graphic_violence")
    assert lena.post("/v1/quality/golden", json={"case_id": live["id"],
                                                 "expected_action": "remove"}
                     ).status_code == 409  # not decided
    marked = lena.post("/v1/quality/golden", json={
        "case_id": source["id"], "expected_action": "label_sensitive"})
    assert marked.status_code == 201 and marked.json()["marked_by"] == "lena"
    assert bob.post("/v1/quality/golden", json={"case_id": source["id"],
                                                "expected_action": "remove"}).status_code == 403

    mine = alice.post("/v1/queues/graphic_media/claim", json={"count": 1}).json()["cases"]
    assert len(mine) == 1 and _new(mine) == []  # she decided its source: a live case
    claimed = bob.post("/v1/queues/graphic_media/claim", json={"count": 3}).json()["cases"]
    assert len(claimed) == 3 and len(_new(claimed)) == 1
    [golden] = _new(claimed)
    others = [c for c in claimed if c is not golden]
    # Field by field: the same fields, of the same types, with the values a live case has.
    for other in others:
        assert _shape(golden) == _shape(other) or (
            set(golden) == set(other) and all(type(golden[k]) is type(other[k])
                                              for k in golden if other[k] is not None))
    assert set(golden) == CASE_FIELDS
    assert golden["id"].startswith("case-") and golden["id"] != source["id"]
    assert (golden["status"], golden["pending_decision"], golden["appeal"],
            golden["handoff"]) == ("open", None, None, None)
    assert golden["lease_expires_at"] == others[0]["lease_expires_at"]
    assert (golden["author"], golden["media"], golden["language"], golden["policy_area"]) == (
        source["author"], source["media"], source["language"], source["policy_area"])
    assert [r["reason"] for r in golden["reports"]] == [r["reason"] for r in source["reports"]]
    assert parse_iso(golden["created_at"]) > parse_iso(source["created_at"])
    claimed_at = parse_iso(golden["lease_expires_at"]) - timedelta(minutes=30)
    assert all(parse_iso(golden["created_at"]) <= parse_iso(r["created_at"]) <= claimed_at
               for r in golden["reports"])
    assert bob.get(f"/v1/cases/{golden['id']}").json() == golden

    _decide(bob, post_decision, decision_body, golden["id"], "label_sensitive",
            policy="graphic_violence")
    record = lena.get("/v1/decisions", params={"case_id": source["id"]}).json()["decisions"]
    assert record == [answer]  # the live record is as it was
    assert lena.get(f"/v1/cases/{source['id']}").json()["status"] == "decided"
    assert lena.get("/v1/quality").json()["calibration"] == [
        {"reviewer": "bob", "answered": 1, "matched": 1, "share": 1.0}]
    assert alice.get("/v1/quality").json()["calibration"] == []


def test_a_required_rationale_is_refused_without_a_note(client_for, decision_body,
                                                         post_decision):
    alice, lena = client_for("alice"), client_for("lena")
    rules = {"rules": [{"policy": "violent_threat", "action": "suspend"},
                       {"policy": "*", "action": "restrict_reach"}]}
    assert alice.put("/v1/quality/rationale-rules", json=rules).status_code == 403
    assert lena.put("/v1/quality/rationale-rules", json=rules).status_code == 200
    assert alice.get("/v1/quality/rationale-rules").json() == {"rules": sorted(
        rules["rules"], key=lambda r: (r["policy"], r["action"]))}
    case = _ordinary(lena, "hate_harassment")
    bare = decision_body(case["id"], "suspend", policy="violent_threat", note="  ")
    refused = post_decision(alice, bare)
    assert refused.status_code == 422
    assert refused.json() == {"error": "rationale_required",
                              "rule": {"policy": "violent_threat", "action": "suspend"}}
    anywhere = post_decision(alice, decision_body(case["id"], "restrict_reach", note=""))
    assert anywhere.json()["rule"] == {"policy": "*", "action": "restrict_reach"}
    assert lena.get("/v1/decisions", params={"case_id": case["id"]}).json()["decisions"] == []
    _decide(alice, post_decision, decision_body, case["id"], "suspend",
            policy="violent_threat", note="credible threat against a named person")


def test_a_hold_renews_the_lease_up_to_its_limit_then_lets_go(client_for, server_db):
    alice = client_for("alice")
    case_id = _claim_all(alice, "hate_harassment")[0]["id"]
    held = alice.post(f"/v1/cases/{case_id}/hold", json={"reason": "waiting for a translation"})
    assert held.status_code == 200, held.text
    until = parse_iso(held.json()["held_until"])
    assert client_for("bob").post(f"/v1/cases/{case_id}/hold",
                                  json={"reason": "x"}).status_code == 409
    alice_id = _holder(server_db, case_id)
    # A controlled clock on the real database: renewed while held, released at the limit.
    with server_db.write() as conn:
        before = renew_leases(conn, alice_id, [case_id], until - timedelta(minutes=1))
    assert [r["case_id"] for r in before["renewed"]] == [case_id]
    with server_db.write() as conn:
        after = renew_leases(conn, alice_id, [case_id], until)
    assert after == {"renewed": [], "lost": [{"case_id": case_id, "reason": "hold_expired"}]}
    assert _holder(server_db, case_id) is None
    assert case_id in [c["id"] for c in _claim_all(client_for("bob"), "hate_harassment")]


def _holder(server_db, case_id):
    with server_db.read() as conn:
        return conn.execute(select(cases_table.c.lease_holder)
                            .where(cases_table.c.id == case_id)).scalar()


def test_a_handed_off_case_reaches_the_colleague_with_its_note(client_for):
    alice, bob = client_for("alice"), client_for("bob")
    case_id = _claim_all(alice, "hate_harassment")[0]["id"]
    assert alice.post(f"/v1/cases/{case_id}/handoff",
                      json={"to": "nobody", "note": ""}).json() == {"error": "unknown_colleague"}
    handed = alice.post(f"/v1/cases/{case_id}/handoff",
                        json={"to": "bob", "note": "you know this account"})
    assert handed.status_code == 200, handed.text
    claimed = bob.post("/v1/queues/hate_harassment/claim", json={"count": 1}).json()["cases"]
    mine = [c for c in claimed if c["id"] == case_id][0]
    assert mine["handoff"]["from_reviewer"] == "alice"
    assert mine["handoff"]["note"] == "you know this account"
    lost = alice.post("/v1/leases/renew", json={"case_ids": [case_id]}).json()["lost"]
    assert lost == [{"case_id": case_id, "reason": "leased_by_other"}]


def test_a_second_review_of_a_high_profile_case_is_graded_when_its_reviewer_decides(
        client_for, decision_body, post_decision):
    """The copy of a high-profile case waits for a senior as live work would (the review stays
    blind), but the second reviewer's call is graded at once: it is theirs that is measured."""
    bob, sam, lena = client_for("bob"), client_for("sam"), client_for("lena")
    source = next(case for n in range(1, 241)
                  if (case := lena.get(f"/v1/cases/case-{n:05d}").json()).get("status") == "open"
                  and case["author"]["high_profile"] and case["queue_id"] not in (
                      "appeals", "escalations"))
    lena.put(f"/v1/quality/queues/{source['queue_id']}",
             json={"second_review_share": 1.0, "golden_rate": 0.0})
    first = _decide(sam, post_decision, decision_body, source["id"], "remove")  # final at once
    [copy] = _new(_claim_all(bob, source["queue_id"]))
    answer = post_decision(bob, decision_body(copy["id"], "remove"))
    assert answer.status_code == 201 and answer.json()["status"] == "pending_approval"
    figures = lena.get("/v1/quality").json()
    assert figures["agreement_by_reviewer"] == [
        {"key": "sam", "reviewed": 1, "agreed": 1, "rate": 1.0}]
    # The senior's answer on the copy closes it and grades nothing twice.
    assert post_decision(lena, decision_body(copy["id"], "approve", policy="")).status_code == 201
    assert lena.get("/v1/quality").json()["agreement_by_reviewer"] == [
        {"key": "sam", "reviewed": 1, "agreed": 1, "rate": 1.0}]
    assert lena.get("/v1/decisions", params={"case_id": source["id"]}).json()[
        "decisions"] == [first]
