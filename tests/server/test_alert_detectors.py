"""The alert detectors on synthetic streams with a controlled clock, on both back ends: a spike
on one subject alerts within one window and keeps updating that one alert; a flat stream never
alerts however busy; a new high-profile case alerts; a queue that cannot keep up with its
deadlines at its decision rate is forecast to breach."""

from __future__ import annotations

import base64
import random
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from reviewer.contract.case_input import CaseIn
from server.alerts.config import load_thresholds
from server.alerts.detectors import evaluate, hashtags, observe_case
from server.alerts.records import list_alerts
from server.ingest import insert_case
from server.store.alerts_schema import arrivals
from server.store.schema import decisions, reviewers
from tests.factories import synthetic_png

T0 = datetime(2030, 3, 1, 12, 0, 0)  # after every seeded row: the streams below are all there is
_made = iter(range(10**6))


def arrive(database, at: datetime, text: str = "a post", author: str = "acct-plain",
           high_profile: bool = False, queue_id: str = "crisis_sweep",
           deadline: datetime | None = None) -> str:
    case_in = CaseIn(id=f"case-stream-{next(_made):06d}", queue_id=queue_id, text=text,
                     author={"id": author, "handle": author, "high_profile": high_profile},
                     reports=[{"reason": "spam"}], created_at=at,
                     sla_deadline=deadline or at + timedelta(days=1))
    with database.write() as conn:
        case_id = insert_case(conn, case_in, at)
        observe_case(conn, case_id, at)
    return case_id


def spikes(database, subject: str) -> list[dict]:
    with database.read() as conn:
        return [a for a in list_alerts(conn, None, T0 + timedelta(days=2))
                if a["dedup_key"] == f"spike:{subject}"]


def test_hashtags_are_words_after_a_hash_in_any_script():
    assert hashtags("Flood #Rescue now #rescue #قطر a#b #") == ["rescue", "قطر"]


def test_a_spike_on_one_hashtag_alerts_within_one_window_and_then_updates_that_alert(server_db):
    clock = T0
    for _ in range(18):  # an hour and a half of a quiet hashtag: about one case per 5 minutes
        arrive(server_db, clock, "quiet chatter #harbour")
        clock += timedelta(minutes=5)
    assert spikes(server_db, "hashtag:harbour") == []
    spike_start, spike_cases = clock, []
    for second in range(0, 180, 6):  # then thirty cases in three minutes
        spike_cases.append(arrive(server_db, spike_start + timedelta(seconds=second),
                                  "help needed #Harbour"))
    [alert] = spikes(server_db, "hashtag:harbour")
    window = load_thresholds_of(server_db).spike_window_minutes
    assert alert["kind"] == "spike" and alert["state"] == "open"
    opened = datetime.fromisoformat(alert["opened_at"].rstrip("Z"))
    assert spike_start <= opened <= spike_start + timedelta(minutes=window)
    assert alert["count"] >= 30 and set(spike_cases) <= set(alert["case_ids"])
    assert "#harbour" in alert["title"]
    later = arrive(server_db, spike_start + timedelta(minutes=4), "still #harbour")
    [updated] = spikes(server_db, "hashtag:harbour")  # the same alert, not a second one
    assert updated["id"] == alert["id"] and updated["count"] > alert["count"]
    assert later in updated["case_ids"]


def test_a_flat_stream_never_alerts_however_busy(server_db):
    rng = random.Random(3)
    clock = T0
    with server_db.write() as conn:  # two hours of history at ~25 cases per 10 minutes
        conn.execute(insert(arrivals), [
            {"subject": "hashtag:busy", "case_id": "case-awkward-html", "reports": 1,
             "at": clock - timedelta(seconds=24 * n)} for n in range(1, 300)])
    for _ in range(300):  # two hours more at the same rate, with noise
        clock += timedelta(seconds=rng.uniform(12, 36))
        arrive(server_db, clock, "daily chatter #busy", author=f"acct-{rng.randint(1, 400)}")
    assert spikes(server_db, "hashtag:busy") == []


def test_thirty_cases_on_one_account_and_one_image_raise_one_alert_each(server_db):
    image = base64.b64encode(synthetic_png(seed=11)).decode()
    clock = T0
    for n in range(30):
        case_in = CaseIn(id=f"case-img-{n:03d}", queue_id="crisis_sweep", text="look",
                         author={"id": "acct-loud", "handle": "loud"}, created_at=clock,
                         media=[{"data_base64": image, "mime": "image/png"}])
        with server_db.write() as conn:
            observe_case(conn, insert_case(conn, case_in, clock), clock)
        clock += timedelta(seconds=4)
    with server_db.read() as conn:
        live = [a for a in list_alerts(conn, None, clock) if a["kind"] == "spike"]
    assert sorted(a["dedup_key"].split(":")[1] for a in live) == ["account", "media"]
    assert all(len(a["case_ids"]) == 30 for a in live)


