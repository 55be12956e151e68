"""The durable outbox: every decision is committed here before the UI shows it as made.

Life cycle of a row: pending -> sending -> accepted | conflict | rejected. `sending` is written
*before* the request goes out, so after a crash the engine knows the request may have reached
the server and simply sends it again under the same idempotency key; the server replays its
stored answer instead of recording the decision twice.

A decision's note (an escalation plan, the reason for a reversal) and the central API's answer
(which quotes notes, ours or the winning decision's) are sealed at rest like case content when
the store has a key. A note that cannot be opened any more (the key was lost with a keyring-less
restart) cannot be sent as it was made: its decision ends rejected here, saying why, so the
reviewer sees it and decides the case again -- never sent without it, never dropped unseen.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

import sqlite_utils
from pydantic_core import to_json

from reviewer.actions import DECISION_KINDS, ActionId
from reviewer.domain import Decision, parse_iso, to_iso, utc_now
from reviewer.store.crypto import TamperedItem, decision_context, open_text, seal_text
from reviewer.store.database import store_cipher, transaction
from reviewer.store.wal_checkpoint import checkpoint_later

log = logging.getLogger(__name__)

TERMINAL_STATES = ("accepted", "conflict", "rejected")
# A stored action's member by its value: a dict lookup, not an Enum call, per row of a batch.
_ACTIONS = {action.value: action for action in ActionId}
_NEEDS_ATTENTION = "state IN ('conflict', 'rejected') AND acknowledged_at = ''"
# What a decision whose sealed note no longer opens is answered with, here, instead of sending it.
NOTE_UNREADABLE = {
    "error": "note_unreadable", "local": True,
    "detail": "not sent: its note cannot be read on this machine any more (the cache key was "
              "lost, e.g. a restart without an OS keyring); decide the case again"}


@dataclass(frozen=True)
class OutboxEntry:
    decision: Decision
    state: str
    attempts: int
    last_error: str
    response: dict | None
    acknowledged: bool = False


def _awaits_approval(state: str, body: dict) -> int:
    return int(state == "accepted" and body.get("status") == "pending_approval")


def _local_state_after(action: ActionId) -> str:
    """A final decision takes the case off this reviewer's list; an escalation hands it on; a
    reversal reopens it here (the central API leases it back so it can be decided again)."""
    if action == ActionId.REVERSE:
        return "open"
    return "decided" if DECISION_KINDS[action].final else "escalated"


class Outbox:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.cipher = store_cipher(db)  # None: notes and answers are kept in clear

    def record(self, decision: Decision, hold_seconds: float = 0.0) -> None:
        """Commit the decision and take its case out of the local work list, atomically.
        `hold_seconds` keeps it unsent for a grace window in which it can still be undone.
        Durable (synchronous=FULL) when this returns; the log's checkpoint is left to a
        background thread (reviewer/store/wal_checkpoint.py)."""
        now = utc_now()
        note, sealed_note = self._seal(decision.decision_id, "note", decision.note)
        with checkpoint_later(self.db), transaction(self.db) as conn:
            conn.execute(
                "INSERT INTO outbox (decision_id, case_id, action, policy, note, decided_at, "
                "state, next_attempt_at, updated_at, guideline_version, sealed_note, incident_id) "
                "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)",
                (decision.decision_id, decision.case_id, decision.action.value,
                 decision.policy, note, decision.decided_at,
                 to_iso(now + timedelta(seconds=hold_seconds)) if hold_seconds else "", to_iso(now),
                 decision.guideline_version, sealed_note, decision.incident_id),
            )
            conn.execute("UPDATE cases SET local_state = ? WHERE id = ?",
                         (_local_state_after(decision.action), decision.case_id))

    def undo(self, decision_id: str) -> bool:
        """Withdraw a decision that has not left this machine (still in its grace window).
        The row stays, marked `withdrawn`, and its case is open here again."""
        now = to_iso(utc_now())
        with transaction(self.db) as conn:
            row = conn.execute(
                "SELECT case_id FROM outbox WHERE decision_id = ? AND state = 'pending' "
                "AND attempts = 0 AND next_attempt_at > ?", (decision_id, now)).fetchone()
            if row is None:
                return False
            conn.execute("UPDATE outbox SET state = 'withdrawn', updated_at = ? WHERE decision_id = ?",
                         (now, decision_id))
            conn.execute("UPDATE cases SET local_state = 'open' WHERE id = ?", (row[0],))
        return True

    def latest_accepted_final(self) -> Decision | None:
        """The most recent decision of ours the central API accepted and that closed a case."""
        latest = self.accepted_finals(1)
        return latest[0] if latest else None

    def accepted_finals(self, limit: int) -> list[Decision]:
        """Our decisions the central API accepted that closed a case and that we have not
        reversed yet, newest first: what "reverse decision" may reverse."""
        finals = [a.value for a, k in DECISION_KINDS.items() if k.final]
        marks = ",".join("?" * len(finals))
        rows = self.db.execute(
            "SELECT decision_id, case_id, action, policy, note, decided_at, sealed_note "
            f"FROM outbox WHERE state = 'accepted' AND action IN ({marks}) AND case_id NOT IN ("
            "  SELECT case_id FROM outbox WHERE action = 'reverse' AND state != 'withdrawn') "
            "ORDER BY seq DESC LIMIT ?", (*finals, limit)).fetchall()
        # A note that no longer opens does not stop a reversal: its id and case are what count.
        return [Decision(r[0], r[1], ActionId(r[2]), r[3], self._note(r[0], r[4], r[6]) or "",
                         r[5]) for r in rows]

    def seconds_until_due(self) -> float | None:
        """How long until the earliest held or backed-off decision is due (None: nothing waits)."""
        row = self.db.execute("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'").fetchone()
        if not row or row[0] is None:
            return None
        if not row[0]:
            return 0.0
        return max(0.0, (parse_iso(row[0]) - utc_now()).total_seconds())

    def due(self, limit: int = 100, in_flight: Collection[str] = ()) -> list[Decision]:
        """Decisions to send now: pending ones whose backoff has passed, and any left `sending`
        by a crash (they are re-sent under the same key). `in_flight`: ids of a request still
        out (a push sends the next batch while it records the last one's answers), left out."""
        # The request still out is left out by SQLite, which skips its rows in the index
        # instead of handing them over as Python tuples to be dropped here.
        marks = ",".join("?" * len(in_flight))
        rows = self.db.execute(
            "SELECT decision_id, case_id, action, policy, note, decided_at, guideline_version, "
            "sealed_note, incident_id FROM outbox INDEXED BY outbox_open "
            "WHERE state IN ('pending', 'sending') AND (state = 'sending' OR next_attempt_at <= ?) "
            f"{f'AND decision_id NOT IN ({marks}) ' if in_flight else ''}ORDER BY seq LIMIT ?",
            (to_iso(utc_now()), *in_flight, limit),
        ).fetchall()
        due, unreadable = [], []
        for r in rows:
            # A note kept in clear is read as it is: no context to build for a blob not there.
            note = r[4] if r[7] is None else self._note(r[0], r[4], r[7])
            if note is None:
                unreadable.append(r[0])
            else:
                due.append(Decision(r[0], r[1], _ACTIONS[r[2]], r[3], note, r[5], r[6], r[8]))
        if unreadable:
            self.record_answers([(d, "rejected", NOTE_UNREADABLE) for d in unreadable])
        return due

    def mark_sending(self, decision_ids: list[str]) -> None:
        """Written before the request goes out (see the module docstring), in one statement
        and one commit (a push marks a whole batch: up to BATCH_SIZE ids, well under SQLite's
        limit on parameters).

        The one commit of the store not fsynced (synchronous=NORMAL): it survives a crash of
        the program, and a power cut can only undo it, leaving the decisions `pending` and due,
        which are sent again under the same keys exactly as `sending` ones are. The next
        commit (the batch's answers) fsyncs it along. A drain of 10,000 decisions saved 20
        fsyncs this way."""
        now = to_iso(utc_now())
        marks = ",".join("?" * len(decision_ids))
        with transaction(self.db, durable=False) as conn:
            conn.execute("UPDATE outbox SET state = 'sending', updated_at = ? "
                         f"WHERE decision_id IN ({marks})", (now, *decision_ids))

    def record_answers(self, answers: list[tuple[str, str, dict]]) -> None:
        """Terminal answers for many decisions, (decision_id, state, response), in one commit."""
        now = to_iso(utc_now())
        for _, state, _ in answers:
            assert state in TERMINAL_STATES, state
        # pydantic-core's serializer: the text json.dumps(ensure_ascii=False) would give, less
        # its spaces, about 4× faster (a drain stores an answer per decision).
        if self.cipher is None:
            # Kept in clear: the statement writes the blob's NULL itself, because sqlite3 looks
            # for an adapter before it binds a None (~3,300 instructions a row).
            rows = [(state, to_json(body).decode(), _awaits_approval(state, body), now, d)
                    for d, state, body in answers]
            sql = ("UPDATE outbox SET state = ?, response = ?, sealed_response = NULL, "
                   "awaiting_approval = ?, updated_at = ? WHERE decision_id = ?")
        else:
            rows = [(state, *self._seal(d, "response", to_json(body).decode()),
                     _awaits_approval(state, body), now, d) for d, state, body in answers]
            sql = ("UPDATE outbox SET state = ?, response = ?, sealed_response = ?, "
                   "awaiting_approval = ?, updated_at = ? WHERE decision_id = ?")
        with transaction(self.db) as conn:
            conn.executemany(sql, rows)

    def acknowledge(self, decision_id: str) -> str:
        """The reviewer has seen this conflict or rejection and dealt with it. A rejected
        decision changed nothing on the central API, so its case is open here again, to be
        decided again, unless another decision of ours on it waits or stands (an escalation
        made from the conflicts view). Returns the id of a case so reopened, else ""."""
        with transaction(self.db) as conn:
            conn.execute("UPDATE outbox SET acknowledged_at = ? WHERE decision_id = ?",
                         (to_iso(utc_now()), decision_id))
            row = conn.execute("SELECT case_id FROM outbox WHERE decision_id = ? "
                               "AND state = 'rejected'", (decision_id,)).fetchone()
            if row is None:
                return ""
            reopened = conn.execute(
                "UPDATE cases SET local_state = 'open' WHERE id = ? AND local_state != 'open' "
                "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = cases.id "
                "AND o.state IN ('pending', 'sending', 'accepted'))", (row[0],)).rowcount
        return row[0] if reopened else ""

    def unacknowledged(self) -> list[OutboxEntry]:
        """Conflicts and rejections still waiting for the reviewer, oldest first."""
        return self.entries(where=_NEEDS_ATTENTION)

    def needs_attention(self) -> int:
        return self.db.execute(f"SELECT count(*) FROM outbox WHERE {_NEEDS_ATTENTION}").fetchone()[0]

    def is_ours(self, decision_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM outbox WHERE decision_id = ?",
                               (decision_id,)).fetchone() is not None

    def mark_retry(self, decision_ids: list[str], error: str, next_attempt_at: str) -> None:
        now = to_iso(utc_now())
        with transaction(self.db) as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'pending', attempts = attempts + 1, last_error = ?, "
                "next_attempt_at = ?, updated_at = ? WHERE decision_id = ?",
                [(error, next_attempt_at, now, d) for d in decision_ids])

    def mark_waiting(self, decision_ids: list[str], error: str, next_attempt_at: str) -> None:
        """Back to pending without counting an attempt: not the decisions' fault (the reviewer
        must sign in again), so they never run out of attempts and end up rejected."""
        now = to_iso(utc_now())
        with transaction(self.db) as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?, "
                "updated_at = ? WHERE decision_id = ?",
                [(error, next_attempt_at, now, d) for d in decision_ids])

    def attempts(self, decision_id: str) -> int:
        row = self.db.execute("SELECT attempts FROM outbox WHERE decision_id = ?",
                              (decision_id,)).fetchone()
        return row[0] if row else 0

    def counts(self) -> dict[str, int]:
        """Decisions by state. `awaiting_approval`: accepted by the central API but held for a
        senior (four eyes); they are not counted again under `accepted` until ruled on."""
        counts = {s: 0 for s in ("pending", "sending", "accepted", "awaiting_approval",
                                 "conflict", "rejected", "withdrawn")}
        for state, n in self.db.execute(
                "SELECT CASE WHEN awaiting_approval THEN 'awaiting_approval' ELSE state END, "
                "count(*) FROM outbox GROUP BY 1"):
            counts[state] = n
        return counts

    def awaiting_approval(self) -> int:
        """Our decisions a senior has still to rule on (four eyes); an indexed count."""
        return self.db.execute(
            "SELECT count(*) FROM outbox WHERE awaiting_approval = 1").fetchone()[0]

    def waiting(self) -> int:
        """Decisions made here that the central API has not acknowledged yet (the state index
        answers it without reading the rest of the log: it runs after every decision)."""
        return self.db.execute("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')"
                               ).fetchone()[0]

    def indicator_counts(self) -> tuple[int, int, int]:
        """(waiting, needs_attention, awaiting_approval) in one statement, each from its index:
        the sync indicator reads them after every decision, on the way to the next case."""
        return tuple(self.db.execute(
            "SELECT (SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')), "
            f"(SELECT count(*) FROM outbox WHERE {_NEEDS_ATTENTION}), "
            "(SELECT count(*) FROM outbox WHERE awaiting_approval = 1)").fetchone())

    def entries(self, state: str | None = None, where: str = "1") -> list[OutboxEntry]:
        sql = ("SELECT decision_id, case_id, action, policy, note, decided_at, state, attempts, "
               "last_error, response, acknowledged_at, sealed_note, sealed_response FROM outbox "
               f"WHERE {where}")
        rows = self.db.execute(sql + (" AND state = ?" if state else "") + " ORDER BY seq",
                               (state,) if state else ()).fetchall()
        return [
            OutboxEntry(Decision(r[0], r[1], ActionId(r[2]), r[3],
                                 self._note(r[0], r[4], r[11]) or "", r[5]),
                        r[6], r[7], r[8], self._response(r[0], r[9], r[12]), bool(r[10]))
            for r in rows
        ]

    def notes_since(self, seq: int) -> list[tuple[int, str, str]]:
        """(seq, case id, note) of the decisions after `seq` that carry a note, for the
        in-memory search index ('' for a note that no longer opens)."""
        rows = self.db.execute("SELECT seq, case_id, decision_id, note, sealed_note FROM outbox "
                               "WHERE seq > ? AND (note != '' OR sealed_note IS NOT NULL) "
                               "ORDER BY seq", (seq,)).fetchall()
        return [(r[0], r[1], self._note(r[2], r[3], r[4]) or "") for r in rows]

    # --- sealing ------------------------------------------------------------------------
    def _seal(self, decision_id: str, part: str, text: str) -> tuple[str, bytes | None]:
        if not text:
            return "", None  # nothing to hide: no blob
        if self.cipher is None:
            return text, None  # kept in clear (seal_text's answer), without building a context
        return seal_text(self.cipher, text, decision_context(decision_id, part))

    def _note(self, decision_id: str, clear: str, sealed: bytes | None) -> str | None:
        """The decision's note; None if it is sealed and does not open."""
        try:
            return open_text(self.cipher, clear, sealed, decision_context(decision_id, "note"))
        except TamperedItem:
            log.warning("the sealed note of decision %s does not open", decision_id[:8])
            return None

    def _response(self, decision_id: str, clear: str, sealed: bytes | None) -> dict | None:
        try:
            text = open_text(self.cipher, clear, sealed, decision_context(decision_id, "response"))
        except TamperedItem:
            return {"error": "answer_unreadable", "local": True,
                    "detail": "the central API's answer cannot be read on this machine any more"}
        return json.loads(text) if text else None
