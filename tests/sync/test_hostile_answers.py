"""Answers of the wrong shape, as a broken or hostile central API (or a proxy) might send them.

Hypothesis takes a well-formed answer with one good item and one bad-looking one (queues, claimed
cases, the change feed, guidelines, the answer to a batch of decisions), puts a
hostile value somewhere in it (a wrong type, null, a huge string, deep nesting, NaN, 2^63+1)
or drops a key, and serves it over real HTTP from a loopback stub. The real client parses it
and the real sync round stores what it keeps in a real store. Whatever the shape:

- nothing but MalformedAnswer leaves a parser, and no other exception reaches the round;
- an item the contract refuses leaves no trace in the store (its marker is in no file), and
  a decision whose result is refused stays to be sent again;
- the good item of a usable answer is kept.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from reviewer.contract import cases as wire_cases
from reviewer.contract import decisions as wire_decisions
from reviewer.contract import sync as wire_sync
from reviewer.context.guidelines import Guideline
from reviewer.actions import ActionId
from reviewer.domain import Case, Decision, MalformedAnswer
from reviewer.review.outbox import Outbox
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings
from tests.factories import case_dict
from tests.sync.stub_api import Answer, StubApi, empty_answers

MARKER = "MARKER-hostile-9c41"
DEEP = "DEEP-NESTING-PLACEHOLDER"
DEEP_JSON = "[" * 20_000 + "]" * 20_000
LEASE = "2030-01-01T00:00:00Z"

HOSTILE = st.one_of(
    st.none(), st.booleans(), st.just(math.nan), st.just(math.inf), st.just(2**63 + 1),
    st.just(-(2**63) - 2), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
    st.just("w" * 1_000_000), st.just(DEEP), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
)


def queue(queue_id: str, name: str = "Queue") -> dict:
    return {"id": queue_id, "name": name, "description": "", "open_count": 5,
            "policies": ["violent_graphic"], "default_policy": "violent_graphic",
            "sla_minutes": 60, "oldest_open_at": None, "breached": 0, "due_soon": 0}


def priority_change(seq: int, case_id: str, priority: object) -> dict:
    return {"seq": seq, "case_id": case_id, "kind": "priority_changed", "at": LEASE,
            "data": {"priority": priority, "note": MARKER}}


# --- mutation -----------------------------------------------------------------------------
def paths(node, prefix=()):
    yield prefix
    children = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, child in children:
        yield from paths(child, (*prefix, key))


@st.composite
def mutated(draw, answer: dict) -> dict:
    """`answer` with one node replaced by a hostile value, or one key dropped."""
    answer = json.loads(json.dumps(answer))
    path = draw(st.sampled_from([p for p in paths(answer) if p]))
    parent = answer
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and draw(st.booleans()):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(HOSTILE)
    return answer


def as_text(answer: dict) -> str:
    return json.dumps(answer).replace(json.dumps(DEEP), DEEP_JSON)


def readable(answer: dict) -> bool:
    """Nesting deeper than any parser should follow makes the whole answer unreadable."""
    return DEEP not in json.dumps(answer)


# --- what the contract allows ---------------------------------------------------------------
def valid(model, item) -> bool:
    try:
        model.model_validate(item)
    except ValidationError:
        return False
    return True


def good_priority(change) -> bool:
    data = change.get("data") if isinstance(change, dict) else None
    priority = data.get("priority") if isinstance(data, dict) else None
    return (valid(wire_sync.Change, change) and type(priority) is int and 1 <= priority <= 4
            and change.get("kind") == "priority_changed")


# --- the round ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def stub():
    """One loopback stub for every example; each starts from an empty central API's answers
    (`stub.answers = empty_answers()`), so nothing lingers from an earlier example."""
    api = StubApi().start()
    yield api
    api.stop()


def fresh_store(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile") / "store.sqlite3"


def run_round(stub: StubApi, store: Path) -> str:
    """One sync round on this thread; returns the round's error ('' if none)."""
    client = ApiClient(stub.url, "token", timeout=20)
    engine = SyncEngine(store, client, settings=SyncSettings(presets_interval=0))
    try:
        return engine.run_once().last_error
    finally:
        client.close()


def assert_only_malformed(call) -> None:
    try:
        call()
    except MalformedAnswer:
        pass  # the documented outcome of an answer the contract refuses


