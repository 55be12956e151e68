"""The demo's crisis: thirty cases with one image and one hashtag arrive in the crisis-sweep
queue; an incident declared over them is swept by the hashtag and reported. (The feed's timing
is a parameter: here it runs at once.)"""

from __future__ import annotations

import pytest

from server.demo.crisis import CRISIS_CASES, CRISIS_TAG, CrisisFeed, put_on_call


@pytest.fixture
def crisis(db_path, server):
    feed = CrisisFeed(db_path, lambda: server.running, delay=0, spacing=0)
    feed.run()
    return feed


def test_the_crisis_arrives_and_can_be_declared_swept_and_reported(crisis, client_for):
    assert crisis.ingested == CRISIS_CASES
    sam = client_for("sam")
    incident = sam.post("/v1/incidents", json={"title": "Dam-burst hoax", "severity": "high",
                                               "regions": ["DE"]}).json()
    path = f"/v1/incidents/{incident['id']}"
    swept = sam.post(f"{path}/sweeps", json={"by": "hashtag", "query": CRISIS_TAG}).json()
    assert swept == {"matched": CRISIS_CASES, "joined": CRISIS_CASES}
    shas = {m["sha256"] for case_id in sam.get(path).json()["case_ids"]
            for m in sam.get(f"/v1/cases/{case_id}").json()["media"]}
    assert len(shas) == 1  # one image: a spike on one media hash
    review = sam.get(f"{path}/review").json()
    assert [line["kind"] for line in review["timeline"]][:4] == [
        "first_case", "first_report", "declared", "sweep"]
    assert review["media_by_category"] == {"benign": CRISIS_CASES}


def test_a_restarted_feed_adds_no_second_crisis(crisis, db_path, server):
    again = CrisisFeed(db_path, lambda: server.running, delay=0, spacing=0)
    again.run()
    assert again.ingested == 0


def test_the_spike_pages_the_on_call_who_declares_from_the_alert(
        db_path, server, client_for):
    put_on_call(db_path, "alice")
    CrisisFeed(db_path, lambda: server.running, delay=0, spacing=0).run()
    alice, bob = client_for("alice"), client_for("bob")
    spike = next(a for a in alice.get("/v1/alerts").json()["alerts"] if a["kind"] == "spike")
    alice.post(f"/v1/alerts/{spike['id']}/transitions",
               json={"transition_id": "ack-1", "to": "acknowledged"})
    body = {"title": "Dam-burst hoax", "severity": "high", "alert_id": str(spike["id"])}
    assert bob.post("/v1/incidents", json=body).status_code == 403  # not on call
    incident = alice.post("/v1/incidents", json=body).json()  # on call: may declare
    assert incident["commander"] == "alice" and incident["alert_id"] == str(spike["id"])
    assert set(incident["case_ids"]) == set(spike["case_ids"]) and spike["case_ids"]
    kinds = [line["kind"] for line in
             alice.get(f"/v1/incidents/{incident['id']}/review").json()["timeline"]]
    assert kinds[:6] == ["first_case", "first_report", "alert_raised", "on_call_paged",
                         "alert_acknowledged", "declared"]
    unknown = alice.post("/v1/incidents", json={**body, "alert_id": "999999"})
    assert unknown.status_code == 422 and unknown.json()["error"] == "unknown_alert"