def test_a_new_case_on_a_high_profile_account_alerts_once_per_account(server_db):
    first = arrive(server_db, T0, author="acct-mayor", high_profile=True)
    second = arrive(server_db, T0 + timedelta(minutes=1), author="acct-mayor", high_profile=True)
    arrive(server_db, T0 + timedelta(minutes=2), author="acct-nobody")
    with server_db.read() as conn:
        found = [a for a in list_alerts(conn, None, T0) if a["kind"] == "high_profile"
                 and a["dedup_key"] in ("high_profile:acct-mayor", "high_profile:acct-nobody")]
    assert [(a["dedup_key"], a["case_ids"]) for a in found] == [
        ("high_profile:acct-mayor", [first, second])]


def test_a_queue_that_cannot_keep_up_is_forecast_to_breach(server_db):
    now = T0
    for minutes in (20, 25, 30, 40, 50):  # five cases due within the hour in `appeals`
        arrive(server_db, now - timedelta(hours=5), queue_id="appeals",
               deadline=now + timedelta(minutes=minutes))
    assert _sla_alerts(server_db, "appeals") == []  # arriving is not evaluating
    _decide_recently(server_db, "appeals", now, per_minute=1.0)  # one a minute: keeps up
    with server_db.write() as conn:
        evaluate(conn, now)
    assert _sla_alerts(server_db, "appeals") == []
    with server_db.write() as conn:  # an hour on, no decisions since: the same five would not
        conn.execute(decisions.delete().where(decisions.c.decision_id.like("rate-%")))
        evaluate(conn, now)
    [alert] = _sla_alerts(server_db, "appeals")
    assert alert["severity"] in ("high", "critical") and alert["count"] == 5
    assert alert["detail"]["decisions_per_minute"] == 0


def load_thresholds_of(database):
    with database.read() as conn:
        return load_thresholds(conn)


def _sla_alerts(database, queue_id: str) -> list[dict]:
    with database.read() as conn:
        return [a for a in list_alerts(conn, None, T0)
                if a["dedup_key"] == f"sla_forecast:{queue_id}"]


def _decide_recently(database, queue_id: str, now: datetime, per_minute: float) -> None:
    """`per_minute` decisions a minute over the last hour, on cases of `queue_id`."""
    case_ids = [f"case-rate-{n:04d}" for n in range(int(60 * per_minute))]
    with database.write() as conn:
        reviewer_id = conn.execute(select(reviewers.c.id).limit(1)).scalar_one()
        for case_id in case_ids:
            insert_case(conn, CaseIn(id=case_id, queue_id=queue_id, text="done"),
                        now - timedelta(hours=2))
        conn.execute(insert(decisions), [
            {"decision_id": f"rate-{n}", "case_id": case_id, "action": "no_violation",
             "policy": "spam", "note": "", "decided_at": now, "reviewer_id": reviewer_id,
             "reviewer_name": "x", "recorded_at": now - timedelta(seconds=59 * n + 1)}
            for n, case_id in enumerate(case_ids)])


def test_two_api_processes_ingesting_one_spike_raise_one_alert(db_path, server_db):
    """Two Database objects (own engines and pools, as two processes have) ingest at once."""
    import threading

    from server.store.database import open_database

    image = base64.b64encode(synthetic_png(seed=12)).decode()
    other = open_database(db_path)
    failures = []

    def ingest(database, first: int) -> None:
        try:
            for n in range(first, first + 15):
                case_in = CaseIn(id=f"case-race-{n:03d}", queue_id="crisis_sweep", text="x",
                                 media=[{"data_base64": image, "mime": "image/png"}])
                with database.write() as conn:
                    observe_case(conn, insert_case(conn, case_in, T0), T0)
        except Exception as exc:  # noqa: BLE001 -- reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=ingest, args=(db, first))
               for db, first in ((server_db, 0), (other, 15))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()
    assert failures == []
    with server_db.read() as conn:
        found = [a for a in list_alerts(conn, None, T0) if a["dedup_key"].startswith("spike:media")]
    assert len(found) == 1 and len(found[0]["case_ids"]) >= 20
