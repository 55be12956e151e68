"""Holds and hand-offs on the workstation, with a controlled clock: a held case goes last and
stays held (its lease is renewed like any open case's) until the limit, then it is back in the
work order; cases handed to this reviewer come first."""

from datetime import datetime, timedelta, timezone

import pytest

from reviewer.domain import Case, Queue, to_iso
from reviewer.review.holds import HOLD_LIMIT, HoldBook
from reviewer.review.session import ReviewSession
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict

T0 = datetime.now(timezone.utc).replace(microsecond=0)  # the session reads holds at real time


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def session(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    cache = CaseCache(db)
    cache.save_queues([Queue("graphic_media", "Graphic", 3, ("violent_graphic",),
                             "violent_graphic")])
    cache.save_cases([Case.from_api(case_dict(f"c{i}", priority=1, hours_left=i + 1))
                      for i in range(4)], None)
    return ReviewSession(db)


def test_a_held_case_goes_last_until_the_limit_then_comes_back(session):
    clock = Clock()
    book = HoldBook(session.cache.db, clock)
    held = book.hold("c0", "waiting for a translation")
    assert held.until == to_iso(T0 + timedelta(hours=4)) and HOLD_LIMIT == timedelta(hours=4)
    session.reload(keep_current=False)
    assert session.case_ids == ["c1", "c2", "c3", "c0"]
    assert session.cache.open_case_ids().count("c0") == 1  # still renewed with the others

    clock.now = T0 + HOLD_LIMIT - timedelta(seconds=1)
    assert book.is_held("c0") and [h.case_id for h in book.unsent()] == ["c0"]
    clock.now = T0 + HOLD_LIMIT
    assert book.lapsed() == ["c0"] and not book.is_held("c0")
    assert HoldBook(session.cache.db).holds() == {}  # lapsed for every reader
    session.reload()
    assert session.case_ids == ["c0", "c1", "c2", "c3"]


def test_ending_a_hold_the_server_knows_is_sent_and_a_hand_off_is_queued(session):
    book = HoldBook(session.cache.db)
    book.hold("c1", "legal opinion")
    book.mark_sent("c1", "2026-03-01T13:00:00Z")
    book.release("c1")
    assert book.unholds() == ["c1"] and book.holds() == {}
    book.hand_off("c2", "bob", "you know this account")
    assert [(r.case_id, r.to, r.note) for r in book.handoffs()] == [
        ("c2", "bob", "you know this account")]
    book.handed_off("c2")
    assert book.handoffs() == []


def test_cases_handed_to_me_head_the_list(session):
    HoldBook(session.cache.db).pin(["c3", "gone-elsewhere"])
    session.reload()
    assert session.case_ids == ["c3", "c0", "c1", "c2"]
    assert session.current().id == "c0"  # the case on screen stays until the reviewer moves on
