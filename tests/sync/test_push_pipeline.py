"""The push keeps several requests out (reviewer/sync/push.py, MAX_IN_FLIGHT): batch N+1 waits
at the server while it decides N, and goes out before N's answers are recorded.

Real server on loopback, real store, real ApiClient; batches of 5 so a few dozen decisions make
several batches. What the overlap must not change: each case's decisions reach the server one
after the other in outbox order, a decision reaches it exactly once whatever fails in between,
an item rejected in one batch does not hold back the next, and a server that dies mid-drain
loses nothing. The tests of what fails in between (a crash, a dead server, an unusable answer)
count batches with two requests out (`two_out`): what happens to those out is the same at any
depth, and their arithmetic stays readable.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter

import pytest

from reviewer.actions import ActionId
from reviewer.domain import Decision
from reviewer.review.outbox import Outbox
from reviewer.store.database import open_store
from reviewer.sync import push
from reviewer.sync.api_client import ApiClient, Unavailable
from reviewer.sync.push import OutboxPusher
from tests.sync.big_server import claim_cases, save_claimed, start_big_server

BATCH = 5
DECISIONS = 23  # five batches, the last one short


@pytest.fixture(scope="module")
def big_api(tmp_path_factory):
    names = {f"pipe-{n}": "reviewer" for n in range(7)}
    api = start_big_server(tmp_path_factory, 1200, "pipeline", names)
    try:
        yield api
    finally:
        api.stop()


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(push, "BATCH_SIZE", BATCH)


@pytest.fixture
def two_out(monkeypatch):
    monkeypatch.setattr(push, "MAX_IN_FLIGHT", 2)


class RecordingClient(ApiClient):
    """Notes when each batch goes out and comes back; `before_send(n)` runs before batch n.
    `one_at_a_time`: a request waits for the one before it to be answered, in the order the
    push made them (InTurnPusher hands out the turns), so the events read in a fixed order and
    what a test does in `before_send` cannot catch a request half way."""

    def __init__(self, url: str, token: str, events: list, before_send=None,
                 one_at_a_time: bool = True):
        super().__init__(url, token, timeout=10)
        self.events, self.before_send, self.sent = events, before_send, 0
        self.one_at_a_time = one_at_a_time
        self.turns, self.serving = itertools.count(), 0
        self.turn = threading.Condition()
        self.numbering = threading.Lock()

    def send_decision_batch(self, decisions, turn: int | None = None):
        if self.one_at_a_time:
            with self.turn:
                self.turn.wait_for(lambda: self.serving == turn)
        try:
            with self.numbering:
                self.sent += 1
                n = self.sent
                if self.before_send:
                    self.before_send(n)
                self.events.append(("send", n))
            time.sleep(0.02)  # a slow network: the next batch is ready while this one is out
            answer = super().send_decision_batch(decisions)
            self.events.append(("answered", n))
            return answer
        finally:
            if self.one_at_a_time:
                with self.turn:
                    self.serving += 1
                    self.turn.notify_all()


class InTurnPusher(OutboxPusher):
    """Gives each request its turn as the push makes it, for a one-at-a-time RecordingClient."""

    def _send(self, sender, batch):
        self.outbox.mark_sending([d.decision_id for d in batch])
        return sender.submit(self.client.send_decision_batch, batch, next(self.client.turns))


class RecordingOutbox(Outbox):
    def __init__(self, db, events: list, fail_recording: int = 0):
        super().__init__(db)
        self.events, self.fail_recording, self.recorded = events, fail_recording, 0

    def record_answers(self, answers):
        self.recorded += 1
        if self.recorded == self.fail_recording:
            raise RuntimeError("the program dies before this batch's answers are recorded")
        super().record_answers(answers)
        self.events.append(("recorded", self.recorded))


def _queue(big_api, tmp_path, reviewer: str, count: int = DECISIONS, bad: set[int] = frozenset(),
           again_after: int | None = None):
    """A store with `count` decisions queued on freshly claimed cases; those at the indexes in
    `bad` name a case the server does not have (it rejects each of them alone: 404). With
    `again_after`, a No violation on that decision's case is queued right after it."""
    store_path = tmp_path / reviewer / "store.sqlite3"
    cases, queues = claim_cases(big_api.url, big_api.tokens[reviewer], count)
    save_claimed(store_path, cases, queues)
    db = open_store(store_path)
    made = []
    for index, case in enumerate(cases):
        case_id = "case-nowhere" if index in bad else case.id
        made.append(Decision.new(case_id, ActionId.REMOVE, case.policy_area, ""))
        Outbox(db).record(made[-1])
        if index == again_after:
            made.append(Decision.new(case_id, ActionId.NO_VIOLATION, case.policy_area, ""))
            Outbox(db).record(made[-1])
    return db, made


