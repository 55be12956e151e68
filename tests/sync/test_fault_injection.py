"""1,000 decisions pushed through a network that drops, resets, delays and fails requests.

Real parts throughout: the reference server on loopback over a seeded SQLite file, a real
profile store, the real SyncEngine and ApiClient speaking HTTP through `FaultProxy`. Cases are
claimed straight from the server (that traffic is not under test); everything the sync engine
sends in its rounds (pushes, change feed, lease renewal, queue list, media) goes through the
proxy. Whatever the network does, every decision must reach the server exactly once.
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
import threading
import time

import pytest

from reviewer.sync import push
from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient
from reviewer.domain import parse_iso, utc_now
from reviewer.review.outbox import TERMINAL_STATES
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine, SyncSettings
from tests.sync.big_server import claim_cases, save_claimed, start_big_server
from tests.sync.fault_proxy import FAULT_KINDS, FaultPlan, FaultProxy

DECISIONS = 1000
PUSH_BATCH = 10
FAULT_PROBABILITY = 0.08  # per kind, six kinds: about half the requests meet a fault
DEADLINE = 120.0  # seconds to drain the outbox once every decision is recorded
# Escalation is included on purpose: it is accepted like the others but reopens the case.
ACTIONS = [ActionId.REMOVE, ActionId.NO_VIOLATION, ActionId.LABEL_SENSITIVE,
           ActionId.RESTRICT_REACH, ActionId.SUSPEND, ActionId.ESCALATE]


@pytest.fixture(scope="module")
def big_api(tmp_path_factory):
    api = start_big_server(tmp_path_factory, 1500, "faults",
                           {"flaky-reviewer": "reviewer", "roaming-reviewer": "reviewer"})
    try:
        yield api
    finally:
        api.stop()


def _decide_everything(store_path, made: list, failures: list) -> None:
    """The 'UI thread': its own store connection, deciding every cached case in work order."""
    db = open_store(store_path)
    try:
        session = ReviewSession(db)
        for action in itertools.cycle(ACTIONS):
            if session.current() is None:
                break
            note = "escalated under test" if action is ActionId.ESCALATE else ""
            made.append(session.decide(action, note=note))
    except BaseException as exc:  # noqa: BLE001 - reported by the test thread
        failures.append(exc)
    finally:
        db.conn.close()


def _seconds_until_next_due(db) -> float:
    row = db.execute("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'").fetchone()
    if not row or not row[0]:
        return 0.05
    return min(1.0, max(0.0, (parse_iso(row[0]) - utc_now()).total_seconds()))


def test_a_thousand_decisions_survive_a_faulty_network_exactly_once(big_api, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setattr(push, "BATCH_SIZE", PUSH_BATCH)  # many requests, so many faults
    token = big_api.tokens["flaky-reviewer"]
    store_path = tmp_path / "profile" / "store.sqlite3"
    cases, queues = claim_cases(big_api.url, token, DECISIONS)
    save_claimed(store_path, cases, queues)

    plan = FaultPlan.uniform(FAULT_PROBABILITY, max_latency=2.0)
    with FaultProxy(big_api.port, plan, seed=20240611) as proxy:
        # No claims in the rounds (no queue is active): the supply was claimed above, and a
        # claim answer lost on the way would only strand leases, which is not under test here.
        settings = SyncSettings(queues=("no-such-queue",), lease_renew_interval=5.0)
        engine = SyncEngine(store_path, ApiClient(proxy.url, token), settings=settings)
        engine_db = engine._database()  # the engine's own connection, opened on this thread

        made: list = []
        failures: list = []
        ui = threading.Thread(target=_decide_everything, args=(store_path, made, failures),
                              name="ui-decider")
        started = time.monotonic()
        ui.start()
        rounds, statuses = 0, []
        deadline = None
        while True:
            statuses.append(engine.run_once())
            rounds += 1
            if not ui.is_alive():
                deadline = deadline or time.monotonic() + DEADLINE
                if engine.status(True).waiting == 0:
                    break
                assert time.monotonic() < deadline, (
                    f"outbox not drained in {DEADLINE}s: {engine.status(True)}, faults "
                    f"{dict(proxy.counts)}")
            time.sleep(_seconds_until_next_due(engine_db))
        elapsed = time.monotonic() - started
        engine.client.close()
    ui.join()
    assert not failures, failures
    assert not proxy.errors, proxy.errors
    print(f"\n{DECISIONS} decisions drained in {elapsed:.1f}s over {rounds} rounds; "
          f"proxy decisions {dict(sorted(proxy.counts.items()))}")

    # Every fault kind really happened, several times, and the network was mostly hostile.
    for kind in FAULT_KINDS:
        assert proxy.counts[kind] >= 3, (kind, dict(proxy.counts))
    assert any(not s.online for s in statuses), "no round ever saw the outage"
    decision_posts = [entry for entry in proxy.log if entry[2] == "/v1/decisions/batch"]
    dropped_after_commit = [e for e in decision_posts if e[0] in ("drop_response",
                                                                    "reset_mid_body")]
    assert dropped_after_commit, "no committed batch ever lost its answer: replay untested"

    # Locally: exactly the decisions made, every one terminal and accepted.
    assert len(made) == DECISIONS
    local_ids = {d.decision_id for d in made}
    assert len(local_ids) == DECISIONS
    db = open_store(store_path)
    rows = db.execute("SELECT decision_id, state, response FROM outbox").fetchall()
    assert {r[0] for r in rows} == local_ids
    assert {r[1] for r in rows} == {"accepted"}, engine.status(True)
    assert all(r[1] in TERMINAL_STATES for r in rows)
    counts = engine.status(True)
    assert (counts.accepted, counts.waiting, counts.conflicts, counts.rejected) == (
        DECISIONS, 0, 0, 0)
    retried = db.execute("SELECT count(*) FROM outbox WHERE attempts > 0").fetchone()[0]
    assert retried > 0, "no decision was ever retried: the faults missed the pushes"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # On the server: every decision exactly once, nothing else, each as it was made.
    on_server = big_api.decisions()
    server_ids = [d["decision_id"] for d in on_server]
    assert len(server_ids) == len(set(server_ids)), "a decision was recorded twice"
    assert set(server_ids) == local_ids, (
        f"lost: {len(local_ids - set(server_ids))}, unknown: {len(set(server_ids) - local_ids)}")
    assert len(on_server) == DECISIONS
    by_id = {d.decision_id: d for d in made}
    for recorded in on_server:
        mine = by_id[recorded["decision_id"]]
        assert (recorded["case_id"], recorded["action"], recorded["policy"],
                recorded["reviewer"]) == (mine.case_id, mine.action.value, mine.policy,
                                          "flaky-reviewer")
        assert parse_iso(recorded["decided_at"]) == parse_iso(mine.decided_at)
    assert len({d["case_id"] for d in on_server}) == DECISIONS  # one decision per case
    assert big_api.integrity() == "ok"


ROAMING_DECISIONS = 300
MEDIA_PATIENCE = 1.0  # seconds the roaming reviewer waits for a case's media before deciding
FINAL_ACTIONS = ACTIONS[:-1]


def _media_missing(db, case_id: str) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM case_media cm LEFT JOIN media m "
                      "ON m.sha256 = cm.sha256 WHERE cm.case_id = ? AND m.sha256 IS NULL)",
                      (case_id,)).fetchone()[0] == 1


def _decide_as_cases_arrive(store_path, count: int, made: list, failures: list,
                            give_up: threading.Event) -> None:
    """The 'UI thread' of a workstation whose supply arrives through the faulty network."""
    db = open_store(store_path)
    try:
        session = ReviewSession(db)
        actions = itertools.cycle(FINAL_ACTIONS)
        waiting_since: dict[str, float] = {}
        while len(made) < count and not give_up.is_set():
            session.reload()
            case = session.current()
            if case is None:
                time.sleep(0.02)  # waiting for the sync worker to claim more
                continue
            # A reviewer looks at the media before deciding, for up to MEDIA_PATIENCE: the
            # media fetches must cross the faults too (deciding at once left nothing open
            # for them to fetch, and the torn-download check below had nothing to check).
            since = waiting_since.setdefault(case.id, time.monotonic())
            if _media_missing(db, case.id) and time.monotonic() - since < MEDIA_PATIENCE:
                time.sleep(0.02)
                continue
            made.append(session.decide(next(actions)))
    except BaseException as exc:  # noqa: BLE001 - reported by the test thread
        failures.append(exc)
    finally:
        db.conn.close()


def test_whole_sync_rounds_claim_fetch_and_push_through_faults(big_api, tmp_path, monkeypatch):
    """Claims, change feed, lease renewal, media and pushes all cross the faulty network."""
    monkeypatch.setattr(push, "BATCH_SIZE", PUSH_BATCH)
    token = big_api.tokens["roaming-reviewer"]
    store_path = tmp_path / "roaming" / "store.sqlite3"
    plan = FaultPlan.uniform(FAULT_PROBABILITY, max_latency=1.0)
    with FaultProxy(big_api.port, plan, seed=77,
                    first_fault_on={"queues", "decisions", "changes", "media"}) as proxy:
        settings = SyncSettings(prefetch_per_queue=12, low_watermark=6, lease_renew_interval=1.0)
        engine = SyncEngine(store_path, ApiClient(proxy.url, token), settings=settings)
        engine_db = engine._database()
        made: list = []
        failures: list = []
        give_up = threading.Event()
        ui = threading.Thread(target=_decide_as_cases_arrive,
                              args=(store_path, ROAMING_DECISIONS, made, failures, give_up))
        ui.start()
        deadline = time.monotonic() + DEADLINE
        try:
            while ui.is_alive() or engine.status(True).waiting:
                assert time.monotonic() < deadline, (
                    f"not done in {DEADLINE}s: {len(made)} made, {engine.status(True)}, "
                    f"faults {dict(proxy.counts)}")
                engine.run_once()
                time.sleep(_seconds_until_next_due(engine_db) if not ui.is_alive() else 0.01)
        finally:
            give_up.set()
            ui.join()
            engine.client.close()
    assert not failures, failures
    assert not proxy.errors, proxy.errors
    print(f"\n{ROAMING_DECISIONS} decisions with claims through faults; "
          f"proxy decisions {dict(sorted(proxy.counts.items()))}")

    # The faults hit every kind of traffic, not only the pushes.
    assert all(proxy.counts[kind] >= 2 for kind in FAULT_KINDS), dict(proxy.counts)
    faulted_paths = {path.split("?")[0].split("/")[2] for fault, _m, path in proxy.log
                     if fault not in ("pass", "latency")}
    assert {"queues", "decisions", "changes", "media"} <= faulted_paths, faulted_paths
    assert any(f != "pass" and "/claim" in p for f, _m, p in proxy.log)

    # Exactly once, nothing lost, nothing unknown.
    local_ids = {d.decision_id for d in made}
    assert len(made) == ROAMING_DECISIONS == len(local_ids)
    status = engine.status(True)
    assert (status.accepted, status.waiting, status.conflicts, status.rejected) == (
        ROAMING_DECISIONS, 0, 0, 0)
    mine = [d for d in big_api.decisions() if d["reviewer"] == "roaming-reviewer"]
    ids = [d["decision_id"] for d in mine]
    assert len(ids) == len(set(ids)) and set(ids) == local_ids

    # No torn download was ever kept: every cached image is exactly the bytes its hash names.
    db = open_store(store_path)
    media = db.execute("SELECT sha256, data FROM media").fetchall()
    assert media, "no media was fetched"
    assert all(hashlib.sha256(bytes(data)).hexdigest() == sha for sha, data in media)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # Claims whose answer was lost leave leases the workstation never heard of (by contract
    # the server does not hand a reviewer's own live leases out again). Reported, not failed.
    cached = {r[0] for r in db.execute("SELECT id FROM cases")}
    with sqlite3.connect(big_api.db_path) as conn:
        leased = {r[0] for r in conn.execute(
            "SELECT c.id FROM cases c JOIN reviewers r ON r.id = c.lease_holder "
            "WHERE r.name = 'roaming-reviewer'")}
    print(f"leases held on the server but unknown to the workstation: {len(leased - cached)}")
