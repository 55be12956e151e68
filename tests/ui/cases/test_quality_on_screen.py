"""Quality cases on the screen, served by the real central API: a blind second review shows
nothing of the first decision; an appeal shows what it contests; a hand-off shows its note."""

from __future__ import annotations

import re
import uuid

import httpx
from PySide6.QtWidgets import QLabel

from reviewer.domain import Case
from ui.cases.case_panel import CasePanel


def _client(central_api, role):
    return httpx.Client(base_url=central_api.url, timeout=10.0,
                        headers={"Authorization": f"Bearer {central_api.tokens[role]}"})


def _decide(client, case_id, action, policy, note) -> dict:
    body = {"decision_id": str(uuid.uuid4()), "case_id": case_id, "action": action,
            "policy": policy, "note": note, "decided_at": "2026-01-01T00:00:00Z"}
    answer = client.post("/v1/decisions", json=body, headers={"Idempotency-Key": body["decision_id"]})
    assert answer.status_code == 201, answer.text
    return answer.json()["decision"]


def _screen(qtbot, data: dict) -> str:
    panel = CasePanel()
    qtbot.addWidget(panel)
    panel.show_case(Case.from_api(data))
    shown = [label.text() for label in panel.findChildren(QLabel) if not label.isHidden()]
    return "\n".join(shown + [panel.text.toPlainText()])


def _ordinary_open(lead, queue_id):
    for case in lead.post(f"/v1/queues/{queue_id}/claim", json={"count": 200}).json()["cases"]:
        if not case["author"]["high_profile"]:
            lead.post("/v1/leases/renew", json={"case_ids": [case["id"]]})
            return case
    raise AssertionError("no ordinary case")


def test_second_review_appeal_and_handoff_as_the_reviewer_sees_them(qtbot, central_api):
    with _client(central_api, "reviewer") as first, _client(central_api, "reviewer2") as second, \
            _client(central_api, "lead") as lead:
        lead.put("/v1/quality/queues/hate_harassment",
                 json={"second_review_share": 1.0, "golden_rate": 0.0}).raise_for_status()
        case = first.post("/v1/queues/hate_harassment/claim", json={"count": 1}).json()["cases"][0]
        decided = _decide(first, case["id"], "remove", "harassment", "FIRST-NOTE-4410")
        served = [c for c in second.post("/v1/queues/hate_harassment/claim",
                                         json={"count": 200}).json()["cases"]
                  if re.fullmatch(r"case-[0-9a-f]{12}", c["id"])]  # the server's copies
        assert len(served) == 1 and served[0]["text"] == case["text"]
        screen = _screen(qtbot, served[0])
        assert case["text"] in screen
        for trace in ("FIRST-NOTE-4410", "reviewer-one", decided["decision_id"], case["id"],
                      "APPEAL", "Awaiting"):
            assert trace not in screen

        appeal = lead.post("/v1/appeals", json={"decision_id": decided["decision_id"],
                                                "statement": "It was a quote, not my words."})
        screen = _screen(qtbot, appeal.json()["case"])
        assert "APPEAL of Remove (harassment) by" in screen and "reviewer-one" in screen
        assert "FIRST-NOTE-4410" in screen and "It was a quote, not my words." in screen

        mine = second.post("/v1/queues/hate_harassment/claim", json={"count": 1}).json()["cases"]
        handed = second.post(f"/v1/cases/{mine[0]['id']}/handoff",
                             json={"to": "reviewer-one", "note": "you speak the language"})
        assert handed.status_code == 200, handed.text
        back = first.post("/v1/queues/hate_harassment/claim", json={"count": 1}).json()["cases"]
        assert back[0]["id"] == mine[0]["id"]  # first in the list
        assert "Handed to you by" in _screen(qtbot, back[0])
        assert "you speak the language" in _screen(qtbot, back[0])
