"""Quality endpoints (docs/api.md "Quality"): figures, per-queue settings, required-rationale
rules and golden cases. The rules live in server/quality/."""

from __future__ import annotations

from fastapi import APIRouter

from reviewer.contract.errors import ErrorBody
from reviewer.contract.quality import (
    GoldenCase, GoldenIn, GoldenList, QualityFigures, QueueQuality, RationaleRules,
)
from server import cases as case_store
from server.api.deps import AUTH_ERRORS, INVALID, NOT_FOUND, AnyReviewer, Db, Lead
from server.api.strict_json import StrictJsonRoute
from server.audit import record_audit
from server.errors import ApiError
from server.quality import golden, settings
from server.quality.figures import quality_figures
from server.timeutil import utcnow

router = APIRouter(prefix="/v1/quality", route_class=StrictJsonRoute, tags=["quality"])


@router.get("", response_model=QualityFigures, responses=AUTH_ERRORS)
def get_figures(database: Db, reviewer: AnyReviewer) -> dict:
    """Agreement, calibration and appeal outcomes; a reviewer sees only their own."""
    with database.read() as conn:
        return quality_figures(conn, reviewer)


@router.get("/queues/{queue_id}", response_model=QueueQuality,
            responses={**AUTH_ERRORS, **NOT_FOUND})
def get_queue_settings(queue_id: str, database: Db, _reviewer: AnyReviewer) -> dict:
    with database.read() as conn:
        _require_queue(conn, queue_id)
        return settings.queue_settings(conn, queue_id)


@router.put("/queues/{queue_id}", response_model=QueueQuality,
            responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID})
def put_queue_settings(queue_id: str, body: QueueQuality, database: Db, lead: Lead) -> dict:
    """Second-review share and golden rate of one queue. Lead only."""
    with database.write() as conn:
        _require_queue(conn, queue_id)
        record_audit(conn, lead, "quality_settings", utcnow(), None, {
            "queue_id": queue_id, "second_review_share": body.second_review_share,
            "golden_rate": body.golden_rate})
        return settings.set_queue_settings(conn, queue_id, body)


@router.get("/rationale-rules", response_model=RationaleRules, responses=AUTH_ERRORS)
def get_rationale_rules(database: Db, _reviewer: AnyReviewer) -> dict:
    with database.read() as conn:
        return {"rules": settings.list_rules(conn)}


@router.put("/rationale-rules", response_model=RationaleRules,
            responses={**AUTH_ERRORS, **INVALID})
def put_rationale_rules(body: RationaleRules, database: Db, lead: Lead) -> dict:
    """Replace the whole list. Lead only."""
    rules = [{"policy": rule.policy, "action": rule.action.value} for rule in body.rules]
    with database.write() as conn:
        record_audit(conn, lead, "quality_settings", utcnow(), None,
                     {"rationale_rules": len(rules)})
        return {"rules": settings.replace_rules(conn, rules)}


@router.post("/golden", response_model=GoldenCase, status_code=201,
             responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID,
                        409: {"model": ErrorBody, "description": "`not_decided`"}})
def post_golden(body: GoldenIn, database: Db, lead: Lead) -> dict:
    """Mark a decided case golden with the expected action (again: replaces). Lead only."""
    with database.write() as conn:
        return golden.mark(conn, lead, body, utcnow())


@router.get("/golden", response_model=GoldenList, responses=AUTH_ERRORS)
def get_golden(database: Db, _lead: Lead) -> dict:
    with database.read() as conn:
        return {"golden": golden.list_golden(conn)}


def _require_queue(conn, queue_id: str) -> None:
    if not case_store.queue_exists(conn, queue_id):
        raise ApiError(404, "unknown_queue")
