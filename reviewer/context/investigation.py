"""Investigation context kept on this machine: the central API's context of each cached case,
account notes (written here or there), and the cached cases related to a case.

The sync worker fills the context in (reviewer/sync/investigation.py); the investigation panel
reads it through `InvestigationStore.load`, which is a handful of indexed reads and one or two
AES-GCM opens, cheap enough for the UI thread. Context and notes are private (notes name
people, contexts say who reported what), so they are sealed at rest like case content, each
kind under its own associated-data prefix. Account notes written here are recorded at once
(sealed, 'pending'), show on every cached case of the account, and are pushed exactly once by
the sync worker under their client-generated id.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass

import sqlite_utils

from reviewer.store.crypto import TamperedItem
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, MalformedAnswer, to_iso, utc_now
from reviewer.store.database import store_cipher, transaction

log = logging.getLogger(__name__)

MAX_RELATED = 50  # per reason; the panel lists the most relevant first


def context_seal_context(case_id: str) -> bytes:
    return b"context\0" + case_id.encode("utf-8")


def note_seal_context(note_id: str) -> bytes:
    return b"account-note\0" + note_id.encode("utf-8")


@dataclass(frozen=True)
class AccountNote:
    note_id: str
    body: str
    reviewer: str  # "" for a note written here and not yet on the server
    created_at: str
    state: str = "sent"  # sent | pending (waits for the sync worker) | rejected
    error: str = ""


@dataclass(frozen=True)
class RelatedCase:
    case_id: str
    queue_id: str
    state: str  # the local state: open, decided, escalated, withdrawn, ...
    why: str  # "same author", "same media", "near-identical media (3 bits apart)", joined by "; "


@dataclass(frozen=True)
class Investigation:
    """What the panel shows for one case."""

    case_id: str
    context: dict | None  # the central API's CaseContext; None: not fetched (or unavailable)
    fetched_at: str  # when the context was fetched; "" if never
    error: str  # why the central API would not give it ("" if it did)
    notes: tuple[AccountNote, ...]
    related: tuple[RelatedCase, ...]


def check_context(data: object) -> dict:
    """A CaseContext as the panel needs it, or MalformedAnswer naming what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("case_id"), str):
        raise MalformedAnswer("context: missing case_id")
    for key, kind in (("author", dict), ("prior_enforcement", list), ("strikes", dict),
                      ("other_open_cases", list), ("reporters", list), ("notes", list)):
        if not isinstance(data.get(key), kind):
            raise MalformedAnswer(f"context {data['case_id']}: field {key!r} is missing or wrong")
    return data


def _content(context: dict) -> dict:
    """What the panel shows of a context: all of it but the time the server answered."""
    return {key: value for key, value in context.items() if key != "generated_at"}


