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
import logging
import uuid
from dataclasses import dataclass

import sqlite_utils

from reviewer.contract.incidents import Incident
from reviewer.domain import MalformedAnswer, to_iso, utc_now
from reviewer.store.crypto import TamperedItem, open_text, seal_text
from reviewer.store.database import store_cipher, transaction

log = logging.getLogger(__name__)

LIVE_STATES = ("open", "contained")


def _incident_context(incident_id: str) -> bytes:
    return b"incident\0" + incident_id.encode("utf-8")


def _entry_context(entry_id: str) -> bytes:
    return b"incident-entry\0" + entry_id.encode("utf-8")


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
        self.cipher = store_cipher(db)  # None only for a store opened without a key (tests)

    # --- incidents --------------------------------------------------------------------------
    def save_all(self, incidents: list[Incident]) -> bool:
        """Replace what is known with the central API's list; True if anything changed."""
        before = self._fingerprint()
        now = to_iso(utc_now())
        with transaction(self.db) as conn:
            conn.execute("DELETE FROM incidents")
            conn.execute("DELETE FROM incident_cases")
            for incident in incidents:
                conn.execute("INSERT INTO incidents (id, state, declared_at, data, sealed, "
                             "fetched_at) VALUES (?, ?, ?, ?, ?, ?)",
                             (incident.id, incident.state, incident.declared_at,
                              *self._sealed(incident), now))
                conn.executemany("INSERT OR IGNORE INTO incident_cases (case_id, incident_id) "
                                 "VALUES (?, ?)", [(c, incident.id) for c in incident.case_ids])
        return self._fingerprint() != before

    def save_one(self, incident: Incident) -> None:
        """An answer to a change made here (declare, sweep, ...), shown before the next sync."""
        with transaction(self.db) as conn:
            conn.execute("INSERT OR REPLACE INTO incidents (id, state, declared_at, data, "
                         "sealed, fetched_at) VALUES (?, ?, ?, ?, ?, ?)",
                         (incident.id, incident.state, incident.declared_at,
                          *self._sealed(incident), to_iso(utc_now())))
            conn.execute("DELETE FROM incident_cases WHERE incident_id = ?", (incident.id,))
            conn.executemany("INSERT OR IGNORE INTO incident_cases (case_id, incident_id) "
                             "VALUES (?, ?)", [(c, incident.id) for c in incident.case_ids])

    def incidents(self) -> list[dict]:
        """Every known incident (without case ids), live ones first, newest first."""
        rows = self.db.execute("SELECT id, data, sealed FROM incidents "
                               "ORDER BY state = 'closed', declared_at DESC").fetchall()
        return [i for i in (self._opened(*r) for r in rows) if i is not None]

    def incident(self, incident_id: str) -> dict | None:
        row = self.db.execute("SELECT id, data, sealed FROM incidents WHERE id = ?",
                              (incident_id,)).fetchone()
        return self._opened(*row) if row else None

    def _sealed(self, incident: Incident) -> tuple[str, bytes | None]:
        data = json.dumps(incident.model_dump(exclude={"case_ids"}), ensure_ascii=False)
        return seal_text(self.cipher, data, _incident_context(incident.id))

    def _opened(self, incident_id: str, clear: str, sealed: bytes | None) -> dict | None:
        try:
            return json.loads(open_text(self.cipher, clear, sealed,
                                        _incident_context(incident_id)))
        except TamperedItem:  # fetched whole again within the next rounds
            log.warning("a cached incident did not open; it comes again with the next sync")
            return None

    def tag_for(self, case_id: str) -> str:
        """The live incident a case belongs to (the latest declared), or ""."""
        row = self.db.execute(
            "SELECT i.id FROM incident_cases c JOIN incidents i ON i.id = c.incident_id "
            f"WHERE c.case_id = ? AND i.state IN {LIVE_STATES} ORDER BY i.declared_at DESC "
            "LIMIT 1", (case_id,)).fetchone()
        return row[0] if row else ""

    def _fingerprint(self) -> tuple:
        # From the opened data: a sealed blob differs at every write (a fresh nonce).
        return (sorted(json.dumps(i, sort_keys=True) for i in self.incidents()),
                self.db.execute("SELECT count(*) FROM incident_cases").fetchone()[0])

    # --- review sections written here ------------------------------------------------------
    def write_entry(self, incident_id: str, section: str, body: str, owner: str = "") -> str:
        """Queue one section save (or action item); durable before this returns."""
        entry_id = str(uuid.uuid4())
        clear, sealed = seal_text(self.cipher, body, _entry_context(entry_id))
        with transaction(self.db) as conn:
            conn.execute("INSERT INTO incident_entries (entry_id, incident_id, section, body, "
                         "body_sealed, owner, written_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (entry_id, incident_id, section, clear, sealed, owner,
                          to_iso(utc_now())))
        return entry_id

    def _body(self, entry_id: str, clear: str, sealed: bytes | None) -> str:
        try:
            return open_text(self.cipher, clear, sealed, _entry_context(entry_id))
        except TamperedItem:
            log.warning("the sealed review section %s does not open", entry_id[:8])
            return ""

    def pending_entries(self) -> list[PendingEntry]:
        rows = self.db.execute("SELECT entry_id, incident_id, section, body, body_sealed, owner, "
                               "written_at FROM incident_entries WHERE state = 'pending' "
                               "ORDER BY rowid").fetchall()
        return [PendingEntry(entry_id, incident_id, section, self._body(entry_id, body, sealed),
                             owner, written_at)
                for entry_id, incident_id, section, body, sealed, owner, written_at in rows]

    def mark_entry(self, entry_id: str, state: str, error: str = "") -> None:
        with transaction(self.db) as conn:
            conn.execute("UPDATE incident_entries SET state = ?, last_error = ? "
                         "WHERE entry_id = ?", (state, error, entry_id))

    def entries(self, incident_id: str) -> list[dict]:
        """Sections written here for an incident, with their sync state, oldest first."""
        rows = self.db.execute(
            "SELECT entry_id, section, body, body_sealed, owner, written_at, state, last_error "
            "FROM incident_entries WHERE incident_id = ? ORDER BY rowid", (incident_id,))
        return [{"entry_id": entry_id, "section": section,
                 "body": self._body(entry_id, body, sealed), "owner": owner,
                 "written_at": written_at, "state": state, "last_error": error}
                for entry_id, section, body, sealed, owner, written_at, state, error in rows]
