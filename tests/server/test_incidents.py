"""Incidents on the central API: declaring (not as a reviewer), sweeps, decisions that carry the
incident id, the bulletin, live figures, the review's sections (exactly once; only someone on
the incident) and the generated review, whose timeline must match a scripted incident step for
step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert

from server.store.schema import authors, cases, reports
from server.timeutil import parse_iso, to_iso, utcnow

TAG_TEXT = "The dam has burst, share before they delete it #floodhoax"


@pytest.fixture
def crisis_cases(server_db):
    """Three open cases with the same hashtag and one without, created ten minutes ago, reported
    nine minutes ago, all past their SLA deadline a minute ago."""
    now = utcnow()
    created, reported, deadline = (now - timedelta(minutes=m) for m in (10, 9, 1))
    rows = [{"id": f"case-flood-{i}", "queue_id": "crisis_sweep", "author_id": "author-flood",
             "text": TAG_TEXT if i < 3 else "an unrelated post #floodhoaxes", "language": "en",
             "region": "DE", "policy_area": "misinformation", "priority": 1,
             "sla_deadline": deadline, "created_at": created, "status": "open"}
            for i in range(4)]
    with server_db.write() as conn:
        conn.execute(insert(authors).values(id="author-flood", handle="flood", display_name="F",
                                            created_at=created, history=[]))
        conn.execute(insert(cases), rows)
        conn.execute(insert(reports), [{"case_id": r["id"], "reason": "misinformation",
                                        "reporter_id": "rep-1", "created_at": reported}
                                       for r in rows])
    return {"ids": [r["id"] for r in rows], "created": created, "reported": reported,
            "deadline": deadline}


def _declare(client, **overrides):
    body = {"title": "Dam-burst hoax", "severity": "high", "regions": ["DE"],
            "commander": "sam", **overrides}
    return client.post("/v1/incidents", json=body)


def _step(steps: list, kind: str, action):
    """Do one step of the script and remember the window it happened in."""
    before = utcnow()
    answer = action()
    steps.append((kind, before, utcnow()))
    return answer


def test_a_reviewer_cannot_declare_an_incident(client_for):
    answer = _declare(client_for("alice"))
    assert answer.status_code == 403
    assert _declare(client_for("lena")).status_code == 201
    assert _declare(client_for("sam")).status_code == 201  # a senior: the on-call watch
    assert _declare(client_for("lena"), commander="nobody").json()["error"] == "unknown_reviewer"


def test_the_review_timeline_matches_a_scripted_incident_step_for_step(
        client_for, crisis_cases, decision_body, post_decision):
    lead, sam, bob = client_for("lena"), client_for("sam"), client_for("bob")
    steps = [("first_case", crisis_cases["created"], crisis_cases["created"]),
             ("first_report", crisis_cases["reported"], crisis_cases["reported"]),
             ("first_sla_breach", crisis_cases["deadline"], crisis_cases["deadline"])]
    incident = _step(steps, "declared", lambda: _declare(lead).json())
    path = f"/v1/incidents/{incident['id']}"
    swept = _step(steps, "sweep", lambda: lead.post(
        f"{path}/sweeps", json={"by": "hashtag", "query": "#floodhoax"}).json())
    assert swept == {"matched": 3, "joined": 3}  # "#floodhoaxes" is another tag
    _step(steps, "cases_joined", lambda: lead.post(
        f"{path}/cases", json={"case_ids": [crisis_cases["ids"][3]]}))
    bulletin = _step(steps, "bulletin_published", lambda: lead.post(f"{path}/bulletin", json={
        "title": "Dam-burst hoax", "body": "Remove copies under misinformation."}).json())
    bob.post(f"/v1/guidelines/{bulletin['id']}/versions/{bulletin['version']}/ack")
    decided = _step(steps, "first_decision", lambda: post_decision(sam, decision_body(
        crisis_cases["ids"][0], policy="misinformation", incident_id=incident["id"])))
    assert decided.json()["decision"]["incident_id"] == incident["id"]
    _step(steps, "contained", lambda: sam.post(f"{path}/state", json={"state": "contained"}))

    review = lead.get(f"{path}/review").json()
    timeline = review["timeline"]
    assert [line["kind"] for line in timeline] == [kind for kind, _, _ in steps]
    for line, (kind, before, after) in zip(timeline, steps):
        assert before <= parse_iso(line["at"]) <= after, (kind, line["at"])
    assert "acknowledged by 1 of" in timeline[6]["text"]
    assert review["decisions_by_action"] == {"remove": 1}
    assert review["bulletin"]["acknowledged"] == 1
    assert review["reviewers"] == {"count": 1, "by_name": None}  # counted, never named
    assert review["time_to_first_action_s"] > 9 * 60
    figures = review["incident"]["figures"]
    assert (figures["cases_in"], figures["decided"], figures["pending"]) == (4, 1, 3)
    assert figures["sla_breaches"] == 4


def test_review_sections_are_stored_once_and_only_by_someone_on_the_incident(
        client_for, crisis_cases, decision_body, post_decision):
    lead, sam, bob = client_for("lena"), client_for("sam"), client_for("bob")
    incident = _declare(lead).json()
    path = f"/v1/incidents/{incident['id']}"
    entry = {"entry_id": "entry-1", "section": "summary", "body": "A hoax spread fast.",
             "written_at": to_iso(utcnow())}
    assert sam.post(f"{path}/review/entries", json=entry).status_code == 201
    assert sam.post(f"{path}/review/entries", json=entry).status_code == 200  # a retry
    assert sam.post(f"{path}/review/entries",
                    json={**entry, "body": "other"}).json()["error"] == "entry_id_reused"
    item = {**entry, "entry_id": "entry-2", "section": "action_item", "owner": "lena",
            "body": "Add the hashtag to the watch list"}
    refused = bob.post(f"{path}/review/entries", json=item)
    assert refused.status_code == 403 and refused.json()["error"] == "not_on_incident"
    # Deciding one of its cases under the incident puts bob on it.
    post_decision(bob, decision_body(crisis_cases["ids"][1], incident_id=incident["id"]))
    assert bob.post(f"{path}/review/entries", json=item).status_code == 201
    sections = lead.get(f"{path}/review").json()["sections"]
    assert sections["summary"] == "A hoax spread fast."
    assert sections["action_items"] == [{"body": "Add the hashtag to the watch list",
                                         "owner": "lena"}]
    assert crisis_cases["ids"][1] in lead.get(path).json()["case_ids"]  # joined by the decision


def test_a_decision_naming_an_unknown_incident_is_refused_and_not_stored(
        client_for, crisis_cases, decision_body, post_decision):
    body = decision_body(crisis_cases["ids"][0], incident_id="inc-00000000")
    answer = post_decision(client_for("sam"), body)
    assert answer.status_code == 422 and answer.json()["error"] == "unknown_incident"
    assert post_decision(client_for("sam"), {**body, "incident_id": ""}).status_code == 201


def test_only_the_commander_or_a_lead_changes_the_incident(client_for, crisis_cases):
    incident = _declare(client_for("lena")).json()
    path = f"/v1/incidents/{incident['id']}"
    assert client_for("bob").post(f"{path}/state", json={"state": "closed"}).status_code == 403
    assert client_for("sam").post(f"{path}/state", json={"state": "closed"}).status_code == 200
    reopen = client_for("sam").post(f"{path}/state", json={"state": "open"})
    assert reopen.status_code == 409 and reopen.json()["error"] == "invalid_transition"
    listed = client_for("alice").get("/v1/incidents", params={"state": "closed"}).json()
    assert [i["id"] for i in listed["incidents"]] == [incident["id"]]
