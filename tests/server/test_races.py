"""Races between API processes: the real `main.py serve --workers N` on one database.

On PostgreSQL four worker processes serve one port, each with its own connections, so every
guarantee below has to come from the database (row locks, skip-locked claims, the key and feed
locks), not from a lock in one process. SQLite serves from one process (its write lock is the
guarantee); the same tests run there too. Requests start together behind a barrier, from
threads, each on its own HTTP connection.
"""

from __future__ import annotations

import base64
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, insert, select, update

from server.auth.accounts import add_reviewer
from server.store.database import open_database
from server.store.portable import insert_ignoring_conflicts
from server.store.schema import authors, cases, changes, decisions, reviewers
from server.timeutil import to_iso, utcnow
from tests.server_process import ServerProcess

RACERS = 12
WORKERS = {"sqlite": 1, "postgresql": 4}


class RaceApi:
    def __init__(self, url: str, target, tokens: dict[str, str]) -> None:
        self.url, self.target, self.tokens = url, target, tokens

    def client(self, name: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60,
                            headers={"Authorization": f"Bearer {self.tokens[name]}"})

    def open_cases(self, count: int, queue_id: str = "appeals") -> list[str]:
        """`count` new open, unleased cases, inserted directly."""
        ids = [f"race-{uuid.uuid4().hex[:10]}" for _ in range(count)]
        now = utcnow()
        database = open_database(self.target)
        try:
            with database.write() as conn:
                conn.execute(insert_ignoring_conflicts(conn, authors).values(
                    id="author-race", handle="race", display_name="Race", created_at=now,
                    history=[]))
                conn.execute(insert(cases), [
                    {"id": case_id, "queue_id": queue_id, "author_id": "author-race",
                     "text": "race case", "language": "en", "region": "US",
                     "policy_area": "spam", "priority": 1, "sla_deadline": now,
                     "created_at": now, "status": "open"} for case_id in ids])
        finally:
            database.close()
        return ids

    def query(self, statement):
        database = open_database(self.target)
        try:
            with database.read() as conn:
                return conn.execute(statement).all()
        finally:
            database.close()


@pytest.fixture(scope="module")
def race_api(databases, seeded_template, tmp_path_factory) -> Iterator[RaceApi]:
    target = databases.copy(seeded_template.path)
    tokens = {f"r{i}": add_reviewer(target, f"racer-{i}", "reviewer") for i in range(RACERS)}
    tokens["lead"] = seeded_template.tokens["lena"]
    env = {"REVIEWER_RATE_LIMIT_PER_SECOND": "0"}  # the races, not the limiter
    log = tmp_path_factory.mktemp("race-log") / "server.log"
    try:
        with ServerProcess(target, workers=WORKERS[databases.backend], env=env,
                           log_path=log) as server:
            yield RaceApi(server.url, target, tokens)
    finally:
        databases.drop(target)


def together(jobs: list[Callable[[], object]]) -> list:
    """Run the jobs on their own threads, released at the same moment."""
    barrier = threading.Barrier(len(jobs))

    def run(job):
        barrier.wait()
        return job()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def _decision(case_id: str, action: str, decision_id: str | None = None) -> dict:
    return {"decision_id": decision_id or str(uuid.uuid4()), "case_id": case_id,
            "action": action, "policy": "spam", "note": "", "decided_at": to_iso(utcnow())}


def _post(client: httpx.Client, body: dict) -> httpx.Response:
    return client.post("/v1/decisions", json=body,
                       headers={"Idempotency-Key": body["decision_id"]})


def test_many_reviewers_claiming_at_once_never_get_the_same_case(race_api):
    race_api.open_cases(60, queue_id="crisis_sweep")
    clients = [race_api.client(f"r{i}") for i in range(RACERS)]
    holders: dict[str, set[int]] = defaultdict(set)
    for _round in range(3):
        answers = together([
            lambda c=c: c.post("/v1/queues/crisis_sweep/claim", json={"count": 4})
            for c in clients])
        for index, answer in enumerate(answers):
            assert answer.status_code == 200, answer.text
            for case in answer.json()["cases"]:
                holders[case["id"]].add(index)
    shared = {case_id: who for case_id, who in holders.items() if len(who) > 1}
    assert holders and not shared


def test_two_final_decisions_on_one_case_one_wins_the_other_is_409(race_api):
    case_ids = race_api.open_cases(20)
    alice, bob = race_api.client("r0"), race_api.client("r1")
    for case_id in case_ids:
        first, second = together([
            lambda: _post(alice, _decision(case_id, "remove")),
            lambda: _post(bob, _decision(case_id, "no_violation"))])
        statuses = sorted([first.status_code, second.status_code])
        assert statuses == [201, 409], (first.text, second.text)
        loser = first if first.status_code == 409 else second
        winner = second if loser is first else first
        assert loser.json()["winning_decision"] == winner.json()["decision"]
    recorded = Counter(row.case_id for row in race_api.query(
        select(decisions.c.case_id).where(decisions.c.case_id.in_(case_ids))))
    assert recorded == Counter({case_id: 1 for case_id in case_ids})


