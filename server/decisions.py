"""Recording decisions, idempotently.

The idempotency record and the decision are written in one write transaction, so a retry either
finds both or neither. A replay answers the stored status and the stored body bytes, unchanged.
Only answers that describe the case's state (201, 409) are stored; 404 and 422 are not, so a
client may fix its request and retry, and a 5xx rolls the whole transaction back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import Connection, insert, select, update

from server.auth import Reviewer
from server.db import Database
from server.errors import ApiError
from server.models import FINAL_ACTIONS, DecisionIn
from server.queue_catalog import ESCALATIONS_QUEUE_ID
from server.schema import cases, decisions, idempotency_keys
from server.timeutil import to_iso, to_naive_utc, utcnow


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: bytes  # UTF-8 JSON, sent exactly as stored


def canonical_request_hash(payload: object) -> str:
    """sha256 of the body re-serialized canonically: key order and whitespace do not count."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def encode_body(body: dict) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def record_decision(
    database: Database, reviewer: Reviewer, idempotency_key: str | None, raw_body: bytes
) -> StoredResponse:
    """Handle POST /v1/decisions; raises ApiError for answers that are not stored."""
    if not idempotency_key:
        raise ApiError(422, "missing_idempotency_key")
    payload = _parse_json(raw_body)
    request_hash = canonical_request_hash(payload)
    # Replays are the common retry case; answer them without waiting for the write lock.
    with database.read() as conn:
        stored = _find_stored_response(conn, idempotency_key, request_hash)
    if stored is not None:
        return stored
    decision_in = _validate(payload, idempotency_key)
    with database.write() as conn:
        # A concurrent request with the same key may have committed since the read above.
        stored = _find_stored_response(conn, idempotency_key, request_hash)
        if stored is not None:
            return stored
        response = _apply_decision(conn, reviewer, decision_in)
        conn.execute(
            insert(idempotency_keys).values(
                key=idempotency_key, request_hash=request_hash,
                status_code=response.status_code, body=response.body, created_at=utcnow(),
            )
        )
    return response


def list_decisions(conn: Connection, case_id: str | None = None) -> list[dict]:
    query = select(decisions).order_by(decisions.c.seq)
    if case_id is not None:
        query = query.where(decisions.c.case_id == case_id)
    return [decision_dict(row) for row in conn.execute(query)]


def decision_dict(row) -> dict:
    return {
        "decision_id": row.decision_id,
        "case_id": row.case_id,
        "action": row.action,
        "policy": row.policy,
        "note": row.note,
        "decided_at": to_iso(row.decided_at),
        "reviewer": row.reviewer_name,
        "recorded_at": to_iso(row.recorded_at),
    }


def _parse_json(raw_body: bytes) -> object:
    try:
        return json.loads(raw_body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(422, "invalid_body", detail=[{"msg": "body is not valid JSON"}]) from None


def _validate(payload: object, idempotency_key: str) -> DecisionIn:
    try:
        decision_in = DecisionIn.model_validate(payload)
    except ValidationError as exc:
        detail = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        raise ApiError(422, "invalid_body", detail=detail) from None
    if decision_in.decision_id != idempotency_key:
        raise ApiError(422, "idempotency_key_mismatch")
    return decision_in


def _find_stored_response(
    conn: Connection, idempotency_key: str, request_hash: str
) -> StoredResponse | None:
    row = conn.execute(
        select(idempotency_keys).where(idempotency_keys.c.key == idempotency_key)
    ).first()
    if row is None:
        return None
    if row.request_hash != request_hash:
        raise ApiError(422, "idempotency_key_reused")
    return StoredResponse(status_code=row.status_code, body=bytes(row.body))


def _apply_decision(
    conn: Connection, reviewer: Reviewer, decision_in: DecisionIn
) -> StoredResponse:
    case = conn.execute(
        select(cases.c.id, cases.c.status).where(cases.c.id == decision_in.case_id)
    ).first()
    if case is None:
        raise ApiError(404, "unknown_case")
    if case.status == "withdrawn":
        return StoredResponse(409, encode_body({"error": "withdrawn", "winning_decision": None}))
    if case.status == "decided":
        winner = _winning_decision(conn, case.id)
        return StoredResponse(409, encode_body({"error": "conflict", "winning_decision": winner}))
    decision = _insert_decision(conn, reviewer, decision_in)
    _apply_effect_on_case(conn, decision_in)
    return StoredResponse(201, encode_body({"status": "accepted", "decision": decision}))


def _insert_decision(conn: Connection, reviewer: Reviewer, decision_in: DecisionIn) -> dict:
    values = {
        "decision_id": decision_in.decision_id,
        "case_id": decision_in.case_id,
        "action": decision_in.action.value,
        "policy": decision_in.policy,
        "note": decision_in.note,
        "decided_at": to_naive_utc(decision_in.decided_at),
        "reviewer_id": reviewer.id,
        "reviewer_name": reviewer.name,
        "recorded_at": utcnow(),
    }
    conn.execute(insert(decisions).values(**values))
    return decision_dict(_Row(values))


def _apply_effect_on_case(conn: Connection, decision_in: DecisionIn) -> None:
    released = {"lease_holder": None, "lease_expires_at": None}
    if decision_in.action.value in FINAL_ACTIONS:
        changes = {"status": "decided", **released}
    else:  # escalate: still open, now waiting for a specialist in the escalations queue
        changes = {"queue_id": ESCALATIONS_QUEUE_ID, **released}
    conn.execute(update(cases).where(cases.c.id == decision_in.case_id).values(**changes))


def _winning_decision(conn: Connection, case_id: str) -> dict | None:
    row = conn.execute(
        select(decisions)
        .where(decisions.c.case_id == case_id, decisions.c.action.in_(FINAL_ACTIONS))
        .order_by(decisions.c.seq)
        .limit(1)
    ).first()
    return decision_dict(row) if row is not None else None


class _Row:
    """Attribute access over a dict, so a just-inserted decision renders like a fetched one."""

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)