def assert_round_met_nothing_unexpected(error: str) -> None:
    assert error == "" or error.startswith("central API answered badly"), error


def stored_text(store: Path) -> bytes:
    open_store(store).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return b"".join(p.read_bytes() for p in store.parent.iterdir() if p.is_file())


HOSTILE_SETTINGS = settings(max_examples=50, deadline=None, database=None,
                            suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                   HealthCheck.too_slow])


# --- queues ---------------------------------------------------------------------------------
@HOSTILE_SETTINGS
@given(answer=mutated({"queues": [queue("q1"), queue("q-bad", MARKER)]}))
def test_a_hostile_queue_list(stub, tmp_path_factory, answer):
    stub.answers = empty_answers()
    stub.answers["GET /v1/queues"] = Answer(as_text(answer))
    stub.answers["POST /v1/queues/*"] = Answer(json.dumps(
        {"queue_id": "q1", "lease_expires_at": LEASE, "cases": []}))
    client = ApiClient(stub.url, "token", timeout=20)
    assert_only_malformed(client.queues)
    store = fresh_store(tmp_path_factory)
    assert_round_met_nothing_unexpected(run_round(stub, store))
    items = answer.get("queues") if isinstance(answer, dict) else None
    bad = items[1] if isinstance(items, list) and len(items) > 1 else None
    if not valid(wire_cases.Queue, bad):
        assert MARKER.encode() not in stored_text(store)
    kept = {q.id for q in CaseCache(open_store(store)).queues()}
    if readable(answer) and isinstance(items, list) and items \
            and valid(wire_cases.Queue, items[0]):
        assert items[0]["id"] in kept


# --- claimed cases --------------------------------------------------------------------------
@HOSTILE_SETTINGS
@given(answer=mutated({"queue_id": "q1", "lease_expires_at": LEASE, "cases": [
    case_dict("case-good", queue_id="q1"),
    case_dict("case-bad", queue_id="q1", text=f"Reported {MARKER}")]}))
def test_a_hostile_claim(stub, tmp_path_factory, answer):
    stub.answers = empty_answers()
    stub.answers["GET /v1/queues"] = Answer(json.dumps({"queues": [queue("q1")]}))
    stub.answers["POST /v1/queues/*"] = Answer(as_text(answer))
    client = ApiClient(stub.url, "token", timeout=20)
    assert_only_malformed(lambda: client.claim("q1", 5))
    store = fresh_store(tmp_path_factory)
    assert_round_met_nothing_unexpected(run_round(stub, store))
    cases = answer.get("cases") if isinstance(answer, dict) else None
    bad = cases[1] if isinstance(cases, list) and len(cases) > 1 else None
    if not valid(wire_cases.Case, bad):
        assert MARKER.encode() not in stored_text(store)
    if readable(answer) and valid(wire_cases.ClaimResult, {**answer, "cases": []}) \
            and isinstance(cases, list) and cases and valid(wire_cases.Case, cases[0]):
        assert CaseCache(open_store(store)).case(cases[0]["id"]) is not None


# --- the change feed ------------------------------------------------------------------------
@HOSTILE_SETTINGS
@given(answer=mutated({"changes": [priority_change(1, "case-good", 3),
                                   priority_change(2, "case-good", 1)],
                       "cursor": 2, "more": False}))
def test_a_hostile_change_feed(stub, tmp_path_factory, answer):
    stub.answers = empty_answers()
    stub.answers["GET /v1/queues"] = Answer(json.dumps({"queues": []}))
    stub.answers["GET /v1/changes"] = Answer(as_text(answer))
    client = ApiClient(stub.url, "token", timeout=20)
    assert_only_malformed(lambda: client.changes(0))
    store = fresh_store(tmp_path_factory)
    CaseCache(open_store(store)).save_cases([Case.from_api(case_dict("case-good", priority=2))],
                                            LEASE)
    assert_round_met_nothing_unexpected(run_round(stub, store))
    changes = answer.get("changes") if isinstance(answer, dict) else None
    applied = [c for c in changes if good_priority(c) and c["case_id"] == "case-good"] \
        if isinstance(changes, list) else []
    usable = readable(answer) and valid(wire_sync.ChangeFeed, {**answer, "changes": []})
    expected = applied[-1]["data"]["priority"] if usable and applied else 2
    assert CaseCache(open_store(store)).case("case-good").priority == expected
    assert MARKER.encode() not in stored_text(store)


