"""Exposure-aware order: after a run of graphic cases a calm one comes next, never at the cost
of a deadline (a controlled clock stands in for the shift)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from reviewer.actions import ActionId
from reviewer.domain import Case, Queue, to_iso
from reviewer.review.session import ReviewSession
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict, synthetic_png

START = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PICTURE = synthetic_png(64, 48, seed=5)
PER_CASE = timedelta(minutes=5)  # how long the simulated reviewer takes per case


class Clock:
    def __init__(self):
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _case(case_id: str, minutes_left: float, calm: bool, priority: int = 2) -> Case:
    raw = case_dict(case_id, priority=priority, media=[] if calm else [PICTURE])
    raw["sla_deadline"] = to_iso(START + timedelta(minutes=minutes_left))
    return Case.from_api(raw)


def _session(tmp_path, cases: list[Case], after: int, clock: Clock) -> ReviewSession:
    db = open_store(tmp_path / f"store-{after}.sqlite3")
    cache = CaseCache(db)
    cache.save_queues([Queue("graphic_media", "Graphic", 3, ("violent_graphic",),
                             "violent_graphic")])
    cache.save_cases(cases, None)
    session = ReviewSession(db)
    session.calm.after = lambda: after
    session.calm.clock = clock
    return session


def test_after_the_run_the_first_calm_case_comes_next_and_says_why(tmp_path):
    cases = [_case(f"g{i}", 600 + i, calm=False) for i in range(5)] + [_case("calm", 900, True)]
    session = _session(tmp_path, cases, after=3, clock=Clock())
    for expected in ("g0", "g1", "g2"):
        assert session.current().id == expected
        assert session.calm.take_note() is None
        session.decide(ActionId.REMOVE)
    assert session.current().id == "calm"
    assert "3 graphic cases in a row" in session.calm.take_note()
    session.decide(ActionId.NO_VIOLATION)
    assert session.case_ids == ["g3", "g4"]  # the graphic ones follow, in their order
    assert session.calm.run == 0


def test_a_case_that_cannot_wait_keeps_its_place(tmp_path):
    # g-due is due in 10 minutes: serving the calm case first would cost it 5 of them.
    cases = [_case(f"g{i}", 600 + i, calm=False, priority=1) for i in range(2)] + [
        _case("g-due", 10, calm=False), _case("calm", 900, True)]
    session = _session(tmp_path, cases, after=2, clock=Clock())
    session.decide(ActionId.REMOVE)
    session.decide(ActionId.REMOVE)
    assert session.current().id == "g-due"
    assert session.calm.take_note() is None


@pytest.mark.parametrize("seed", range(4))
def test_over_a_shift_no_case_misses_its_deadline_because_of_the_calm_cases(tmp_path, seed):
    rng = random.Random(seed)
    cases = [_case(f"c{i:02d}", rng.uniform(5, 600), calm=rng.random() < 0.25,
                   priority=rng.choice([1, 2, 2, 3])) for i in range(40)]
    late, calm_served = {}, 0
    for after in (2, 10**6):  # interleaving, and effectively never
        clock = Clock()
        session = _session(tmp_path, cases, after=after, clock=clock)
        decided_at = {}
        while session.current() is not None:
            clock.now += PER_CASE
            decided_at[session.decide(ActionId.REMOVE).case_id] = clock.now
            calm_served += session.calm.take_note() is not None
        deadlines = {case.id: case.sla_deadline for case in cases}
        late[after] = {case_id for case_id, at in decided_at.items()
                       if to_iso(at) > deadlines[case_id]}
        assert len(decided_at) == 40
    assert calm_served > 0  # the order did change
    assert late[2] <= late[10**6]  # whatever was late, it was late anyway


def test_the_run_length_is_a_setting_that_can_only_be_shorter():
    from reviewer.user_settings import exposure_settings
    assert exposure_settings({}).calm_after_graphic == 10
    assert exposure_settings({"exposure": {"calm_after_graphic": 4}}).calm_after_graphic == 4
    problems: list[str] = []
    assert exposure_settings({"exposure": {"calm_after_graphic": 40}},
                             problems).calm_after_graphic == 10
    assert "calm_after_graphic = 40 is outside 1–10 cases" in problems[0]
