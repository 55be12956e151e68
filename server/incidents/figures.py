"""An incident's live figures: cases in, decided, pending, SLA breaches, reviewers working it.

Read per request from the cases themselves (no counters to drift): an incident holds hundreds
or a few thousand cases, which one indexed join reads in milliseconds. Reviewers are counted,
never named: who is working an incident is not for every reader of its figures.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, func, select

from reviewer.contract.actions import FINAL_ACTIONS
from server.store.incident_schema import incident_cases
from server.store.schema import cases, decisions

WORKING_WINDOW = timedelta(hours=1)  # a reviewer who decided one of its cases this recently
_LIVE = ("open", "awaiting_approval")


def figures(conn: Connection, incident_id: str, now: datetime) -> dict:
    rows = conn.execute(
        select(cases.c.id, cases.c.status, cases.c.sla_deadline, cases.c.lease_holder,
               cases.c.lease_expires_at)
        .join(incident_cases, incident_cases.c.case_id == cases.c.id)
        .where(incident_cases.c.incident_id == incident_id)).all()
    closed_at = first_final_decisions(conn, incident_id)
    working = {r.lease_holder for r in rows if r.status in _LIVE and r.lease_holder is not None
               and r.lease_expires_at is not None and r.lease_expires_at > now}
    working |= set(conn.execute(
        select(decisions.c.reviewer_id).distinct()
        .join(incident_cases, incident_cases.c.case_id == decisions.c.case_id)
        .where(incident_cases.c.incident_id == incident_id,
               decisions.c.recorded_at > now - WORKING_WINDOW)).scalars())
    return {
        "cases_in": len(rows),
        "decided": sum(r.status == "decided" for r in rows),
        "pending": sum(r.status in _LIVE for r in rows),
        "sla_breaches": sum(_breached(r, closed_at.get(r.id), now) for r in rows),
        "reviewers_working": len(working),
    }


def first_final_decisions(conn: Connection, incident_id: str) -> dict[str, datetime]:
    """Each incident case's first final decision (when it was first closed), by case."""
    rows = conn.execute(
        select(decisions.c.case_id, func.min(decisions.c.decided_at))
        .join(incident_cases, incident_cases.c.case_id == decisions.c.case_id)
        .where(incident_cases.c.incident_id == incident_id,
               decisions.c.action.in_(sorted(FINAL_ACTIONS)), decisions.c.pending.is_(False))
        .group_by(decisions.c.case_id))
    return {case_id: first for case_id, first in rows}


def _breached(row, closed_at: datetime | None, now: datetime) -> bool:
    """Decided after its deadline, or still open past it."""
    if closed_at is not None:
        return closed_at > row.sla_deadline
    return row.status in _LIVE and now > row.sla_deadline
