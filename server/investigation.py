"""The investigation context of a case, and account notes (docs/api.md "Investigation context
and account notes").

What an escalation specialist reads before deciding a high-profile or ambiguous case: who the
author is, what was enforced on the account before (its history plus the decisions recorded
here on its other cases), how many strikes it has, what else is open against it, how reliable
the case's reporters have been, and the notes reviewers left on the account. Everything is
metadata except the notes, which only reviewers who may read a case of the account can read or
write (see `may_note_author`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, case, exists, func, insert, select

from server.store.database import lock_idempotency_key
from server.auth.access import CASE_ACCESS_COLUMNS, may_access_case
from server.audit import record_audit
from server.auth.tokens import Reviewer
from server.cases import AWAITING_APPROVAL
from server.errors import ApiError
from reviewer.contract.actions import ENFORCEMENT_ACTIONS, FINAL_ACTIONS
from server.store.schema import account_notes, authors, cases, decisions, reporters, reports
from server.store.quality_schema import quality_links
from server.timeutil import parse_iso, to_iso

# A strike is an enforcement that weighs on the account: content removed, reach restricted or
# the account suspended (a sensitivity label is not a sanction, no violation is not one
# either), recorded in the account history or standing on one of its cases, in the last 90 days.
STRIKE_ACTIONS = frozenset({"remove", "restrict_reach", "suspend"})
STRIKE_WINDOW = timedelta(days=90)
OPEN_STATUSES = ("open", AWAITING_APPROVAL)
MAX_OTHER_OPEN = 50
MAX_NOTES = 100


def case_context(conn: Connection, case_id: str, now: datetime) -> dict:
    """The CaseContext answer for a case the caller may read (the caller checks access)."""
    row = conn.execute(
        select(cases.c.id, cases.c.author_id, authors)
        .join(authors, authors.c.id == cases.c.author_id).where(cases.c.id == case_id)
    ).first()
    if row is None:
        raise ApiError(404, "unknown_case")
    enforcement = prior_enforcement(conn, row, case_id)
    open_cases, open_total = other_open_cases(conn, row.author_id, case_id)
    return {
        "case_id": case_id,
        "author": {
            "id": row.author_id, "handle": row.handle, "display_name": row.display_name,
            "created_at": to_iso(row.created_at),
            "account_age_days": max(0, (now - row.created_at).days),
            "followers": row.followers, "high_profile": bool(row.high_profile),
        },
        "prior_enforcement": enforcement,
        "strikes": strikes(enforcement, now),
        "other_open_cases": open_cases,
        "other_open_total": open_total,
        "reporters": reporter_stats(conn, case_id),
        "notes": notes_of(conn, row.author_id),
        "generated_at": to_iso(now),
    }


def prior_enforcement(conn: Connection, author_row, case_id: str) -> list[dict]:
    """The account history plus the decisions that stand on the author's other cases, newest
    first. A decision stands when it is the latest final one on its case, not reversed and not
    waiting for approval; only enforcement (not `no_violation`) is listed."""
    entries = [
        {"at": str(h.get("at", "")), "action": str(h.get("action", "")),
         "policy": str(h.get("policy", "")), "summary": str(h.get("summary", "")),
         "source": "history", "case_id": None}
        for h in (author_row.history or []) if isinstance(h, dict)
        and h.get("action") in ENFORCEMENT_ACTIONS
    ]
    rows = conn.execute(
        select(decisions.c.case_id, decisions.c.decision_id, decisions.c.action,
               decisions.c.policy, decisions.c.decided_at, decisions.c.pending,
               decisions.c.reverses)
        .join(cases, cases.c.id == decisions.c.case_id)
        .where(cases.c.author_id == author_row.author_id, cases.c.id != case_id)
        .order_by(decisions.c.seq)
    ).all()
    reversed_ids = {row.reverses for row in rows if row.reverses}
    standing: dict[str, object] = {}
    for row in rows:  # in recording order: the last final one per case is the one that stands
        if row.action in FINAL_ACTIONS and not row.pending and row.decision_id not in reversed_ids:
            standing[row.case_id] = row
    for row in standing.values():
        if row.action in ENFORCEMENT_ACTIONS:
            entries.append({"at": to_iso(row.decided_at), "action": row.action,
                            "policy": row.policy, "summary": f"decided on {row.case_id}",
                            "source": "decision", "case_id": row.case_id})
    return sorted(entries, key=lambda e: e["at"], reverse=True)


def strikes(enforcement: list[dict], now: datetime) -> dict:
    since = now - STRIKE_WINDOW
    count = sum(1 for e in enforcement
                if e["action"] in STRIKE_ACTIONS and _parsed(e["at"]) >= since)
    return {"count": count, "window_days": STRIKE_WINDOW.days,
            "counted_actions": sorted(STRIKE_ACTIONS)}


def _parsed(text: str) -> datetime:
    try:
        return parse_iso(text)
    except ValueError:
        return datetime.min  # an unreadable history date never counts as recent


def other_open_cases(conn: Connection, author_id: str, case_id: str) -> tuple[list[dict], int]:
    """Open (or awaiting approval) cases of the same author: ids and metadata, most urgent
    first, at most MAX_OTHER_OPEN; and how many there are in all."""
    where = and_(cases.c.author_id == author_id, cases.c.id != case_id,
                 cases.c.status.in_(OPEN_STATUSES))
    total = conn.execute(select(func.count()).select_from(cases).where(where)).scalar_one()
    report_count = (select(func.count()).select_from(reports)
                    .where(reports.c.case_id == cases.c.id).scalar_subquery())
    rows = conn.execute(
        select(cases.c.id, cases.c.queue_id, cases.c.policy_area, cases.c.status,
               cases.c.priority, cases.c.sla_deadline, report_count.label("report_count"))
        .where(where).order_by(cases.c.priority, cases.c.sla_deadline, cases.c.id)
        .limit(MAX_OTHER_OPEN)
    ).all()
    return [{"case_id": r.id, "queue_id": r.queue_id, "policy_area": r.policy_area,
             "status": r.status, "priority": r.priority,
             "sla_deadline": to_iso(r.sla_deadline), "report_count": r.report_count}
            for r in rows], total


def _standing_action():
    """Correlated: the action of the decision that stands on `cases.id` (see prior_enforcement)."""
    later_reversal = select(decisions.c.reverses).where(
        decisions.c.case_id == cases.c.id, decisions.c.reverses.is_not(None))
    d = decisions.alias("standing")
    return (select(d.c.action)
            .where(d.c.case_id == cases.c.id, d.c.action.in_(sorted(FINAL_ACTIONS)),
                   d.c.pending.is_(False), d.c.decision_id.not_in(later_reversal))
            .order_by(d.c.seq.desc()).limit(1).scalar_subquery())


def reporter_stats(conn: Connection, case_id: str) -> list[dict]:
    """For each reporter of the case: reports filed, decided and upheld (the reported case
    ended in an enforcement action), historical totals plus this database's live counts."""
    ids = sorted(set(conn.execute(
        select(reports.c.reporter_id).where(reports.c.case_id == case_id)).scalars()))
    if not ids:
        return []
    standing = _standing_action()
    decided = and_(cases.c.status == "decided", standing.is_not(None))
    live = {row.reporter_id: row for row in conn.execute(
        select(reports.c.reporter_id, func.count().label("filed"),
               func.sum(case((decided, 1), else_=0)).label("decided"),
               func.sum(case((and_(decided, standing.in_(sorted(ENFORCEMENT_ACTIONS))), 1),
                             else_=0)).label("upheld"))
        .join(cases, cases.c.id == reports.c.case_id)
        .where(reports.c.reporter_id.in_(ids),
               # A second-review or golden copy repeats its source's reports: counted once.
               ~exists().where(quality_links.c.case_id == reports.c.case_id))
        .group_by(reports.c.reporter_id)
    )}
    past = {row.id: row for row in conn.execute(select(reporters).where(reporters.c.id.in_(ids)))}
    out = []
    for reporter_id in ids:
        now_row, old = live.get(reporter_id), past.get(reporter_id)
        counts = {}
        for field, live_field in (("reports_filed", "filed"), ("reports_decided", "decided"),
                                  ("reports_upheld", "upheld")):
            counts[field] = int(getattr(now_row, live_field, 0) or 0) + \
                int(getattr(old, field, 0) or 0)
        out.append({"reporter_id": reporter_id, **counts})
    return out


