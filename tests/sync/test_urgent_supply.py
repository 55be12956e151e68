"""A full local supply must not leave crisis work unclaimed (the supply rule, reviewer/sync/supply.py).

Against the real server: a workstation already holding its supply of a queue claims a new
urgent case within one sync round, because the queue answer says an unheld case is due before
the cases it holds."""

from __future__ import annotations

from datetime import timedelta

from reviewer.domain import Queue, parse_iso, to_iso
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings
from reviewer.sync.supply import URGENT_TOP_UP, claim_count

QUEUE = "crisis_sweep"


def test_an_urgent_case_reaches_a_reviewer_whose_supply_is_full(tmp_path, central_api):
    path = tmp_path / "profile" / "store.sqlite3"
    engine = SyncEngine(path, ApiClient(central_api.url, central_api.tokens["reviewer"]),
                        settings=SyncSettings(prefetch_per_queue=6, low_watermark=3,
                                              queues=(QUEUE,)))
    engine.run_once()
    cache = CaseCache(open_store(path))
    held = [cache.case(case_id) for case_id in cache.open_case_ids()]
    assert len(held) >= 3, "the seeded crisis queue should fill the local supply"
    soonest_held = min(parse_iso(case.sla_deadline) for case in held)
    with central_api.lead() as lead:  # due before every case the reviewer holds
        created = lead.post("/v1/cases", json={
            "queue_id": QUEUE, "text": "urgent crisis item", "priority": 1,
            "sla_deadline": to_iso(soonest_held - timedelta(minutes=1))})
        assert created.status_code == 201, created.text
        urgent = created.json()["id"]
        queue = next(q for q in lead.get("/v1/queues").json()["queues"] if q["id"] == QUEUE)
    assert queue["next_unclaimed"] == {"priority": 1, "sla_deadline": created.json()["sla_deadline"]}

    engine.run_once()

    assert urgent in cache.open_case_ids()
    assert cache.open_case_ids()[0] == urgent  # and it heads the work list


def _queue(next_unclaimed: tuple[int, str] = (0, ""), open_count: int = 40) -> Queue:
    return Queue(id=QUEUE, name="Crisis sweep", open_count=open_count, policies=("spam",),
                 default_policy="spam", next_unclaimed=next_unclaimed)


def test_the_supply_rule():
    def held():
        return (3, "2026-12-01T12:00:00Z")
    sooner = (3, "2026-12-01T11:00:00Z")
    later_but_higher_priority = (1, "2026-12-01T13:00:00Z")
    sooner_but_lower_priority = (4, "2026-12-01T11:00:00Z")
    assert claim_count(_queue(), have=5, least_urgent_held=held,
                       low_watermark=20, prefetch=50) == 45  # low: topped up to the prefetch
    assert claim_count(_queue(sooner), 30, held, 20, 50) == URGENT_TOP_UP
    assert claim_count(_queue(later_but_higher_priority), 30, held, 20, 50) == URGENT_TOP_UP
    assert claim_count(_queue(sooner_but_lower_priority), 30, held, 20, 50) == 0
    assert claim_count(_queue(), 30, held, 20, 50) == 0  # an older server says nothing
    assert claim_count(_queue(sooner), 100, held, 20, 50) == 0  # no hoarding
    assert claim_count(_queue(sooner), 30, held, 0, 50) == 0  # sign-out: claiming off
    assert claim_count(_queue(sooner), 30, held, 20, 50, urgent_too=False) == 0  # just let go
    assert claim_count(_queue(sooner, open_count=0), 3, held, 20, 50) == 0
    assert claim_count(_queue((3, "garbage")), 30, held, 20, 50) == 0  # malformed: plain rule
