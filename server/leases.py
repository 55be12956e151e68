"""Renewing leases (POST /v1/leases/renew): a reviewer keeps the cases they are still working.

A lease is renewed only for its holder. An expired lease still names its last holder until
someone else claims the case, so a reviewer who was away past the 30 minutes gets the case back
as long as nobody took it meanwhile; a case whose lease was released (by an escalation) or
handed to someone else is lost to them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select, update

from server.cases import LEASE_DURATION
from server.quality.holds import expire_holds
from server.store.schema import cases
from server.timeutil import to_iso

# Case status -> the reason a lease on it is lost. Deleted content reads as withdrawn: for the
# reviewer both mean the same thing, the content is gone.
_CLOSED_REASONS = {"decided": "decided", "withdrawn": "withdrawn", "deleted": "withdrawn"}


def renew_leases(conn: Connection, reviewer_id: int, case_ids: list[str], now: datetime) -> dict:
    """The LeaseRenewal answer. Must run in a write transaction (read, then update)."""
    wanted = list(dict.fromkeys(case_ids))  # each case once, in the order first asked
    rows = {
        row.id: row
        for row in conn.execute(
            select(cases.c.id, cases.c.status, cases.c.lease_holder)
            .where(cases.c.id.in_(wanted))
            .order_by(cases.c.id)  # rows locked in one order: two renewals never deadlock
            .with_for_update()  # a claim by someone else cannot slip in before our update
        )
    }
    renewed_ids, lost = [], []
    expired = expire_holds(conn, reviewer_id, wanted, now)  # held up to a limit, then let go
    for case_id in wanted:
        reason = "hold_expired" if case_id in expired else _lost_reason(rows.get(case_id),
                                                                         reviewer_id)
        if reason is None:
            renewed_ids.append(case_id)
        else:
            lost.append({"case_id": case_id, "reason": reason})
    lease_expires_at = now + LEASE_DURATION
    if renewed_ids:
        conn.execute(
            update(cases).where(cases.c.id.in_(renewed_ids)).values(
                lease_holder=reviewer_id, lease_expires_at=lease_expires_at)
        )
    expiry = to_iso(lease_expires_at)
    renewed = [{"case_id": case_id, "lease_expires_at": expiry} for case_id in renewed_ids]
    return {"renewed": renewed, "lost": lost}


def _lost_reason(row, reviewer_id: int) -> str | None:
    """Why the caller cannot keep this case, or None if the lease may be renewed."""
    if row is None:
        return "unknown_case"
    if row.status in _CLOSED_REASONS:
        return _CLOSED_REASONS[row.status]
    if row.lease_holder != reviewer_id:  # someone else's, or released by an escalation
        return "leased_by_other"
    return None
