"""Appeals: an author contests the decision that stands on their case.

POST /v1/appeals opens a case in the `appeals` queue (a copy of the contested case, so the
appeals reviewer sees the content) linked to the decision. It is never handed to the reviewer
who made that decision, and their answer on it is refused (403 `own_decision`). `uphold`
closes the appeal; `overturn` closes it and reverses the contested decision (supersede.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select, update

from reviewer.contract.decisions import DecisionIn
from server.audit import record_audit
from server.auth.tokens import Reviewer
from server.changes import record_change
from server.decision_rows import decision_dict, insert_decision, latest_decision_row, winning_row
from server.errors import ApiError
from server.quality.copies import copy_case, link
from server.quality.supersede import supersede
from server.store.schema import cases, decisions
from server.store.quality_schema import quality_links

APPEALS_QUEUE_ID = "appeals"
_RESTORED = "no_violation"  # what an overturned enforcement becomes


def open_appeal(conn: Connection, lead: Reviewer, decision_id: str, statement: str,
                now: datetime) -> str:
    """The new appeal case's id; 404 `unknown_decision`, 409 `not_standing` (reversed,
    superseded or waiting for approval), 409 `already_appealed` (an open appeal exists)."""
    row = conn.execute(select(decisions).where(decisions.c.decision_id == decision_id)).first()
    if row is None:
        raise ApiError(404, "unknown_decision")
    standing = winning_row(conn, row.case_id)
    if standing is None or standing.decision_id != decision_id:
        raise ApiError(409, "not_standing")
    if conn.execute(select(quality_links.c.case_id).where(
            quality_links.c.kind == "appeal", quality_links.c.source_decision_id == decision_id,
            quality_links.c.outcome.is_(None))).first() is not None:
        raise ApiError(409, "already_appealed")
    case_id = copy_case(conn, row.case_id, now, queue_id=APPEALS_QUEUE_ID)
    link(conn, case_id, "appeal", row, now, excluded_reviewer_id=row.reviewer_id,
         statement=statement)
    record_audit(conn, lead, "appeal", now, case_id, {"decision_id": decision_id,
                                                       "appealed_case_id": row.case_id})
    return case_id


def answer(conn: Connection, reviewer: Reviewer, case, quality_link, decision_in: DecisionIn,
           now: datetime) -> tuple[int, dict]:
    """`uphold` or `overturn` on an open appeal case (decision_rules.check ran first)."""
    if case.status == "decided":
        latest = latest_decision_row(conn, case.id)
        return 409, {"error": "conflict", "winning_decision": decision_dict(latest)}
    decision = insert_decision(conn, reviewer, decision_in, now,
                               policy=decision_in.policy or quality_link.policy)
    conn.execute(update(quality_links).where(quality_links.c.case_id == case.id).values(
        outcome="upheld" if decision_in.action.value == "uphold" else "overturned",
        answered_by=reviewer.name, answered_at=now))
    conn.execute(update(cases).where(cases.c.id == case.id).values(
        status="decided", lease_holder=None, lease_expires_at=None))
    record_change(conn, case.id, "decided", now, {
        "action": decision["action"], "reviewer": reviewer.name,
        "decision_id": decision["decision_id"]})
    record_audit(conn, reviewer, "decision", now, case.id,
                 {key: decision[key] for key in ("decision_id", "action", "policy")})
    if decision_in.action.value == "overturn":
        original = conn.execute(select(decisions).where(
            decisions.c.decision_id == quality_link.source_decision_id)).one()
        restored = _RESTORED if original.action != _RESTORED else None
        supersede(conn, reviewer, original, restored, original.policy,
                  decision_in.note or "appeal overturned", now, decision_in.decision_id)
    return 201, {"status": "accepted", "decision": decision}

