"""The audit log: who did what to which case, for leads (GET /v1/audit).

`record_audit` is always called inside the write transaction of the action it describes, so an
entry exists exactly when the action committed (never for a rejected or rolled-back request).
Entries hold ids and codes only, never case text, notes or tokens: the audit log is read more
widely than the cases themselves.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from server.auth.tokens import Reviewer
from server.store.feeds import insert_feed_rows
from server.store.schema import audit_log
from server.timeutil import to_iso

ACTIONS = (
    "decision", "escalation", "escalation_approval",  # decisions and their review
    "approval", "amendment", "overturn", "reversal",  # four eyes and reversal
    "case_ingest", "withdraw", "delete", "priority_change",  # lead changes to cases
    "reviewer_create", "reviewer_revoke", "queue_assignment",  # administration
    "login", "login_failed", "logout", "password_set",  # sign-in (login_api.py, admin.py)
    "guideline_publish", "guideline_ack",  # guidelines and bulletins (guidelines.py)
    "account_note",  # a note on an account (investigation.py); the body is never here
    "appeal", "golden_mark", "quality_settings", "hold", "handoff",  # quality (server/quality/)
)
ADMIN_ACTOR = "admin-cli"  # server.auth.accounts functions run from a shell, not as a reviewer
ADMIN_ROLE = "admin"


def record_audit(conn: Connection, actor: Reviewer | None, action: str, at: datetime,
                 case_id: str | None = None, detail: dict | None = None) -> None:
    """Append one entry; `actor` None means the admin CLI."""
    record_audits(conn, [audit_row(actor, action, at, case_id, detail)])


def audit_row(actor: Reviewer | None, action: str, at: datetime, case_id: str | None = None,
              detail: dict | None = None) -> dict:
    """One entry, checked, for `record_audits` (a decision batch writes them together)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    name, role = (ADMIN_ACTOR, ADMIN_ROLE) if actor is None else (actor.name, actor.role)
    return {"at": at, "actor": name, "role": role, "action": action, "case_id": case_id,
            "detail": detail or {}}


def record_audits(conn: Connection, rows: list[dict]) -> None:
    """Add `audit_row`s in their order; read with a seq cursor too (store/feeds.py)."""
    insert_feed_rows(conn, audit_log, rows)


def list_audit(conn: Connection, since: int, limit: int) -> dict:
    """The AuditPage answer: up to `limit` entries after seq `since`, oldest first."""
    rows = conn.execute(
        # One row more than asked tells whether another page follows, without a count.
        select(audit_log).where(audit_log.c.seq > since).order_by(audit_log.c.seq)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    return {
        "entries": [
            {"seq": row.seq, "at": to_iso(row.at), "actor": row.actor, "role": row.role,
             "action": row.action, "case_id": row.case_id, "detail": dict(row.detail)}
            for row in page
        ],
        "cursor": page[-1].seq if page else since,
        "more": len(rows) > limit,
    }
