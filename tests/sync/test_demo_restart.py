"""The built-in demo carries on after a restart: same data, new token, earlier decisions kept."""

from __future__ import annotations

import re
import time

import httpx

from server.runner import start_demo_server

SEEDED = re.compile(r"case-\d{5}")  # server/demo/seed.py's ids


def _decide_a_seeded_case(url: str, token: str) -> str:
    """Decides one of the seed's own cases. A claim may also serve a golden check or a second
    review: a copy under a new random id, which a freshly seeded demo rightly does not have."""
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "demo-restart-1"}
    claimed = httpx.post(f"{url}/v1/queues/hate_harassment/claim", json={"count": 20},
                         headers=headers).json()
    case_id = next(case["id"] for case in claimed["cases"] if SEEDED.fullmatch(case["id"]))
    answer = httpx.post(f"{url}/v1/decisions", headers=headers, json={
        "decision_id": "demo-restart-1", "case_id": case_id, "action": "no_violation",
        "policy": "harassment", "note": "", "decided_at": "2026-11-22T07:00:00Z"})
    assert answer.status_code in (200, 201), answer.text
    return case_id


def _case(url: str, case_id: str, token: str) -> dict:
    """GET the case as a client does: a 503 (the database briefly busy) is asked again after its
    Retry-After. Any other answer that is not the case fails with what the server said."""
    for _ in range(5):
        answer = httpx.get(f"{url}/v1/cases/{case_id}",
                           headers={"Authorization": f"Bearer {token}"})
        if answer.status_code != 503:
            break
        time.sleep(float(answer.headers.get("retry-after", "1")))
    assert answer.status_code == 200, f"{answer.status_code} {answer.text}"
    return answer.json()


def test_a_restarted_demo_keeps_its_decisions_and_a_fresh_one_starts_over(tmp_path):
    server, token = start_demo_server(tmp_path, fresh=False)
    try:
        case_id = _decide_a_seeded_case(server.url, token)
    finally:
        server.stop()
    server, second = start_demo_server(tmp_path, fresh=False)
    try:
        assert second != token
        case = _case(server.url, case_id, second)
        assert case["status"] == "decided"
    finally:
        server.stop()
    server, third = start_demo_server(tmp_path, fresh=True)
    try:
        case = _case(server.url, case_id, third)
        assert case["status"] == "open"
    finally:
        server.stop()
