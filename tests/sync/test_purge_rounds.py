"""The purge of every sync round: a case that left the list keeps its reason for a grace period,
then goes; the case of our newest accepted decision and any case with an unsent decision stay."""

from __future__ import annotations

from datetime import timedelta

from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient
from reviewer.store.cache_guard import SETTLED_GRACE, purge_settled
from reviewer.store.case_cache import CaseCache
from reviewer.domain import utc_now
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine, SyncSettings

SMALL = SyncSettings(prefetch_per_queue=6, low_watermark=3)


def engine_for(tmp_path, central_api) -> tuple[SyncEngine, CaseCache]:
    path = tmp_path / "profile" / "store.sqlite3"
    engine = SyncEngine(path, ApiClient(central_api.url, central_api.tokens["reviewer"]),
                        settings=SMALL)
    engine.run_once()
    return engine, CaseCache(open_store(path))


def cached(cache: CaseCache, case_id: str) -> bool:
    return cache.summary(case_id) is not None


def linked_media(cache: CaseCache, case_id: str) -> int:
    return cache.db.execute("SELECT count(*) FROM case_media WHERE case_id = ?",
                            (case_id,)).fetchone()[0]


def test_a_closed_case_says_why_it_left_until_the_grace_period_ends(tmp_path, central_api):
    engine, cache = engine_for(tmp_path, central_api)
    case_id = next(c for c in cache.open_case_ids() if linked_media(cache, c))
    with central_api.lead() as lead:
        lead.post(f"/v1/cases/{case_id}/withdraw").raise_for_status()
    status = engine.run_once()  # the round that closes it also purges
    assert case_id in status.closed_cases
    assert cache.local_note(case_id) == "Withdrawn by the platform"  # still readable
    assert purge_settled(cache.db, now=utc_now() + SETTLED_GRACE - timedelta(minutes=1)) == 0
    assert cached(cache, case_id)
    purged = purge_settled(cache.db, now=utc_now() + SETTLED_GRACE + timedelta(minutes=1))
    assert purged >= 1 and not cached(cache, case_id) and linked_media(cache, case_id) == 0
    assert cache.local_note(case_id) == "no longer open"  # what the window says for a gone row
    unused = cache.db.execute("SELECT count(*) FROM media WHERE sha256 NOT IN "
                              "(SELECT sha256 FROM case_media)").fetchone()[0]
    assert unused == 0  # media no remaining case uses went with it


def test_reversible_and_unsent_decisions_keep_their_cases(tmp_path, central_api):
    engine, cache = engine_for(tmp_path, central_api)
    session = ReviewSession(cache.db)
    first = session.decide(ActionId.NO_VIOLATION).case_id
    newest = session.decide(ActionId.REMOVE).case_id
    engine.run_once()  # both accepted
    central_api.server.stop()
    unsent = session.decide(ActionId.REMOVE).case_id
    held = ReviewSession(cache.db, undo_grace_s=600)
    undone = held.decide(ActionId.NO_VIOLATION)
    assert held.undo_last() == undone  # back on the list: not a settled case any more
    assert engine.run_once().waiting == 1
    later = utc_now() + timedelta(hours=1)
    purge_settled(cache.db, now=later)
    assert not cached(cache, first)
    assert cached(cache, newest)  # the reviewer may still reverse it
    assert cached(cache, unsent)  # its decision has not reached the central API
    assert cached(cache, undone.case_id)
    purge_settled(cache.db, now=utc_now() + timedelta(hours=25))  # past the TTL
    assert [cached(cache, c) for c in (newest, unsent, undone.case_id)] == [False, True, False]
