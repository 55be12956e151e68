"""Incidents through the real sync worker and the real server: a decision on a case of an open
incident carries its id to the central API by the one decision path; the incidents and their
live figures arrive; a review section written here reaches the central API exactly once, even
when the answer to the first sending was lost."""

from __future__ import annotations

from reviewer.actions import ActionId
from reviewer.context.incidents import IncidentStore
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings
from reviewer.sync.incidents import IncidentSync

SETTINGS = SyncSettings(prefetch_per_queue=12, low_watermark=3)


def _engine(tmp_path, central_api, role="senior"):
    path = tmp_path / "profile" / "store.sqlite3"
    client = ApiClient(central_api.url, central_api.tokens[role])
    engine = SyncEngine(path, client, settings=SETTINGS)
    engine.concerns.incidents = IncidentSync(client, interval=0)  # figures every round
    return engine, path


def _declare_with(central_api, case_ids: list[str]) -> str:
    with central_api.lead() as lead:
        incident = lead.post("/v1/incidents", json={
            "title": "Coordinated hoax", "severity": "high", "regions": [],
            "commander": "senior-one"}).json()
        lead.post(f"/v1/incidents/{incident['id']}/cases", json={"case_ids": case_ids})
    return incident["id"]


def test_a_decision_on_an_incident_case_carries_the_incident_id(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.run_once()
    session = ReviewSession(open_store(path))
    case = session.current()
    incident_id = _declare_with(central_api, [case.id])
    status = engine.run_once()
    assert status.incidents_changed
    assert session.incidents.tag_for(case.id) == incident_id
    shown = session.incidents.incident(incident_id)
    assert shown["figures"]["cases_in"] == 1 and shown["figures"]["pending"] == 1

    decision = session.decide(ActionId.NO_VIOLATION)
    assert decision.incident_id == incident_id
    engine.run_once()
    with central_api.lead() as lead:
        recorded = lead.get("/v1/decisions", params={"case_id": case.id}).json()["decisions"]
    assert [d.get("incident_id") for d in recorded] == [incident_id]
    figures = IncidentStore(open_store(path)).incident(incident_id)["figures"]
    assert (figures["decided"], figures["pending"]) == (1, 0)
    other = session.current()
    assert session.incidents.tag_for(other.id) == ""  # not in the incident: no tag


def test_a_review_section_reaches_the_central_api_exactly_once(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.run_once()
    store = IncidentStore(open_store(path))
    incident_id = _declare_with(central_api, [])
    engine.run_once()
    entry_id = store.write_entry(incident_id, "root_cause", "The hashtag was not watched.")
    engine.run_once()
    # The answer was lost: the entry is pending again here and is sent a second time.
    store.mark_entry(entry_id, "pending")
    engine.run_once()
    assert [e["state"] for e in store.entries(incident_id)] == ["sent"]
    with central_api.lead() as lead:
        review = lead.get(f"/v1/incidents/{incident_id}/review").json()
    assert [e["entry_id"] for e in review["entries"]] == [entry_id]
    assert review["sections"]["root_cause"] == "The hashtag was not watched."


def test_a_reviewer_not_on_the_incident_sees_the_refusal_beside_the_section(
        tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api, role="reviewer")
    engine.run_once()
    store = IncidentStore(open_store(path))
    incident_id = _declare_with(central_api, [])
    engine.run_once()
    store.write_entry(incident_id, "summary", "I was not on it")
    engine.run_once()
    [entry] = store.entries(incident_id)
    assert entry["state"] == "rejected" and "not on this incident" in entry["last_error"]
