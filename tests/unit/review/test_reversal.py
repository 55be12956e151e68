"""What a reversal may reverse and how it is named: only accepted final decisions of ours, newest
first; the one on the case on screen without asking; case, action, policy and local time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from reviewer.actions import ActionId
from reviewer.domain import Case, Decision, Queue
from reviewer.review import reversal
from reviewer.review.session import ReviewSession
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict


@pytest.fixture
def session(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    cache = CaseCache(db)
    cache.save_queues([Queue("graphic_media", "Graphic", 3, ("violent_graphic",), "violent_graphic")])
    cache.save_cases([Case.from_api(case_dict(f"c{i}", priority=1, hours_left=i + 1))
                      for i in range(5)], None)
    return ReviewSession(db)


def _accept(session, *decisions):
    session.outbox.record_answers([(d.decision_id, "accepted", {}) for d in decisions])


def test_only_accepted_final_decisions_not_yet_reversed_newest_first(session):
    removed = session.decide(ActionId.REMOVE)
    escalated = session.decide(ActionId.ESCALATE, "plan")
    cleared = session.decide(ActionId.NO_VIOLATION)
    session.decide(ActionId.REMOVE)  # still waiting to be sent: Ctrl+Z's business
    _accept(session, removed, escalated, cleared)
    assert [d.case_id for d in reversal.reversible(session.outbox)] == ["c2", "c0"]
    session.follow_up("c2", ActionId.REVERSE, "wrong call", "violent_graphic")
    assert [d.case_id for d in reversal.reversible(session.outbox)] == ["c0"]


def test_the_case_on_screen_is_reversed_without_asking_only_when_it_is_decided(session):
    first, second = session.decide(ActionId.REMOVE), session.decide(ActionId.REMOVE)
    _accept(session, first, second)
    candidates = reversal.reversible(session.outbox)
    assert reversal.on_screen(candidates, "c0") == first  # not the latest, the one on screen
    assert reversal.on_screen(candidates, "c2") is None  # an open case: the reviewer picks
    assert reversal.on_screen(candidates, "") is None


def test_a_decision_is_named_by_case_action_policy_and_local_time():
    decided = datetime(2026, 3, 4, 13, 5, tzinfo=timezone.utc)
    local = decided.astimezone()
    decision = Decision("d1", "case-00051", ActionId.REMOVE, "hate_speech", "",
                        decided.isoformat())
    assert reversal.describe(decision, local) == \
        f"case-00051 · Remove under hate_speech · today {local:%H:%M}"
    assert reversal.describe(decision, local, {"hate_speech": "Hate speech"}.get) == \
        f"case-00051 · Remove under Hate speech · today {local:%H:%M}"  # as reviewers call it
    assert reversal.when(decided.isoformat(), local + timedelta(days=1)) == \
        f"yesterday {local:%H:%M}"
    assert reversal.when(decided.isoformat(), local + timedelta(days=9)) == \
        f"{local:%Y-%m-%d %H:%M}"  # no month names: the same in every language
    cleared = Decision("d2", "c7", ActionId.NO_VIOLATION, "violent_graphic", "", decided.isoformat())
    assert reversal.describe(cleared, local).startswith("c7 · No violation · ")
