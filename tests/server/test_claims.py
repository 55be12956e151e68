"""Claiming: urgency order, 30-minute leases, never the same case to two reviewers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from server.timeutil import parse_iso, utcnow


def _claim(client, queue_id: str, count: int) -> dict:
    response = client.post(f"/v1/queues/{queue_id}/claim", json={"count": count})
    assert response.status_code == 200, response.text
    return response.json()


def test_claim_leases_most_urgent_cases_for_30_minutes(client_for):
    before = utcnow()
    claimed = _claim(client_for("alice"), "hate_harassment", 5)
    assert claimed["queue_id"] == "hate_harassment"
    lease = parse_iso(claimed["lease_expires_at"])
    assert timedelta(minutes=29) < lease - before <= timedelta(minutes=31)
    cases = claimed["cases"]
    assert 0 < len(cases) <= 5
    urgency = [(case["priority"], parse_iso(case["sla_deadline"])) for case in cases]
    assert urgency == sorted(urgency)
    for case in cases:
        assert case["queue_id"] == "hate_harassment"
        assert case["status"] == "open"
        assert case["lease_expires_at"] == claimed["lease_expires_at"]


def test_claim_never_hands_a_case_to_two_reviewers(client_for):
    alice, bob = client_for("alice"), client_for("bob")
    first = {case["id"] for case in _claim(alice, "graphic_media", 3)["cases"]}
    second = {case["id"] for case in _claim(bob, "graphic_media", 3)["cases"]}
    assert first and second and not first & second
    rest = {case["id"] for case in _claim(bob, "graphic_media", 200)["cases"]}
    assert not rest & first and second <= rest  # bob's own leases come back with the rest
    # Everything is leased now, to somebody; nothing new is left for anyone.
    assert {case["id"] for case in _claim(alice, "graphic_media", 200)["cases"]} == first


def test_a_claim_hands_back_the_callers_live_leases_first(client_for):
    """A workstation that lost its cache (or a claim answer) gets its cases back at once,
    not after the 30-minute lease, and still gets new ones on top."""
    alice = client_for("alice")
    first = _claim(alice, "hate_harassment", 2)
    again = _claim(alice, "hate_harassment", 2)
    ids = [case["id"] for case in again["cases"]]
    assert ids[:2] == [case["id"] for case in first["cases"]]
    assert len(ids) == 4 and len(set(ids)) == 4
    assert parse_iso(again["lease_expires_at"]) >= parse_iso(first["lease_expires_at"])
    assert all(case["lease_expires_at"] == again["lease_expires_at"] for case in again["cases"])
    assert not {case["id"] for case in _claim(client_for("bob"), "hate_harassment", 200)[
        "cases"]} & set(ids)


def test_concurrent_claims_are_disjoint(client_for):
    names = ("alice", "bob", "sam", "lena") * 2
    clients = [client_for(name) for name in names]
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        results = list(pool.map(lambda c: _claim(c, "appeals", 2)["cases"], clients))
    holders = {(case["id"], name) for name, cases in zip(names, results) for case in cases}
    ids = [case_id for case_id, _name in holders]
    assert ids and len(ids) == len(set(ids))  # a reviewer may get their own case twice


def test_claim_unknown_queue_is_404(reader_for):
    response = reader_for("alice").post("/v1/queues/nope/claim", json={"count": 1})
    assert response.status_code == 404
    assert response.json() == {"error": "unknown_queue"}


def test_claim_count_out_of_range_is_422(reader_for):
    alice = reader_for("alice")
    for count in (0, 201, "many"):
        response = alice.post("/v1/queues/appeals/claim", json={"count": count})
        assert response.status_code == 422
        assert response.json()["error"] == "invalid_request"
