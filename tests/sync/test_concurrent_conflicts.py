"""Two workstations decide the same 200 cases at the same moment, differently.

Both profiles hold the same claimed cases: ana claimed them, her leases ran out (as after half
an hour offline) and ben claimed them next, so both have held a lease on every one. Two
threads, each with its own store file, token and SyncEngine, decide every case (one from the
front of the list, the other from the back, so they meet in the middle) and push while the
other is pushing. The server must keep exactly one decision per case; every losing decision
must end as a visible local conflict that names the winner.
"""

from __future__ import annotations

import threading

import pytest

from reviewer.sync import push
from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine
from tests.sync.big_server import (
    claim_cases, claim_everything, expire_leases, save_claimed, start_big_server,
)

CASES = 200


@pytest.fixture(scope="module")
def two_reviewers_api(tmp_path_factory):
    api = start_big_server(tmp_path_factory, 300, "conflicts",
                           {"ana": "reviewer", "ben": "reviewer"})
    try:
        yield api
    finally:
        api.stop()


class Reviewer:
    def __init__(self, api, name: str, store_path, action: ActionId, backwards: bool):
        self.name = name
        self.store_path = store_path
        self.action = action
        self.backwards = backwards
        self.client = ApiClient(api.url, api.tokens[name])
        self.engine = SyncEngine(store_path, self.client)  # used on the reviewer's thread only
        self.made: list = []
        self.error: BaseException | None = None

    def work(self, start: threading.Barrier) -> None:
        try:
            db = open_store(self.store_path)
            session = ReviewSession(db)
            order = list(session.case_ids)
            if self.backwards:
                order.reverse()
            start.wait(10)
            for number, case_id in enumerate(order, 1):
                session.go_to(case_id)
                assert session.current().id == case_id
                self.made.append(session.decide(self.action))
                if number % 5 == 0:
                    self.engine.push()  # while the other one is pushing too
            while self.engine.status(True).waiting:
                self.engine.push()
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            self.error = exc


def test_two_reviewers_racing_on_200_cases_get_one_winner_per_case(two_reviewers_api, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setattr(push, "BATCH_SIZE", 7)  # pushes of both interleave on the server
    api = two_reviewers_api
    cases, queues = claim_cases(api.url, api.tokens["ana"], CASES)
    case_ids = {c.id for c in cases}
    claim_everything(api.url, api.tokens["ana"])  # so ben's claim can find only ana's 200
    expire_leases(api.db_path, sorted(case_ids))
    ben_cases, _ = claim_cases(api.url, api.tokens["ben"], CASES)
    assert {c.id for c in ben_cases} == case_ids
    ana = Reviewer(api, "ana", tmp_path / "ana" / "store.sqlite3", ActionId.REMOVE, False)
    ben = Reviewer(api, "ben", tmp_path / "ben" / "store.sqlite3", ActionId.NO_VIOLATION, True)
    save_claimed(ana.store_path, cases, queues)
    save_claimed(ben.store_path, ben_cases, queues)

    start = threading.Barrier(2)
    threads = [threading.Thread(target=r.work, args=(start,), name=r.name) for r in (ana, ben)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
        assert not thread.is_alive(), "a reviewer thread hung"
    assert ana.error is None, ana.error
    assert ben.error is None, ben.error

    # Each decided every case once, locally.
    for reviewer in (ana, ben):
        assert sorted(d.case_id for d in reviewer.made) == sorted(case_ids)

    # The server: exactly one decision per case, and it is one of the two made.
    on_server = api.decisions()
    assert sorted(d["case_id"] for d in on_server) == sorted(case_ids)
    winners = {d["case_id"]: d for d in on_server}
    made_by_id = {d.decision_id: (r.name, d) for r in (ana, ben) for d in r.made}
    for case_id, winner in winners.items():
        who, decision = made_by_id[winner["decision_id"]]
        assert (winner["reviewer"], winner["action"]) == (who, decision.action.value)
        assert decision.case_id == case_id

    # Locally: the winner's decision accepted, the loser's a conflict naming the winner.
    counts = {}
    for reviewer in (ana, ben):
        # The same profile and client on this thread (sqlite3 connections are per thread).
        reviewer.engine = SyncEngine(reviewer.store_path, reviewer.client)
        entries = reviewer.engine._outbox().entries()
        assert {e.state for e in entries} <= {"accepted", "conflict"}, reviewer.name
        for entry in entries:
            winner = winners[entry.decision.case_id]
            if entry.state == "accepted":
                assert winner["decision_id"] == entry.decision.decision_id
                assert entry.response["http_status"] == 201
                assert entry.response["decision"]["decision_id"] == entry.decision.decision_id
            else:
                assert winner["decision_id"] != entry.decision.decision_id
                assert entry.response["http_status"] == 409
                assert entry.response["error"] == "conflict"
                assert entry.response["winning_decision"] == winner
        status = reviewer.engine.status(True)
        assert (status.waiting, status.rejected) == (0, 0), reviewer.name
        counts[reviewer.name] = (status.accepted, status.conflicts)
        # Every conflict waits for the reviewer to look at it.
        assert reviewer.engine._outbox().needs_attention() == status.conflicts
    accepted = counts["ana"][0] + counts["ben"][0]
    conflicts = counts["ana"][1] + counts["ben"][1]
    print(f"\naccepted/conflicts: {counts}")
    assert (accepted, conflicts) == (CASES, CASES)
    assert counts["ana"][0] == counts["ben"][1] and counts["ben"][0] == counts["ana"][1]
    assert min(counts["ana"][0], counts["ben"][0]) > 0, "the race was no race: one side won all"

    # A later full round (change feed, lease renewal) leaves the outcome alone.
    for reviewer in (ana, ben):
        status = reviewer.engine.run_once()
        assert status.online and (status.accepted, status.conflicts) == counts[reviewer.name]
    assert len(api.decisions()) == CASES
