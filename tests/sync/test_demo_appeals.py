"""A fresh demo has appeals a new reviewer meets first in the Appeals queue and can answer,
each saying which guideline version the contested decision was made under."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx

from reviewer.domain import parse_iso
from server.runner import start_demo_server

APPEALS = 5  # server/demo/quality.py


def test_the_fresh_demo_s_appeals_come_first_in_their_queue_and_take_uphold(tmp_path):
    server, token = start_demo_server(tmp_path, fresh=True)
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "demo-appeals-1"}
    try:
        claimed = httpx.post(f"{server.url}/v1/queues/appeals/claim", json={"count": 10},
                             headers=headers).json()["cases"]
        in_work_order = sorted(claimed, key=lambda c: (c["priority"], c["sla_deadline"]))
        first = in_work_order[:APPEALS]
        assert all(isinstance(case.get("appeal"), dict) for case in first), \
            [case["id"] for case in in_work_order]
        assert len({case["appeal"]["decision"]["decision_id"] for case in first}) == APPEALS
        assert all(case["appeal"]["statement"] for case in first)
        # Made under a known guideline version, and some policy changed since: the appeal's
        # lines say which, not "an unknown guideline version".
        assert all(case["appeal"]["decision"].get("guideline_version") for case in first)
        assert any(case["appeal"]["changed_since"] for case in first)
        now = datetime.now(timezone.utc)  # due within the 48 h from the appeal, not breached
        assert all(now < parse_iso(case["sla_deadline"]) < now + timedelta(hours=48)
                   for case in first)
        answer = httpx.post(f"{server.url}/v1/decisions", headers=headers, json={
            "decision_id": "demo-appeals-1", "case_id": first[0]["id"], "action": "uphold",
            "policy": first[0]["appeal"]["decision"]["policy"], "note": "",
            "decided_at": "2026-11-22T07:00:00Z"})
        assert answer.status_code == 201, answer.text
    finally:
        server.stop()
