"""Incidents as the workstation sees them: the open and recent incidents with their live
figures, which cached cases they hold, and the review sections written here.

A decision on a case that belongs to an open incident carries the incident id
(`IncidentStore.tag_for`, asked by ReviewSession._record), so decisions keep their one path.
Review sections are queued here (`write_entry`) and sent by the sync worker
(reviewer/sync/incidents.py) under their own client-made id, so each reaches the central API
exactly once, as account notes do; offline, they wait here.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import sqlite_utils

from reviewer.contract.incidents import Incident
from reviewer.domain import MalformedAnswer, to_iso, utc_now
from reviewer.store.database import transaction

LIVE_STATES = ("open", "contained")


@dataclass(frozen=True)
class PendingEntry:
    entry_id: str
    incident_id: str
    section: str
    body: str
    owner: str
    written_at: str

    def to_api(self) -> dict:
        return {"entry_id": self.entry_id, "section": self.section, "body": self.body,
                "owner": self.owner, "written_at": self.written_at}


def check_incident(data: object) -> Incident:
    """One incident from an answer, checked against the contract."""
    try:
        return Incident.model_validate(data)
    except ValueError as exc:
        raise MalformedAnswer(f"incident: {exc}") from None


class IncidentStore:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    # --- incidents --------------------------------------------------------------------------
    def save_all(self, incidents: list[Incident]) -> bool:
        """Replace what is known with the central API's list; True if anything changed."""
        before = self._fingerprint()
        now = to_iso(utc_now())
        with transaction(self.db) as conn:
            conn.execute("DELETE FROM incidents")
            conn.execute("DELETE FROM incident_cases")
            for incident in incidents:
                data = incident.model_dump(exclude={"case_ids"})
                conn.execute("INSERT INTO incidents (id, state, declared_at, data, fetched_at) "
                             "VALUES (?, ?, ?, ?, ?)", (incident.id, incident.state,
                                                        incident.declared_at, json.dumps(data),
                                                        now))
                conn.executemany("INSERT OR IGNORE INTO incident_cases (case_id, incident_id) "
                                 "VALUES (?, ?)", [(c, incident.id) for c in incident.case_ids])
        return self._fingerprint() != before

    def save_one(self, incident: Incident) -> None:
        """An answer to a change made here (declare, sweep, ...), shown before the next sync."""
        data = incident.model_dump(exclude={"case_ids"})
        with transaction(self.db) as conn:
            conn.execute("INSERT OR REPLACE INTO incidents (id, state, declared_at, data, "
                         "fetched_at) VALUES (?, ?, ?, ?, ?)",
                         (incident.id, incident.state, incident.declared_at, json.dumps(data),
                          to_iso(utc_now())))
            conn.execute("DELETE FROM incident_cases WHERE incident_id = ?", (incident.id,))
            conn.executemany("INSERT OR IGNORE INTO incident_cases (case_id, incident_id) "
                             "VALUES (?, ?)", [(c, incident.id) for c in incident.case_ids])

    def incidents(self) -> list[dict]:
        """Every known incident (without case ids), live ones first, newest first."""
        rows = self.db.execute(
            "SELECT data FROM incidents ORDER BY state = 'closed', declared_at DESC").fetchall()
        return [json.loads(r[0]) for r in rows]

    def incident(self, incident_id: str) -> dict | None:
        row = self.db.execute("SELECT data FROM incidents WHERE id = ?",
                              (incident_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def tag_for(self, case_id: str) -> str:
        """The live incident a case belongs to (the latest declared), or ""."""
        row = self.db.execute(
            "SELECT i.id FROM incident_cases c JOIN incidents i ON i.id = c.incident_id "
            f"WHERE c.case_id = ? AND i.state IN {LIVE_STATES} ORDER BY i.declared_at DESC "
            "LIMIT 1", (case_id,)).fetchone()
        return row[0] if row else ""

    def _fingerprint(self) -> tuple:
        return (self.db.execute("SELECT group_concat(data, '|') FROM "
                                "(SELECT data FROM incidents ORDER BY id)").fetchone()[0],
                self.db.execute("SELECT count(*) FROM incident_cases").fetchone()[0])

    # --- review sections written here ------------------------------------------------------
    def write_entry(self, incident_id: str, section: str, body: str, owner: str = "") -> str:
        """Queue one section save (or action item); durable before this returns."""
        entry_id = str(uuid.uuid4())
        with transaction(self.db) as conn:
            conn.execute("INSERT INTO incident_entries (entry_id, incident_id, section, body, "
                         "owner, written_at) VALUES (?, ?, ?, ?, ?, ?)",
                         (entry_id, incident_id, section, body, owner, to_iso(utc_now())))
        return entry_id

    def pending_entries(self) -> list[PendingEntry]:
        rows = self.db.execute("SELECT entry_id, incident_id, section, body, owner, written_at "
                               "FROM incident_entries WHERE state = 'pending' ORDER BY rowid"
                               ).fetchall()
        return [PendingEntry(*row) for row in rows]

    def mark_entry(self, entry_id: str, state: str, error: str = "") -> None:
        with transaction(self.db) as conn:
            conn.execute("UPDATE incident_entries SET state = ?, last_error = ? "
                         "WHERE entry_id = ?", (state, error, entry_id))

    def entries(self, incident_id: str) -> list[dict]:
        """Sections written here for an incident, with their sync state, oldest first."""
        rows = self.db.execute(
            "SELECT entry_id, section, body, owner, written_at, state, last_error "
            "FROM incident_entries WHERE incident_id = ? ORDER BY rowid", (incident_id,))
        keys = ("entry_id", "section", "body", "owner", "written_at", "state", "last_error")
        return [dict(zip(keys, row)) for row in rows]
