"""A case the central API leases to this workstation must be workable on it.

Found while stress-testing claims: after a reviewer escalates a case, the very next sync round
claims it back from the `escalations` queue (a reviewer with no queue assignment may claim
every queue), the server leases it to them for 30 minutes, but the local copy keeps its
`escalated` state (CaseCache.save_cases never touches local_state), so the case is on nobody's
screen: hidden here, and unclaimable by the specialists until the lease runs out. Renewal
skips it too (only open cases are renewed). The same happens to a case whose lease was lost
to another reviewer (`lost_lease`) and that a later top-up claims back.

Either way is a fix for the first test (the server not handing an escalation back to the
reviewer who escalated it, or the workstation reopening it); the second needs the workstation
to reopen a case a claim hands it.
"""

from __future__ import annotations

import sqlite3

import httpx

from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine, SyncSettings


def _leased_to(central_api, role: str, case_id: str) -> bool:
    """Asked the server's way: a renewal succeeds only for the case's lease holder."""
    headers = {"Authorization": f"Bearer {central_api.tokens[role]}"}
    with httpx.Client(base_url=central_api.url, headers=headers, timeout=10) as client:
        answer = client.post("/v1/leases/renew", json={"case_ids": [case_id]})
        answer.raise_for_status()
        return [r["case_id"] for r in answer.json()["renewed"]] == [case_id]


def _local_state(store, case_id: str) -> str:
    row = open_store(store).execute("SELECT local_state FROM cases WHERE id = ?",
                                    (case_id,)).fetchone()
    return row[0] if row else "<not cached>"


def test_an_escalated_case_claimed_back_is_not_hidden_under_a_live_lease(tmp_path, central_api):
    store = tmp_path / "profile" / "store.sqlite3"
    settings = SyncSettings(prefetch_per_queue=50, low_watermark=20, media_per_round=0)
    engine = SyncEngine(store, ApiClient(central_api.url, central_api.tokens["reviewer"]),
                        settings=settings)
    engine.run_once()
    session = ReviewSession(open_store(store))
    session.select_queue("hate_harassment")
    case_id = session.current().id
    session.decide(ActionId.ESCALATE, note="needs a specialist")

    status = engine.run_once()  # pushes the escalation, then tops up every queue
    assert status.accepted == 1 and status.online

    session.select_queue(None)
    if _leased_to(central_api, "reviewer", case_id):
        # The server handed the case back to this reviewer: then it must be on their list.
        assert case_id in session.case_ids, (
            f"{case_id} is leased to this workstation but hidden as {_local_state(store, case_id)}")


def _expire_lease(central_api, case_id: str) -> None:
    """As if 30 minutes passed: written straight into the server's file (no endpoint for it)."""
    with sqlite3.connect(central_api.db_path, timeout=30) as conn:
        conn.execute("UPDATE cases SET lease_expires_at = '2000-01-01 00:00:00.000000' "
                     "WHERE id = ?", (case_id,))
    conn.close()


def test_a_lost_lease_claimed_back_later_is_workable_again(tmp_path, central_api):
    store = tmp_path / "one" / "store.sqlite3"
    # Renew every round; claim whenever a queue is below its full supply of 10.
    settings = SyncSettings(prefetch_per_queue=10, low_watermark=10, media_per_round=0,
                            lease_renew_interval=0.0)
    one = SyncEngine(store, ApiClient(central_api.url, central_api.tokens["reviewer"]),
                     settings=settings)
    one.run_once()
    session = ReviewSession(open_store(store))
    session.select_queue("hate_harassment")
    case_id = session.current().id  # the most urgent case of the queue

    _expire_lease(central_api, case_id)  # reviewer one went offline for a while ...
    two = ApiClient(central_api.url, central_api.tokens["reviewer2"])
    assert [c.id for c in two.claim("hate_harassment", 1)[0]] == [case_id]  # ... two took it
    assert case_id in one.run_once().closed_cases  # renewal: leased_by_other, off the list

    session.select_queue("hate_harassment")
    session.decide(ActionId.REMOVE)  # room in the supply: the next round claims one case

    _expire_lease(central_api, case_id)  # two let it lapse; one's next top-up claims it back
    assert one.run_once().new_cases == 1  # (own live leases handed back are not counted)
    session.reload()
    if _leased_to(central_api, "reviewer", case_id):
        assert case_id in session.case_ids, (
            f"{case_id} is leased to this workstation but hidden as {_local_state(store, case_id)}")
