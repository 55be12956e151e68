"""POST /v1/escalations/{case_id}/approve: seniors answer an escalation with a final decision."""

from __future__ import annotations

QUEUE = "appeals"


def _escalated(client, decision_body, post_decision, case_id: str | None = None) -> dict:
    """Claim a case (unless given one) and escalate it; returns the escalate decision."""
    if case_id is None:
        claimed = client.post(f"/v1/queues/{QUEUE}/claim", json={"count": 1}).json()
        case_id = claimed["cases"][0]["id"]
    response = post_decision(client, decision_body(case_id, "escalate", policy="hate_speech"))
    assert response.status_code == 201, response.text
    return response.json()["decision"]


def _approve(client, escalation: dict, **body):
    return client.post(f"/v1/escalations/{escalation['case_id']}/approve",
                       json={"decision_id": escalation["decision_id"], **body})


def test_only_seniors_approve(client_for, decision_body, post_decision):
    alice, bob = client_for("alice"), client_for("bob")
    escalation = _escalated(alice, decision_body, post_decision)
    refused = _approve(bob, escalation, outcome="amend", action="remove")
    assert (refused.status_code, refused.json()) == (
        403, {"error": "forbidden", "required_role": "senior"})


def test_approval_records_the_final_decision_in_the_seniors_name(client_for, decision_body,
                                                                 post_decision):
    alice, sam = client_for("alice"), client_for("sam")
    escalation = _escalated(alice, decision_body, post_decision)
    response = _approve(sam, escalation, outcome="amend", action="suspend", note="repeat")
    assert response.status_code == 201, response.text
    decision = response.json()["decision"]
    assert (decision["reviewer"], decision["action"], decision["policy"], decision["note"]) == (
        "sam", "suspend", "hate_speech", "repeat")  # the escalation's policy by default
    case = sam.get(f"/v1/cases/{escalation['case_id']}").json()
    assert case["status"] == "decided"
    feed = client_for("alice").get("/v1/changes").json()["changes"]
    assert feed[-1]["kind"] == "decided" and feed[-1]["data"]["reviewer"] == "sam"
    # A retry finds the case closed by the approval itself.
    again = _approve(sam, escalation, outcome="amend", action="suspend", note="repeat")
    assert (again.status_code, again.json()) == (
        409, {"error": "conflict", "winning_decision": decision})


def test_nobody_approves_their_own_escalation(client_for, decision_body, post_decision):
    sam, lena = client_for("sam"), client_for("lena")
    escalation = _escalated(sam, decision_body, post_decision)
    own = _approve(sam, escalation, outcome="amend", action="remove")
    assert (own.status_code, own.json()) == (403, {"error": "own_escalation"})
    assert _approve(lena, escalation, outcome="amend", action="remove").status_code == 201


def test_approve_on_a_second_look_upholds_the_questioned_decision(client_for, decision_body,
                                                                  post_decision):
    alice, bob, sam = client_for("alice"), client_for("bob"), client_for("sam")
    case_id = "case-awkward-html"
    assert post_decision(alice, decision_body(case_id, "label_sensitive")).status_code == 201
    escalation = _escalated(bob, decision_body, post_decision, case_id)  # bob asks again
    upheld = _approve(sam, escalation, outcome="approve")
    assert upheld.status_code == 201, upheld.text
    assert upheld.json()["decision"]["action"] == "label_sensitive"


def test_action_is_required_unless_something_can_be_upheld(client_for, decision_body,
                                                           post_decision):
    alice, sam = client_for("alice"), client_for("sam")
    escalation = _escalated(alice, decision_body, post_decision)
    for outcome in ("approve", "amend", "overturn"):
        missing = _approve(sam, escalation, outcome=outcome)
        assert (missing.status_code, missing.json()) == (422, {"error": "action_required"})
    for bad in ({"outcome": "maybe", "action": "remove"},
                {"outcome": "amend", "action": "escalate"}):
        assert _approve(sam, escalation, **bad).json()["error"] == "invalid_request"


def test_unknown_and_stale_escalations(client_for, decision_body, post_decision):
    alice, sam = client_for("alice"), client_for("sam")
    first = _escalated(alice, decision_body, post_decision)
    unknown = _approve(sam, {**first, "decision_id": "nope"}, outcome="amend", action="remove")
    assert (unknown.status_code, unknown.json()) == (404, {"error": "unknown_escalation"})
    no_case = _approve(sam, {**first, "case_id": "case-nope"}, outcome="amend", action="remove")
    assert (no_case.status_code, no_case.json()) == (404, {"error": "unknown_case"})
    _escalated(client_for("bob"), decision_body, post_decision, first["case_id"])
    stale = _approve(sam, first, outcome="amend", action="remove")
    assert (stale.status_code, stale.json()) == (
        409, {"error": "stale_escalation", "winning_decision": None})


def test_a_claim_does_not_hand_an_escalation_back_to_who_escalated_it(client_for, decision_body,
                                                                     post_decision):
    alice, bob = client_for("alice"), client_for("bob")
    escalation = _escalated(alice, decision_body, post_decision)
    claim = {"count": 200}
    mine = alice.post("/v1/queues/escalations/claim", json=claim).json()["cases"]
    assert escalation["case_id"] not in {case["id"] for case in mine}
    theirs = bob.post("/v1/queues/escalations/claim", json=claim).json()["cases"]
    assert escalation["case_id"] in {case["id"] for case in theirs}
