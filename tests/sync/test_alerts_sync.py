"""Alerts against the real server on loopback: they reach the local store (readable offline);
a page naming this reviewer is reported once; an acknowledgement made offline reaches the
central API exactly once, also when the answer to a first send was lost."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from reviewer.context.alerts import AlertStore
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings
from server.alerts.paging import page_first
from server.alerts.records import raise_or_update
from server.store.alerts_schema import alert_transitions, alerts
from server.store.database import open_database
from server.timeutil import to_iso, utcnow


def _engine(tmp_path, central_api):
    settings = SyncSettings(prefetch_per_queue=5, low_watermark=2)
    path = tmp_path / "profile" / "store.sqlite3"
    client = ApiClient(central_api.url, central_api.tokens["reviewer"])
    return SyncEngine(path, client, settings=settings), path


def _raise_alert(central_api, key: str) -> int:
    database = open_database(central_api.db_path)
    try:
        with database.write() as conn:
            alert_id, _ = raise_or_update(
                conn, kind="spike", dedup_key=key, severity="high", title=f"Spike on #{key}",
                count=25, detail={}, case_ids=["case-awkward-html"], now=utcnow())
            page_first(conn, alert_id, utcnow())
    finally:
        database.close()
    return alert_id


def _server_rows(central_api, alert_id: int) -> tuple[int, str | None]:
    database = open_database(central_api.db_path)
    try:
        with database.read() as conn:
            sent = conn.execute(select(func.count()).select_from(alert_transitions)
                                .where(alert_transitions.c.alert_id == alert_id)).scalar_one()
            by = conn.execute(select(alerts.c.acknowledged_by)
                              .where(alerts.c.id == alert_id)).scalar_one()
    finally:
        database.close()
    return sent, by


def _put_reviewer_on_call(central_api) -> None:
    now = utcnow()
    with central_api.lead() as lead:
        lead.post("/v1/oncall/shifts", json={
            "starts_at": to_iso(now - timedelta(hours=1)),
            "ends_at": to_iso(now + timedelta(hours=1)),
            "primary": "reviewer-one", "secondary": "reviewer-two"}).raise_for_status()


def _until_sent(engine, store):
    for _ in range(40):  # the first round after an outage may still be backing off
        status = engine.run_once()
        if status.online and store.waiting_count() == 0:
            return status
        threading.Event().wait(0.25)
    raise AssertionError("the acknowledgement never left")


def test_a_page_arrives_once_and_an_offline_acknowledgement_reaches_the_server_once(
        tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    _put_reviewer_on_call(central_api)
    engine.run_once()
    alert_id = _raise_alert(central_api, "floodwatch")
    status = engine.run_once()
    assert status.alerts_changed and status.paged_alerts == (alert_id,)
    assert engine.run_once().paged_alerts == ()  # notified once, not every round
    store = AlertStore(open_store(path))
    view = store.alert(alert_id)
    assert view.title == "Spike on #floodwatch" and view.paged == ("primary: reviewer-one",)

    central_api.server.stop()
    assert store.acknowledge(alert_id)
    assert not store.acknowledge(alert_id)  # already acknowledged here: nothing queued twice
    assert engine.run_once().online is False
    offline = store.alert(alert_id)
    assert offline.state == "acknowledged" and offline.waiting  # shown at once, offline
    assert _server_rows(central_api, alert_id) == (0, None)

    central_api.server.start()
    _until_sent(engine, store)
    engine.run_once()
    assert _server_rows(central_api, alert_id) == (1, "reviewer-one")
    after = store.alert(alert_id)
    assert after.state == "acknowledged" and not after.waiting


def test_a_lost_answer_is_resent_under_the_same_id_and_applied_once(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    alert_id = _raise_alert(central_api, "lost-answer")
    engine.run_once()
    store = AlertStore(open_store(path))
    assert store.resolve(alert_id)
    [(transition_id, _, to)] = store.due_transitions()  # marked `sending`, then the crash:
    ApiClient(central_api.url, central_api.tokens["reviewer"]).alert_transition(
        alert_id, transition_id, to)  # the request reached the server, its answer was lost
    _until_sent(engine, store)  # sent again after the restart, under the same id
    assert _server_rows(central_api, alert_id)[0] == 1
    assert store.alert(alert_id).state == "resolved"


def test_alerts_are_readable_offline_from_the_store(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    alert_id = _raise_alert(central_api, "offline-read")
    engine.run_once()
    central_api.server.stop()
    assert engine.run_once().online is False
    assert alert_id in [v.id for v in AlertStore(open_store(path)).alerts()]
    central_api.server.start()


def test_media_matching_a_never_render_hash_list_is_never_fetched(tmp_path, central_api):
    import base64

    from server.alerts.hash_lists import pdq_of_bytes
    from tests.factories import sha, synthetic_png

    listed, plain = synthetic_png(240, 180, seed=61), synthetic_png(260, 180, seed=62)
    with central_api.lead() as lead:
        lead.post("/v1/hash-lists", json={
            "name": "Programme X", "category": "csam_suspected", "action": "remove",
            "hashes": [pdq_of_bytes(listed)[0]]}).raise_for_status()
        lead.post("/v1/cases", json={
            "id": "case-listed", "queue_id": "graphic_media", "text": "reported", "priority": 1,
            "media": [{"data_base64": base64.b64encode(data).decode(), "mime": "image/png",
                       "category": "benign", "label": "filed as harmless"}
                      for data in (listed, plain)]}).raise_for_status()
    path = tmp_path / "profile" / "store.sqlite3"
    engine = SyncEngine(path, ApiClient(central_api.url, central_api.tokens["reviewer"]),
                        settings=SyncSettings(prefetch_per_queue=200, low_watermark=199))
    engine.run_once()
    db = open_store(path)
    assert db.execute("SELECT list_categories FROM case_media WHERE case_id = 'case-listed' "
                      "ORDER BY position").fetchall() == [("csam_suspected",), ("",)]
    cached = {row[0] for row in db.execute("SELECT sha256 FROM media")}
    assert sha(plain) in cached and sha(listed) not in cached
    assert any(a.kind == "hash_list" and "case-listed" in a.case_ids
               for a in AlertStore(db).alerts())
