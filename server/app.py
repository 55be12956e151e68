"""The HTTP API of docs/api.md as a FastAPI application.

Endpoints are plain `def` functions: FastAPI runs them on its thread pool, which is where
blocking database calls belong. The one `async` endpoint (decisions) needs the raw body bytes
for the idempotency hash and hands the blocking work to the pool itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Body, FastAPI, Header, Query, Request, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from reviewer.contract.case_input import CaseIn, PriorityIn
from reviewer.contract.cases import Case, ClaimRequest, ClaimResult, QueueList
from reviewer.contract.decisions import (
    DecisionAccepted, DecisionConflict, DecisionList, decision_in_schema,
)
from reviewer.contract.errors import ErrorBody, InvalidRequest
from reviewer.contract.meta import Health, Me
from server.api import alerts as alerts_api
from server.api import oncall as oncall_api
from server.api import audit as admin_api
from server.api import escalations
from server.api import figures as figures_api
from server.api import guidelines as guidelines_api
from server.api import login as login_api
from server.api import sync as sync_api
from server.api import appeals as appeals_api
from server.api import quality as quality_api
from server.api import org_presets as org_presets_api
from server.api import investigation as investigation_api
from server.api import incidents as incidents_api
from server.api.org_presets import load_org_presets
from server import cases as case_store
from server.auth.access import (
    may_work_queue, record_lease_grants, require_case_access, require_media_access,
)
from server.audit import record_audit
from server.auth.shared_limits import DatabaseBuckets, DatabaseLoginThrottle
from server.auth.tokens import Reviewer
from server.api.login import install_throttle
from server.api.strict_json import NoNulInUrl
from server.store import request_timing
from server.store.database import open_database
from server.decisions import StoredResponse, list_decisions, record_decision
from server.api.deps import (
    AUTH_ERRORS, INVALID, NOT_FOUND, READ_ERRORS, AnyReviewer, Db, Lead, database_of,
)
from server.errors import ApiError, ContentFreeErrors, install_error_handlers
from server.ingest import insert_case
from server.quality.claims import claim_with_golden
from server.alerts.detectors import observe_case
from server.lifecycle import delete_case, set_priority, withdraw_case
from server.queue_catalog import ensure_default_queues
from server.auth.rate_limit import RateLimit, RateLimitMiddleware, TokenBuckets
from server.store.retention import DEFAULT_PURGE_EVERY, KeyRetention, retention_days_from_env
from server.store.schema import media
from server.api.strict_json import StrictJsonRoute
from server.timeutil import to_iso, utcnow

API_VERSION = "1.3.0"  # 1.1: batch decisions, lease renewal, change feed; 1.2: authorization;
# 1.3: four eyes on high-profile accounts and reversal
_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
_GONE = {409: {"model": ErrorBody, "description": "`deleted`: a deleted case is final"}}

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute)


def create_app(
    db_path: str | Path,
    key_retention_days: float | None = None,
    *,
    key_purge_every: int = DEFAULT_PURGE_EVERY,
    clock: Callable[[], datetime] = utcnow,
    rate_limit_per_second: float | None = None,
    rate_limit_burst: int | None = None,
    org_presets: dict | None = None,
    migrate: bool = True,
) -> FastAPI:
    """The API over the database at `db_path`: a SQLite file (created, with the five queues,
    if missing) or a PostgreSQL URL. With `migrate` False an out-of-date schema is refused
    (SchemaOutOfDate) instead of upgraded.

    Idempotency keys are kept `key_retention_days` (default: $REVIEWER_KEY_RETENTION_DAYS, else
    7) and purged at start-up and every `key_purge_every` decisions; `clock` only drives that
    purge, so tests can move it days ahead. Each token may send `rate_limit_burst` requests at
    once and `rate_limit_per_second` after that (defaults: rate_limit.py, or the environment;
    0 per second turns the limit off). `app.state.database` holds the open Database; it is
    closed when the app's lifespan ends (or by whoever runs it with lifespan off).
    """
    database = open_database(db_path, migrate_schema=migrate)
    with database.write() as conn:
        ensure_default_queues(conn)
    if key_retention_days is None:
        key_retention_days = retention_days_from_env()
    retention = KeyRetention(database, key_retention_days, key_purge_every, clock)
    retention.purge()
    app = FastAPI(
        title="Reviewer Workstation central API",
        version=API_VERSION,
        description="Contract: docs/api.md. Times are ISO 8601 UTC with a trailing Z.",
        lifespan=_closing(database),
    )
    app.state.database = database
    install_throttle(app, DatabaseLoginThrottle(database) if database.is_postgresql else None)
    app.state.key_retention = retention
    app.state.org_presets = load_org_presets(org_presets)
    install_error_handlers(app)
    app.include_router(router)
    for extra in (sync_api, escalations, admin_api, org_presets_api, figures_api, quality_api,
                  appeals_api):
        app.include_router(extra.router)
    app.include_router(guidelines_api.router)
    app.include_router(login_api.router)
    app.include_router(investigation_api.router)
    app.include_router(incidents_api.router)
    app.include_router(alerts_api.router)
    app.include_router(oncall_api.router)
    app.add_middleware(ContentFreeErrors)
    app.add_middleware(NoNulInUrl)
    rate_limit = RateLimit.resolve(rate_limit_per_second, rate_limit_burst)
    if rate_limit.enabled:  # added last, so it runs first: a limited request costs nothing
        # Several processes share one PostgreSQL, so they share their buckets in it too.
        buckets = DatabaseBuckets(database, rate_limit) if database.is_postgresql \
            else TokenBuckets(rate_limit)
        app.add_middleware(RateLimitMiddleware, buckets=buckets, database=database)
    if request_timing.enabled():  # outermost: the load bench's view of each request
        request_timing.watch_engine(database.engine)
        app.add_middleware(request_timing.ServerTimingMiddleware)
    return app


def _closing(database):
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        database.close()

    return lifespan


@router.get("/health", response_model=Health, tags=["meta"])
def health() -> dict:
    return {"status": "ok", "server_time": to_iso(utcnow())}


@router.get("/me", response_model=Me, responses=AUTH_ERRORS, tags=["meta"])
def me(reviewer: AnyReviewer) -> dict:
    return {"name": reviewer.name, "role": reviewer.role}


@router.get("/queues", response_model=QueueList, responses=AUTH_ERRORS, tags=["queues"])
def get_queues(database: Db, reviewer: AnyReviewer) -> dict:
    """The queues the caller may claim from (a reviewer: those assigned to them)."""
    with database.read() as conn:
        queues = case_store.list_queues(conn, utcnow())
        return {"queues": [q for q in queues if may_work_queue(reviewer, q["id"])]}


@router.post("/queues/{queue_id}/claim", response_model=ClaimResult, tags=["queues"],
             responses={**READ_ERRORS, **NOT_FOUND, **INVALID})
def claim(queue_id: str, database: Db, reviewer: AnyReviewer,
          request: Annotated[ClaimRequest | None, Body()] = None) -> dict:
    """Lease up to `count` open, unheld cases, most urgent first, for 30 minutes."""
    count = (request or ClaimRequest()).count
    now = utcnow()
    with database.write() as conn:
        if not case_store.queue_exists(conn, queue_id):
            raise ApiError(404, "unknown_queue")
        if not may_work_queue(reviewer, queue_id):
            raise ApiError(403, "not_your_queue")
        lease_expires_at, case_ids = claim_with_golden(conn, queue_id, reviewer, count, now)
        record_lease_grants(conn, reviewer.id, case_ids, now)
        claimed = case_store.load_cases(conn, case_ids, now)
    return {"queue_id": queue_id, "lease_expires_at": to_iso(lease_expires_at), "cases": claimed}


@router.get("/cases/{case_id}", response_model=Case, tags=["cases"],
            responses={**READ_ERRORS, **NOT_FOUND, **INVALID})
def get_case(case_id: str, database: Db, reviewer: AnyReviewer) -> dict:
    now = utcnow()
    with database.read() as conn:
        require_case_access(conn, reviewer, case_id, now)
        return case_store.get_case(conn, case_id, now)


@router.post("/cases", response_model=Case, status_code=201, tags=["cases"],
             responses={**AUTH_ERRORS,
                        409: {"model": ErrorBody, "description": "`case_exists`"},
                        422: {"model": InvalidRequest,
                              "description": "`unknown_queue`, `unknown_media`, `invalid_media`, "
                                             "`invalid_request`"}})
def post_case(case_in: CaseIn, database: Db, lead: Lead) -> dict:
    """Ingest one case (with author, reports and media). Lead only."""
    now = utcnow()
    with database.write() as conn:
        case_id = insert_case(conn, case_in, now)
        observe_case(conn, case_id, now)  # alerts: spikes, high profile, hash lists
        record_audit(conn, lead, "case_ingest", now, case_id, {"queue_id": case_in.queue_id})
        return case_store.get_case(conn, case_id, now)


@router.post("/cases/{case_id}/withdraw", response_model=Case, tags=["cases"],
             responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID,
                        409: {"model": ErrorBody, "description": "`already_decided`, `deleted`"}})
def post_withdraw(case_id: str, database: Db, lead: Lead) -> dict:
    """Mark a case withdrawn (the content is gone); later decisions get 409 `withdrawn`."""
    now = utcnow()
    with database.write() as conn:
        withdraw_case(conn, case_id, now, lead)
        return case_store.get_case(conn, case_id, now)


@router.post("/cases/{case_id}/priority", response_model=Case, tags=["cases"],
             responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID, **_GONE})
def post_priority(case_id: str, change: PriorityIn, database: Db, lead: Lead) -> dict:
    """Set a case's priority (1 most urgent .. 4); the change feed carries it. Lead only."""
    now = utcnow()
    with database.write() as conn:
        set_priority(conn, case_id, change.priority, now, lead)
        return case_store.get_case(conn, case_id, now)