# --- guidelines -----------------------------------------------------------------------------
def guideline(guideline_id: str, seq: int, title: str) -> dict:
    return {"id": guideline_id, "version": 1, "seq": seq, "title": title, "kind": "policy",
            "policy_area": "violent_graphic", "queue_id": "", "body": f"Body of {title}",
            "requires_ack": False, "published_at": LEASE, "published_by": "lead"}


@HOSTILE_SETTINGS
@given(answer=mutated({"guidelines": [guideline("good", 1, "Good"),
                                      guideline("bad", 2, MARKER)], "cursor": 2, "more": False}))
def test_hostile_guidelines(stub, tmp_path_factory, answer):
    stub.answers = empty_answers()
    stub.answers["GET /v1/queues"] = Answer(json.dumps({"queues": []}))
    stub.answers["GET /v1/changes"] = Answer(json.dumps({"changes": [], "cursor": 0,
                                                         "more": False}))
    stub.answers["GET /v1/guidelines"] = Answer(as_text(answer))
    client = ApiClient(stub.url, "token", timeout=20)
    assert_only_malformed(lambda: client.guidelines(0))
    store = fresh_store(tmp_path_factory)
    assert_round_met_nothing_unexpected(run_round(stub, store))
    items = answer.get("guidelines") if isinstance(answer, dict) else None
    bad = items[1] if isinstance(items, list) and len(items) > 1 else None
    if not valid_guideline(bad):
        assert MARKER.encode() not in stored_text(store)


def valid_guideline(item) -> bool:
    try:
        Guideline.from_api(item)
    except MalformedAnswer:
        return False
    return True


# --- answers to a batch of decisions -------------------------------------------------------
GOOD_ID, BAD_ID = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"


def accepted(decision_id: str, note: str) -> dict:
    return {"idempotency_key": decision_id, "status": 201, "body": {"status": "accepted",
            "decision": {"decision_id": decision_id, "case_id": "case-good",
                         "action": "no_violation", "policy": "violent_graphic", "note": note,
                         "decided_at": LEASE, "reviewer": "reviewer-one", "recorded_at": LEASE}}}


def usable_result(item, key: str) -> bool:
    """What answers.batch keeps: a result of the contract's shape, for the decision it names,
    with an accepted decision when it says accepted."""
    if not valid(wire_decisions.BatchDecisionResult, item):
        return False
    result = wire_decisions.BatchDecisionResult.model_validate(item)
    return result.idempotency_key == key and (
        result.status not in (200, 201) or isinstance(result.body, wire_decisions.DecisionAccepted))


@HOSTILE_SETTINGS
@given(answer=mutated({"results": [accepted(GOOD_ID, "fine"), accepted(BAD_ID, MARKER)]}))
def test_a_hostile_answer_to_a_batch_of_decisions(stub, tmp_path_factory, answer):
    stub.answers = empty_answers()
    stub.answers["GET /v1/queues"] = Answer(json.dumps({"queues": []}))
    stub.answers["POST /v1/decisions/batch"] = Answer(as_text(answer))
    store = fresh_store(tmp_path_factory)
    outbox = Outbox(open_store(store))
    for decision_id in (GOOD_ID, BAD_ID):
        outbox.record(Decision(decision_id, "case-good", ActionId.NO_VIOLATION,
                               "violent_graphic", "", LEASE))
    assert_round_met_nothing_unexpected(run_round(stub, store))
    results = answer.get("results") if isinstance(answer, dict) else None
    bad = results[1] if isinstance(results, list) and len(results) > 1 else None
    states = {e.decision.decision_id: e.state for e in Outbox(open_store(store)).entries()}
    if not (readable(answer) and usable_result(bad, BAD_ID)):
        assert MARKER.encode() not in stored_text(store)
        assert states[BAD_ID] == "pending"  # sent again later under the same key
    first = results[0] if isinstance(results, list) and results else None
    if readable(answer) and valid(wire_decisions.BatchDecisionsResult, {"results": []}) \
            and usable_result(first, GOOD_ID) and first.get("status") == 201:
        assert states[GOOD_ID] == "accepted"
