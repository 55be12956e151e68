"""Case rows served for quality work, and who may not be handed them.

A blind second review and a golden check must look exactly like live work, so each is a fresh
copy of the source case: a new id in the ingest format, the same author, text, media and
reports, its timeline moved to end now (so its SLA deadline is the queue's, from then). Deciding the copy closes
only the copy; the link in `quality_links` says what its answer means.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import Connection, exists, insert, or_, select

from server.queue_catalog import queue_sla_minutes
from server.store.schema import case_media, cases, reports
from server.store.quality_schema import quality_links


def new_case_id() -> str:
    return f"case-{uuid.uuid4().hex[:12]}"  # as server/ingest.py names a new case


def copy_case(conn: Connection, source_id: str, now: datetime, *, queue_id: str | None = None,
              priority: int | None = None) -> str:
    """A new open, unleased copy of `source_id` (into `queue_id`, default the source's)."""
    source = conn.execute(select(cases).where(cases.c.id == source_id)).one()
    source_reports = conn.execute(select(reports).where(reports.c.case_id == source_id)
                                  .order_by(reports.c.id)).all()
    # The copy's story (posted, then reported) is the source's, moved to end now.
    last = max([source.created_at, *(row.created_at for row in source_reports)])
    created_at = now - (last - source.created_at)
    shift = created_at - source.created_at
    case_id, queue = new_case_id(), queue_id or source.queue_id
    conn.execute(insert(cases).values(
        id=case_id, queue_id=queue, author_id=source.author_id, text=source.text,
        language=source.language, region=source.region, policy_area=source.policy_area,
        priority=priority or source.priority, created_at=created_at, status="open",
        sla_deadline=created_at + timedelta(minutes=queue_sla_minutes(queue))))
    for row in source_reports:
        conn.execute(insert(reports).values(case_id=case_id, reason=row.reason,
                                            reporter_id=row.reporter_id,
                                            created_at=row.created_at + shift))
    for row in conn.execute(select(case_media).where(case_media.c.case_id == source_id)).all():
        conn.execute(insert(case_media).values(case_id=case_id, position=row.position,
                                               sha256=row.sha256, category=row.category,
                                               label=row.label))
    return case_id


def link(conn: Connection, case_id: str, kind: str, source, now: datetime, *,
         excluded_reviewer_id: int | None, statement: str = "") -> None:
    """`source` is the decision row the served case is about."""
    conn.execute(insert(quality_links).values(
        case_id=case_id, kind=kind, source_case_id=source.case_id,
        source_decision_id=source.decision_id, policy=source.policy,
        first_reviewer=source.reviewer_name, excluded_reviewer_id=excluded_reviewer_id,
        statement=statement, created_at=now))


def link_of(conn: Connection, case_id: str):
    return conn.execute(select(quality_links).where(quality_links.c.case_id == case_id)).first()


def claimable_by(reviewer_id: int, senior: bool):
    """Claim condition: not a case whose source this reviewer decided, and a disagreement
    only for a senior (their call settles it)."""
    mine = exists().where(quality_links.c.case_id == cases.c.id,
                          or_(quality_links.c.excluded_reviewer_id == reviewer_id,
                              quality_links.c.kind == "disagreement") if not senior else
                          quality_links.c.excluded_reviewer_id == reviewer_id)
    return ~mine


def copy_sources(conn: Connection, case_ids: list[str]) -> dict[str, str]:
    """Served quality copies among `case_ids` -> the case each copies."""
    return dict(conn.execute(select(quality_links.c.case_id, quality_links.c.source_case_id)
                             .where(quality_links.c.case_id.in_(case_ids))).all())
