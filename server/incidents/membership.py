"""Which cases an incident holds: joined from its alert, from a sweep (by media hash, hashtag
or search over every open case on the central API), one by one, or by a decision that names
the incident. A case joins an incident once; joining again changes nothing."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import Connection, func, select

from server.auth.tokens import Reviewer
from server.errors import ApiError
from server.incidents import alert_link, record
from server.incidents.record import record_event, require_incident
from server.store.incident_schema import incident_cases
from server.store.portable import insert_ignoring_conflicts
from server.store.schema import case_media, cases

SWEEP_KINDS = ("hash", "hashtag", "search")
SWEEP_LIMIT = 5000  # cases one sweep may join; a wider net is a sign the query is wrong
_LIVE = ("open", "awaiting_approval")


def declare(conn: Connection, reviewer: Reviewer, data: dict, now: datetime) -> str:
    """Declare an incident (record.declare); declared from an alert, the alert's cases join
    it at once. Returns its id."""
    incident_id = record.declare(conn, reviewer, data, now)
    if alert_id := data.get("alert_id"):
        if alert_cases := alert_link.cases_of(conn, alert_id):
            join_cases(conn, reviewer, incident_id, alert_cases, "alert", now)
    return incident_id


def join_cases(conn: Connection, reviewer: Reviewer | None, incident_id: str,
               case_ids: list[str], via: str, now: datetime) -> int:
    """Join known cases; returns how many were new to the incident. Unknown ids: 422."""
    wanted = sorted(set(case_ids))
    known = set(conn.execute(select(cases.c.id).where(cases.c.id.in_(wanted))).scalars())
    if missing := [c for c in wanted if c not in known]:
        raise ApiError(422, "unknown_case", case_ids=missing[:20])
    already = set(conn.execute(select(incident_cases.c.case_id).where(
        incident_cases.c.incident_id == incident_id,
        incident_cases.c.case_id.in_(wanted))).scalars())
    new = [c for c in wanted if c not in already]
    if new:
        conn.execute(insert_ignoring_conflicts(conn, incident_cases), [
            {"incident_id": incident_id, "case_id": c, "joined_at": now, "via": via} for c in new])
        if via not in ("decision", "sweep"):  # those are lines of their own in the timeline
            record_event(conn, incident_id, now, "cases_joined", reviewer,
                         {"via": via, "count": len(new)})
    return len(new)


def sweep(conn: Connection, reviewer: Reviewer, incident_id: str, by: str, query: str,
          now: datetime) -> dict:
    """Join every live case that matches; the sweep is on the timeline with what it found."""
    require_incident(conn, incident_id)
    found = matching_cases(conn, by, query)
    joined = join_cases(conn, None, incident_id, found, "sweep", now) if found else 0
    record_event(conn, incident_id, now, "sweep", reviewer,
                 {"by": by, "query": query, "matched": len(found), "joined": joined})
    return {"matched": len(found), "joined": joined}


def matching_cases(conn: Connection, by: str, query: str) -> list[str]:
    live = cases.c.status.in_(_LIVE)
    if by == "hash":  # the sha256 of a media item: every live case carrying those bytes
        statement = (select(cases.c.id).join(case_media, case_media.c.case_id == cases.c.id)
                     .where(live, case_media.c.sha256 == query.lower()))
    elif by == "hashtag":  # narrowed by LIKE, then matched as a whole tag ("#a" not "#ab")
        tag = "#" + query.lstrip("#").casefold()
        whole = re.compile(rf"(?<!\w){re.escape(tag)}(?!\w)")
        rows = conn.execute(select(cases.c.id, cases.c.text).where(
            live, func.lower(cases.c.text).like(f"%{_escaped(tag)}%", escape="\\")))
        return sorted({r.id for r in rows if whole.search(r.text.casefold())})[:SWEEP_LIMIT]
    else:
        statement = select(cases.c.id).where(
            live, func.lower(cases.c.text).like(f"%{_escaped(query.casefold())}%", escape="\\"))
    return sorted(set(conn.execute(statement.limit(SWEEP_LIMIT)).scalars()))


def case_ids_of(conn: Connection, incident_id: str) -> list[str]:
    return list(conn.execute(select(incident_cases.c.case_id).where(
        incident_cases.c.incident_id == incident_id).order_by(incident_cases.c.case_id))
        .scalars())


def join_from_decision(conn: Connection, incident_id: str, case_id: str, now: datetime) -> None:
    """A decision that names an incident brings its case in, if it was not already."""
    join_cases(conn, None, incident_id, [case_id], "decision", now)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
