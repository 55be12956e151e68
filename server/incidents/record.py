"""The incident record: declaring one, its state, who is on it, and the events the review's
timeline is read from.

An incident is declared by a lead, a senior (escalation specialists staff the watch) or whoever
is on call right now (server/alerts/ keeps the rota); any other reviewer cannot declare one. Every change writes an `incident_events` row in
the same transaction, so the timeline of the post-incident review (review.py) is what was done
and when, not a reconstruction.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from server.auth.tokens import Reviewer
from server.errors import ApiError
from server.incidents import alert_link
from server.store.incident_schema import incident_events, incident_members, incidents
from server.store.schema import decisions, reviewers
from server.timeutil import to_iso

SEVERITIES = ("critical", "high", "medium", "low")
STATES = ("open", "contained", "closed")
_NEXT_STATES = {"open": ("contained", "closed"), "contained": ("closed", "open"), "closed": ()}
INCIDENT_ID_PATTERN = r"^inc-[0-9a-f]{8}$"


def declare(conn: Connection, reviewer: Reviewer, data: dict, now: datetime) -> str:
    """A new open incident; its commander must be an active account. Returns its id. The
    alert's cases join it in membership.declare, which the API calls."""
    if not (reviewer.at_least("senior") or alert_link.is_on_call(conn, reviewer, now)):
        raise ApiError(403, "forbidden", required_role="senior")
    commander = data.get("commander") or reviewer.name
    _require_reviewer(conn, commander)
    alert_id = data.get("alert_id") or None
    if alert_id:
        alert_link.cases_of(conn, alert_id)  # 422 unknown_alert before anything is written
    incident_id = f"inc-{secrets.token_hex(4)}"
    conn.execute(insert(incidents).values(
        id=incident_id, title=data["title"], severity=data["severity"],
        regions=sorted(set(data.get("regions") or [])), commander=commander, state="open",
        alert_id=alert_id, declared_at=now, declared_by=reviewer.name))
    record_event(conn, incident_id, now, "declared", reviewer,
                 {"severity": data["severity"], "alert_id": alert_id, "commander": commander})
    return incident_id


def require_incident(conn: Connection, incident_id: str, *, status: int = 404):
    row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).first()
    if row is None:
        raise ApiError(status, "unknown_incident")
    return row


def set_state(conn: Connection, reviewer: Reviewer, incident_id: str, state: str,
              now: datetime) -> None:
    """open -> contained -> closed (contained may reopen); the commander or a lead."""
    row = require_incident(conn, incident_id)
    require_command(row, reviewer)
    if state == row.state:
        return  # a repeat changes nothing and adds no event
    if state not in _NEXT_STATES[row.state]:
        raise ApiError(409, "invalid_transition", state=row.state)
    stamp = {"contained": {"contained_at": now}, "closed": {"closed_at": now}}.get(state, {})
    if state == "closed" and row.contained_at is None:
        stamp["contained_at"] = now  # closed means contained, too
    conn.execute(update(incidents).where(incidents.c.id == incident_id)
                 .values(state=state, **stamp))
    record_event(conn, incident_id, now, state if state != "open" else "reopened", reviewer, {})


def add_member(conn: Connection, reviewer: Reviewer, incident_id: str, name: str,
               now: datetime) -> None:
    row = require_incident(conn, incident_id)
    require_command(row, reviewer)
    member = _require_reviewer(conn, name)
    known = conn.execute(select(incident_members.c.reviewer_id).where(
        incident_members.c.incident_id == incident_id,
        incident_members.c.reviewer_id == member.id)).first()
    if known is None:
        conn.execute(insert(incident_members).values(
            incident_id=incident_id, reviewer_id=member.id, added_at=now))
        record_event(conn, incident_id, now, "member_added", reviewer, {})


def require_command(row, reviewer: Reviewer) -> None:
    """Changing the incident itself: its commander or a lead."""
    if not (reviewer.at_least("lead") or reviewer.name == row.commander):
        raise ApiError(403, "not_incident_commander")


def is_on_incident(conn: Connection, reviewer: Reviewer, row) -> bool:
    """Leads, the commander, the declarer, added members, and anyone who decided under it."""
    if reviewer.at_least("lead") or reviewer.name in (row.commander, row.declared_by):
        return True
    member = conn.execute(select(incident_members.c.reviewer_id).where(
        incident_members.c.incident_id == row.id,
        incident_members.c.reviewer_id == reviewer.id)).first()
    if member is not None:
        return True
    decided = conn.execute(select(decisions.c.seq).where(
        decisions.c.incident_id == row.id, decisions.c.reviewer_id == reviewer.id).limit(1))
    return decided.first() is not None


def record_event(conn: Connection, incident_id: str, at: datetime, kind: str,
                 actor: Reviewer | None, detail: dict) -> None:
    conn.execute(insert(incident_events).values(
        incident_id=incident_id, at=at, kind=kind,
        actor=actor.role if actor else "admin", detail=detail))


def events(conn: Connection, incident_id: str) -> list:
    return conn.execute(select(incident_events).where(incident_events.c.incident_id == incident_id)
                        .order_by(incident_events.c.seq)).all()


def incident_dict(row) -> dict:
    return {
        "id": row.id, "title": row.title, "severity": row.severity,
        "regions": list(row.regions or []), "commander": row.commander, "state": row.state,
        "alert_id": row.alert_id, "declared_at": to_iso(row.declared_at),
        "declared_by": row.declared_by, "contained_at": to_iso(row.contained_at),
        "closed_at": to_iso(row.closed_at), "bulletin": row.bulletin,
    }


def _require_reviewer(conn: Connection, name: str):
    row = conn.execute(select(reviewers.c.id, reviewers.c.name).where(
        reviewers.c.name == name, reviewers.c.revoked_at.is_(None))).first()
    if row is None:
        raise ApiError(422, "unknown_reviewer")
    return row
