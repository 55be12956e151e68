"""The sync engine against the real server on loopback, with real SQLite files."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine, SyncSettings

SMALL = SyncSettings(prefetch_per_queue=10, low_watermark=3)


def _engine(tmp_path, central_api, role="reviewer", name="profile"):
    path = tmp_path / name / "store.sqlite3"
    return SyncEngine(path, ApiClient(central_api.url, central_api.tokens[role]), settings=SMALL), path


def test_first_round_claims_cases_and_fetches_their_media(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    status = engine.run_once()
    assert status.online and status.new_cases > 0
    session = ReviewSession(open_store(path))
    assert session.current() is not None
    db = open_store(path)
    assert db.execute("SELECT count(*) FROM media").fetchone()[0] > 0
    assert engine.run_once().new_cases == 0  # supply is full: nothing more claimed


def test_outage_decisions_wait_locally_then_land_exactly_once(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.run_once()
    central_api.server.stop()  # the central API goes away
    session = ReviewSession(open_store(path))
    made = [session.decide(ActionId.REMOVE).case_id for _ in range(4)]
    status = engine.run_once()
    assert status.online is False and status.waiting == 4
    assert "unreachable" in status.last_error
    central_api.server.start()
    for _ in range(20):  # backoff after the failed attempt is at most a second or two
        status = engine.run_once()
        if status.waiting == 0:
            break
        threading.Event().wait(0.25)
    assert status.online and status.waiting == 0 and status.accepted == 4
    on_server = central_api.decisions()
    assert sorted(d["case_id"] for d in on_server) == sorted(made)


def test_resending_after_a_crash_does_not_duplicate(tmp_path, central_api):
    engine, path = _engine(tmp_path, central_api)
    engine.run_once()
    session = ReviewSession(open_store(path))
    decision = session.decide(ActionId.NO_VIOLATION)
    engine.push()
    # Simulate "sent, but the answer was never recorded": put the row back to sending.
    open_store(path).execute("UPDATE outbox SET state = 'sending'")
    open_store(path).conn.commit()
    engine.push()
    assert [d["decision_id"] for d in central_api.decisions()] == [decision.decision_id]
    assert engine.status(True).accepted == 1


def test_a_case_decided_elsewhere_first_ends_as_a_visible_conflict(tmp_path, central_api):
    one, path_one = _engine(tmp_path, central_api, "reviewer", "one")
    two, path_two = _engine(tmp_path, central_api, "senior", "two")  # may decide any case
    one.run_once()
    s1 = ReviewSession(open_store(path_one))
    case_id = s1.current().id
    # The second reviewer has the same case cached (e.g. the first lease expired meanwhile).
    s2 = ReviewSession(open_store(path_two))
    s2.cache.save_cases([s1.cache.case(case_id)], None)
    s2.reload()
    s2.go_to(case_id)
    s2.decide(ActionId.REMOVE)
    two.push()
    s1.go_to(case_id)
    s1.decide(ActionId.NO_VIOLATION)
    status = one.run_once()
    assert status.conflicts == 1 and status.waiting == 0
    entry = s1.outbox.entries("conflict")[0]
    assert entry.response["winning_decision"]["action"] == "remove"
    assert [d["action"] for d in central_api.decisions(case_id)] == ["remove"]


class _GarbageHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = json.dumps({"queues": "not a list"}).encode() if "queues" in self.path else b"<html>oops"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_malformed_answers_are_reported_not_crashed_on(tmp_path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _GarbageHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        engine = SyncEngine(tmp_path / "s.sqlite3",
                            ApiClient(f"http://127.0.0.1:{httpd.server_port}", "t"), settings=SMALL)
        status = engine.run_once()
        assert "answered badly" in status.last_error and "not JSON" in status.last_error
    finally:
        httpd.shutdown()