def test_the_same_key_from_two_connections_records_once_and_answers_alike(race_api):
    case_ids = race_api.open_cases(20)
    one, other = race_api.client("r2"), race_api.client("r2")
    for case_id in case_ids:
        body = _decision(case_id, "remove")
        first, second = together([lambda: _post(one, body), lambda: _post(other, body)])
        assert (first.status_code, second.status_code) == (201, 201), (first.text, second.text)
        assert first.content == second.content  # the stored answer, byte for byte
    recorded = race_api.query(select(decisions.c.case_id, func.count())
                              .where(decisions.c.case_id.in_(case_ids))
                              .group_by(decisions.c.case_id))
    assert sorted(recorded) == sorted((case_id, 1) for case_id in case_ids)


def test_interleaved_feed_writers_lose_no_change_for_a_reader(race_api):
    """Writers commit changes while a reader follows the feed with its cursor; every change
    that committed reaches the reader exactly once, in seq order."""
    case_ids = race_api.open_cases(120)
    reader = race_api.client("lead")
    since = reader.get("/v1/changes", params={"since": 0, "limit": 1000}).json()
    cursor = _drain(reader, since["cursor"], [])
    seen: list[int] = []
    writing = threading.Event()
    writing.set()

    def follow() -> None:
        nonlocal cursor
        while writing.is_set():
            cursor = _drain(reader, cursor, seen)

    follower = threading.Thread(target=follow)
    follower.start()
    writers = [race_api.client(f"r{3 + i}") for i in range(8)]
    try:
        for start in range(0, len(case_ids), len(writers)):
            batch = case_ids[start:start + len(writers)]
            together([lambda c=c, case_id=case_id: _post(c, _decision(case_id, "remove"))
                      for c, case_id in zip(writers, batch)])
    finally:
        writing.clear()
        follower.join()
    _drain(reader, cursor, seen)
    committed = [row.seq for row in race_api.query(
        select(changes.c.seq).where(changes.c.case_id.in_(case_ids)).order_by(changes.c.seq))]
    mine = [seq for seq in seen if seq in set(committed)]
    assert len(committed) == len(case_ids)
    assert mine == committed  # each once, in seq order, none skipped
    assert seen == sorted(set(seen))


def test_leads_publishing_one_guideline_at_once_get_consecutive_versions(race_api):
    lead = race_api.client("lead")
    document = {"id": f"race-{uuid.uuid4().hex[:8]}", "title": "Raced", "body": "text"}
    answers = together([lambda: lead.post("/v1/guidelines", json=document)] * 8)
    assert [answer.status_code for answer in answers] == [201] * 8
    assert sorted(answer.json()["version"] for answer in answers) == list(range(1, 9))


def test_cases_sharing_a_new_author_and_media_are_ingested_at_once(race_api):
    lead = race_api.client("lead")
    author = {"id": f"author-{uuid.uuid4().hex[:8]}", "handle": "shared"}
    media = {"data_base64": base64.b64encode(uuid.uuid4().bytes).decode(), "mime": "image/png",
             "width": 1, "height": 1}
    answers = together([
        lambda: lead.post("/v1/cases", json={"queue_id": "appeals", "text": "x",
                                             "author": author, "media": [media]})] * 8)
    assert [answer.status_code for answer in answers] == [201] * 8
    assert len({answer.json()["media"][0]["sha256"] for answer in answers}) == 1


def test_a_renewal_racing_a_claim_leaves_one_holder(race_api):
    """An expired lease: its old holder renews while another reviewer claims. Whoever wins,
    the case has one holder, and the other is told it lost."""
    case_ids = race_api.open_cases(25, queue_id="graphic_media")
    old, new = race_api.client("r11"), race_api.client("r10")
    _lease_to(race_api, "racer-11", case_ids, timedelta(minutes=30))
    for case_id in case_ids:
        _lease_to(race_api, "racer-11", [case_id], timedelta(minutes=-1))  # run out just now
        renewal, claim = together([
            lambda: old.post("/v1/leases/renew", json={"case_ids": [case_id]}),
            lambda: new.post("/v1/queues/graphic_media/claim", json={"count": 200})])
        renewed = [r["case_id"] for r in renewal.json()["renewed"]] == [case_id]
        claimed = case_id in {case["id"] for case in claim.json()["cases"]}
        assert renewed != claimed, case_id


def _lease_to(race_api: RaceApi, name: str, case_ids: list[str], left: timedelta) -> None:
    database = open_database(race_api.target)
    try:
        with database.write() as conn:
            holder = conn.execute(select(reviewers.c.id).where(reviewers.c.name == name)
                                  ).scalar_one()
            conn.execute(update(cases).where(cases.c.id.in_(case_ids)).values(
                lease_holder=holder, lease_expires_at=utcnow() + left))
    finally:
        database.close()


def _drain(client: httpx.Client, cursor: int, seen: list[int]) -> int:
    while True:
        page = client.get("/v1/changes", params={"since": cursor, "limit": 1000}).json()
        seen.extend(change["seq"] for change in page["changes"])
        cursor = page["cursor"]
        if not page["more"]:
            return cursor
