"""Recording decisions, idempotently: the rules, and POST /v1/decisions one at a time.

Concurrency (several API processes on one PostgreSQL): a request first takes its idempotency
key's lock, so a retry racing its original waits and replays the stored answer; then it locks
the case row, so of two final decisions on one case the second sees the first and answers 409;
last, its feed rows take the feed lock (database.py). Every transaction takes these in that
order, keys and cases each sorted, so none waits in a circle: a batch takes all of its keys
and cases up front (lock_batch), before its first feed row.

`decide_case` holds the rules for one decision on one case; the single endpoint reaches it
through `decide_one`, the batch (server/decision_batch/) with the batch's rows read up front and
its accepted decisions written together, so both share one set of rules and one key space.
Who may decide which case is access.py's rule (403 `not_your_case`, not stored). The
idempotency record, the decision, its change-feed row and its audit entry are written in the
same transaction, so a retry finds all of them or none. A replay answers the stored status and the
stored body bytes, unchanged; an accepted (or pending) decision's row holds its request's hash
and rebuilds its 201 byte for byte, so it needs no idempotency record of its own. Only answers
that describe the case's state (201, 409) are stored; 404 and 422 are not, so a client may fix
its request and retry, and a 5xx rolls the whole transaction back (for a batch: every item of
it). `approve`, `reverse` and a reviewer's enforcement on a high-profile author are handed to
four_eyes.py inside the same transaction.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError
from pydantic_core import to_json
from sqlalchemy import Connection, bindparam, insert, select

from server import four_eyes
from server.quality import appeals, decision_rules
from server.auth.access import CASE_ACCESS_COLUMNS, may_access_case, not_your_case
from server.audit import audit_row
from server.auth.tokens import Reviewer
from server.changes import change_row
from server.store.bulk import PerDialect, list_value, member_of
from server.store.database import Database, lock_idempotency_key
from server.decision_rows import DecisionWrites, decision_dict, winning_decision
from server.errors import ApiError
from server.incidents import record as incident_record
from server.incidents.membership import join_from_decision
from reviewer.contract.actions import APPEAL_ACTIONS, FINAL_ACTIONS
from reviewer.contract.decisions import DecisionIn
from server.quality.settings import RationaleRules
from server.queue_catalog import ESCALATIONS_QUEUE_ID
from server.store.schema import authors, cases, decisions, idempotency_keys
from server.api.strict_json import parse_json_strictly
from server.timeutil import to_naive_utc, utcnow

# Answers that describe the case's state; only these are kept under the key and replayed.
STORED_STATUSES = frozenset({201, 409})
# A case in these states takes no decision: 409 `withdrawn` (deleted content is gone too).
_GONE_STATUSES = frozenset({"withdrawn", "deleted"})

# Built once, executed with parameters: a batch runs each of these up to 500 times, and
# building a statement (and its cache key) costs more than SQLite takes to execute it.
_SELECT_KEY = select(idempotency_keys).where(idempotency_keys.c.key == bindparam("key_"))
_INSERT_KEY = insert(idempotency_keys)
# What deciding reads of a case (decide_case): who may, its state, four eyes.
DECIDE_CASE_COLUMNS = (*CASE_ACCESS_COLUMNS, cases.c.status, authors.c.high_profile)
_SELECT_CASE = (select(*DECIDE_CASE_COLUMNS)
                .join(authors, authors.c.id == cases.c.author_id)
                .where(cases.c.id == bindparam("case_id_"))
                # The case row stays locked until commit (PostgreSQL): a second decision on it
                # waits, then reads the status the first one left. SQLite has one writer.
                .with_for_update(of=cases))
_SELECT_DECISION = select(decisions).where(decisions.c.decision_id == bindparam("decision_id_"))
_SELECT_KEYS = PerDialect(lambda dialect: select(idempotency_keys).where(
    member_of(idempotency_keys.c.key, "keys_", dialect)))
# Decisions whose row answers a retry of their key (decision_id is the key: validate).
_SELECT_HASHED = select(decisions).where(decisions.c.decision_id == bindparam("key_"),
                                         decisions.c.request_hash.is_not(None))
RECORDED = PerDialect(lambda dialect: select(decisions).where(
    member_of(decisions.c.decision_id, "keys_", dialect)))
# DecisionIn.model_validate without its wrapper, which passes six keyword arguments (all
# None) to this same call: a quarter of its cost, and a batch validates up to 500 bodies.
_validate_decision = DecisionIn.__pydantic_validator__.validate_python


@dataclass(frozen=True)
class StoredResponse:
    """One decision's answer: what the single endpoint sends and what a batch item holds."""

    status_code: int
    body: bytes  # UTF-8 JSON, sent exactly as stored
    # Its decision row holds the request's hash and rebuilds it: no idempotency record.
    on_decision_row: bool = field(default=False, compare=False)

    @property
    def stored(self) -> bool:
        return self.status_code in STORED_STATUSES

    @property
    def keyed(self) -> bool:
        """Kept under its idempotency key: stored, and not rebuilt from its decision row."""
        return self.stored and not self.on_decision_row


