"""Which queues and cases a caller may work: the rule of docs/api.md "Authorization".

Seniors and leads may read and decide any case in any queue (seniors take escalations).
A reviewer works the queues assigned to them; a reviewer with no assignment has every queue.
On one case, a reviewer is refused (403 `not_your_case`) only when they never held a lease on
it AND either the case is in a queue not assigned to them or someone else holds a live lease
on it. Having held a lease, even one that expired and was claimed by someone else since, is
what keeps a decision made offline acceptable; whether it still wins is then the decision
rules' business (409 once the case is closed).

An escalation hands the case to the escalations queue: it releases the lease and forgets who
held one, so the escalating reviewer keeps no standing on it beyond their queue assignment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, select

from server.store.portable import insert_ignoring_conflicts
from server.auth.tokens import Reviewer
from server.errors import ApiError
from server.store.schema import case_media, cases, lease_grants

# What the case rule needs to know about a case; select these when checking access.
CASE_ACCESS_COLUMNS = (cases.c.id, cases.c.queue_id, cases.c.lease_holder,
                       cases.c.lease_expires_at)

# Built once, executed with parameters: a decision batch checks up to 500 cases.
_SELECT_GRANT = select(lease_grants.c.case_id).where(
    lease_grants.c.case_id == bindparam("case_id_"),
    lease_grants.c.reviewer_id == bindparam("reviewer_id_"))
_SELECT_CASE = select(*CASE_ACCESS_COLUMNS).where(cases.c.id == bindparam("case_id_"))


def not_your_case() -> ApiError:
    return ApiError(403, "not_your_case")


def may_work_queue(reviewer: Reviewer, queue_id: str) -> bool:
    """May the caller claim from this queue (and work its cases)? See auth.Reviewer.queues."""
    return reviewer.at_least("senior") or reviewer.queues is None or queue_id in reviewer.queues


def may_access_case(conn: Connection, reviewer: Reviewer, case, now: datetime) -> bool:
    """`case` is a row with CASE_ACCESS_COLUMNS; true if the caller may read and decide it."""
    if reviewer.at_least("senior") or case.lease_holder == reviewer.id:
        return True
    # lease_holder is someone else or nobody; a lease that has run out keeps nobody out.
    leased_to_other = case.lease_expires_at is not None and case.lease_expires_at > now
    if may_work_queue(reviewer, case.queue_id) and not leased_to_other:
        return True
    return _held_before(conn, reviewer.id, case.id)  # last: the only check that costs a query


def require_case_access(conn: Connection, reviewer: Reviewer, case_id: str,
                        now: datetime) -> None:
    """404 `unknown_case` or 403 `not_your_case` unless the caller may read the case."""
    case = conn.execute(_SELECT_CASE, {"case_id_": case_id}).first()
    if case is None:
        raise ApiError(404, "unknown_case")
    if not may_access_case(conn, reviewer, case, now):
        raise not_your_case()


def require_media_access(conn: Connection, reviewer: Reviewer, sha256: str,
                         now: datetime) -> None:
    """403 `not_your_case` unless the media belongs to a case the caller may read."""
    if reviewer.at_least("senior"):
        return
    holders = conn.execute(
        select(*CASE_ACCESS_COLUMNS).join(case_media, case_media.c.case_id == cases.c.id)
        .where(case_media.c.sha256 == sha256)
    )
    # Content-addressed media may be shared by many cases; one readable case is enough.
    if not any(may_access_case(conn, reviewer, case, now) for case in holders):
        raise not_your_case()


def record_lease_grants(conn: Connection, reviewer_id: int, case_ids: list[str],
                        now: datetime) -> None:
    """Remember that these cases were leased to the reviewer (in the claim's transaction)."""
    if case_ids:  # an existing grant keeps its first time
        conn.execute(insert_ignoring_conflicts(conn, lease_grants), [
            {"case_id": case_id, "reviewer_id": reviewer_id, "granted_at": now}
            for case_id in case_ids])


def forget_lease_grants(conn: Connection, case_id: str) -> None:
    """An escalation hands the case on: nobody keeps a standing from an earlier lease."""
    conn.execute(delete(lease_grants).where(lease_grants.c.case_id == case_id))


def _held_before(conn: Connection, reviewer_id: int, case_id: str) -> bool:
    grant = conn.execute(_SELECT_GRANT, {"case_id_": case_id, "reviewer_id_": reviewer_id})
    return grant.first() is not None
