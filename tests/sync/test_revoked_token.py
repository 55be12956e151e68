"""A token the central API stops accepting loses nothing: decisions, notes and acknowledgements
wait unsent (never counted as refused) until the reviewer signs in again."""

from __future__ import annotations

import httpx

from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient
from reviewer.sync.push import MAX_BAD_ATTEMPTS
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.engine import SIGN_IN_NEEDED, SyncEngine, SyncSettings
from server.auth.accounts import issue_token


def test_decisions_wait_through_a_revoked_token_and_go_once_signed_in_again(tmp_path, central_api):
    store = tmp_path / "store.sqlite3"
    token = issue_token(central_api.db_path, "reviewer-one")
    settings = SyncSettings(prefetch_per_queue=5, low_watermark=5, media_per_round=0,
                            presets_interval=0.0)  # guidelines fetched every round too
    engine = SyncEngine(store, ApiClient(central_api.url, token), settings=settings)
    assert engine.run_once().online
    session = ReviewSession(open_store(store))
    case_id = session.current().id
    session.decide(ActionId.NO_VIOLATION)
    # Signed out elsewhere: this token is revoked on the central API.
    assert httpx.post(f"{central_api.url}/v1/logout",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 200
    for _ in range(MAX_BAD_ATTEMPTS + 2):  # more rounds than it takes to give up on a decision
        status = engine.run_once()
        assert status.needs_sign_in and status.last_error == SIGN_IN_NEEDED
        session.outbox.db.execute("UPDATE outbox SET next_attempt_at = ''")  # due again now
        session.outbox.db.conn.commit()
    counts = session.outbox.counts()
    assert counts["pending"] == 1 and counts["rejected"] == 0 and central_api.decisions() == []
    engine.client = ApiClient(central_api.url, issue_token(central_api.db_path, "reviewer-one"))
    status = engine.run_once()  # signed in again: every step uses the new token
    assert not status.needs_sign_in and status.last_error == ""
    assert [d["case_id"] for d in central_api.decisions()] == [case_id]


def test_the_indicator_says_to_sign_in_again():
    from reviewer.sync.engine import SyncStatus
    from ui.sync.indicator import describe
    text, state = describe(SyncStatus(True, 2, 0, 0, 0, needs_sign_in=True), 2)
    assert text.startswith("● Sign in again") and "2 waiting to sync" in text
    assert state == "offline"
