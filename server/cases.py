"""Reading queues and cases, and claiming (leasing) cases. Returns plain wire-shaped dicts."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, case, exists, func, or_, select, true, update

from server.media_history import prior_decisions
from server.quality.case_view import quality_fields
from server.quality.copies import claimable_by, copy_sources
from server.queue_catalog import ESCALATIONS_QUEUE_ID, queue_sla_minutes
from server.alerts.hash_lists import matches_by_sha
from server.store.schema import authors, case_media, cases, decisions, media, queues, reports
from server.timeutil import to_iso

LEASE_DURATION = timedelta(minutes=30)
MAX_OWN_LEASES = 200  # live leases a claim hands back to their holder, at most
AWAITING_APPROVAL = "awaiting_approval"  # four eyes: a reviewer's decision waits for a senior


DUE_SOON = timedelta(hours=1)  # "due soon" in the queue figures: breaching within the hour


def list_queues(conn: Connection, now: datetime) -> list[dict]:
    """Every queue with its open work: count, oldest open case, and how much is at or near
    its SLA deadline (what a lead and a specialist look at first)."""
    soon = now + DUE_SOON
    figures = {
        row.queue_id: row
        for row in conn.execute(
            select(cases.c.queue_id, func.count().label("open_count"),
                   func.min(cases.c.created_at).label("oldest"),
                   func.sum(case_when(cases.c.sla_deadline <= now)).label("breached"),
                   func.sum(case_when(and_(cases.c.sla_deadline > now,
                                           cases.c.sla_deadline <= soon))).label("due_soon"))
            # Awaiting cases are work too: for the seniors of the escalations queue.
            .where(cases.c.status.in_(["open", AWAITING_APPROVAL]))
            .group_by(cases.c.queue_id)
        ).all()
    }
    rows = conn.execute(select(queues).order_by(queues.c.position, queues.c.id)).all()
    return [{**_queue_dict(row, figures.get(row.id)),
             "next_unclaimed": _next_unclaimed(conn, row.id, now) if row.id in figures else None}
            for row in rows]


def _next_unclaimed(conn: Connection, queue_id: str, now: datetime) -> dict | None:
    """The case a claim would hand out next (the claim's own order and index, one row): a
    workstation whose local supply is full still claims when this is more urgent than the
    last case it holds, so crisis work is not left waiting behind older cases."""
    row = conn.execute(
        select(cases.c.priority, cases.c.sla_deadline)
        .where(cases.c.queue_id == queue_id, cases.c.status == "open", unheld_at(now))
        .order_by(*_URGENCY).limit(1)).first()
    return {"priority": row.priority, "sla_deadline": to_iso(row.sla_deadline)} if row else None


def case_when(condition) -> object:
    return case((condition, 1), else_=0)


def _queue_dict(row, figures) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "description": row.description,
        "open_count": figures.open_count if figures else 0,
        "policies": list(row.policies),
        "default_policy": row.default_policy,
        "sla_minutes": queue_sla_minutes(row.id),
        "oldest_open_at": to_iso(figures.oldest) if figures and figures.oldest else None,
        "breached": int(figures.breached or 0) if figures else 0,
        "due_soon": int(figures.due_soon or 0) if figures else 0,
    }


def queue_exists(conn: Connection, queue_id: str) -> bool:
    return conn.execute(select(queues.c.id).where(queues.c.id == queue_id)).first() is not None


def get_case(conn: Connection, case_id: str, now: datetime) -> dict | None:
    found = load_cases(conn, [case_id], now)
    return found[0] if found else None


def load_cases(conn: Connection, case_ids: list[str], now: datetime) -> list[dict]:
    """Full Case dicts for `case_ids`, in that order; unknown ids are skipped."""
    if not case_ids:
        return []
    rows = conn.execute(
        select(cases, authors.c.handle, authors.c.display_name, authors.c.followers,
               authors.c.high_profile, authors.c.history,
               authors.c.created_at.label("author_created_at"))
        .join(authors, authors.c.id == cases.c.author_id)
        .where(cases.c.id.in_(case_ids))
    ).all()
    reports_by_case = _reports_by_case(conn, case_ids)
    media_by_case = _media_by_case(conn, case_ids)
    prior_decisions.attach(conn, media_by_case, now,  # decide from description first
                           copy_sources(conn, case_ids))
    pending_by_case = _pending_by_case(conn, rows)
    quality = quality_fields(conn, rows)  # appeal, hand-off; a disagreement's two calls
    by_id = {
        row.id: {**_case_dict(row, reports_by_case[row.id], media_by_case[row.id], now),
                 "pending_decision": pending_by_case.get(row.id), **quality[row.id]}
        for row in rows
    }
    return [by_id[case_id] for case_id in case_ids if case_id in by_id]


def claim_cases(
    conn: Connection, queue_id: str, reviewer_id: int, count: int, now: datetime,
    may_approve: bool = False,
) -> tuple[datetime, list[str]]:
    """The caller's own live leases in the queue, then up to `count` more unheld open cases,
    most urgent first, all leased for LEASE_DURATION from now; with `may_approve` (seniors,
    leads) the escalations queue also hands out awaiting_approval cases.

    Own leases come back first so that a workstation that lost its cache (or a claim answer)
    gets its cases back at once instead of waiting out the lease. Must run inside a write
    transaction. On PostgreSQL, concurrent claims skip rows another claim has locked and
    re-check the rest once it commits, so no case goes to two reviewers.
    """
    lease_expires_at = now + LEASE_DURATION
    escalations = queue_id == ESCALATIONS_QUEUE_ID
    statuses = ["open", AWAITING_APPROVAL] if escalations and may_approve else ["open"]
    in_queue = and_(cases.c.queue_id == queue_id, cases.c.status.in_(statuses))
    held = and_(cases.c.lease_holder == reviewer_id, cases.c.lease_expires_at > now)
    unheld = unheld_at(now)
    case_ids = _own_leases(conn, and_(in_queue, held)) + _claimable(
        conn, and_(in_queue, unheld, _not_escalated_by(reviewer_id) if escalations else true(),
                   claimable_by(reviewer_id, may_approve)), count)
    if case_ids:
        conn.execute(
            update(cases)
            .where(cases.c.id.in_(case_ids))
            .values(lease_holder=reviewer_id, lease_expires_at=lease_expires_at)
        )
    return lease_expires_at, case_ids


def unheld_at(now: datetime):
    """No live lease: never claimed, or its lease ran out."""
    return or_(cases.c.lease_expires_at.is_(None), cases.c.lease_expires_at <= now)


_URGENCY = (cases.c.priority, cases.c.sla_deadline, cases.c.created_at, cases.c.id)


def _claimable(conn: Connection, condition, limit: int) -> list[str]:
    return list(conn.execute(
        select(cases.c.id).where(condition).order_by(*_URGENCY).limit(limit)
        .with_for_update(skip_locked=True, of=cases)  # PostgreSQL only; SQLite has one writer
    ).scalars())


def _own_leases(conn: Connection, condition) -> list[str]:
    """Sorted here, not in SQL: an ORDER BY would lead SQLite down the queue's urgency index
    through every open case instead of the few rows of the lease-holder index."""
    rows = conn.execute(select(*_URGENCY).where(condition)
                        .with_for_update(skip_locked=True, of=cases)).all()
    return [row.id for row in sorted(rows)[:MAX_OWN_LEASES]]


def _not_escalated_by(reviewer_id: int):
    """An escalation, or a decision awaiting approval, waits for someone else (four eyes): the
    reviewer who made it is not handed the case back, or it would sit under their lease, on
    nobody else's screen."""
    return ~exists().where(decisions.c.case_id == cases.c.id,
                           decisions.c.reviewer_id == reviewer_id,
                           or_(decisions.c.action == "escalate", decisions.c.pending.is_(True)))


def _pending_by_case(conn: Connection, rows) -> dict[str, dict]:
    """Case id -> what a senior is asked to look at: the decision awaiting approval, or the
    escalation an open escalations case is waiting on (its note holds the reason and plan)."""
    waiting = [row.id for row in rows if row.status == AWAITING_APPROVAL
               or (row.status == "open" and row.queue_id == ESCALATIONS_QUEUE_ID)]
    if not waiting:
        return {}
    latest = {}
    for row in conn.execute(select(decisions).where(decisions.c.case_id.in_(waiting))
                            .order_by(decisions.c.seq)):
        latest[row.case_id] = row  # ordered by seq: the last one written wins
    status_of = {row.id: row.status for row in rows}
    return {
        case_id: {"decision_id": row.decision_id, "action": row.action, "policy": row.policy,
                  "note": row.note, "reviewer": row.reviewer_name,
                  "recorded_at": to_iso(row.recorded_at)}
        for case_id, row in latest.items()
        if (row.pending if status_of[case_id] == AWAITING_APPROVAL
            else row.action == "escalate")
    }


def _reports_by_case(conn: Connection, case_ids: list[str]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    rows = conn.execute(
        select(reports).where(reports.c.case_id.in_(case_ids)).order_by(reports.c.id)
    )
    for row in rows:
        grouped[row.case_id].append(
            {"reason": row.reason, "reporter_id": row.reporter_id,
             "created_at": to_iso(row.created_at)}
        )
    return grouped


def _media_by_case(conn: Connection, case_ids: list[str]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    rows = conn.execute(
        # Never the bytes column here: they are fetched one by one from GET /v1/media.
        select(case_media.c.case_id, case_media.c.sha256, case_media.c.category,
               case_media.c.label, media.c.mime, media.c.width, media.c.height)
        .join(media, media.c.sha256 == case_media.c.sha256)
        .where(case_media.c.case_id.in_(case_ids))
        .order_by(case_media.c.case_id, case_media.c.position)
    )
    rows = list(rows)
    listed = matches_by_sha(conn, list({row.sha256 for row in rows}))
    for row in rows:
        grouped[row.case_id].append(
            {"sha256": row.sha256, "mime": row.mime, "width": row.width,
             "height": row.height, "category": row.category, "label": row.label,
             "hash_list_matches": listed.get(row.sha256, [])}
        )
    return grouped


def _case_dict(row, case_reports: list[dict], case_media_refs: list[dict], now: datetime) -> dict:
    lease_live = row.lease_expires_at is not None and row.lease_expires_at > now
    return {
        "id": row.id,
        "queue_id": row.queue_id,
        "text": row.text,
        "language": row.language,
        "region": row.region,
        "policy_area": row.policy_area,
        "priority": row.priority,
        "sla_deadline": to_iso(row.sla_deadline),
        "created_at": to_iso(row.created_at),
        "status": row.status,
        "reports": case_reports,
        "author": {
            "id": row.author_id,
            "handle": row.handle,
            "display_name": row.display_name,
            "created_at": to_iso(row.author_created_at),
            "followers": row.followers,
            "high_profile": bool(row.high_profile),
            "history": list(row.history),
        },
        "media": case_media_refs,
        "lease_expires_at": to_iso(row.lease_expires_at) if lease_live else None,
    }
