"""The sync endpoints: batch decisions, lease renewal and the change feed (docs/api.md).

They exist so a workstation coming back from an outage can push its outbox, keep its leases
and learn what changed in a few requests instead of one per case.
"""

from __future__ import annotations


from fastapi import APIRouter, Request, Response

from server.changes import list_changes
from server.api.paging import DEFAULT_PAGE, PageLimit, SinceSeq
from server.decision_batch.record import record_decision_batch
from server.decisions import KeyedDecision, encode_batch_results
from server.api.deps import AUTH_ERRORS, INVALID, AnyReviewer, Db, database_of
from server.leases import renew_leases
from server.api.strict_json import StrictJsonRoute
from reviewer.contract.decisions import BatchDecisionsIn, BatchDecisionsResult
from reviewer.contract.sync import ChangeFeed, LeaseRenewal, LeaseRenewRequest
from server.timeutil import utcnow

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute)


@router.post("/decisions/batch", response_model=BatchDecisionsResult, tags=["decisions"],
             responses={**AUTH_ERRORS, **INVALID})
def post_decision_batch(batch: BatchDecisionsIn, request: Request,
                        reviewer: AnyReviewer) -> Response:
    """Record up to 500 decisions in one transaction; each item answers as POST /v1/decisions.

    An item that does not validate gets its own 422 and the others go on; only a request
    whose outer shape is wrong is rejected whole (422 `invalid_request`).
    """
    requests = [KeyedDecision.of(item.idempotency_key, item.decision) for item in batch.decisions]
    answers = record_decision_batch(database_of(request), reviewer, requests)
    request.app.state.key_retention.note_decisions(len(requests))
    # Returned as bytes: the stored bodies go out exactly as stored, without a re-encode.
    return Response(encode_batch_results(requests, answers), media_type="application/json")


@router.post("/leases/renew", response_model=LeaseRenewal, tags=["queues"],
             responses={**AUTH_ERRORS, **INVALID})
def post_lease_renewal(renewal: LeaseRenewRequest, database: Db, reviewer: AnyReviewer) -> dict:
    """Extend the caller's leases by 30 minutes from now; say why the others are lost."""
    with database.write() as conn:
        return renew_leases(conn, reviewer.id, renewal.case_ids, utcnow())


@router.get("/changes", response_model=ChangeFeed, tags=["sync"],
            responses={**AUTH_ERRORS, **INVALID})
def get_changes(
    database: Db,
    _reviewer: AnyReviewer,
    since: SinceSeq = 0,
    limit: PageLimit = DEFAULT_PAGE,
) -> dict:
    """Changes to cases after `since`, oldest first: withdrawals, deletions, priorities,
    decisions and escalations."""
    with database.read() as conn:
        return list_changes(conn, since, limit)