def _accepted(db) -> int:
    """Accepted, some held for a senior's approval (high-profile cases are claimed first)."""
    counts = Outbox(db).counts()
    return counts["accepted"] + counts["awaiting_approval"]


def _server_ids(big_api, made: list[Decision]) -> list[str]:
    """Our decisions on the server, in the order it recorded them."""
    ours = {d.decision_id for d in made}
    return [d["decision_id"] for d in big_api.decisions() if d["decision_id"] in ours]


def test_the_next_batch_goes_out_before_the_last_answers_are_recorded(big_api, tmp_path):
    db, made = _queue(big_api, tmp_path, "pipe-0")
    events: list = []
    client = RecordingClient(big_api.url, big_api.tokens["pipe-0"], events, one_at_a_time=False)
    try:
        assert OutboxPusher(RecordingOutbox(db, events), client).push_all() == DECISIONS
    finally:
        client.close()
    assert _accepted(db) == DECISIONS
    # Each once. Batches out at once carry no case in common, so the server may record them
    # in either order (its worker threads race for the write lock): compared as a set.
    recorded = _server_ids(big_api, made)
    assert len(recorded) == DECISIONS and set(recorded) == {d.decision_id for d in made}
    # The first `out` batches went out together; batch n + out once n of them were answered
    # (never more out), before the n-th answer taken was recorded.
    out = push.MAX_IN_FLIGHT
    assert events.index(("send", out)) < events.index(("answered", 1))
    for n in range(1, 6 - out):  # five batches
        before = events[:events.index(("send", n + out))]
        assert sum(event[0] == "answered" for event in before) >= n
        assert ("recorded", n) not in before


class LateFirstAnswerClient(ApiClient):
    """The first batch's answer is slow on its way back; the others are not."""

    def __init__(self, url: str, token: str, events: list):
        super().__init__(url, token, timeout=10)
        self.events, self.sent, self.numbering = events, 0, threading.Lock()

    def send_decision_batch(self, decisions):
        with self.numbering:
            self.sent += 1
            n = self.sent
            self.events.append(("send", n))
        answer = super().send_decision_batch(decisions)
        if n == 1:
            time.sleep(0.5)
        self.events.append(("answered", n))
        return answer


def test_an_answer_that_comes_back_first_frees_its_place_for_the_next_batch(big_api, tmp_path):
    # The server decides the requests out in any order; the push does not wait for the
    # oldest one's answer before it records a newer one and sends the next batch.
    db, made = _queue(big_api, tmp_path, "pipe-6")
    events: list = []
    client = LateFirstAnswerClient(big_api.url, big_api.tokens["pipe-6"], events)
    try:
        assert OutboxPusher(Outbox(db), client).push_all() == DECISIONS
    finally:
        client.close()
    assert _accepted(db) == DECISIONS
    recorded = _server_ids(big_api, made)
    assert len(recorded) == DECISIONS and set(recorded) == {d.decision_id for d in made}
    assert events.index(("answered", 2)) < events.index(("answered", 1))
    assert events.index(("send", push.MAX_IN_FLIGHT + 1)) < events.index(("answered", 1))


class OverlapClient(ApiClient):
    """Notes the most requests it had out at once, and any case two of them carried."""

    def __init__(self, url: str, token: str):
        super().__init__(url, token, timeout=10)
        self.lock = threading.Lock()
        self.out: list[set[str]] = []  # the cases of each request still out
        self.most_out, self.shared = 0, set()

    def send_decision_batch(self, decisions):
        cases = {d.case_id for d in decisions}
        with self.lock:
            self.shared |= set().union(*self.out) & cases
            self.out.append(cases)
            self.most_out = max(self.most_out, len(self.out))
        try:
            time.sleep(0.05)  # a slow network: the next batch is ready while this one is out
            return super().send_decision_batch(decisions)
        finally:
            with self.lock:
                self.out.remove(cases)


def test_requests_are_out_at_once_and_a_case_decided_twice_waits_for_the_first(
        big_api, tmp_path):
    # A second decision on batch 1's last case, queued right after it (as if decided again
    # offline): it must reach the server after the first, so the first stands, it conflicts.
    db, made = _queue(big_api, tmp_path, "pipe-5", again_after=4)
    again = made.pop(5)
    client = OverlapClient(big_api.url, big_api.tokens["pipe-5"])
    try:
        assert OutboxPusher(Outbox(db), client).push_all() == DECISIONS + 1
    finally:
        client.close()
    assert client.most_out == push.MAX_IN_FLIGHT
    assert client.shared == set()  # no case was in two requests out at once
    states = {e.decision.decision_id: e.state for e in Outbox(db).entries()}
    assert states[made[4].decision_id] == "accepted" and states[again.decision_id] == "conflict"
    assert set(_server_ids(big_api, made)) == {d.decision_id for d in made}


