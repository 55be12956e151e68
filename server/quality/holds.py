"""Holding a case (its lease is renewed while held, up to HOLD_LIMIT) and handing it to a
named colleague with a note (the lease moves to them; their next claim brings it back first).

A hold is a promise to come back (waiting for a translation, a legal opinion), not a way to
sit on a case: at the limit, the next renewal answers lost `hold_expired` and the lease is
released for someone else.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from server.audit import record_audit
from server.auth.access import may_work_queue, record_lease_grants
from server.auth.tokens import Reviewer
from server.cases import LEASE_DURATION
from server.errors import ApiError
from server.store.schema import cases, reviewer_queues, reviewers
from server.store.quality_schema import case_holds, handoffs
from server.timeutil import to_iso

HOLD_LIMIT = timedelta(hours=4)


def hold(conn: Connection, reviewer: Reviewer, case_id: str, reason: str, now: datetime,
         limit: timedelta = HOLD_LIMIT) -> dict:
    _require_own_lease(conn, reviewer, case_id, now)
    conn.execute(delete(case_holds).where(case_holds.c.case_id == case_id))
    held_until, expires = now + limit, now + LEASE_DURATION
    conn.execute(insert(case_holds).values(case_id=case_id, reviewer_id=reviewer.id,
                                           reason=reason, held_at=now, held_until=held_until))
    conn.execute(update(cases).where(cases.c.id == case_id).values(lease_expires_at=expires))
    record_audit(conn, reviewer, "hold", now, case_id, {"held_until": to_iso(held_until)})
    return {"case_id": case_id, "reason": reason, "held_at": to_iso(now),
            "held_until": to_iso(held_until), "lease_expires_at": to_iso(expires)}


def unhold(conn: Connection, reviewer: Reviewer, case_id: str) -> None:
    conn.execute(delete(case_holds).where(case_holds.c.case_id == case_id,
                                          case_holds.c.reviewer_id == reviewer.id))


def expire_holds(conn: Connection, reviewer_id: int, case_ids: list[str],
                 now: datetime) -> set[str]:
    """Of `case_ids`, those whose hold by this reviewer ran out: hold gone, lease released."""
    expired = set(conn.execute(select(case_holds.c.case_id).where(
        case_holds.c.case_id.in_(case_ids), case_holds.c.reviewer_id == reviewer_id,
        case_holds.c.held_until <= now)).scalars())
    if expired:
        conn.execute(delete(case_holds).where(case_holds.c.case_id.in_(expired)))
        conn.execute(update(cases).where(cases.c.id.in_(expired),
                                         cases.c.lease_holder == reviewer_id)
                     .values(lease_holder=None, lease_expires_at=None))
    return expired


def hand_off(conn: Connection, reviewer: Reviewer, case_id: str, to_name: str, note: str,
             now: datetime) -> dict:
    case = _require_own_lease(conn, reviewer, case_id, now)
    colleague = _colleague(conn, to_name)
    if colleague is None or colleague.id == reviewer.id:
        raise ApiError(422, "unknown_colleague")
    if not may_work_queue(colleague, case.queue_id):
        raise ApiError(409, "not_their_queue")
    conn.execute(delete(case_holds).where(case_holds.c.case_id == case_id))
    conn.execute(update(cases).where(cases.c.id == case_id).values(
        lease_holder=colleague.id, lease_expires_at=now + LEASE_DURATION))
    record_lease_grants(conn, colleague.id, [case_id], now)
    conn.execute(delete(handoffs).where(handoffs.c.case_id == case_id))
    values = {"from_name": reviewer.name, "to_reviewer_id": colleague.id,
              "to_name": colleague.name, "note": note, "at": now}
    conn.execute(insert(handoffs).values(case_id=case_id, **values))
    record_audit(conn, reviewer, "handoff", now, case_id, {"to": colleague.name})
    return {"from_reviewer": reviewer.name, "to_reviewer": colleague.name, "note": note,
            "at": to_iso(now)}


def handed_to(conn: Connection, reviewer: Reviewer, now: datetime) -> list[str]:
    """Open cases handed to the caller that they still lease, oldest hand-off first."""
    return list(conn.execute(
        select(handoffs.c.case_id).join(cases, cases.c.id == handoffs.c.case_id)
        .where(handoffs.c.to_reviewer_id == reviewer.id, cases.c.lease_holder == reviewer.id,
               cases.c.status == "open", cases.c.lease_expires_at > now)
        .order_by(handoffs.c.at, handoffs.c.case_id)).scalars())


def _require_own_lease(conn: Connection, reviewer: Reviewer, case_id: str, now: datetime):
    case = conn.execute(select(cases.c.id, cases.c.queue_id, cases.c.status,
                               cases.c.lease_holder, cases.c.lease_expires_at)
                        .where(cases.c.id == case_id).with_for_update()).first()
    if case is None:
        raise ApiError(404, "unknown_case")
    live = case.lease_expires_at is not None and case.lease_expires_at > now
    if case.status != "open" or case.lease_holder != reviewer.id or not live:
        raise ApiError(409, "not_your_lease")
    return case


def _colleague(conn: Connection, name: str) -> Reviewer | None:
    row = conn.execute(select(reviewers).where(reviewers.c.name == name,
                                               reviewers.c.revoked_at.is_(None))).first()
    if row is None:
        return None
    assigned = frozenset(conn.execute(select(reviewer_queues.c.queue_id).where(
        reviewer_queues.c.reviewer_id == row.id)).scalars())
    return Reviewer(row.id, row.name, row.role,
                    assigned if row.role == "reviewer" and assigned else None)
