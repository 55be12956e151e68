"""Investigation context (GET /v1/cases/{id}/context, POST /v1/case-contexts) and account
notes (POST /v1/accounts/{author_id}/notes), on the seeded server."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import insert, select, update

from server.store.schema import audit_log, authors, cases, reports
from server.timeutil import to_iso, utcnow

HIGH_PROFILE_AUTHOR = "author-0000"  # every 23rd seeded author is high profile


def _case_of(server_db, author_id: str, **where) -> str:
    with server_db.read() as conn:
        query = select(cases.c.id).where(cases.c.author_id == author_id, cases.c.status == "open")
        for column, value in where.items():
            query = query.where(cases.c[column] == value)
        return conn.execute(query.order_by(cases.c.id)).scalars().first()


def _restrict_bob_to(server_db, queue_id: str) -> None:
    from server.store.schema import reviewer_queues, reviewers
    with server_db.write() as conn:
        bob = conn.execute(select(reviewers.c.id).where(reviewers.c.name == "bob")).scalar_one()
        conn.execute(insert(reviewer_queues).values(reviewer_id=bob, queue_id=queue_id))


def test_context_names_author_enforcement_strikes_open_cases_reporters_and_notes(
        client_for, server_db):
    now = utcnow()
    with server_db.write() as conn:  # a recent removal and an old one in the history
        conn.execute(update(authors).where(authors.c.id == HIGH_PROFILE_AUTHOR).values(history=[
            {"at": to_iso(now - timedelta(days=400)), "action": "remove", "policy": "spam",
             "summary": "old"},
            {"at": to_iso(now - timedelta(days=10)), "action": "suspend", "policy": "spam",
             "summary": "recent"},
            {"at": to_iso(now - timedelta(days=5)), "action": "no_violation", "policy": "spam",
             "summary": "cleared"},
        ]))
    case_id = _case_of(server_db, HIGH_PROFILE_AUTHOR)
    answer = client_for("sam").get(f"/v1/cases/{case_id}/context")
    assert answer.status_code == 200
    context = answer.json()
    assert context["author"]["id"] == HIGH_PROFILE_AUTHOR
    assert context["author"]["high_profile"] is True
    assert context["author"]["account_age_days"] >= 20
    assert [e["summary"] for e in context["prior_enforcement"]] == ["recent", "old"]
    assert context["strikes"]["count"] == 1 and context["strikes"]["window_days"] == 90
    others = {c["case_id"] for c in context["other_open_cases"]}
    assert others and case_id not in others
    with server_db.read() as conn:
        assert others == set(conn.execute(select(cases.c.id).where(
            cases.c.author_id == HIGH_PROFILE_AUTHOR, cases.c.id != case_id,
            cases.c.status == "open")).scalars())
        reporter_ids = set(conn.execute(select(reports.c.reporter_id)
                                        .where(reports.c.case_id == case_id)).scalars())
    assert {r["reporter_id"] for r in context["reporters"]} == reporter_ids
    assert all(r["reports_filed"] >= r["reports_decided"] >= r["reports_upheld"] >= 0
               for r in context["reporters"])
    assert context["notes"] and context["notes"][0]["reviewer"]  # seeded notes, with authors
    assert "text" not in str(context["other_open_cases"])  # only metadata of other cases


def test_a_reviewer_without_access_to_the_case_gets_403(client_for, server_db):
    case_id = _case_of(server_db, HIGH_PROFILE_AUTHOR, queue_id="escalations")
    _restrict_bob_to(server_db, "appeals")
    bob = client_for("bob")
    assert bob.get(f"/v1/cases/{case_id}/context").status_code == 403
    batch = bob.post("/v1/case-contexts", json={"case_ids": [case_id, "no-such-case"]}).json()
    assert batch["contexts"] == []
    assert {(u["case_id"], u["error"]) for u in batch["unavailable"]} == {
        (case_id, "not_your_case"), ("no-such-case", "unknown_case")}
    assert client_for("alice").get(f"/v1/cases/{case_id}/context").status_code == 200
    assert client_for(None).get(f"/v1/cases/{case_id}/context").status_code == 401


def test_account_notes_are_idempotent_audited_without_body_and_newest_first(
        client_for, server_db):
    case_id = _case_of(server_db, "author-0001")
    alice = client_for("alice")
    note = {"note_id": str(uuid.uuid4()), "body": "Watch for <b>ban evasion</b>"}
    first = alice.post("/v1/accounts/author-0001/notes", json=note)
    assert first.status_code == 201
    assert first.json()["reviewer"] == "alice" and first.json()["body"] == note["body"]
    retry = alice.post("/v1/accounts/author-0001/notes", json=note)
    assert (retry.status_code, retry.json()) == (200, first.json())
    reused = alice.post("/v1/accounts/author-0001/notes", json={**note, "body": "other"})
    assert reused.status_code == 409 and reused.json()["error"] == "note_id_reused"
    second = alice.post("/v1/accounts/author-0001/notes",
                        json={"note_id": str(uuid.uuid4()), "body": "second"})
    assert second.status_code == 201

    notes = alice.get(f"/v1/cases/{case_id}/context").json()["notes"]
    mine = [n["body"] for n in notes if n["reviewer"] == "alice"]
    assert mine == ["second", note["body"]]  # once each, newest first
    with server_db.read() as conn:
        entries = conn.execute(select(audit_log).where(audit_log.c.action == "account_note")).all()
    assert len(entries) == 2
    assert all("body" not in entry.detail and "ban evasion" not in str(entry.detail)
               for entry in entries)


def test_notes_need_a_readable_case_of_the_account(client_for, server_db):
    _restrict_bob_to(server_db, "appeals")
    with server_db.read() as conn:
        queues_of = {}
        for author_id, queue_id in conn.execute(select(cases.c.author_id, cases.c.queue_id)):
            queues_of.setdefault(author_id, set()).add(queue_id)
    outside = next(a for a, q in sorted(queues_of.items()) if "appeals" not in q)
    inside = next(a for a, q in sorted(queues_of.items()) if "appeals" in q)
    body = {"note_id": str(uuid.uuid4()), "body": "note"}
    bob = client_for("bob")
    assert bob.post(f"/v1/accounts/{outside}/notes", json=body).status_code == 403
    assert bob.post(f"/v1/accounts/{inside}/notes", json=body).status_code == 201
    assert client_for("sam").post(f"/v1/accounts/{outside}/notes", json={
        "note_id": str(uuid.uuid4()), "body": "senior"}).status_code == 201
    assert bob.post("/v1/accounts/no-such-author/notes", json={
        "note_id": str(uuid.uuid4()), "body": "x"}).status_code == 404
    assert bob.post(f"/v1/accounts/{inside}/notes", json={
        "note_id": str(uuid.uuid4()), "body": "   "}).status_code == 422


def test_reporter_upheld_counts_follow_decisions(client_for, server_db, post_decision,
                                                 decision_body):
    case_id = _case_of(server_db, "author-0001")
    sam = client_for("sam")

    def stats() -> dict:
        return {r["reporter_id"]: r for r in
                sam.get(f"/v1/cases/{case_id}/context").json()["reporters"]}

    before = stats()
    answer = post_decision(sam, decision_body(case_id, "remove"))
    assert answer.status_code == 201
    after = stats()
    assert after.keys() == before.keys()
    for reporter_id, row in after.items():
        assert row["reports_filed"] == before[reporter_id]["reports_filed"]
        assert row["reports_decided"] >= before[reporter_id]["reports_decided"] + 1
        assert row["reports_upheld"] >= before[reporter_id]["reports_upheld"] + 1

    # The removal shows as prior enforcement on the author's other cases.
    other = _case_of(server_db, "author-0001")
    enforcement = sam.get(f"/v1/cases/{other}/context").json()["prior_enforcement"]
    assert any(e["source"] == "decision" and e["case_id"] == case_id for e in enforcement)
    reversal = post_decision(sam, decision_body(case_id, "reverse", note="wrong call"))
    assert reversal.status_code == 201
    assert stats() == before  # reversed: no longer upheld, and the case is open again
