"""A workstation that loses its cache gets its leased cases back at the next round.

Without an OS keyring the cache key lives for one session, so the cache is dropped at the next
start; the central API still leases the cases to the reviewer for up to 30 minutes. The claim
hands a reviewer their own live leases first, so the restarted workstation has the same cases
again after one round instead of "No case to review" until the leases run out.
"""

from __future__ import annotations

import shutil

from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings

SETTINGS = SyncSettings(prefetch_per_queue=10, low_watermark=5, media_per_round=0)


def _round(profile, central_api) -> set[str]:
    store = profile / "store.sqlite3"
    engine = SyncEngine(store, ApiClient(central_api.url, central_api.tokens["reviewer"]),
                        settings=SETTINGS)
    assert engine.run_once().online
    rows = open_store(store).execute("SELECT id FROM cases WHERE local_state = 'open'")
    return {row[0] for row in rows}


def test_after_a_restart_without_the_cache_the_same_cases_are_back(tmp_path, central_api):
    profile = tmp_path / "profile"
    before = _round(profile, central_api)
    assert before
    shutil.rmtree(profile)  # killed, restarted, cache gone
    after = _round(profile, central_api)
    assert before <= after
