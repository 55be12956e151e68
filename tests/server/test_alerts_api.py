"""Alerts over HTTP on both back ends: thirty cases carrying one image raise a spike alert;
acknowledging and resolving exactly once per transition id; thresholds only a lead changes;
hash lists of PDQ hashes matching incoming media; the on-call rota and its paging chain
(primary, then secondary, then lead) with a controlled clock."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select

from server.alerts.detectors import evaluate
from server.alerts.hash_lists import pdq_of_bytes
from server.alerts.records import get_alert, raise_or_update
from server.alerts.paging import page_first
from server.store.alerts_schema import alert_transitions
from tests.factories import sha, synthetic_png


def _case(n: int, image: bytes, **extra) -> dict:
    return {"id": f"case-api-{n:03d}", "queue_id": "crisis_sweep", "text": "shared picture",
            "author": {"id": f"acct-{n}", "handle": f"user{n}"},
            "media": [{"data_base64": base64.b64encode(image).decode(), "mime": "image/png",
                       "category": "benign", "label": "a picture"}], **extra}


def test_thirty_cases_with_one_image_within_two_minutes_raise_a_spike_alert(client_for):
    lena, alice = client_for("lena"), client_for("alice")
    image = synthetic_png(seed=21)
    for n in range(30):
        assert lena.post("/v1/cases", json=_case(n, image)).status_code == 201
    answer = alice.get("/v1/alerts")
    assert answer.status_code == 200
    [alert] = [a for a in answer.json()["alerts"] if a["dedup_key"] == f"spike:media:{sha(image)}"]
    assert alert["kind"] == "spike" and alert["state"] == "open"
    assert alert["severity"] in ("medium", "high", "critical")
    assert set(alert["case_ids"]) >= {f"case-api-{n:03d}" for n in range(20, 30)}


def test_acknowledge_then_resolve_exactly_once_per_transition_id(client_for, server_db):
    alice, bob = client_for("alice"), client_for("bob")
    alert_id = _raise(server_db, "test:ack")
    ack = {"transition_id": str(uuid.uuid4()), "to": "acknowledged", "note": "on it"}
    first = alice.post(f"/v1/alerts/{alert_id}/transitions", json=ack)
    again = alice.post(f"/v1/alerts/{alert_id}/transitions", json=ack)  # a retry
    assert first.status_code == again.status_code == 200
    assert first.json()["applied"] is True and again.json()["applied"] is True
    assert first.json()["alert"]["acknowledged_by"] == "alice"
    late = bob.post(f"/v1/alerts/{alert_id}/transitions",
                    json={"transition_id": str(uuid.uuid4()), "to": "acknowledged"})
    assert late.json()["applied"] is False and late.json()["alert"]["acknowledged_by"] == "alice"
    done = bob.post(f"/v1/alerts/{alert_id}/transitions",
                    json={"transition_id": str(uuid.uuid4()), "to": "resolved"}).json()
    assert done["alert"]["state"] == "resolved" and done["alert"]["resolved_by"] == "bob"
    with server_db.read() as conn:
        rows = conn.execute(select(func.count()).select_from(alert_transitions).where(
            alert_transitions.c.transition_id == ack["transition_id"])).scalar_one()
    assert rows == 1
    reused = alice.post(f"/v1/alerts/{alert_id}/transitions", json={**ack, "to": "resolved"})
    assert reused.status_code == 422 and reused.json()["error"] == "idempotency_key_reused"
    assert alice.post("/v1/alerts/999999/transitions", json={
        "transition_id": "x", "to": "resolved"}).status_code == 404


def test_a_resolved_spike_that_comes_back_raises_a_new_alert(server_db):
    first = _raise(server_db, "test:again")
    assert _raise(server_db, "test:again") == first  # still live: the same alert
    with server_db.write() as conn:
        from server.alerts.records import transition
        transition(conn, _Who(), first, {"transition_id": "t1", "to": "resolved"},
                   datetime(2030, 1, 1))
    assert _raise(server_db, "test:again") != first


def test_only_a_lead_changes_thresholds(client_for):
    alice, lena = client_for("alice"), client_for("lena")
    assert alice.get("/v1/alerts/config").json()["spike_min_count"] == 20
    refused = alice.put("/v1/alerts/config", json={"spike_min_count": 5})
    assert refused.status_code == 403 and refused.json()["required_role"] == "lead"
    changed = lena.put("/v1/alerts/config", json={"spike_min_count": 5, "spike_ratio": 4})
    assert changed.status_code == 200, changed.text
    assert changed.json()["spike_min_count"] == 5 and changed.json()["spike_window_minutes"] == 10
    assert alice.get("/v1/alerts/config").json()["spike_ratio"] == 4
    assert lena.put("/v1/alerts/config", json={"spike_min_count": 0}).status_code == 422
    assert lena.put("/v1/alerts/config", json={"nonsense": 1}).status_code == 422


def test_media_near_a_hash_list_entry_alerts_and_carries_the_match(client_for):
    lena, alice = client_for("lena"), client_for("alice")
    image = synthetic_png(seed=33)
    listed, _quality = pdq_of_bytes(image)
    near = f"{int(listed, 16) ^ 0b1011:064x}"  # three bits off: a re-encoded copy's distance
    spec = {"name": "Programme X", "category": "csam_suspected", "action": "remove",
            "distance": 31, "severity": "critical", "hashes": [near]}
    assert alice.post("/v1/hash-lists", json=spec).status_code == 403
    loaded = lena.post("/v1/hash-lists", json=spec)
    assert loaded.status_code == 201 and loaded.json()["hash_count"] == 1
    assert lena.post("/v1/hash-lists", json={**spec, "hashes": ["xyz"]}).status_code == 422
    assert lena.post("/v1/cases", json=_case(900, image)).status_code == 201
    other = synthetic_png(seed=34, width=200, height=320)
    assert lena.post("/v1/cases", json=_case(901, other)).status_code == 201
    [alert] = [a for a in alice.get("/v1/alerts").json()["alerts"] if a["kind"] == "hash_list"]
    assert alert["severity"] == "critical" and alert["case_ids"] == ["case-api-900"]
    media = lena.get("/v1/cases/case-api-900").json()["media"][0]
    assert media["hash_list_matches"] == [{
        "list_id": loaded.json()["id"], "list_name": "Programme X",
        "category": "csam_suspected", "action": "remove", "distance": 3}]
    assert lena.get("/v1/cases/case-api-901").json()["media"][0]["hash_list_matches"] == []


def test_the_rota_is_kept_by_leads_in_each_persons_time_zone(client_for):
    alice, lena = client_for("alice"), client_for("lena")
    shift = {"starts_at": "2030-06-01T09:00", "ends_at": "2030-06-01T17:00",
             "time_zone": "Europe/Berlin", "primary": "alice", "secondary": "bob"}
    assert alice.post("/v1/oncall/shifts", json=shift).status_code == 403
    assert alice.put("/v1/oncall/people/bob/time-zone",
                     json={"time_zone": "Asia/Manila"}).status_code == 403
    assert alice.put("/v1/oncall/people/alice/time-zone",
                     json={"time_zone": "America/New_York"}).status_code == 200
    made = lena.post("/v1/oncall/shifts", json=shift)
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["starts_at"], body["ends_at"]) == ("2030-06-01T07:00:00Z", "2030-06-01T15:00:00Z")
    local = {entry["reviewer"]: entry for entry in body["local"]}
    assert local["alice"]["starts_at"] == "2030-06-01T03:00-04:00"
    assert local["bob"]["time_zone"] == "UTC"
    assert local["bob"]["starts_at"].startswith("2030-06-01T07:00")
    rota = alice.get("/v1/oncall").json()
    assert [s["id"] for s in rota["shifts"]] == [body["id"]]
    for bad in ({**shift, "time_zone": "Mars/Base"}, {**shift, "time_zone": "Europe"},
                {**shift, "starts_at": "9999-12-31T20:00", "ends_at": "9999-12-31T23:00"},
                {**shift, "primary": "nobody"},
                {**shift, "lead": "alice"}, {**shift, "ends_at": "2030-06-01T08:00"}):
        assert lena.post("/v1/oncall/shifts", json=bad).status_code == 422


def test_an_unacknowledged_alert_pages_primary_then_secondary_then_lead(client_for, server_db):
    lena = client_for("lena")
    t0 = datetime(2030, 7, 1, 10, 0)
    lena.post("/v1/oncall/shifts", json={
        "starts_at": "2030-07-01T08:00Z", "ends_at": "2030-07-01T20:00Z", "primary": "alice",
        "secondary": "bob", "lead": "lena"}).raise_for_status()
    chained, quiet = _raise(server_db, "test:chain", t0), _raise(server_db, "test:acked", t0)
    with server_db.write() as conn:
        from server.alerts.records import transition
        transition(conn, _Who(), quiet, {"transition_id": "q1", "to": "acknowledged"}, t0)

    def pages_at(minutes: int, alert_id: int = chained) -> list[tuple[str, str]]:
        with server_db.write() as conn:
            evaluate(conn, t0 + timedelta(minutes=minutes))
            return [(p["level"], p["reviewer"]) for p in get_alert(conn, alert_id)["pages"]]

    assert pages_at(0) == [("primary", "alice")]
    assert pages_at(4) == [("primary", "alice")]
    assert pages_at(5) == [("primary", "alice"), ("secondary", "bob")]
    assert pages_at(9) == [("primary", "alice"), ("secondary", "bob")]
    assert pages_at(10) == [("primary", "alice"), ("secondary", "bob"), ("lead", "lena")]
    assert pages_at(60)[-1] == ("lead", "lena") and len(pages_at(60)) == 3
    assert pages_at(60, quiet) == [("primary", "alice")]  # acknowledged: the chain stopped


class _Who:
    id, name = 1, "tester"


def _raise(database, key: str, now: datetime = datetime(2030, 1, 1)) -> int:
    with database.write() as conn:
        alert_id, created = raise_or_update(
            conn, kind="spike", dedup_key=key, severity="medium", title=key, count=1,
            detail={}, case_ids=["case-awkward-html"], now=now)
        if created:
            page_first(conn, alert_id, now)
    return alert_id


def test_the_admin_cli_keeps_thresholds_hash_lists_and_the_rota(tmp_path, db_path, capsys,
                                                                 client_for):
    import json

    import main  # the entry point, as `python main.py admin ...` runs it

    db = ["--db", str(db_path)]
    assert main.main(["admin", "alerts", "config", "--set", "spike_min_count=25", *db]) == 0
    assert json.loads(capsys.readouterr().out)["spike_min_count"] == 25
    export = tmp_path / "programme.csv"
    export.write_text(f"# from programme X\nhash,quality\n{'ab' * 32},100\n", encoding="utf-8")
    assert main.main(["admin", "hash-list", "load", str(export), "--name", "X", "--category",
                      "terror", "--action", "remove", *db]) == 0
    assert json.loads(capsys.readouterr().out)["hash_count"] == 1
    assert main.main(["admin", "oncall", "add", "--from", "2031-01-05T09:00", "--to",
                      "2031-01-05T17:00", "--tz", "Asia/Manila", "--primary", "alice", *db]) == 0
    assert json.loads(capsys.readouterr().out)["starts_at"] == "2031-01-05T01:00:00Z"
    assert main.main(["admin", "oncall", "add", "--from", "soon", "--to", "later",
                      "--primary", "alice", *db]) == main.EXIT_USAGE
    assert "invalid_time" in capsys.readouterr().err
    alice = client_for("alice")
    assert alice.get("/v1/alerts/config").json()["spike_min_count"] == 25
    assert [s["primary"] for s in alice.get("/v1/oncall").json()["shifts"]] == ["alice"]


def test_the_demo_crisis_raises_one_spike_per_subject_and_pages_who_is_on_call(
        db_path, server, client_for):
    from server.demo.crisis import CRISIS_TAG, CrisisFeed, put_on_call

    put_on_call(db_path, "alice")
    put_on_call(db_path, "alice")  # a restart: still one shift
    CrisisFeed(db_path, lambda: server.running, delay=0, spacing=0).run()
    alice = client_for("alice")
    assert len(alice.get("/v1/oncall").json()["shifts"]) == 1
    spikes = {a["dedup_key"].split(":")[1]: a for a in alice.get("/v1/alerts").json()["alerts"]
              if a["kind"] == "spike"}
    assert {"media", "hashtag"} <= set(spikes)
    assert spikes["hashtag"]["dedup_key"] == f"spike:hashtag:{CRISIS_TAG[1:]}"
    assert len(spikes["media"]["case_ids"]) >= 20
    assert [(p["level"], p["reviewer"]) for p in spikes["media"]["pages"]] == [
        ("primary", "alice")]
