"""A batch is decided set-based (server/decision_batch/), the single endpoint one item at a time:
the same items must get the same answers and leave the same rows, whatever the mix -- plain
decisions, four eyes, a case decided twice in one batch, replays, 4xx items, quality work on
a linked case between plain ones, second reviews drawn, decisions naming an incident.

Each scenario runs on two copies of one database: once as batches, once item by item through
`record_decision`. Times and the random ids of quality copies are the only differences kept
out of the comparison.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime

import pytest
from sqlalchemy import insert, select, text

from server.auth.tokens import Reviewer
from server.decision_batch.record import record_decision_batch
from server.decisions import KeyedDecision, record_decision
from server.lifecycle import withdraw_case
from server.store.database import open_database
from server.store.incident_schema import incidents
from server.store.quality_schema import queue_quality, rationale_rules
from server.store.schema import authors, cases, reviewers
from server.timeutil import utcnow

TABLES = ("decisions", "changes", "audit_log", "idempotency_keys", "cases", "quality_links",
          "lease_grants", "reports", "case_media", "incident_cases")
INCIDENT = "inc-0000beef"
_TIME = re.compile(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)?")


@pytest.fixture
def twins(databases, seeded_template):
    """(batch database, single-endpoint database): two copies of the seeded one."""
    targets = [databases.copy(seeded_template.path) for _ in range(2)]
    opened = [open_database(target) for target in targets]
    for database in opened:
        _prepare(database)
    yield opened
    for database, target in zip(opened, targets, strict=True):
        database.close()
        databases.drop(target)


def _prepare(database) -> None:
    """Second reviews drawn for every final decision in one queue; a note required for
    no_violation; one case withdrawn; an open incident."""
    with database.write() as conn:
        conn.execute(insert(incidents).values(
            id=INCIDENT, title="crisis", severity="high", regions=[], commander="alice",
            state="open", declared_at=utcnow(), declared_by="alice"))
        queue = _open_cases(conn)[0].queue_id
        conn.execute(insert(queue_quality).values(queue_id=queue, second_review_share=1.0,
                                                  golden_rate=0.0))
        conn.execute(insert(rationale_rules).values(policy="*", action="no_violation"))
        withdraw_case(conn, _open_cases(conn)[-1].id, utcnow(), None)


def _open_cases(conn):
    return conn.execute(select(cases.c.id, cases.c.queue_id, authors.c.high_profile)
                        .join(authors, authors.c.id == cases.c.author_id)
                        .where(cases.c.status == "open").order_by(cases.c.id)).all()


def _reviewer(database, name: str) -> Reviewer:
    with database.read() as conn:
        row = conn.execute(select(reviewers).where(reviewers.c.name == name)).one()
    return Reviewer(row.id, row.name, row.role)


def _body(case_id: str, action: str = "remove", **overrides) -> dict:
    return {"decision_id": str(uuid.uuid4()), "case_id": case_id, "action": action,
            "policy": "harassment", "note": "", "decided_at": "2026-01-02T03:04:05Z",
            **overrides}


def _run(twins, name: str, bodies: list[dict], twin_bodies: list[dict] | None = None) -> None:
    """The same bodies as one batch on the first twin and one by one on the second (which
    may need its own copy ids: `twin_bodies`)."""
    batch_db, single_db = twins
    requests = [KeyedDecision.of(body.get("decision_id", ""), body) for body in bodies]
    batch = record_decision_batch(batch_db, _reviewer(batch_db, name), requests)
    single = [record_decision(single_db, _reviewer(single_db, name), body["decision_id"],
                              json.dumps(body).encode()) for body in twin_bodies or bodies]
    copies = [_copy_names(database) for database in twins]
    assert [(a.status_code, _clean(a.body, copies[0])) for a in batch] == \
        [(a.status_code, _clean(a.body, copies[1])) for a in single]


def _copy_names(database) -> dict[bytes, bytes]:
    """Quality copies have random ids: name each by its source and kind instead."""
    with database.read() as conn:
        rows = conn.execute(text("SELECT case_id, source_case_id, kind FROM quality_links"))
        return {r[0].encode(): f"copy-of-{r[1]}-{r[2]}".encode() for r in rows}


def _clean(value: bytes, copies: dict[bytes, bytes]) -> bytes:
    value = _TIME.sub(b"T", value)
    for copy_id, name in copies.items():
        value = value.replace(copy_id, name)
    return value


def _rows(database) -> dict[str, list[bytes]]:
    copies = _copy_names(database)
    dump = {}
    with database.read() as conn:
        for table in TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table}")).all()
            if table == "idempotency_keys":  # the hash covers the copy ids: compare the rest
                rows = [(row.key, row.status_code, row.body) for row in rows]
            if table == "decisions":  # the same: compare whether a row holds one
                rows = [tuple(value is not None if name == "request_hash" else value
                              for name, value in row._mapping.items()) for row in rows]
            dump[table] = sorted(_clean(repr(tuple(_plain(v) for v in row)).encode(), copies)
                                 for row in rows)
    return dump


def _plain(value):
    if isinstance(value, datetime):
        return "T"
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return value


def test_a_batch_answers_and_writes_as_the_single_endpoint_does(twins):
    with twins[0].read() as conn:
        open_cases = _open_cases(conn)
    sampled = [c.id for c in open_cases if c.queue_id == open_cases[0].queue_id
               and not c.high_profile]
    plain = [c.id for c in open_cases if c.queue_id != open_cases[0].queue_id
             and not c.high_profile]
    high_profile = [c.id for c in open_cases if c.high_profile]
    withdrawn = open_cases[-1].id
    first = _body(sampled[0])
    alice = [
        first,
        _body(plain[0], "escalate", note="plan"),
        _body(plain[0]),  # the same case again, in the same batch
        _body(high_profile[0]),  # four eyes: waits for a senior
        _body(plain[1], "no_violation"),  # 422: the rule wants a note
        _body(plain[1], "no_violation", note="satire"),
        first,  # a replay inside the batch
        {**first, "note": "other"},  # the key reused
        _body(withdrawn),
        _body("case-nope"),
        _body(plain[2], "delete_everything"),
        _body(plain[3], "approve"),  # 409 nothing_to_approve
        _body(sampled[0]),  # 409: decided earlier in this batch
        _body(sampled[1], "label_sensitive"),
        _body(plain[7], incident_id=INCIDENT),  # its case joins the incident
        _body(plain[8], "escalate", note="plan", incident_id=INCIDENT),
        _body(high_profile[1], incident_id=INCIDENT),  # pending a senior: joins too
        _body(plain[9], incident_id="inc-nope"),  # 422 unknown_incident, not stored
        _body("case-nope", incident_id="inc-nope"),  # 422 before the 404
        _body(plain[10], incident_id=INCIDENT),
        _body(plain[7], "escalate", note="again", incident_id=INCIDENT),  # joined already
    ]
    _run(twins, "alice", alice)
    with twins[0].read() as conn:  # the mix is what it says
        assert conn.execute(text("SELECT count(*) FROM quality_links")).scalar_one() == 2
        assert conn.execute(text("SELECT count(*) FROM decisions WHERE pending")).scalar_one() == 2
        assert conn.execute(text("SELECT count(*) FROM incident_cases")).scalar_one() == 4
    _run(twins, "alice", [_body(plain[4]), _body(sampled[0], "reverse", note="wrong")])
    # bob's second review (a linked case) between plain items; alice may not answer it.
    review, review_twin = (_review_of(database, sampled[1]) for database in twins)
    bob = [_body(plain[5]), _body(review, "no_violation", note="banter"),
           _body(plain[6], "restrict_reach"), _body(plain[5], "remove")]
    _run(twins, "bob", bob, [{**b, "case_id": review_twin} if b["case_id"] == review else b
                             for b in bob])
    own = _body(review)
    _run(twins, "alice", [own], [{**own, "case_id": review_twin}])
    assert _rows(twins[0]) == _rows(twins[1])


def _review_of(database, source_case_id: str) -> str:
    with database.read() as conn:
        return conn.execute(text("SELECT case_id FROM quality_links WHERE source_case_id = "
                                 ":source"), {"source": source_case_id}).scalar_one()


@pytest.mark.parametrize("body", [
    {"status": "accepted", "decision": {"decision_id": "d-1", "note": "ñ “quoted” 😀 \u2028",
                                        "policy": "", "reopened": True, "n": 3}},
    {"error": "invalid_body", "detail": [{"loc": ["decided_at", 0], "msg": "a\n\t\"b\"\\",
                                          "type": "missing"}]},
    {"error": "conflict", "winning_decision": None, "control": "\x00\x01\x1f\x7f"},
    "a key: \u00e9",
])
def test_answers_are_encoded_byte_for_byte_as_compact_json_dumps(body):
    """encode_body goes through pydantic-core's serializer; stored answers are replayed as
    bytes, so new ones keep the exact form the standard encoder gave them."""
    from server.decisions import encode_body
    expected = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert encode_body(body) == expected


def test_a_retried_batch_is_answered_without_the_write_lock_and_a_new_first_key_is_not(
        server_db, bulk_cases, monkeypatch):
    """record.py knows a new batch by its first key alone; a retry (every key stored) is still
    answered from the read path, and a batch led by a new key still replays the rest."""
    alice = _reviewer(server_db, "alice")
    bodies = [_body(case_id) for case_id in bulk_cases(3)]
    requests = [KeyedDecision.of(body["decision_id"], body) for body in bodies]
    first = record_decision_batch(server_db, alice, requests[1:])
    assert [answer.status_code for answer in first] == [201, 201]
    write = server_db.write
    monkeypatch.setattr(server_db, "write", lambda: pytest.fail("took the write lock"))
    assert record_decision_batch(server_db, alice, requests[1:]) == first
    monkeypatch.setattr(server_db, "write", write)
    mixed = record_decision_batch(server_db, alice, requests)
    assert mixed[0].status_code == 201 and mixed[1:] == first