@router.delete("/cases/{case_id}", response_model=Case, tags=["cases"],
               responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID})
def delete_case_endpoint(case_id: str, database: Db, lead: Lead) -> dict:
    """Mark a case deleted (status `deleted`): never claimed again, decisions get 409
    `withdrawn`. Its decisions are kept. Lead only."""
    now = utcnow()
    with database.write() as conn:
        delete_case(conn, case_id, now, lead)
        return case_store.get_case(conn, case_id, now)


@router.get("/media/{sha256}", response_class=Response, tags=["cases"],
            responses={**READ_ERRORS, **NOT_FOUND, **INVALID,
                       200: {"content": {"image/*": {}}, "description": "the media bytes"}})
def get_media(sha256: str, database: Db, reviewer: AnyReviewer) -> Response:
    """The bytes of media that belongs to a case the caller may read."""
    if not _SHA256_HEX.match(sha256):
        raise ApiError(404, "unknown_media")
    with database.read() as conn:
        row = conn.execute(
            select(media.c.mime, media.c.bytes).where(media.c.sha256 == sha256)
        ).first()
        if row is None:
            raise ApiError(404, "unknown_media")
        require_media_access(conn, reviewer, sha256, utcnow())
    headers = {
        # Content-addressed, so it never changes; "private" keeps shared caches out of it.
        "Cache-Control": "private, max-age=31536000, immutable",
        "ETag": f'"{sha256}"',
        "X-Content-Type-Options": "nosniff",
    }
    return Response(bytes(row.bytes), media_type=row.mime, headers=headers)


