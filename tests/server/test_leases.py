"""POST /v1/leases/renew: the caller keeps what it holds and learns why it lost the rest."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from server.store.schema import cases
from server.timeutil import parse_iso, utcnow

QUEUE = "appeals"


def _claim_all(client) -> list[str]:
    response = client.post(f"/v1/queues/{QUEUE}/claim", json={"count": 200})
    assert response.status_code == 200, response.text
    return [case["id"] for case in response.json()["cases"]]


def _expire(server_db, case_id: str) -> None:
    with server_db.write() as conn:
        conn.execute(update(cases).where(cases.c.id == case_id)
                     .values(lease_expires_at=utcnow() - timedelta(minutes=1)))


def _renew(client, case_ids: list[str]) -> dict:
    response = client.post("/v1/leases/renew", json={"case_ids": case_ids})
    assert response.status_code == 200, response.text
    return response.json()


def test_held_leases_are_extended(client_for):
    alice = client_for("alice")
    held = _claim_all(alice)[:2]
    claimed_until = parse_iso(alice.get(f"/v1/cases/{held[0]}").json()["lease_expires_at"])
    before = utcnow()
    answer = _renew(alice, held)
    assert answer["lost"] == []
    assert [r["case_id"] for r in answer["renewed"]] == held
    for renewed in answer["renewed"]:
        until = parse_iso(renewed["lease_expires_at"])
        assert until >= claimed_until
        assert timedelta(minutes=29) < until - before <= timedelta(minutes=31)
        assert alice.get(f"/v1/cases/{renewed['case_id']}").json()["lease_expires_at"] == (
            renewed["lease_expires_at"])


def test_expired_lease_nobody_took_is_leased_again(client_for, server_db):
    alice, bob = client_for("alice"), client_for("bob")
    case_id = _claim_all(alice)[0]
    _expire(server_db, case_id)
    answer = _renew(alice, [case_id])
    assert [r["case_id"] for r in answer["renewed"]] == [case_id]
    # Live again, so it is not handed to anyone else.
    assert case_id not in _claim_all(bob)


def test_lease_taken_by_another_is_lost(client_for, server_db):
    alice, bob = client_for("alice"), client_for("bob")
    expired, live = _claim_all(alice)[:2]
    _expire(server_db, expired)
    assert _claim_all(bob) == [expired]  # the only unheld case left in the queue
    # bob holds `expired` now; `live` is alice's, and bob cannot renew it either.
    assert _renew(alice, [expired]) == {
        "renewed": [], "lost": [{"case_id": expired, "reason": "leased_by_other"}]}
    assert _renew(bob, [live]) == {
        "renewed": [], "lost": [{"case_id": live, "reason": "leased_by_other"}]}


def test_closed_and_unknown_cases_are_lost_with_their_reason(client_for, decision_body,
                                                               post_decision):
    alice, lena = client_for("alice"), client_for("lena")
    decided, withdrawn, deleted, escalated, kept = _claim_all(alice)[:5]
    assert post_decision(lena, decision_body(decided, "remove")).status_code == 201
    lena.post(f"/v1/cases/{withdrawn}/withdraw").raise_for_status()
    lena.delete(f"/v1/cases/{deleted}").raise_for_status()
    assert post_decision(lena, decision_body(escalated, "escalate")).status_code == 201
    asked = [decided, withdrawn, kept, deleted, "case-nope", escalated, kept]
    answer = _renew(alice, asked)
    assert [r["case_id"] for r in answer["renewed"]] == [kept]  # each case answered once
    assert answer["lost"] == [
        {"case_id": decided, "reason": "decided"},
        {"case_id": withdrawn, "reason": "withdrawn"},
        {"case_id": deleted, "reason": "withdrawn"},
        {"case_id": "case-nope", "reason": "unknown_case"},
        # The escalation released alice's lease: the case is not hers any more.
        {"case_id": escalated, "reason": "leased_by_other"},
    ]


def test_renew_body_is_checked(client_for):
    alice = client_for("alice")
    for bad in ({"case_ids": []}, {"case_ids": ["c"] * 501}, {}, {"case_ids": "case-1"}):
        response = alice.post("/v1/leases/renew", json=bad)
        assert response.status_code == 422
        assert response.json()["error"] == "invalid_request"
    assert client_for(None).post("/v1/leases/renew", json={"case_ids": ["c"]}).status_code == 401
