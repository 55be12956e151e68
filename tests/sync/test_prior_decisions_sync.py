"""Deciding from description first, end to end: a decision one reviewer makes on a picture
reaches the central API, and another reviewer's claim of a case showing the same picture
arrives with that decision as its history and as the suggested decision."""

from __future__ import annotations

from reviewer.actions import ActionId
from reviewer.review.prior_decisions import suggest
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings

SETTINGS = SyncSettings(prefetch_per_queue=12, low_watermark=3)
QUEUE = "crisis_sweep"  # the seed draws its cases from a few shared images


def _workstation(tmp_path, central_api, role: str):
    path = tmp_path / role / "store.sqlite3"
    engine = SyncEngine(path, ApiClient(central_api.url, central_api.tokens[role]),
                        settings=SETTINGS)
    engine.run_once()
    session = ReviewSession(open_store(path))
    session.select_queue(QUEUE)
    return engine, session


def test_a_picture_removed_on_one_workstation_is_suggested_on_another(tmp_path, central_api):
    engine_a, first = _workstation(tmp_path, central_api, "reviewer")
    removed = first.current()
    policy = first.default_policy(removed)
    first.decide(ActionId.REMOVE, policy=policy)
    engine_a.run_once()  # the decision reaches the central API

    engine_b, second = _workstation(tmp_path, central_api, "reviewer2")
    shas = {item.sha256 for item in removed.media}
    sharing = [second.cache.case(case_id) for case_id in second.case_ids]
    sharing = [case for case in sharing if shas & {item.sha256 for item in case.media}]
    assert sharing, "the seed's crisis cases share their images"
    for case in sharing:
        history = [p for item in case.media if item.sha256 in shas
                   for p in item.prior_decisions]
        assert ("remove", policy, "exact") in {(p.action, p.policy, p.match) for p in history}
    queue = second.cache.queue(QUEUE)
    offered = [suggest(case, queue.policies) for case in sharing]
    assert any(s is not None and (s.action, s.policy) == (ActionId.REMOVE, policy)
               for s in offered)
