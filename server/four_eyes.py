"""Four eyes on high-profile accounts, and reversal (docs/api.md "Four eyes and reversal").

A reviewer's enforcement decision on a high-profile author is stored but not final: the case
waits (`awaiting_approval`) in the escalations queue until a senior or lead who did not make
it approves, amends or overturns it. A decided case can be reversed by whoever closed it (or a
senior): the case reopens under the caller's lease so they can decide it again.

Each function runs inside the decision's write transaction and answers `(status, body)` for the
states it owns (201, 409: stored under the key by decisions.py); 403 and 422 are raised as
ApiError and, like every 403/422, not stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, update

from server.auth.access import record_lease_grants
from server.audit import audit_row, record_audit
from server.auth.tokens import Reviewer
from server.cases import AWAITING_APPROVAL as AWAITING
from server.cases import LEASE_DURATION
from server.changes import change_row, record_change
from server.decision_rows import (
    DecisionWrites, decision_dict, insert_decision, latest_decision_row, winning_row,
)
from server.errors import ApiError
from reviewer.contract.actions import CLOSING_ACTIONS, ENFORCEMENT_ACTIONS, NOTE_REQUIRED_ACTIONS
from reviewer.contract.decisions import DecisionIn
from server.queue_catalog import ESCALATIONS_QUEUE_ID
from server.store.schema import cases

_RELEASED = {"lease_holder": None, "lease_expires_at": None}
_AUDIT_OF_OUTCOME = {"approved": "approval", "amended": "amendment", "overturned": "overturn"}
Answer = tuple[int, dict]


def needs_approval(reviewer: Reviewer, case, action: str) -> bool:
    """`case` has `high_profile`. Seniors' and leads' enforcement is final at once."""
    return reviewer.role == "reviewer" and bool(case.high_profile) and \
        action in ENFORCEMENT_ACTIONS


def record_pending(writes: DecisionWrites, reviewer: Reviewer, decision_in: DecisionIn,
                   now: datetime, request_hash: str | None = None) -> Answer:
    """Store the decision, park the case for a senior. The reviewer's lease grant is kept, so
    a later decision of theirs on it answers 409 naming this one rather than 403. Written
    through `writes`, like any accepted decision (a batch writes its rows together)."""
    decision = writes.decision(reviewer, decision_in, now, pending=True,
                               request_hash=request_hash)
    writes.update_case(decision_in.case_id, {
        "status": AWAITING, "queue_id": ESCALATIONS_QUEUE_ID, **_RELEASED})
    detail = {key: decision[key] for key in ("decision_id", "action", "policy")}
    writes.changes.append(change_row(decision_in.case_id, AWAITING, now,
                                     {**detail, "reviewer": decision["reviewer"]}))
    # A decision like any other in the audit log (it is on record), marked as waiting.
    writes.audits.append(audit_row(reviewer, "decision", now, decision_in.case_id,
                                   {**detail, "awaiting_approval": True}))
    return 201, {"status": "pending_approval", "decision": decision}


def answer_awaiting(conn: Connection, reviewer: Reviewer, case, decision_in: DecisionIn,
                    now: datetime) -> Answer:
    """A decision on an awaiting case, or an `approve` anywhere: the senior's answer."""
    action = decision_in.action.value
    if case.status != AWAITING:  # only `approve` comes here for other statuses
        return 409, {"error": "nothing_to_approve"}
    pending = latest_decision_row(conn, case.id)
    own = pending.reviewer_id == reviewer.id or pending.reviewer_name == reviewer.name
    if action == "approve" and own:
        raise ApiError(403, "own_decision")
    if not reviewer.at_least("senior") or action not in CLOSING_ACTIONS:
        # The pending decision is what stands until a senior answers it.
        return 409, {"error": "conflict", "winning_decision": decision_dict(pending)}
    if own:  # a reviewer promoted since cannot amend their own decision either
        raise ApiError(403, "own_decision")
    return 201, _record_answer(conn, reviewer, pending, decision_in, now)


def _record_answer(conn: Connection, senior: Reviewer, pending, decision_in: DecisionIn,
                   now: datetime) -> dict:
    outcome = _outcome(pending, decision_in)
    links = {"approves": pending.decision_id}
    if decision_in.action.value == "approve":  # upholds the pending decision as it stands
        links.update(action=pending.action, policy=pending.policy)
    decision = insert_decision(conn, senior, decision_in, now, **links)
    _set_case(conn, pending.case_id, status="decided", **_RELEASED)
    record_change(conn, pending.case_id, "approval", now, {
        "outcome": outcome, "action": decision["action"], "reviewer": decision["reviewer"],
        "original_decision_id": pending.decision_id,
        "original_reviewer": pending.reviewer_name})
    record_audit(conn, senior, _AUDIT_OF_OUTCOME[outcome], now, pending.case_id, {
        "decision_id": decision["decision_id"], "action": decision["action"],
        "policy": decision["policy"], "original_decision_id": pending.decision_id})
    return {"status": "accepted", "decision": decision}


def _outcome(pending, decision_in: DecisionIn) -> str:
    action = decision_in.action.value
    if action == "no_violation":
        return "overturned"
    if action == "approve" or (action, decision_in.policy) == (pending.action, pending.policy):
        return "approved"
    return "amended"


def reverse(conn: Connection, reviewer: Reviewer, case, decision_in: DecisionIn,
            now: datetime) -> Answer:
    """Undo the decision that closed the case; the reversed row stays as it was."""
    if decision_in.action.value in NOTE_REQUIRED_ACTIONS and not decision_in.note.strip():
        raise ApiError(422, "note_required")  # a reversal must say why
    closing = winning_row(conn, case.id) if case.status == "decided" else None
    if closing is None:
        return 409, {"error": "nothing_to_reverse"}
    mine = closing.reviewer_id == reviewer.id or closing.reviewer_name == reviewer.name
    if not (mine or reviewer.at_least("senior")):
        raise ApiError(403, "not_your_decision")
    decision = insert_decision(conn, reviewer, decision_in, now, reverses=closing.decision_id,
                               policy=decision_in.policy or closing.policy)
    # Reopened where it was, leased to the caller so they can decide it again at once.
    _set_case(conn, case.id, status="open", lease_holder=reviewer.id,
              lease_expires_at=now + LEASE_DURATION)
    record_lease_grants(conn, reviewer.id, [case.id], now)
    record_change(conn, case.id, "reversed", now, {
        "decision_id": decision["decision_id"], "reverses": closing.decision_id,
        "reviewer": decision["reviewer"]})
    record_audit(conn, reviewer, "reversal", now, case.id, {
        "decision_id": decision["decision_id"], "reverses": closing.decision_id,
        "reversed_action": closing.action})
    return 201, {"status": "accepted", "decision": decision}


def _set_case(conn: Connection, case_id: str, **values) -> None:
    conn.execute(update(cases).where(cases.c.id == case_id).values(**values))
