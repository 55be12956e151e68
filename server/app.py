"""The HTTP API of docs/api.md as a FastAPI application.

Endpoints are plain `def` functions: FastAPI runs them on its thread pool, which is where
blocking SQLite calls belong. The one `async` endpoint (decisions) needs the raw body bytes
for the idempotency hash and hands the blocking work to the pool itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Body, Depends, FastAPI, Header, Query, Request, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from server import cases as case_store
from server.auth import Reviewer, require_role
from server.db import Database, open_database
from server.decisions import list_decisions, record_decision
from server.errors import ApiError, install_error_handlers
from server.ingest import insert_case, withdraw_case
from server.models import (
    Case, CaseIn, ClaimRequest, ClaimResult, DecisionAccepted, DecisionConflict, DecisionIn,
    DecisionList, ErrorBody, Health, InvalidRequest, Me, QueueList,
)
from server.queue_catalog import ensure_default_queues
from server.schema import media
from server.timeutil import to_iso, utcnow

API_VERSION = "1.0.0"
_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


def _database(request: Request) -> Database:
    return request.app.state.database


Db = Annotated[Database, Depends(_database)]
AnyReviewer = Annotated[Reviewer, Depends(require_role("reviewer"))]
Lead = Annotated[Reviewer, Depends(require_role("lead"))]

_AUTH = {
    401: {"model": ErrorBody, "description": "missing or unknown token"},
    403: {"model": ErrorBody, "description": "role too low; body names `required_role`"},
}
_NOT_FOUND = {404: {"model": ErrorBody, "description": "unknown id"}}
# Declared so FastAPI does not document its own `{"detail": ...}` shape, which we never send.
_INVALID = {422: {"model": InvalidRequest, "description": "request does not validate"}}

router = APIRouter(prefix="/v1")


def create_app(db_path: str | Path) -> FastAPI:
    """The API over the SQLite file at `db_path` (created, with the five queues, if missing).

    `app.state.database` holds the open Database; whoever stops serving should `close()` it.
    """
    database = open_database(db_path)
    with database.write() as conn:
        ensure_default_queues(conn)
    app = FastAPI(
        title="Reviewer Workstation central API",
        version=API_VERSION,
        description="Contract: docs/api.md. Times are ISO 8601 UTC with a trailing Z.",
    )
    app.state.database = database
    install_error_handlers(app)
    app.include_router(router)
    return app


@router.get("/health", response_model=Health, tags=["meta"])
def health() -> dict:
    return {"status": "ok", "server_time": to_iso(utcnow())}


@router.get("/me", response_model=Me, responses=_AUTH, tags=["meta"])
def me(reviewer: AnyReviewer) -> dict:
    return {"name": reviewer.name, "role": reviewer.role}


@router.get("/queues", response_model=QueueList, responses=_AUTH, tags=["queues"])
def get_queues(database: Db, _reviewer: AnyReviewer) -> dict:
    with database.read() as conn:
        return {"queues": case_store.list_queues(conn)}


@router.post("/queues/{queue_id}/claim", response_model=ClaimResult, tags=["queues"],
             responses={**_AUTH, **_NOT_FOUND, **_INVALID})
def claim(queue_id: str, database: Db, reviewer: AnyReviewer,
          request: Annotated[ClaimRequest | None, Body()] = None) -> dict:
    """Lease up to `count` open, unheld cases, most urgent first, for 30 minutes."""
    count = (request or ClaimRequest()).count
    now = utcnow()
    with database.write() as conn:
        if not case_store.queue_exists(conn, queue_id):
            raise ApiError(404, "unknown_queue")
        lease_expires_at, case_ids = case_store.claim_cases(conn, queue_id, reviewer.id, count, now)
        claimed = case_store.load_cases(conn, case_ids, now)
    return {"queue_id": queue_id, "lease_expires_at": to_iso(lease_expires_at), "cases": claimed}


@router.get("/cases/{case_id}", response_model=Case, tags=["cases"],
            responses={**_AUTH, **_NOT_FOUND, **_INVALID})
def get_case(case_id: str, database: Db, _reviewer: AnyReviewer) -> dict:
    with database.read() as conn:
        case = case_store.get_case(conn, case_id, utcnow())
    if case is None:
        raise ApiError(404, "unknown_case")
    return case


@router.post("/cases", response_model=Case, status_code=201, tags=["cases"],
             responses={**_AUTH,
                        409: {"model": ErrorBody, "description": "`case_exists`"},
                        422: {"model": InvalidRequest,
                              "description": "`unknown_queue`, `unknown_media`, `invalid_media`, "
                                             "`invalid_request`"}})
def post_case(case_in: CaseIn, database: Db, _lead: Lead) -> dict:
    """Ingest one case (with author, reports and media). Lead only."""
    now = utcnow()
    with database.write() as conn:
        case_id = insert_case(conn, case_in, now)
        return case_store.get_case(conn, case_id, now)


@router.post("/cases/{case_id}/withdraw", response_model=Case, tags=["cases"],
             responses={**_AUTH, **_NOT_FOUND, **_INVALID,
                        409: {"model": ErrorBody, "description": "`already_decided`"}})
def post_withdraw(case_id: str, database: Db, _lead: Lead) -> dict:
    """Mark a case withdrawn (the content is gone); later decisions get 409 `withdrawn`."""
    with database.write() as conn:
        withdraw_case(conn, case_id)
        return case_store.get_case(conn, case_id, utcnow())


@router.get("/media/{sha256}", response_class=Response, tags=["cases"],
            responses={**_AUTH, **_NOT_FOUND, **_INVALID,
                       200: {"content": {"image/*": {}}, "description": "the media bytes"}})
def get_media(sha256: str, database: Db, _reviewer: AnyReviewer) -> Response:
    if not _SHA256_HEX.match(sha256):
        raise ApiError(404, "unknown_media")
    with database.read() as conn:
        row = conn.execute(
            select(media.c.mime, media.c.bytes).where(media.c.sha256 == sha256)
        ).first()
    if row is None:
        raise ApiError(404, "unknown_media")
    headers = {
        # Content-addressed, so it never changes; "private" keeps shared caches out of it.
        "Cache-Control": "private, max-age=31536000, immutable",
        "ETag": f'"{sha256}"',
        "X-Content-Type-Options": "nosniff",
    }
    return Response(bytes(row.bytes), media_type=row.mime, headers=headers)


def _decision_request_body() -> dict:
    """The body is read raw (for the idempotency hash), so describe it for OpenAPI by hand."""
    schema = DecisionIn.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": schema}}}}


@router.post(
    "/decisions", response_model=DecisionAccepted, status_code=201, tags=["decisions"],
    openapi_extra=_decision_request_body(),
    responses={
        **_AUTH,
        404: {"model": ErrorBody, "description": "`unknown_case` (not stored)"},
        409: {"model": DecisionConflict, "description": "already decided, or withdrawn (stored)"},
        422: {"model": InvalidRequest,
              "description": "`idempotency_key_reused`, `missing_idempotency_key`, "
                             "`idempotency_key_mismatch`, `invalid_body` (not stored)"},
    },
)
async def post_decision(
    request: Request,
    reviewer: AnyReviewer,
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", description="must equal `decision_id`")
    ] = None,
) -> Response:
    """Record a decision exactly once; a retry with the same key replays the stored answer."""
    raw_body = await request.body()
    stored = await run_in_threadpool(
        record_decision, _database(request), reviewer, idempotency_key, raw_body
    )
    return Response(stored.body, status_code=stored.status_code, media_type="application/json")


@router.get("/decisions", response_model=DecisionList, tags=["decisions"],
            responses={**_AUTH, **_INVALID})
def get_decisions(database: Db, _lead: Lead,
                  case_id: Annotated[str | None, Query()] = None) -> dict:
    """Every decision (or one case's) in recording order. Lead only."""
    with database.read() as conn:
        return {"decisions": list_decisions(conn, case_id)}
