"""The demo's crisis: thirty cases with one image and one hashtag arrive in the crisis-sweep
queue; an incident declared over them is swept by the hashtag and reported. (The feed's timing
is a parameter: here it runs at once.)"""

from __future__ import annotations

import pytest

from server.demo.crisis import CRISIS_CASES, CRISIS_TAG, CrisisFeed


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