@dataclass(frozen=True)
class RebuiltRecord:
    """An idempotency record as the decision row that replaces it gives it back."""

    request_hash: str
    status_code: int
    body: bytes


@dataclass(frozen=True)
class KeyedDecision:
    """One decision request: its key, its parsed JSON body (not validated yet), its hash."""

    key: str
    payload: object
    request_hash: str

    @classmethod
    def of(cls, key: str, payload: object) -> KeyedDecision:
        return cls(key, payload, canonical_request_hash(payload))


def canonical_request_hash(payload: object) -> str:
    """sha256 of the body re-serialized canonically: key order and whitespace do not count.

    The bytes are json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) in
    UTF-8, exactly, as stored keys replay against them. A body of text fields only (every
    decision a client sends) is written by pydantic-core with its keys sorted here, which
    escapes strings byte for byte as that call does (tested over every code point) at a
    third of the cost: a batch hashes 500 bodies before it is decided."""
    if type(payload) is dict and all(type(key) is str and type(value) is str
                                     for key, value in payload.items()):
        canonical = to_json(dict(sorted(payload.items())))
    else:
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"),
                               ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def encode_body(body: object) -> bytes:
    """Compact UTF-8 JSON, byte for byte what json.dumps(separators=(",", ":"),
    ensure_ascii=False) writes, through pydantic-core's serializer (already a dependency):
    about 4× faster than the standard encoder for an answer, and a batch encodes 500."""
    return to_json(body)


def record_decision(
    database: Database, reviewer: Reviewer, idempotency_key: str | None, raw_body: bytes
) -> StoredResponse:
    """Handle POST /v1/decisions; raises ApiError only for a missing key or a non-JSON body."""
    if not idempotency_key:
        raise ApiError(422, "missing_idempotency_key")
    request = KeyedDecision.of(idempotency_key, _parse_json(raw_body))
    # Replays are the common retry case; answer them without waiting for the write lock.
    with database.read() as conn:
        row = _stored_row(conn, request.key)
    if row is not None:
        return replay(row, request)
    with database.write() as conn:
        return decide_one(conn, reviewer, request, utcnow())


def decide_one(
    conn: Connection, reviewer: Reviewer, request: KeyedDecision, now: datetime
) -> StoredResponse:
    """Decide one keyed request inside a write transaction; a 4xx is answered, not raised."""
    try:
        return _decide(conn, reviewer, request, now)
    except ApiError as exc:  # 404 and 422 are this request's answer; nothing was written
        return StoredResponse(exc.status, encode_body(exc.body))


def encode_batch_results(requests: list[KeyedDecision], answers: list[StoredResponse]) -> bytes:
    """The batch answer, built around the stored body bytes rather than re-encoding them."""
    items = [
        b'{"idempotency_key":%s,"status":%d,"body":%s}'
        % (encode_body(request.key), answer.status_code, answer.body)
        for request, answer in zip(requests, answers, strict=True)
    ]
    return b'{"results":[' + b",".join(items) + b"]}"


def list_decisions(conn: Connection, case_id: str | None = None) -> list[dict]:
    query = select(decisions).order_by(decisions.c.seq)
    if case_id is not None:
        query = query.where(decisions.c.case_id == case_id)
    return [decision_dict(row) for row in conn.execute(query)]


def _parse_json(raw_body: bytes) -> object:
    try:
        return parse_json_strictly(raw_body)
    except ValueError:  # not JSON, not UTF-8, or a lone surrogate SQLite could not store
        raise ApiError(422, "invalid_body", detail=[{"msg": "body is not valid JSON"}]) from None


