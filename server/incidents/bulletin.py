"""The sweep bulletin of an incident: published from the incident, through the one bulletin
path (guidelines.publish), as guideline `incident-<id>`; a second one is its next version.
The incident names the latest, and the review counts who acknowledged it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, update

from server import guidelines as library
from server.auth.tokens import Reviewer
from server.incidents.record import record_event, require_command, require_incident
from server.store.incident_schema import incidents


def publish_bulletin(conn: Connection, reviewer: Reviewer, incident_id: str, bulletin: dict,
                     now: datetime) -> dict:
    """Publish (commander or lead); returns the GuidelineVersion answer of guidelines.py."""
    row = require_incident(conn, incident_id)
    require_command(row, reviewer)
    version = library.publish(conn, reviewer, {
        "id": f"incident-{incident_id}", "title": bulletin["title"], "body": bulletin["body"],
        "kind": "bulletin", "queue_id": bulletin.get("queue_id") or "", "requires_ack": True,
        "policy_area": ""}, now)
    tag = f"{version['id']}@{version['version']}"
    conn.execute(update(incidents).where(incidents.c.id == incident_id).values(bulletin=tag))
    record_event(conn, incident_id, now, "bulletin_published", reviewer, {"guideline": tag})
    return version
