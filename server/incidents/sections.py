"""The sections of a post-incident review the team writes: summary, root cause, what went well,
what to change, action items with owners.

Each save is a row of its own, never edited (the latest of a section is its text; every action
item is an entry). `entry_id` comes from the workstation and is the idempotency key, as for
account notes: an entry whose answer was lost is sent again and stored once. Only someone on
the incident (record.is_on_incident) may write; a reused id with other content is a 409.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select

from server.auth.tokens import Reviewer
from server.errors import ApiError
from server.incidents.record import is_on_incident, require_incident
from server.store.database import lock_idempotency_key
from server.store.incident_schema import incident_review_entries as entries
from server.timeutil import to_iso, to_naive_utc


def add_entry(conn: Connection, reviewer: Reviewer, incident_id: str, entry: dict,
              now: datetime) -> tuple[dict, bool]:
    """Store one entry once; returns (entry, created)."""
    row = require_incident(conn, incident_id)
    if not is_on_incident(conn, reviewer, row):
        raise ApiError(403, "not_on_incident")
    lock_idempotency_key(conn, entry["entry_id"])  # a retry racing its original waits
    stored = conn.execute(select(entries).where(entries.c.entry_id == entry["entry_id"])).first()
    values = {"incident_id": incident_id, "section": entry["section"], "body": entry["body"],
              "owner": entry.get("owner") or "", "author_id": reviewer.id}
    if stored is not None:
        if any(getattr(stored, key) != value for key, value in values.items()):
            raise ApiError(409, "entry_id_reused")
        return entry_dict(stored), False
    row_values = {"entry_id": entry["entry_id"], **values, "author_name": reviewer.name,
                  "written_at": to_naive_utc(entry["written_at"]), "recorded_at": now}
    conn.execute(insert(entries).values(**row_values))
    return entry_dict(_Row(row_values)), True


def list_entries(conn: Connection, incident_id: str) -> list:
    return conn.execute(select(entries).where(entries.c.incident_id == incident_id)
                        .order_by(entries.c.recorded_at, entries.c.entry_id)).all()


def written_sections(rows: list) -> dict:
    """The text of each section (its latest save) and every action item."""
    sections: dict = {"action_items": []}
    for row in sorted(rows, key=lambda r: (r.written_at, r.recorded_at)):
        if row.section == "action_item":
            sections["action_items"].append({"body": row.body, "owner": row.owner})
        else:
            sections[row.section] = row.body
    return sections


def entry_dict(row) -> dict:
    return {"entry_id": row.entry_id, "section": row.section, "body": row.body,
            "owner": row.owner, "written_at": to_iso(row.written_at),
            "recorded_at": to_iso(row.recorded_at)}


class _Row:
    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)