def _decide(
    conn: Connection, reviewer: Reviewer, request: KeyedDecision, now: datetime
) -> StoredResponse:
    if not request.key:
        raise ApiError(422, "missing_idempotency_key")
    # Looked up (again) under the key's lock: a concurrent request with the same key may have
    # committed since the caller's read (it is replayed), and a batch may repeat a key.
    lock_idempotency_key(conn, request.key)
    row = _stored_row(conn, request.key)
    if row is not None:
        return replay(row, request)
    decision_in = validate(request.payload, request.key)
    recorded = conn.execute(_SELECT_DECISION, {"decision_id_": decision_in.decision_id}).first()
    if recorded is not None:  # its key was purged (retention.py); the decision itself stays
        return _replay_recorded(recorded, decision_in)
    if decision_in.incident_id:  # 422 `unknown_incident`, not stored: the client may fix it
        incident_record.require_incident(conn, decision_in.incident_id, status=422)
    response = _apply_decision(conn, reviewer, decision_in, now, request.request_hash)
    if response.status_code == 201 and decision_in.incident_id:
        join_from_decision(conn, decision_in.incident_id, decision_in.case_id, now)
    if response.keyed:
        conn.execute(_INSERT_KEY, key_row(request, response, now))
    return response


def key_row(request: KeyedDecision, response: StoredResponse, now: datetime) -> dict:
    """The idempotency record of a stored answer, replayed on every retry of its key."""
    return {"key": request.key, "request_hash": request.request_hash,
            "status_code": response.status_code, "body": response.body, "created_at": now}


def validate(payload: object, idempotency_key: str) -> DecisionIn:
    """The request as a DecisionIn; 422 `invalid_body` or `idempotency_key_mismatch`."""
    try:
        decision_in = _validate_decision(payload)
    except ValidationError as exc:
        detail = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        raise ApiError(422, "invalid_body", detail=detail) from None
    if decision_in.decision_id != idempotency_key:
        raise ApiError(422, "idempotency_key_mismatch")
    return decision_in


def _stored_row(conn: Connection, key: str):
    row = conn.execute(_SELECT_KEY, {"key_": key}).first()
    if row is None:
        recorded = conn.execute(_SELECT_HASHED, {"key_": key}).first()
        return _rebuilt(recorded) if recorded is not None else None
    return row


def stored_rows(conn: Connection, keys: list[str], recorded=None) -> dict:
    """Key -> its idempotency record (or the one its decision row rebuilds), for the keys
    that have one; `recorded`: the keys' decision rows (RECORDED), if the caller read them."""
    ids = {"keys_": list_value(conn, sorted(set(keys)))}
    recorded = conn.execute(RECORDED(conn), ids) if recorded is None else recorded
    found = {row.decision_id: _rebuilt(row) for row in recorded if row.request_hash}
    found.update((row.key, row) for row in conn.execute(_SELECT_KEYS(conn), ids))
    return found


def _rebuilt(row) -> RebuiltRecord:
    return RebuiltRecord(row.request_hash, 201, _recorded_body(row))


def replay(row, request: KeyedDecision) -> StoredResponse:
    """The stored answer, or 422 `idempotency_key_reused` if the body is not the same."""
    if row.request_hash != request.request_hash:
        return StoredResponse(422, encode_body({"error": "idempotency_key_reused"}))
    return StoredResponse(status_code=row.status_code, body=bytes(row.body))


def _replay_recorded(row, decision_in: DecisionIn) -> StoredResponse:
    """The 201 a purged key would have replayed, rebuilt from its decision row.

    Without this a retry older than the key retention would hit the unique decision_id and
    fail with a 5xx forever (and take its whole batch down with it). The hash went with the
    key, so the body is compared field by field; extra fields can no longer be checked.
    """
    same_body = (row.case_id, row.note, row.decided_at) == (
        decision_in.case_id, decision_in.note, to_naive_utc(decision_in.decided_at))
    if not (same_body and _same_action(row, decision_in)):
        raise ApiError(422, "idempotency_key_reused")
    return StoredResponse(201, _recorded_body(row))


def _recorded_body(row) -> bytes:
    """The 201 that recorded a decision, as its row has it: byte for byte what was sent."""
    status = "pending_approval" if row.pending else "accepted"
    return encode_body({"status": status, "decision": decision_dict(row)})


def _same_action(row, decision_in: DecisionIn) -> bool:
    """An `approve` was stored with the approved decision's action and policy; a `reverse`
    without a policy with the reversed decision's."""
    if decision_in.action.value == "approve":
        return row.approves is not None
    if (row.action, row.policy) == (decision_in.action.value, decision_in.policy):
        return True
    return row.reverses is not None and decision_in.action.value == "reverse" \
        and not decision_in.policy


def _apply_decision(
    conn: Connection, reviewer: Reviewer, decision_in: DecisionIn, now: datetime,
    request_hash: str,
) -> StoredResponse:
    case = conn.execute(_SELECT_CASE, {"case_id_": decision_in.case_id}).first()
    if case is None:
        raise ApiError(404, "unknown_case")
    writes = DecisionWrites()
    response, final = decide_case(conn, writes, reviewer, case, decision_in, now,
                                  request_hash=request_hash)
    writes.flush(conn)
    if final is not None:
        decision_rules.after_final(conn, reviewer, case, *final, now)
    return response


