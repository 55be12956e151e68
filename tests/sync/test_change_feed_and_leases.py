"""The change feed and lease renewal, against the real server, through the real engine."""

from __future__ import annotations

import sqlite3

import httpx

from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient
from reviewer.store.case_cache import CaseCache
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine, SyncSettings


def _engine(tmp_path, central_api, **settings):
    path = tmp_path / "profile" / "store.sqlite3"
    engine = SyncEngine(path, ApiClient(central_api.url, central_api.tokens["reviewer"]),
                        settings=SyncSettings(prefetch_per_queue=10, low_watermark=3, **settings))
    engine.run_once()
    return engine, CaseCache(open_store(path))


def _as(central_api, role):
    return httpx.Client(base_url=central_api.url, timeout=10,
                        headers={"Authorization": f"Bearer {central_api.tokens[role]}"})


def test_withdrawn_case_leaves_the_work_list_with_a_reason(tmp_path, central_api):
    engine, cache = _engine(tmp_path, central_api)
    victim = cache.open_case_ids()[0]
    with _as(central_api, "lead") as lead:
        lead.post(f"/v1/cases/{victim}/withdraw").raise_for_status()
    status = engine.run_once()
    assert victim in status.closed_cases
    assert victim not in cache.open_case_ids()
    assert cache.local_note(victim) == "Withdrawn by the platform"


def test_decision_by_another_reviewer_closes_the_cached_copy(tmp_path, central_api):
    engine, cache = _engine(tmp_path, central_api)
    taken = cache.open_case_ids()[1]
    with _as(central_api, "senior") as other:  # a senior may decide any case
        body = {"decision_id": "other-1", "case_id": taken, "action": "remove", "policy": "p",
                "note": "", "decided_at": "2026-11-22T10:00:00Z"}
        other.post("/v1/decisions", json=body, headers={"Idempotency-Key": "other-1"}).raise_for_status()
    assert taken in engine.run_once().closed_cases
    assert cache.local_note(taken) == "Decided by another reviewer"


def test_priority_change_reorders_the_work_list(tmp_path, central_api):
    engine, cache = _engine(tmp_path, central_api)
    last = cache.open_case_ids()[-1]
    with _as(central_api, "lead") as lead:
        lead.post(f"/v1/cases/{last}/priority", json={"priority": 1}).raise_for_status()
    engine.run_once()
    assert cache.case(last).priority == 1
    assert cache.open_case_ids().index(last) < len(cache.open_case_ids()) - 1


def test_own_decision_is_not_mistaken_for_someone_elses(tmp_path, central_api):
    engine, cache = _engine(tmp_path, central_api)
    session = ReviewSession(cache.db)
    mine = session.decide(ActionId.NO_VIOLATION)
    status = engine.run_once()
    assert mine.case_id not in status.closed_cases and status.accepted == 1


def test_leases_are_renewed_while_online(tmp_path, central_api):
    engine, cache = _engine(tmp_path, central_api, lease_renew_interval=0)
    case_id = cache.open_case_ids()[0]
    cache.db.execute("UPDATE cases SET lease_expires_at = '2000-01-01T00:00:00Z' WHERE id = ?", (case_id,))
    cache.db.conn.commit()
    engine.run_once()
    row = cache.db.execute("SELECT lease_expires_at FROM cases WHERE id = ?", (case_id,)).fetchone()
    assert row[0] > "2026"


def test_decision_on_an_expired_lease_is_still_accepted_if_nobody_else_decided(tmp_path, central_api):
    engine, cache = _engine(tmp_path, central_api)
    session = ReviewSession(cache.db)
    case_id = session.current().id
    server_db = sqlite3.connect(central_api.db_path)
    server_db.execute("UPDATE cases SET lease_expires_at = '2000-01-01 00:00:00' WHERE id = ?", (case_id,))
    server_db.commit()
    server_db.close()
    session.decide(ActionId.REMOVE)
    assert engine.run_once().accepted == 1
    assert [d["action"] for d in central_api.decisions(case_id)] == ["remove"]
