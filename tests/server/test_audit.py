"""The audit log: one entry per consequential action, in its transaction; GET /v1/audit."""

from __future__ import annotations

from server.auth.accounts import add_reviewer, assign_queues, revoke_reviewer

NOTE = "note-marker-7c1f"


def _entries(lena, since: int = 0) -> list[dict]:
    response = lena.get("/v1/audit", params={"since": since})
    assert response.status_code == 200, response.text
    return response.json()["entries"]


def _summary(entries: list[dict]) -> list[tuple]:
    return [(e["actor"], e["role"], e["action"], e["case_id"]) for e in entries]


def test_only_leads_read_the_audit_log(reader_for):
    for name in ("alice", "sam"):
        assert reader_for(name).get("/v1/audit").json() == {
            "error": "forbidden", "required_role": "lead"}
    # The template's reviewers were created through server.auth.accounts, so that is on record.
    created = reader_for("lena").get("/v1/audit").json()["entries"]
    assert [(e["actor"], e["action"], e["detail"]["reviewer"]) for e in created] == [
        ("admin-cli", "reviewer_create", name) for name in ("alice", "bob", "sam", "lena")]


def test_every_kind_of_action_is_recorded(client_for, db_path, decision_body, post_decision):
    alice, lena = client_for("alice"), client_for("lena")
    start = _entries(lena)[-1]["seq"]
    decided = decision_body("case-00006", "remove", note=NOTE)  # not high-profile
    assert post_decision(alice, decided).status_code == 201
    assert post_decision(alice, decision_body("case-00003", "escalate")).status_code == 201
    lena.post("/v1/cases/case-00004/withdraw").raise_for_status()
    lena.delete("/v1/cases/case-00005").raise_for_status()
    current = alice.get("/v1/cases/case-00001").json()["priority"]
    lena.post("/v1/cases/case-00001/priority", json={"priority": current % 4 + 1})
    lena.post("/v1/cases", json={"id": "case-audited", "queue_id": "appeals", "text": NOTE})
    add_reviewer(db_path, "newbie", "reviewer")
    assign_queues(db_path, "newbie", ["appeals"])
    revoke_reviewer(db_path, "newbie")
    entries = _entries(lena, since=start)
    assert _summary(entries) == [
        ("alice", "reviewer", "decision", "case-00006"),
        ("alice", "reviewer", "escalation", "case-00003"),
        ("lena", "lead", "withdraw", "case-00004"),
        ("lena", "lead", "delete", "case-00005"),
        ("lena", "lead", "priority_change", "case-00001"),
        ("lena", "lead", "case_ingest", "case-audited"),
        ("admin-cli", "admin", "reviewer_create", None),
        ("admin-cli", "admin", "queue_assignment", None),
        ("admin-cli", "admin", "reviewer_revoke", None),
    ]
    assert entries[0]["detail"] == {key: decided[key] for key in ("decision_id", "action",
                                                                  "policy")}
    assert entries[7]["detail"] == {"reviewer": "newbie", "queues": ["appeals"]}
    assert all(e["at"].endswith("Z") for e in entries)
    assert NOTE not in lena.get("/v1/audit").text  # ids and codes, never text or notes


def test_rejected_and_idle_requests_write_nothing(client_for, decision_body, post_decision):
    alice, bob, lena = client_for("alice"), client_for("bob"), client_for("lena")
    body = decision_body("case-awkward-html")
    assert post_decision(alice, body).status_code == 201
    before = _entries(lena)
    assert post_decision(alice, body).status_code == 201  # a replay
    assert post_decision(bob, decision_body("case-awkward-html")).status_code == 409
    assert post_decision(bob, decision_body("case-nope")).status_code == 404
    lena.post("/v1/cases/case-awkward-long-text/withdraw").raise_for_status()
    after_withdraw = _entries(lena)
    lena.post("/v1/cases/case-awkward-long-text/withdraw").raise_for_status()  # already
    assert _entries(lena) == after_withdraw
    assert len(after_withdraw) == len(before) + 1


def test_batch_items_are_audited_one_by_one(client_for, bulk_cases, decision_body, post_batch):
    alice, lena = client_for("alice"), client_for("lena")
    start = _entries(lena)[-1]["seq"]
    ids = bulk_cases(30)
    results = post_batch(alice, [decision_body(case_id) for case_id in ids]).json()["results"]
    assert {r["status"] for r in results} == {201}
    assert [e["case_id"] for e in _entries(lena, since=start)] == ids


def test_audit_pages_with_a_cursor(client_for, db_path):
    lena = client_for("lena")
    for index in range(5):
        add_reviewer(db_path, f"paged-{index}", "reviewer")
    first = lena.get("/v1/audit", params={"limit": 6}).json()
    assert len(first["entries"]) == 6 and first["more"] is True
    rest = lena.get("/v1/audit", params={"since": first["cursor"]}).json()
    assert [e["seq"] for e in first["entries"] + rest["entries"]] == list(range(1, 10))
    assert rest["more"] is False and rest["cursor"] == 9
    for bad in ({"limit": 0}, {"limit": 1001}, {"since": -1}):
        assert lena.get("/v1/audit", params=bad).status_code == 422
