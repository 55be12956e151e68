"""Senior approval of an escalation (POST /v1/escalations/{case_id}/approve), minimal version.

A senior (or lead) answers one `escalate` decision with an outcome and records the final
decision in their own name: the case closes, the change feed says `decided`, the audit log
says `escalation_approval`. Four eyes in its simplest form: nobody approves their own
escalation. A `decision_id` naming a decision awaiting approval (four_eyes.py) is answered
exactly as POST /v1/decisions would answer an `approve` or final action on that case.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import Connection, select

from server.audit import record_audit
from server.auth.tokens import Reviewer
from server import four_eyes
from server.cases import AWAITING_APPROVAL
from server.decision_rows import insert_decision, latest_decision_row, winning_decision
from server.decisions import apply_effect_on_case
from server.api.deps import AUTH_ERRORS, INVALID, Db, Senior
from server.errors import ApiError
from reviewer.contract.actions import FINAL_ACTIONS, Action
from reviewer.contract.decisions import Decision, DecisionAccepted, DecisionIn
from reviewer.contract.errors import ErrorBody
from server.store.schema import cases, decisions
from server.api.strict_json import StrictJsonRoute
from server.timeutil import utcnow

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute)

FinalAction = Literal[tuple(sorted(FINAL_ACTIONS))]  # type: ignore[valid-type]


class EscalationApprovalIn(BaseModel):
    decision_id: str = Field(min_length=1, max_length=200,
                             description="the `escalate` decision being answered")
    outcome: Literal["approve", "amend", "overturn"]
    action: FinalAction | None = Field(  # type: ignore[valid-type]
        default=None, description="the final action; `approve` may omit it on a second look "
                                  "(it then upholds the decision the escalation questioned)")
    policy: str | None = Field(default=None, max_length=200,
                               description="default: the escalation's policy")
    note: str = Field(default="", max_length=20_000)


class EscalationConflict(BaseModel):
    error: Literal["conflict", "withdrawn", "stale_escalation"]
    winning_decision: Decision | None


@router.post(
    "/escalations/{case_id}/approve", response_model=DecisionAccepted, status_code=201,
    tags=["decisions"],
    responses={
        **AUTH_ERRORS, **INVALID,
        404: {"model": ErrorBody, "description": "`unknown_case`, `unknown_escalation`"},
        409: {"model": EscalationConflict,
              "description": "`conflict` (closed since; names the winner), `withdrawn`, "
                             "`stale_escalation` (the case was escalated again since)"},
    },
)
def approve_escalation(case_id: str, approval: EscalationApprovalIn, database: Db,
                       senior: Senior) -> dict:
    """Answer an escalation with a final decision in the caller's name. Senior or lead."""
    now = utcnow()
    with database.write() as conn:
        pending = _awaiting(conn, case_id, approval.decision_id)
        if pending is not None:
            return _answer_pending(conn, senior, pending, approval, now)
        escalation = _open_escalation(conn, case_id, approval.decision_id)
        if escalation.reviewer_id == senior.id:
            raise ApiError(403, "own_escalation")  # four eyes: someone else must look
        action = approval.action or _upheld_action(conn, approval, escalation)
        decision = _record_final(conn, senior, escalation, approval, action, now)
        record_audit(conn, senior, "escalation_approval", now, case_id, {
            "escalation_decision_id": escalation.decision_id, "outcome": approval.outcome,
            "decision_id": decision["decision_id"], "action": action,
            "policy": decision["policy"]})
    return {"status": "accepted", "decision": decision}


def _awaiting(conn: Connection, case_id: str, decision_id: str):
    """The pending decision named, if the case is waiting for approval of exactly it."""
    status = conn.execute(select(cases.c.status).where(cases.c.id == case_id)
                           .with_for_update()).scalar()  # one answer at a time
    if status != AWAITING_APPROVAL:
        return None
    pending = latest_decision_row(conn, case_id)
    return pending if pending.decision_id == decision_id and pending.pending else None


def _answer_pending(conn: Connection, senior: Reviewer, pending,
                    approval: EscalationApprovalIn, now: datetime) -> dict:
    """Route through the one four-eyes rule that POST /v1/decisions uses."""
    action = approval.action or {"approve": "approve", "overturn": "no_violation"}.get(
        approval.outcome)
    if action is None:
        raise ApiError(422, "action_required")
    decision_in = DecisionIn(
        decision_id=f"approval-{uuid.uuid4()}", case_id=pending.case_id, action=action,
        policy=approval.policy or pending.policy, note=approval.note, decided_at=now)
    case = conn.execute(select(cases.c.id, cases.c.status)
                        .where(cases.c.id == pending.case_id)).first()
    status_code, body = four_eyes.answer_awaiting(conn, senior, case, decision_in, now)
    if status_code != 201:
        raise ApiError(status_code, **body)
    return body


def _open_escalation(conn: Connection, case_id: str, escalation_id: str):
    """The escalate decision, if it is the one the open case is waiting on."""
    status = conn.execute(select(cases.c.status).where(cases.c.id == case_id)
                           .with_for_update()).scalar()  # one answer at a time
    if status is None:
        raise ApiError(404, "unknown_case")
    escalation = conn.execute(select(decisions).where(
        decisions.c.decision_id == escalation_id, decisions.c.case_id == case_id,
        decisions.c.action == Action.escalate.value)).first()
    if escalation is None:
        raise ApiError(404, "unknown_escalation")
    if status in ("withdrawn", "deleted"):
        raise ApiError(409, "withdrawn", winning_decision=None)
    if status == "decided":  # e.g. a retry of an approval that went through
        raise ApiError(409, "conflict", winning_decision=winning_decision(conn, case_id))
    latest = conn.execute(select(decisions.c.decision_id).where(decisions.c.case_id == case_id)
                          .order_by(decisions.c.seq.desc()).limit(1)).scalar()
    if latest != escalation_id:
        raise ApiError(409, "stale_escalation", winning_decision=None)
    return escalation


def _upheld_action(conn: Connection, approval: EscalationApprovalIn, escalation) -> str:
    """`approve` without an action on a second look upholds the decision that was questioned."""
    if approval.outcome == "approve":
        questioned = conn.execute(
            select(decisions.c.action)
            .where(decisions.c.case_id == escalation.case_id,
                   decisions.c.seq < escalation.seq,
                   decisions.c.action.in_(sorted(FINAL_ACTIONS)))
            .order_by(decisions.c.seq.desc()).limit(1)).scalar()
        if questioned is not None:
            return questioned
    raise ApiError(422, "action_required")


def _record_final(conn: Connection, senior: Reviewer, escalation, approval: EscalationApprovalIn,
                  action: str, now: datetime) -> dict:
    decision_in = DecisionIn(
        decision_id=f"approval-{uuid.uuid4()}", case_id=escalation.case_id, action=action,
        policy=approval.policy or escalation.policy, note=approval.note, decided_at=now)
    decision = insert_decision(conn, senior, decision_in, now)
    apply_effect_on_case(conn, decision, now)
    return decision
