"""Golden cases: decided cases a lead marked with the expected action, mixed into claims.

A claim draws a golden case at its queue's `golden_rate`; the reviewer then gets a fresh copy
(copies.py), indistinguishable from live work, which they have not been served before and
whose source they did not decide. Their decision on the copy is graded (decision_rules.py)
and closes only the copy.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import Connection, exists, select, update

from reviewer.contract.quality import GoldenIn
from server.audit import record_audit
from server.auth.tokens import Reviewer
from server.decision_rows import winning_row
from server.errors import ApiError
from server.quality.copies import copy_case, link
from server.store.portable import insert_ignoring_conflicts
from server.store.schema import cases, decisions, lease_grants
from server.store.quality_schema import golden_cases, quality_links
from server.timeutil import to_iso


def mark(conn: Connection, lead: Reviewer, golden_in: GoldenIn, now: datetime) -> dict:
    status = conn.execute(select(cases.c.status).where(cases.c.id == golden_in.case_id)).scalar()
    if status is None:
        raise ApiError(404, "unknown_case")
    if status != "decided" or winning_row(conn, golden_in.case_id) is None:
        raise ApiError(409, "not_decided")
    values = {"expected_action": golden_in.expected_action.value,
              "expected_policy": golden_in.expected_policy, "marked_by": lead.name,
              "marked_at": now}
    conn.execute(golden_cases.delete().where(golden_cases.c.case_id == golden_in.case_id))
    conn.execute(golden_cases.insert().values(case_id=golden_in.case_id, **values))
    record_audit(conn, lead, "golden_mark", now, golden_in.case_id,
                 {"expected_action": values["expected_action"]})
    return _golden_dict(golden_in.case_id, values)


def list_golden(conn: Connection) -> list[dict]:
    rows = conn.execute(select(golden_cases).order_by(golden_cases.c.marked_at))
    return [_golden_dict(row.case_id, row._mapping) for row in rows]


def serve(conn: Connection, queue_id: str, reviewer: Reviewer, now: datetime,
          lease_expires_at: datetime, rng: random.Random) -> str | None:
    """A new golden copy leased to `reviewer`, or None if no golden case suits them."""
    candidates = list(conn.execute(
        select(golden_cases.c.case_id).join(cases, cases.c.id == golden_cases.c.case_id)
        .where(cases.c.queue_id == queue_id, ~_decided_by(reviewer.id), ~_served_to(reviewer.id))
        .order_by(golden_cases.c.case_id)).scalars())
    if not candidates:
        return None
    source_id = rng.choice(candidates)
    source = winning_row(conn, source_id)
    if source is None:  # reversed since it was marked: no longer an answer to check against
        return None
    copy_id = copy_case(conn, source_id, now)
    link(conn, copy_id, "golden", source, now, excluded_reviewer_id=source.reviewer_id)
    conn.execute(update(cases).where(cases.c.id == copy_id).values(
        lease_holder=reviewer.id, lease_expires_at=lease_expires_at))
    conn.execute(insert_ignoring_conflicts(conn, lease_grants).values(
        case_id=copy_id, reviewer_id=reviewer.id, granted_at=now))
    return copy_id


def _decided_by(reviewer_id: int):
    return exists().where(decisions.c.case_id == golden_cases.c.case_id,
                          decisions.c.reviewer_id == reviewer_id)


def _served_to(reviewer_id: int):
    return exists().where(quality_links.c.source_case_id == golden_cases.c.case_id,
                          quality_links.c.kind == "golden",
                          lease_grants.c.case_id == quality_links.c.case_id,
                          lease_grants.c.reviewer_id == reviewer_id)


def _golden_dict(case_id: str, values) -> dict:
    return {"case_id": case_id, "expected_action": values["expected_action"],
            "expected_policy": values["expected_policy"], "marked_by": values["marked_by"],
            "marked_at": to_iso(values["marked_at"])}