def decide_case(
    conn: Connection, writes: DecisionWrites, reviewer: Reviewer, case, decision_in: DecisionIn,
    now: datetime, found=decision_rules.LOOK_UP, rules: RationaleRules | None = None,
    request_hash: str | None = None,
) -> tuple[StoredResponse, tuple | None]:
    """The answer for `case` (a row with DECIDE_CASE_COLUMNS), and, for an accepted final
    decision, the (quality link, decision) `decision_rules.after_final` takes once `writes`
    are flushed. An accepted or pending decision's rows go to `writes`, with `request_hash`
    (its answer is then on_decision_row); the rarer answers (appeals, four eyes, reversal)
    write at once, so `writes` must hold nothing when they run. A batch passes the quality
    link (`found`) and the rationale `rules` it read once."""
    # Before the state checks: a 409 names the winning decision, which is not for everyone.
    if not may_access_case(conn, reviewer, case, now):
        raise not_your_case()  # not stored: an assignment may change, the retry then works
    if case.status in _GONE_STATUSES:
        return _conflict({"error": "withdrawn", "winning_decision": None}), None
    action = decision_in.action.value
    quality_link = decision_rules.check(conn, reviewer, case, decision_in, found, rules)
    if action in APPEAL_ACTIONS:
        return _answer(appeals.answer(conn, reviewer, case, quality_link, decision_in, now)), None
    if action == "reverse":
        return _answer(four_eyes.reverse(conn, reviewer, case, decision_in, now)), None
    if action == "approve" or case.status == four_eyes.AWAITING:
        return _answer(four_eyes.answer_awaiting(conn, reviewer, case, decision_in, now)), None
    # Escalating a decided case asks a senior for a second look (e.g. after a conflict): it
    # reopens the case in the escalations queue; the decision that closed it stays on record.
    if case.status == "decided" and action in FINAL_ACTIONS:
        winner = winning_decision(conn, case.id)
        return _conflict({"error": "conflict", "winning_decision": winner}), None
    if four_eyes.needs_approval(reviewer, case, action):
        pending = four_eyes.record_pending(writes, reviewer, decision_in, now, request_hash)
        # A quality copy waits for a senior as live work would (the review stays blind), but
        # it is this reviewer's call that is measured: graded now, not at the senior's answer.
        graded = (quality_link, pending[1]["decision"]) if quality_link is not None else None
        status_code, body = pending
        return StoredResponse(status_code, encode_body(body), request_hash is not None), graded
    decision = writes.decision(reviewer, decision_in, now, request_hash=request_hash)
    _effect_on_case(writes, decision, now)
    final = action in FINAL_ACTIONS
    detail = {key: decision[key] for key in ("decision_id", "action", "policy")}
    if case.status == "decided":
        detail["reopened"] = True  # a second look at a closed case
    writes.audits.append(audit_row(reviewer, "decision" if final else "escalation", now,
                                   case.id, detail))
    accepted = StoredResponse(201, encode_body({"status": "accepted", "decision": decision}),
                              request_hash is not None)
    return accepted, (quality_link, decision) if final else None


def _conflict(body: dict) -> StoredResponse:
    return StoredResponse(409, encode_body(body))


def _answer(answer: four_eyes.Answer) -> StoredResponse:
    status_code, body = answer
    return StoredResponse(status_code, encode_body(body))


def apply_effect_on_case(conn: Connection, decision: dict, now: datetime) -> None:
    """Close or move the case, and tell the change feed, in the decision's transaction."""
    writes = DecisionWrites()
    _effect_on_case(writes, decision, now)
    writes.flush(conn)


def _effect_on_case(writes: DecisionWrites, decision: dict, now: datetime) -> None:
    case_id = decision["case_id"]
    released = {"lease_holder": None, "lease_expires_at": None}
    if decision["action"] in FINAL_ACTIONS:
        effect = {"status": "decided", **released}
        writes.changes.append(change_row(case_id, "decided", now, {
            "action": decision["action"], "reviewer": decision["reviewer"],
            "decision_id": decision["decision_id"],
        }))
    else:  # escalate: open (again), now waiting for a specialist in the escalations queue
        effect = {"status": "open", "queue_id": ESCALATIONS_QUEUE_ID, **released}
        writes.changes.append(change_row(case_id, "escalated", now,
                                         {"queue_id": ESCALATIONS_QUEUE_ID}))
        writes.forget_lease_grants(case_id)
    writes.update_case(case_id, effect)
