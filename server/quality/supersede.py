"""A settled call that differs from a standing decision: recorded as a reversal of it and a
new decision, never as an edit (an appeal overturned, a disagreement a senior decided).

The new rows get ids derived from the decision that caused them, so a replay of that
decision (which never reaches here: it is answered from its idempotency key) could not
write them twice anyway.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Connection, update

from reviewer.contract.actions import FINAL_ACTIONS
from reviewer.contract.decisions import DecisionIn
from server.audit import record_audit
from server.auth.tokens import Reviewer
from server.changes import record_change
from server.decision_rows import insert_decision, winning_row
from server.store.schema import cases

_NAMESPACE = uuid.UUID("9a4c1a55-3f59-4b53-9f0e-6a1d2f0c8e11")


def derived_id(cause: str, role: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{cause}/{role}"))


def supersede(conn: Connection, actor: Reviewer, original, action: str | None, policy: str,
              note: str, now: datetime, cause: str) -> bool:
    """Reverse `original` (a decision row) and, if `action` is final, record it in its place;
    the case stays decided. Without an action the case reopens for a fresh decision. False
    (nothing written) if `original` no longer stands."""
    standing = winning_row(conn, original.case_id)
    if standing is None or standing.decision_id != original.decision_id:
        return False
    reversal = _decision(cause, "reversal", original.case_id, "reverse", original.policy, note, now)
    insert_decision(conn, actor, reversal, now, reverses=original.decision_id)
    record_change(conn, original.case_id, "reversed", now, {
        "decision_id": reversal.decision_id, "reverses": original.decision_id,
        "reviewer": actor.name})
    record_audit(conn, actor, "reversal", now, original.case_id, {
        "decision_id": reversal.decision_id, "reverses": original.decision_id,
        "reversed_action": original.action})
    if action in FINAL_ACTIONS:
        decided = _decision(cause, "outcome", original.case_id, action, policy, note, now)
        insert_decision(conn, actor, decided, now)
        record_change(conn, original.case_id, "decided", now, {
            "action": action, "reviewer": actor.name, "decision_id": decided.decision_id})
        return True
    conn.execute(update(cases).where(cases.c.id == original.case_id).values(
        status="open", lease_holder=None, lease_expires_at=None))
    return True


def _decision(cause: str, role: str, case_id: str, action: str, policy: str, note: str,
              now: datetime) -> DecisionIn:
    return DecisionIn(decision_id=derived_id(cause, role), case_id=case_id, action=action,
                      policy=policy, note=note, decided_at=now)