class InvestigationStore:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.cipher = store_cipher(db)
        self.cases = CaseCache(db)

    # --- reading, for the panel ---------------------------------------------------------
    def load(self, case: Case) -> Investigation:
        author_key = self.cases.author_key(case.author.id)
        context, fetched_at, error = self.context(case.id)
        # Notes follow the account: the newest context of any of its cases has the latest.
        server_notes = (self._latest_context_of(author_key) or context or {}).get("notes", [])
        return Investigation(case.id, context, fetched_at, error,
                             self.notes(author_key, server_notes),
                             self.related(case.id, author_key))

    def context(self, case_id: str) -> tuple[dict | None, str, str]:
        """(context or None, fetched_at, error) of a cached case."""
        row = self.db.execute("SELECT fetched_at, error, sealed, data FROM case_context "
                              "WHERE case_id = ?", (case_id,)).fetchone()
        if row is None:
            return None, "", ""
        if row[1]:
            return None, row[0], row[1]
        data = self._open(row[2], row[3], context_seal_context(case_id), "case_context",
                          "case_id", case_id)
        return (json.loads(data), row[0], "") if data is not None else (None, "", "")

    def _latest_context_of(self, author_key: str) -> dict | None:
        """The newest context fetched for any cached case of the account (its notes follow
        the account, so they show on a case whose own context is not here yet)."""
        row = self.db.execute("SELECT case_id FROM case_context WHERE author_key = ? AND "
                              "error = '' ORDER BY fetched_at DESC LIMIT 1",
                              (author_key,)).fetchone()
        return self.context(row[0])[0] if row else None

    def notes(self, author_key: str, server_notes: list) -> tuple[AccountNote, ...]:
        """The account's notes newest first: the server's, plus ours it does not list yet."""
        notes = {
            str(n.get("note_id")): AccountNote(str(n.get("note_id")), str(n.get("body", "")),
                                               str(n.get("reviewer", "")),
                                               str(n.get("created_at", "")))
            for n in server_notes if isinstance(n, dict)
        }
        rows = self.db.execute("SELECT note_id, created_at, state, last_error, sealed, data "
                               "FROM account_notes WHERE author_key = ?", (author_key,))
        for note_id, created_at, state, error, sealed, data in rows.fetchall():
            if note_id in notes:
                continue  # the server's copy names its writer
            opened = self._open(sealed, data, note_seal_context(note_id), "account_notes",
                                "note_id", note_id)
            if opened is not None:
                body = json.loads(opened)["body"]
                notes[note_id] = AccountNote(note_id, body, "", created_at, state, error)
        return tuple(sorted(notes.values(), key=lambda n: n.created_at, reverse=True))

    def related(self, case_id: str, author_key: str) -> tuple[RelatedCase, ...]:
        """Cached cases of the same author, or sharing identical or near-identical media."""
        reasons: dict[str, list[str]] = {}
        info: dict[str, tuple[str, str]] = {}

        def add(rows, why) -> None:
            for other, queue_id, state, *extra in rows:
                info[other] = (queue_id, state)
                reasons.setdefault(other, []).append(why(*extra) if callable(why) else why)

        if author_key:  # open ones first, most urgent first: both straight off one index
            add(self.db.execute(
                "SELECT id, queue_id, local_state FROM cases WHERE author_key = ? AND "
                "local_state = 'open' AND id != ? ORDER BY priority, sla_deadline LIMIT ?",
                (author_key, case_id, MAX_RELATED)).fetchall(), "same author")
            # Two ranges rather than `!= 'open'`, which no index answers: SQLite then read every
            # case of the author from the table (~0.5 s on the UI thread for a prolific one).
            add(self.db.execute(
                "SELECT id, queue_id, local_state FROM cases WHERE author_key = ? AND "
                "(local_state < 'open' OR local_state > 'open') AND id != ? LIMIT ?",
                (author_key, case_id, MAX_RELATED - len(reasons))).fetchall(), "same author")
        add(self.db.execute(
            "SELECT DISTINCT c.id, c.queue_id, c.local_state FROM case_media a "
            "JOIN case_media b ON b.sha256 = a.sha256 AND b.case_id != a.case_id "
            "JOIN cases c ON c.id = b.case_id WHERE a.case_id = ? LIMIT ?",
            (case_id, MAX_RELATED)).fetchall(), "same media")
        add(self.db.execute(
            "SELECT c.id, c.queue_id, c.local_state, min(n.distance) FROM case_media a "
            "JOIN media_near n ON n.sha256 = a.sha256 JOIN case_media b ON b.sha256 = n.other "
            "JOIN cases c ON c.id = b.case_id WHERE a.case_id = ? AND c.id != ? "
            "GROUP BY c.id LIMIT ?", (case_id, case_id, MAX_RELATED)).fetchall(),
            lambda bits: f"near-identical media ({bits} bits apart)")
        related = [RelatedCase(other, *info[other], "; ".join(dict.fromkeys(why)))
                   for other, why in reasons.items()]
        # Open cases first (they can still be decided together), then the most reasons.
        related.sort(key=lambda r: (r.state != "open", -len(reasons[r.case_id])))
        return tuple(related)

    # --- account notes ------------------------------------------------------------------
    def add_note(self, case: Case, body: str) -> AccountNote:
        """Record a note on the case's account here, at once; the sync worker sends it."""
        note = AccountNote(str(uuid.uuid4()), body, "", to_iso(utc_now()), "pending")
        payload = json.dumps({"author_id": case.author.id, "body": body}, ensure_ascii=False)
        sealed, data = self._seal(payload, note_seal_context(note.note_id))
        with transaction(self.db) as conn:
            conn.execute("INSERT INTO account_notes (note_id, author_key, created_at, state, "
                         "sealed, data) VALUES (?, ?, ?, 'pending', ?, ?)",
                         (note.note_id, self.cases.author_key(case.author.id), note.created_at,
                          sealed, data))
        return note

    def pending_notes(self, limit: int = 100) -> list[tuple[str, str, str, str]]:
        """(note_id, author_key, author_id, body) of notes still to send, oldest first."""
        rows = self.db.execute("SELECT note_id, author_key, sealed, data FROM account_notes "
                               "WHERE state = 'pending' ORDER BY created_at LIMIT ?", (limit,))
        out = []
        for note_id, author_key, sealed, data in rows.fetchall():
            opened = self._open(sealed, data, note_seal_context(note_id), "account_notes",
                                "note_id", note_id)
            if opened is not None:
                fields = json.loads(opened)
                out.append((note_id, author_key, fields["author_id"], fields["body"]))
        return out

    def mark_note(self, note_id: str, state: str, error: str = "") -> None:
        with transaction(self.db) as conn:
            conn.execute("UPDATE account_notes SET state = ?, last_error = ? WHERE note_id = ?",
                         (state, error, note_id))

    # --- contexts, for the sync worker ----------------------------------------------------
    def save_context(self, context: dict) -> bool:
        """Cache a context fetched from the central API; True if it differs from the copy
        already here (the panel then redraws)."""
        case_id = context["case_id"]
        author = context.get("author") or {}
        text = json.dumps(context, ensure_ascii=False, sort_keys=True)
        before, _fetched, _error = self.context(case_id)
        changed = before is None or _content(before) != _content(context)
        sealed, data = self._seal(text, context_seal_context(case_id))
        self._write_context(case_id, self.cases.author_key(str(author.get("id", ""))),
                            "", sealed, data)
        return changed

    def save_unavailable(self, case_id: str, error: str) -> None:
        """The central API will not give this case's context (not ours any more, unknown)."""
        row = self.db.execute("SELECT author_key FROM cases WHERE id = ?", (case_id,)).fetchone()
        self._write_context(case_id, row[0] if row else "", error or "unavailable", 0, b"")

    def _write_context(self, case_id: str, author_key: str, error: str, sealed: int,
                       data: bytes) -> None:
        with transaction(self.db) as conn:
            conn.execute("INSERT INTO case_context (case_id, author_key, fetched_at, error, "
                         "sealed, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(case_id) DO UPDATE "
                         "SET author_key = excluded.author_key, fetched_at = excluded.fetched_at, "
                         "error = excluded.error, sealed = excluded.sealed, data = excluded.data",
                         (case_id, author_key, to_iso(utc_now()), error, sealed, data))

    def due_case_ids(self, older_than: str, limit: int) -> list[str]:
        """Open cached cases whose context is missing or fetched before `older_than`: those
        never fetched first, then the most urgent."""
        rows = self.db.execute(
            "SELECT c.id FROM cases c LEFT JOIN case_context x ON x.case_id = c.id "
            "WHERE c.local_state = 'open' AND (x.case_id IS NULL OR x.fetched_at < ?) "
            "ORDER BY x.case_id IS NOT NULL, c.priority, c.sla_deadline, c.id LIMIT ?",
            (older_than, limit))
        return [r[0] for r in rows.fetchall()]

    def refresh_account(self, author_key: str) -> None:
        """Fetch this account's contexts again in the next round (a note of ours reached it)."""
        with transaction(self.db) as conn:
            conn.execute("UPDATE case_context SET fetched_at = '' WHERE author_key = ?",
                         (author_key,))

    def forget_orphans(self) -> int:
        """Contexts of cases no longer cached, and sent notes on accounts no cached case has."""
        with transaction(self.db) as conn:
            gone = conn.execute("DELETE FROM case_context WHERE case_id NOT IN "
                                "(SELECT id FROM cases)").rowcount
            gone += conn.execute("DELETE FROM account_notes WHERE state != 'pending' AND "
                                 "author_key NOT IN (SELECT author_key FROM cases)").rowcount
        return gone

    # --- sealing --------------------------------------------------------------------------
    def _seal(self, text: str, context: bytes) -> tuple[int, bytes]:
        if self.cipher is None:
            return 0, text.encode("utf-8")  # a store without a key (tests) keeps it in clear
        return 1, self.cipher.seal(text.encode("utf-8"), context)

    def _open(self, sealed: int, data: bytes, context: bytes, table: str, key_column: str,
              key: str) -> str | None:
        if not sealed:
            return bytes(data).decode("utf-8")
        if self.cipher is None:
            return None  # sealed, and this connection has no key to open it
        try:
            return self.cipher.open(data, context).decode("utf-8")
        except TamperedItem:
            # A context is fetched again; a damaged unsent note cannot be recovered.
            log.warning("a sealed %s row failed authentication; dropped", table)
            with transaction(self.db) as conn:
                conn.execute(f"DELETE FROM {table} WHERE {key_column} = ?", (key,))
            return None
