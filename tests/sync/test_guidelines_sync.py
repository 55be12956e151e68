"""Guidelines against the real server: a bulletin a lead publishes reaches the workstation, is
acknowledged offline and reaches the server exactly once; decisions carry the guideline version."""

from __future__ import annotations

import threading

from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient
from reviewer.context.guidelines import GuidelineStore
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine, SyncSettings

BULLETIN = {"id": "election-night", "title": "Election night: results claims", "kind": "bulletin",
            "policy_area": "misinformation",
            "body": "Claims of final results before the official count are restricted."}


def _engine(tmp_path, central_api):
    # presets_interval 0: guidelines are fetched every round, not once a minute.
    settings = SyncSettings(prefetch_per_queue=10, low_watermark=3, presets_interval=0)
    path = tmp_path / "profile" / "store.sqlite3"
    client = ApiClient(central_api.url, central_api.tokens["reviewer"])
    return SyncEngine(path, client, settings=settings), path


def _until_synced(engine):
    for _ in range(40):  # the first round after an outage may still be backing off
        status = engine.run_once()
        if status.online and status.waiting == 0:
            return status
        threading.Event().wait(0.25)
    raise AssertionError(f"never synced: {status}")


def _ack_report(central_api, guideline_id, version=1):
    with central_api.lead() as lead:
        report = lead.get(f"/v1/guidelines/{guideline_id}/versions/{version}/acks").json()
        audit = [e for e in lead.get("/v1/audit").json()["entries"]
                 if e["action"] == "guideline_ack" and e["detail"]["guideline_id"] == guideline_id]
    return [a["reviewer"] for a in report["acknowledged"]], audit


def test_a_published_bulletin_is_acknowledged_offline_and_reaches_the_server_once(
        tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    first = engine.run_once()
    assert first.online and first.guidelines_changed  # the seeded library arrived
    store = GuidelineStore(open_store(path))
    assert store.get("hate_speech").version == 3  # readable from here on, offline too
    with central_api.lead() as lead:
        lead.post("/v1/guidelines", json=BULLETIN).raise_for_status()
    status = engine.run_once()
    assert status.guidelines_changed
    assert "election-night@1" in [g.tag for g in store.unacknowledged()]
    assert engine.run_once().guidelines_changed is False  # nothing new the next time

    central_api.server.stop()
    store.mark_read("election-night", 1)  # the reviewer opened it
    assert store.acknowledge("election-night", 1)
    assert "election-night@1" not in [g.tag for g in store.unacknowledged()]
    assert engine.run_once().online is False
    assert store.pending_acks() == [("election-night", 1)]  # kept until the server has it

    central_api.server.start()
    _until_synced(engine)
    assert store.pending_acks() == []
    engine.run_once()
    acknowledged, audit = _ack_report(central_api, "election-night")
    assert acknowledged == ["reviewer-one"] and len(audit) == 1


def test_a_lost_answer_is_resent_and_still_recorded_once(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.run_once()
    store = GuidelineStore(open_store(path))
    bulletin = store.unacknowledged()[0]  # the seeded crisis bulletin
    store.mark_read(bulletin.guideline_id, bulletin.version)
    store.acknowledge(bulletin.guideline_id, bulletin.version)
    engine.run_once()
    # As if the answer had been lost: the acknowledgement is pending again and goes again.
    db = open_store(path)
    db.execute("UPDATE guideline_acks SET sent_at = ''")
    db.conn.commit()
    engine.run_once()
    assert store.pending_acks() == []  # sent again, and the server answered
    acknowledged, audit = _ack_report(central_api, bulletin.guideline_id, bulletin.version)
    assert acknowledged == ["reviewer-one"] and len(audit) == 1


def test_a_pushed_decision_carries_the_guideline_version_to_the_server(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.run_once()
    session = ReviewSession(open_store(path))
    case = session.current()
    policy = session.default_policy(case)
    expected = GuidelineStore(session.cache.db).tag_for(policy, case.policy_area)
    assert expected.startswith(f"{policy}@")  # the seeded library documents every policy
    decision = session.decide(ActionId.NO_VIOLATION)
    assert decision.guideline_version == expected
    _until_synced(engine)
    recorded = central_api.decisions(case.id)
    assert [(d["decision_id"], d["guideline_version"]) for d in recorded] == [
        (decision.decision_id, expected)]
