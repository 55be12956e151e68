"""Applying the central API's change feed to the local cache.

Withdrawn or deleted content, decisions and escalations by others, and priority changes reach
the cache before the reviewer spends time on a case that no longer needs them. Only cases
still open here are touched: a case this reviewer already decided keeps its own state, and
its decision meets the change on the server (as a conflict if someone else won).

A change's `data` is free-form in the contract, so what is read from it is checked here: a
priority that is not a small int, or a decision id that is not text, makes that one change
count for nothing (logged), never the whole page (which would stall the feed for good).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import sqlite_utils

from reviewer.store.database import read_state, transaction
from reviewer.actions import ACTION_LABELS, ActionId
from reviewer.words import QT_TRANSLATE_NOOP, Phrase, translate

log = logging.getLogger(__name__)

CURSOR_KEY = "changes_cursor"

# The notes are kept in English in the store (marked: the window translates them on screen).
_CLOSING_KINDS = {
    "withdrawn": ("withdrawn", QT_TRANSLATE_NOOP("core", "Withdrawn by the platform")),
    "deleted": ("withdrawn", QT_TRANSLATE_NOOP("core", "Deleted by the platform")),
    "decided": ("closed_elsewhere", QT_TRANSLATE_NOOP("core", "Decided by another reviewer")),
    "escalated": ("closed_elsewhere", QT_TRANSLATE_NOOP("core", "Escalated by another reviewer")),
    "awaiting_approval": ("closed_elsewhere", QT_TRANSLATE_NOOP(
        "core", "Decided by another reviewer, awaiting a senior's approval")),
}


@dataclass
class AppliedChanges:
    closed: list[str] = field(default_factory=list)  # open cases taken off the work list
    reprioritised: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)  # seniors' verdicts on our decisions


def cursor(db: sqlite_utils.Database) -> int:
    return int(read_state(db, CURSOR_KEY, "0"))


def apply_changes(db: sqlite_utils.Database, changes: list[dict], new_cursor: int) -> AppliedChanges:
    """Apply a page of changes and move the cursor past them, in one transaction."""
    applied = AppliedChanges()
    with transaction(db) as conn:
        for change in changes:
            case_id, kind = str(change.get("case_id")), change.get("kind")
            if kind in _CLOSING_KINDS:
                state, why = _CLOSING_KINDS[kind]
                done = conn.execute(
                    "UPDATE cases SET local_state = ?, local_note = ? "
                    "WHERE id = ? AND local_state = 'open'", (state, why, case_id)).rowcount
                if done:
                    applied.closed.append(case_id)
            elif kind == "approval":
                outcome = _our_outcome(conn, case_id, _data(change))
                if outcome:
                    applied.outcomes.append(outcome)
            elif kind == "priority_changed":
                priority = _data(change).get("priority")
                if type(priority) is not int or not 1 <= priority <= 4:  # the contract's range; no bool
                    log.warning("change feed: ignored a priority change of case %s without a "
                                "usable priority", case_id[:80])
                elif conn.execute(
                    "UPDATE cases SET priority = ?, payload = json_set(payload, '$.priority', ?) "
                    "WHERE id = ?", (priority, priority, case_id)).rowcount:
                    applied.reprioritised.append(case_id)
        conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (CURSOR_KEY, str(new_cursor)))
    return applied


def _data(change: dict) -> dict:
    data = change.get("data")
    return data if isinstance(data, dict) else {}


def _our_outcome(conn, case_id: str, data: dict) -> str:
    """"Sam approved your “Remove” on case-1" (a Phrase), if the decision ruled on was ours."""
    original = data.get("original_decision_id")
    if not isinstance(original, str):
        return ""
    row = conn.execute("SELECT action FROM outbox WHERE decision_id = ?", (original,)).fetchone()
    if row is None:
        return ""
    # Ruled on: it no longer waits for a senior (the indicator and `status` stop saying so).
    conn.execute("UPDATE outbox SET awaiting_approval = 0 WHERE decision_id = ?", (original,))
    reviewer = data.get("reviewer")
    values = dict(reviewer=reviewer if isinstance(reviewer, str) and reviewer
                  else Phrase(translate("core", "A senior")),
                  action=_action_label(row[0]), case=case_id,
                  now=_action_label(data.get("action")))
    outcome = data.get("outcome")
    if outcome == "approved":
        return Phrase(translate("core", "{reviewer} approved your “{action}” on {case}"), **values)
    if outcome == "amended":
        return Phrase(translate("core", "{reviewer} amended your “{action}” on {case}: now "
                                "“{now}”"), **values)
    if outcome == "overturned":
        return Phrase(translate("core", "{reviewer} overturned your “{action}” on {case}: now "
                                "“{now}”"), **values)
    return Phrase(translate("core", "{reviewer} ruled on your “{action}” on {case}: now “{now}”"),
                  **values)


def _action_label(action: object) -> str:
    """An action's label as the decision bar shows it (translated on screen); an action this
    workstation does not know is shown as the server named it."""
    try:
        return Phrase(ACTION_LABELS[ActionId(action)])
    except ValueError:
        return str(action)