def test_an_item_rejected_in_one_batch_does_not_hold_back_the_next(big_api, tmp_path):
    db, made = _queue(big_api, tmp_path, "pipe-1", bad={2, 6})  # in batches 1 and 2
    client = ApiClient(big_api.url, big_api.tokens["pipe-1"])
    try:
        assert OutboxPusher(Outbox(db), client).push_all() == DECISIONS
    finally:
        client.close()
    states = {e.decision.decision_id: e.state for e in Outbox(db).entries()}
    rejected = {made[2].decision_id, made[6].decision_id}
    assert {i for i, s in states.items() if s == "rejected"} == rejected
    assert Counter(states.values()) == {"accepted": DECISIONS - 2, "rejected": 2}
    assert set(_server_ids(big_api, made)) == {d.decision_id for d in made} - rejected


def test_a_crash_while_the_next_batches_are_out_sends_them_again_under_the_same_keys(
        big_api, tmp_path, two_out):
    db, made = _queue(big_api, tmp_path, "pipe-2")
    events: list = []
    client = RecordingClient(big_api.url, big_api.tokens["pipe-2"], events)
    try:
        with pytest.raises(RuntimeError):  # recording batch 2's answers fails; 3 and 4 are out
            InTurnPusher(RecordingOutbox(db, events, fail_recording=2), client).push_all()
        assert ("answered", 4) in events  # waited for, their answers not recorded
        assert Outbox(db).counts()["sending"] == 3 * BATCH  # batches 2-4: sent, unrecorded
        assert InTurnPusher(Outbox(db), client).push_all() == DECISIONS - BATCH
    finally:
        client.close()
    assert _accepted(db) == DECISIONS
    # The server recorded each once and replayed its stored answer to the second sending.
    assert _server_ids(big_api, made) == [d.decision_id for d in made]


def test_a_server_that_dies_mid_drain_loses_nothing(big_api, tmp_path, two_out):
    db, made = _queue(big_api, tmp_path, "pipe-3")
    events: list = []

    def die_before_the_third(n: int) -> None:
        if n == 3:
            big_api.server.stop()

    client = RecordingClient(big_api.url, big_api.tokens["pipe-3"], events, die_before_the_third)
    try:
        with pytest.raises(Unavailable):
            InTurnPusher(Outbox(db), client).push_all()
        # Batches 1 and 2 were answered; 3 waits for its backoff, 4 (out as well) was never
        # answered and goes again at once under the same keys, 5 was never sent.
        counts = Outbox(db).counts()
        assert _accepted(db) == 2 * BATCH
        assert (counts["pending"], counts["sending"]) == (DECISIONS - 3 * BATCH, BATCH)
        big_api.server.start()
        client.before_send = None
        db.execute("UPDATE outbox SET next_attempt_at = '' WHERE state = 'pending'")  # backoff over
        db.conn.commit()
        assert InTurnPusher(Outbox(db), client).push_all() == DECISIONS - 2 * BATCH
    finally:
        if not big_api.server.running:
            big_api.server.start()
        client.close()
    assert _accepted(db) == DECISIONS
    assert _server_ids(big_api, made) == [d.decision_id for d in made]


def test_an_unusable_answer_with_the_next_batch_out_records_that_one_and_sends_no_more(
        big_api, tmp_path, two_out):
    db, made = _queue(big_api, tmp_path, "pipe-4")
    events: list = []
    client = RecordingClient(big_api.url, big_api.tokens["pipe-4"], events)
    real_send = client.send_decision_batch

    def second_answer_garbled(decisions, turn=None):
        answer = real_send(decisions, turn)
        return {"results": "garbled"} if client.sent == 2 else answer

    client.send_decision_batch = second_answer_garbled
    try:
        assert InTurnPusher(Outbox(db), client).push_all() == 3 * BATCH  # batches 1, 3 and 4
        assert client.sent == 4  # 3 and 4 were out when 2's answer was read: no 5th
        pending = Outbox(db).entries("pending")  # batch 2 to retry, 5 never sent
        assert [e.decision.decision_id for e in pending] == [d.decision_id for d in made[5:10]
                                                             + made[20:]]
        assert [e.decision.decision_id for e in pending if "answered badly" in e.last_error
                ] == [d.decision_id for d in made[5:10]]
        db.execute("UPDATE outbox SET next_attempt_at = '' WHERE state = 'pending'")  # backoff over
        db.conn.commit()
        assert InTurnPusher(Outbox(db), client).push_all() == DECISIONS - 3 * BATCH
    finally:
        client.close()
    assert _accepted(db) == DECISIONS
    # Batch 2 was recorded on the server at its first sending; the second got its stored answers.
    assert _server_ids(big_api, made) == [d.decision_id for d in made]
