"""Lead-side changes to existing cases: withdraw, delete, reprioritise.

Each one writes its change-feed row and its audit entry in the same transaction as the change,
so workstations learn about it from GET /v1/changes and leads from GET /v1/audit. A request that
changes nothing (withdrawing a withdrawn case, deleting a deleted one, setting the priority it
already has) writes neither.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select, update

from server.audit import record_audit
from server.auth.tokens import Reviewer
from server.changes import record_change
from server.errors import ApiError
from server.store.schema import cases

_RELEASED = {"lease_holder": None, "lease_expires_at": None}


def withdraw_case(conn: Connection, case_id: str, now: datetime, actor: Reviewer) -> None:
    """Mark an open case withdrawn (the reported content is gone); leases are released."""
    status = _status_of(conn, case_id)
    if status == "decided":
        raise ApiError(409, "already_decided")
    if status == "deleted":
        raise ApiError(409, "deleted")
    if status == "withdrawn":
        return
    _set(conn, case_id, status="withdrawn", **_RELEASED)
    record_change(conn, case_id, "withdrawn", now)
    record_audit(conn, actor, "withdraw", now, case_id)


def delete_case(conn: Connection, case_id: str, now: datetime, actor: Reviewer) -> None:
    """Mark a case deleted, whatever its status: never claimable, never decided again.

    The row and its decisions stay (they are the audit trail); only its status changes.
    """
    status = _status_of(conn, case_id)
    if status == "deleted":
        return
    _set(conn, case_id, status="deleted", **_RELEASED)
    record_change(conn, case_id, "deleted", now)
    record_audit(conn, actor, "delete", now, case_id, {"previous_status": status})


def set_priority(conn: Connection, case_id: str, priority: int, now: datetime,
                 actor: Reviewer) -> None:
    if _status_of(conn, case_id) == "deleted":
        raise ApiError(409, "deleted")
    current = conn.execute(select(cases.c.priority).where(cases.c.id == case_id)).scalar_one()
    if current == priority:
        return
    _set(conn, case_id, priority=priority)
    record_change(conn, case_id, "priority_changed", now, {"priority": priority})
    record_audit(conn, actor, "priority_change", now, case_id,
                 {"priority": priority, "previous_priority": current})


def _status_of(conn: Connection, case_id: str) -> str:
    # Locked until commit: a decision or another lead's change on this case waits for ours.
    status = conn.execute(select(cases.c.status).where(cases.c.id == case_id)
                          .with_for_update()).scalar()
    if status is None:
        raise ApiError(404, "unknown_case")
    return status


def _set(conn: Connection, case_id: str, **values) -> None:
    conn.execute(update(cases).where(cases.c.id == case_id).values(**values))
