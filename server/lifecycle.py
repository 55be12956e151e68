"""Lead-side changes to existing cases: withdraw, delete, reprioritise.

Each one writes its change-feed row in the same transaction as the change, so workstations
learn about it from GET /v1/changes. A request that changes nothing (withdrawing a withdrawn
case, deleting a deleted one, setting the priority it already has) writes no row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select, update

from server.changes import record_change
from server.errors import ApiError
from server.schema import cases

_RELEASED = {"lease_holder": None, "lease_expires_at": None}


def withdraw_case(conn: Connection, case_id: str, now: datetime) -> None:
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


def delete_case(conn: Connection, case_id: str, now: datetime) -> None:
    """Mark a case deleted, whatever its status: never claimable, never decided again.

    The row and its decisions stay (they are the audit trail); only its status changes.
    """
    if _status_of(conn, case_id) == "deleted":
        return
    _set(conn, case_id, status="deleted", **_RELEASED)
    record_change(conn, case_id, "deleted", now)


def set_priority(conn: Connection, case_id: str, priority: int, now: datetime) -> None:
    if _status_of(conn, case_id) == "deleted":
        raise ApiError(409, "deleted")
    current = conn.execute(select(cases.c.priority).where(cases.c.id == case_id)).scalar_one()
    if current == priority:
        return
    _set(conn, case_id, priority=priority)
    record_change(conn, case_id, "priority_changed", now, {"priority": priority})


def _status_of(conn: Connection, case_id: str) -> str:
    status = conn.execute(select(cases.c.status).where(cases.c.id == case_id)).scalar()
    if status is None:
        raise ApiError(404, "unknown_case")
    return status


def _set(conn: Connection, case_id: str, **values) -> None:
    conn.execute(update(cases).where(cases.c.id == case_id).values(**values))