def _decision_request_body() -> dict:
    """The body is read raw (for the idempotency hash), so describe it for OpenAPI by hand."""
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": decision_in_schema()}}}}


@router.post(
    "/decisions", response_model=DecisionAccepted, status_code=201, tags=["decisions"],
    openapi_extra=_decision_request_body(),
    responses={
        **READ_ERRORS,
        404: {"model": ErrorBody, "description": "`unknown_case` (not stored)"},
        409: {"model": DecisionConflict,
              "description": "already decided (or awaiting approval), withdrawn, "
                             "`nothing_to_approve`, `nothing_to_reverse` (stored)"},
        422: {"model": InvalidRequest,
              "description": "`idempotency_key_reused`, `missing_idempotency_key`, "
                             "`idempotency_key_mismatch`, `invalid_body`, `note_required` "
                             "(not stored)"},
    },
)
async def post_decision(
    request: Request,
    reviewer: AnyReviewer,
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", description="must equal `decision_id`")
    ] = None,
) -> Response:
    """Record a decision exactly once; a retry with the same key replays the stored answer.

    A reviewer's enforcement on a high-profile author answers `pending_approval` (four eyes);
    403 also means `own_decision` or `not_your_decision` (not stored)."""
    raw_body = await request.body()
    stored = await run_in_threadpool(
        _record_and_count, request, reviewer, idempotency_key, raw_body
    )
    return Response(stored.body, status_code=stored.status_code, media_type="application/json")


def _record_and_count(request: Request, reviewer: Reviewer, idempotency_key: str | None,
                      raw_body: bytes) -> StoredResponse:
    stored = record_decision(database_of(request), reviewer, idempotency_key, raw_body)
    request.app.state.key_retention.note_decisions(1)  # may purge: on the pool, not the loop
    return stored


@router.get("/decisions", response_model=DecisionList, tags=["decisions"],
            responses={**AUTH_ERRORS, **INVALID})
def get_decisions(database: Db, _lead: Lead,
                  case_id: Annotated[str | None, Query()] = None) -> dict:
    """Every decision (or one case's) in recording order. Lead only."""
    with database.read() as conn:
        return {"decisions": list_decisions(conn, case_id)}
