"""The push sends batch N+1 while it records batch N's answers (reviewer/sync/push.py).

Real server on loopback, real store, real ApiClient; batches of 5 so a few dozen decisions make
several batches. What the overlap must not change: the server meets the batches one after the
other in outbox order, a decision reaches it exactly once whatever fails in between, an item
rejected in one batch does not hold back the next, and a server that dies mid-drain loses
nothing.
"""

from __future__ import annotations

import threading
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
    names = {f"pipe-{n}": "reviewer" for n in range(5)}
    api = start_big_server(tmp_path_factory, 1200, "pipeline", names)
    try:
        yield api
    finally:
        api.stop()


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(push, "BATCH_SIZE", BATCH)


class RecordingClient(ApiClient):
    """Notes when each batch goes out and comes back; `before_send(n)` runs before batch n."""

    def __init__(self, url: str, token: str, events: list, before_send=None):
        super().__init__(url, token, timeout=10)
        self.events, self.before_send, self.sent = events, before_send, 0
        self.lock = threading.Lock()

    def send_decision_batch(self, decisions):
        with self.lock:  # the overlap is with the recording, never with another request
            self.sent += 1
            if self.before_send:
                self.before_send(self.sent)
            self.events.append(("send", self.sent))
            answer = super().send_decision_batch(decisions)
            self.events.append(("answered", self.sent))
            return answer


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


def _queue(big_api, tmp_path, reviewer: str, count: int = DECISIONS, bad: set[int] = frozenset()):
    """A store with `count` decisions queued on freshly claimed cases; those at the indexes in
    `bad` name a case the server does not have (it rejects each of them alone: 404)."""
    store_path = tmp_path / reviewer / "store.sqlite3"
    cases, queues = claim_cases(big_api.url, big_api.tokens[reviewer], count)
    save_claimed(store_path, cases, queues)
    db = open_store(store_path)
    made = []
    for index, case in enumerate(cases):
        case_id = "case-nowhere" if index in bad else case.id
        made.append(Decision.new(case_id, ActionId.REMOVE, case.policy_area, ""))
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


def test_the_next_batch_goes_out_before_the_last_answers_are_recorded_in_order(big_api, tmp_path):
    db, made = _queue(big_api, tmp_path, "pipe-0")
    events: list = []
    client = RecordingClient(big_api.url, big_api.tokens["pipe-0"], events)
    try:
        assert OutboxPusher(RecordingOutbox(db, events), client).push_all() == DECISIONS
    finally:
        client.close()
    assert _accepted(db) == DECISIONS
    # In outbox order, each once: the server met the batches one after the other.
    assert _server_ids(big_api, made) == [d.decision_id for d in made]
    # Batch n+1 went out only once batch n was answered, and before n's answers were recorded.
    for n in range(1, 5):
        assert events.index(("answered", n)) < events.index(("send", n + 1))
        assert events.index(("send", n + 1)) < events.index(("recorded", n))


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


def test_a_crash_while_the_next_batch_is_out_sends_both_again_under_the_same_keys(big_api,
                                                                                  tmp_path):
    db, made = _queue(big_api, tmp_path, "pipe-2")
    events: list = []
    client = RecordingClient(big_api.url, big_api.tokens["pipe-2"], events)
    try:
        with pytest.raises(RuntimeError):  # recording batch 2's answers fails; 3 is out
            OutboxPusher(RecordingOutbox(db, events, fail_recording=2), client).push_all()
        assert ("answered", 3) in events  # waited for, its answers not recorded
        assert Outbox(db).counts()["sending"] == 2 * BATCH  # batches 2 and 3: sent, unrecorded
        assert OutboxPusher(Outbox(db), client).push_all() == DECISIONS - BATCH
    finally:
        client.close()
    assert _accepted(db) == DECISIONS
    # The server recorded each once and replayed its stored answer to the second sending.
    assert _server_ids(big_api, made) == [d.decision_id for d in made]


def test_a_server_that_dies_mid_drain_loses_nothing(big_api, tmp_path):
    db, made = _queue(big_api, tmp_path, "pipe-3")
    events: list = []

    def die_before_the_third(n: int) -> None:
        if n == 3:
            big_api.server.stop()

    client = RecordingClient(big_api.url, big_api.tokens["pipe-3"], events, die_before_the_third)
    try:
        with pytest.raises(Unavailable):
            OutboxPusher(Outbox(db), client).push_all()
        assert _accepted(db) == 2 * BATCH and Outbox(db).counts()["pending"] == DECISIONS - 2 * BATCH
        big_api.server.start()
        client.before_send = None
        db.execute("UPDATE outbox SET next_attempt_at = '' WHERE state = 'pending'")  # backoff over
        db.conn.commit()
        assert OutboxPusher(Outbox(db), client).push_all() == DECISIONS - 2 * BATCH
    finally:
        if not big_api.server.running:
            big_api.server.start()
        client.close()
    assert _accepted(db) == DECISIONS
    assert _server_ids(big_api, made) == [d.decision_id for d in made]


def test_an_unusable_answer_with_the_next_batch_out_records_that_one_and_sends_no_more(
        big_api, tmp_path):
    db, made = _queue(big_api, tmp_path, "pipe-4")
    events: list = []
    client = RecordingClient(big_api.url, big_api.tokens["pipe-4"], events)
    real_send = client.send_decision_batch

    def second_answer_garbled(decisions):
        answer = real_send(decisions)
        return {"results": "garbled"} if client.sent == 2 else answer

    client.send_decision_batch = second_answer_garbled
    try:
        assert OutboxPusher(Outbox(db), client).push_all() == 2 * BATCH  # batches 1 and 3
        assert client.sent == 3  # batch 3 was out when 2's answer was read: no 4th
        pending = Outbox(db).entries("pending")  # batch 2 to retry, 4 and 5 never sent
        assert [e.decision.decision_id for e in pending] == [d.decision_id for d in made[5:10]
                                                             + made[15:]]
        assert [e.decision.decision_id for e in pending if "answered badly" in e.last_error
                ] == [d.decision_id for d in made[5:10]]
        db.execute("UPDATE outbox SET next_attempt_at = '' WHERE state = 'pending'")  # backoff over
        db.conn.commit()
        assert OutboxPusher(Outbox(db), client).push_all() == DECISIONS - 2 * BATCH
    finally:
        client.close()
    assert _accepted(db) == DECISIONS
    # Batch 2 was recorded on the server at its first sending; the second got its stored answers.
    assert _server_ids(big_api, made) == [d.decision_id for d in made]
