"""Retry-After in both of its forms (delta-seconds and HTTP-date) holds back the decision the
central API answered 503 to, and the sync worker's next round. Real HTTP from a loopback stub,
real store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from reviewer.actions import ActionId
from reviewer.domain import Decision, parse_iso, utc_now
from reviewer.review.outbox import Outbox
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.backoff import retry_after_seconds
from reviewer.sync.engine import SyncEngine
from tests.sync.stub_api import Answer, StubApi

WAIT_S = 120


def http_date(seconds_ahead: float) -> str:
    return format_datetime(datetime.now(timezone.utc) + timedelta(seconds=seconds_ahead),
                           usegmt=True)


@pytest.fixture
def stub():
    api = StubApi().start()
    yield api
    api.stop()


@pytest.mark.parametrize("form", ["delta-seconds", "HTTP-date"])
def test_a_503_holds_the_decision_back_for_as_long_as_the_server_asks(stub, tmp_path, form):
    header = str(WAIT_S) if form == "delta-seconds" else http_date(WAIT_S)
    stub.answers["POST /v1/decisions/batch"] = Answer('{"error": "overloaded"}', 503,
                                                      {"Retry-After": header})
    store = tmp_path / "store.sqlite3"
    outbox = Outbox(open_store(store))
    decision = Decision.new("case-1", ActionId.NO_VIOLATION, "violent_graphic")
    outbox.record(decision)

    engine = SyncEngine(store, ApiClient(stub.url, "token"))
    status = engine.run_once()
    assert status.online is False
    held_for = (parse_iso(_next_attempt(outbox, decision)) - utc_now()).total_seconds()
    assert WAIT_S - 10 < held_for <= WAIT_S + 1
    # The worker's next round waits too (capped at four times its own longest backoff).
    assert engine._next_delay(status) >= 60


def test_both_forms_and_what_cannot_be_read():
    now = datetime(2026, 12, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("30", now) == 30
    assert retry_after_seconds("Tue, 01 Dec 2026 12:02:00 GMT", now) == 120  # IMF-fixdate
    assert retry_after_seconds("Tuesday, 01-Dec-26 12:02:00 GMT", now) == 120  # RFC 850
    assert retry_after_seconds("Tue Dec  1 12:02:00 2026", now) == 120  # asctime
    assert retry_after_seconds("Tue, 01 Dec 2026 11:00:00 GMT", now) == 0  # already past
    assert retry_after_seconds("-5", now) == 0
    for unreadable in (None, "", "soon", "nan", "inf", "Tue, 99 Foo 2026 99:99:99 GMT"):
        assert retry_after_seconds(unreadable, now) is None


def _next_attempt(outbox: Outbox, decision: Decision) -> str:
    return outbox.db.execute("SELECT next_attempt_at FROM outbox WHERE decision_id = ?",
                             (decision.decision_id,)).fetchone()[0]
