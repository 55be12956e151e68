import pytest

from reviewer.actions import ActionId
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, Queue
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from tests.factories import case_dict


@pytest.fixture
def session(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    cache = CaseCache(db)
    cache.save_queues([Queue("graphic_media", "Graphic", 3, ("violent_graphic", "other"), "violent_graphic")])
    cache.save_cases([Case.from_api(case_dict(f"c{i}", priority=1, hours_left=i + 1)) for i in range(3)], None)
    return ReviewSession(db)


def test_decision_moves_to_the_next_case_and_uses_the_queue_default_policy(session):
    assert session.current().id == "c0"
    decision = session.decide(ActionId.REMOVE)
    assert decision.case_id == "c0" and decision.policy == "violent_graphic"
    assert session.current().id == "c1"
    assert session.outbox.waiting() == 1


def test_the_cases_own_policy_area_is_preselected_when_its_queue_enforces_it(session):
    data = case_dict("c-other", priority=1, hours_left=0.5)
    data["policy_area"] = "other"
    session.cache.save_cases([Case.from_api(data)], None)
    session.reload()
    session.go_to("c-other")
    assert session.current().id == "c-other"
    assert session.decide(ActionId.REMOVE).policy == "other"


def test_skip_puts_the_case_last_and_navigation_stays_in_bounds(session):
    assert session.skip() == "Skipped c0, undecided: it comes back at the end of your list."
    assert session.case_ids == ["c1", "c2", "c0"]
    session.previous()
    session.previous()
    assert session.current().id == "c1"
    for _ in range(5):
        session.next()
    assert session.current().id == "c0"


def test_deciding_the_last_case_leaves_nothing_on_screen(session):
    for _ in range(3):
        session.decide(ActionId.NO_VIOLATION)
    assert session.current() is None
    with pytest.raises(LookupError):
        session.decide(ActionId.NO_VIOLATION)


def test_reload_keeps_the_case_on_screen(session):
    session.next()
    CaseCache(session.cache.db).save_cases([Case.from_api(case_dict("urgent", priority=1, hours_left=0.1))], None)
    session.reload()
    assert session.current().id == "c1"
    assert session.case_ids[0] == "urgent"


def test_undo_within_the_grace_window_withdraws_and_brings_the_case_back(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    CaseCache(db).save_cases([Case.from_api(case_dict(f"c{i}", hours_left=i + 1)) for i in range(3)], None)
    session = ReviewSession(db, undo_grace_s=10)
    first = session.decide(ActionId.REMOVE)
    session.decide(ActionId.NO_VIOLATION)
    assert session.outbox.due() == []  # held: nothing may leave during the grace window
    assert session.outbox.seconds_until_due() > 9
    undone = session.undo_last()
    assert undone.case_id == "c1" and session.current().id == "c1"
    assert session.undo_last() == first and session.current().id == "c0"
    assert session.undo_last() is None
    counts = session.outbox.counts()
    assert counts["withdrawn"] == 2 and counts["pending"] == 0  # kept, marked, never sent


def test_nothing_to_undo_after_the_grace_window(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    CaseCache(db).save_cases([Case.from_api(case_dict("c0"))], None)
    session = ReviewSession(db, undo_grace_s=0)
    session.decide(ActionId.REMOVE)
    assert session.undo_last() is None
    assert session.outbox.counts()["pending"] == 1


def test_the_next_case_read_for_prefetching_is_not_read_again_when_it_comes(session, monkeypatch):
    ahead = session.upcoming(2)
    assert [c.id for c in ahead] == ["c1", "c2"]
    reads = []
    real = session.cache.case
    monkeypatch.setattr(session.cache, "case", lambda case_id: reads.append(case_id) or real(case_id))
    session.decide(ActionId.REMOVE)
    assert session.current().id == "c1" and "c1" not in reads  # on hand since the prefetch
    session.reload()  # the store may have changed: read afresh from here on
    session.decide(ActionId.REMOVE)
    assert session.current().id == "c2" and "c2" in reads