def notes_of(conn: Connection, author_id: str) -> list[dict]:
    rows = conn.execute(
        select(account_notes).where(account_notes.c.author_id == author_id)
        .order_by(account_notes.c.created_at.desc(), account_notes.c.note_id).limit(MAX_NOTES)
    ).all()
    return [_note_dict(row) for row in rows]


def _note_dict(row) -> dict:
    return {"note_id": row.note_id, "author_id": row.author_id, "body": row.body,
            "reviewer": row.reviewer_name, "created_at": to_iso(row.created_at)}


def may_note_author(conn: Connection, reviewer: Reviewer, author_id: str, now: datetime) -> bool:
    """The rule for account notes: a caller may write a note on an account when they may read
    at least one case of that account (access.py's case rule); seniors and leads always may."""
    if reviewer.at_least("senior"):
        return True
    rows = conn.execute(select(*CASE_ACCESS_COLUMNS).where(cases.c.author_id == author_id))
    return any(may_access_case(conn, reviewer, row, now) for row in rows)


def add_note(conn: Connection, reviewer: Reviewer, author_id: str, note_id: str, body: str,
             now: datetime) -> tuple[int, dict]:
    """Record a note once. A retry (same id, same account and body) answers the stored note
    with 200; the same id for another note is 409 `note_id_reused`. Inside a write
    transaction, with the audit entry (ids only, never the body)."""
    if conn.execute(select(authors.c.id).where(authors.c.id == author_id)).first() is None:
        raise ApiError(404, "unknown_author")
    if not may_note_author(conn, reviewer, author_id, now):
        raise ApiError(403, "not_your_case")
    lock_idempotency_key(conn, "note:" + note_id)  # a retry racing its original replays it
    stored = conn.execute(select(account_notes).where(account_notes.c.note_id == note_id)).first()
    if stored is not None:
        if (stored.author_id, stored.body, stored.reviewer_id) != (author_id, body, reviewer.id):
            raise ApiError(409, "note_id_reused")
        return 200, _note_dict(stored)
    values = {"note_id": note_id, "author_id": author_id, "body": body,
              "reviewer_id": reviewer.id, "reviewer_name": reviewer.name, "created_at": now}
    conn.execute(insert(account_notes), values)
    record_audit(conn, reviewer, "account_note", now, None,
                 {"note_id": note_id, "author_id": author_id})
    return 201, _note_dict(_Values(values))


class _Values:
    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)
