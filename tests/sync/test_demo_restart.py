"""The built-in demo carries on after a restart: same data, new token, earlier decisions kept."""

from __future__ import annotations

import httpx

from server.runner import start_demo_server


def _decide_first_open_case(url: str, token: str) -> str:
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "demo-restart-1"}
    claimed = httpx.post(f"{url}/v1/queues/hate_harassment/claim", json={"count": 1},
                         headers=headers).json()
    case_id = claimed["cases"][0]["id"]
    answer = httpx.post(f"{url}/v1/decisions", headers=headers, json={
        "decision_id": "demo-restart-1", "case_id": case_id, "action": "no_violation",
        "policy": "harassment", "note": "", "decided_at": "2026-11-22T07:00:00Z"})
    assert answer.status_code in (200, 201), answer.text
    return case_id


def test_a_restarted_demo_keeps_its_decisions_and_a_fresh_one_starts_over(tmp_path):
    server, token = start_demo_server(tmp_path, fresh=False)
    try:
        case_id = _decide_first_open_case(server.url, token)
    finally:
        server.stop()
    server, second = start_demo_server(tmp_path, fresh=False)
    try:
        assert second != token
        case = httpx.get(f"{server.url}/v1/cases/{case_id}",
                         headers={"Authorization": f"Bearer {second}"}).json()
        assert case["status"] == "decided"
    finally:
        server.stop()
    server, third = start_demo_server(tmp_path, fresh=True)
    try:
        case = httpx.get(f"{server.url}/v1/cases/{case_id}",
                         headers={"Authorization": f"Bearer {third}"}).json()
        assert case["status"] == "open"
    finally:
        server.stop()
