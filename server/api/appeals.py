"""Appeals, holds and hand-offs (docs/api.md "Quality"): HTTP in, a rule of server/quality/
called, HTTP out."""

from __future__ import annotations

from fastapi import APIRouter, Response

from reviewer.contract.cases import AppealCreated, ClaimResult
from reviewer.contract.errors import ErrorBody
from reviewer.contract.quality import AppealIn, Handoff, HandoffIn, Hold, HoldIn
from server import cases as case_store
from server.api.deps import AUTH_ERRORS, INVALID, NOT_FOUND, AnyReviewer, Db, Lead
from server.api.strict_json import StrictJsonRoute
from server.quality import holds
from server.quality.appeals import open_appeal
from server.timeutil import to_iso, utcnow

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute)
_NOT_YOURS = {409: {"model": ErrorBody, "description": "`not_your_lease`: hold a live lease"}}


@router.post("/appeals", response_model=AppealCreated, status_code=201, tags=["quality"],
             responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID,
                        409: {"model": ErrorBody,
                              "description": "`not_standing`, `already_appealed`"}})
def post_appeal(body: AppealIn, database: Db, lead: Lead) -> dict:
    """Open an appeal against the decision that stands on a case. Lead (the intake) only."""
    now = utcnow()
    with database.write() as conn:
        case_id = open_appeal(conn, lead, body.decision_id, body.statement, now)
        return {"case": case_store.get_case(conn, case_id, now)}


@router.post("/cases/{case_id}/hold", response_model=Hold, tags=["quality"],
             responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID, **_NOT_YOURS})
def post_hold(case_id: str, body: HoldIn, database: Db, reviewer: AnyReviewer) -> dict:
    """Hold a case you lease: renewals keep it until `held_until`, then it is released."""
    with database.write() as conn:
        return holds.hold(conn, reviewer, case_id, body.reason, utcnow())


@router.delete("/cases/{case_id}/hold", status_code=204, tags=["quality"],
               responses=AUTH_ERRORS)
def delete_hold(case_id: str, database: Db, reviewer: AnyReviewer) -> Response:
    """End your hold (the lease stays, renewed as any other)."""
    with database.write() as conn:
        holds.unhold(conn, reviewer, case_id)
    return Response(status_code=204)


@router.get("/handoffs", response_model=ClaimResult, tags=["quality"], responses=AUTH_ERRORS)
def get_handoffs(database: Db, reviewer: AnyReviewer) -> dict:
    """The open cases colleagues handed to the caller, as a claim answers them (`queue_id`
    ""; `lease_expires_at` the soonest of their leases): a workstation fetches them every
    round, so a hand-off reaches the colleague at once, at the top of their list."""
    now = utcnow()
    with database.read() as conn:
        handed = case_store.load_cases(conn, holds.handed_to(conn, reviewer, now), now)
    soonest = min((case["lease_expires_at"] for case in handed), default=to_iso(now))
    return {"queue_id": "", "lease_expires_at": soonest, "cases": handed}


@router.post("/cases/{case_id}/handoff", response_model=Handoff, tags=["quality"],
             responses={**AUTH_ERRORS, **NOT_FOUND, **_NOT_YOURS,
                        422: {"model": ErrorBody, "description": "`unknown_colleague`"}})
def post_handoff(case_id: str, body: HandoffIn, database: Db, reviewer: AnyReviewer) -> dict:
    """Hand a case you lease to a named colleague with a note; it heads their list."""
    with database.write() as conn:
        return holds.hand_off(conn, reviewer, case_id, body.to, body.note, utcnow())
