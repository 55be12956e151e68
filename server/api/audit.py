"""Lead-only reading of the audit log (GET /v1/audit); writing it is audit.record_audit."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from server.audit import ACTIONS, list_audit
from server.api.paging import DEFAULT_PAGE, PageLimit, SinceSeq
from server.api.deps import AUTH_ERRORS, INVALID, Db, Lead
from reviewer.contract.fields import Timestamp
from server.api.strict_json import StrictJsonRoute

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute)


class AuditEntry(BaseModel):
    seq: int = Field(description="increasing; pass the last one seen as `since`")
    at: Timestamp
    actor: str = Field(description="reviewer name, or `admin-cli` for server.auth.accounts functions")
    role: Literal["reviewer", "senior", "lead", "admin", "anonymous"] = Field(
        description="`anonymous`: a failed sign-in under a name that matches no account")
    action: Literal[ACTIONS]  # type: ignore[valid-type]
    case_id: str | None
    detail: dict[str, Any] = Field(description="ids and codes only; never case text or notes")


class AuditPage(BaseModel):
    entries: list[AuditEntry]
    cursor: int = Field(description="the last seq returned, or `since` if none")
    more: bool = Field(description="true if entries after `cursor` exist already")


@router.get("/audit", response_model=AuditPage, tags=["admin"],
            responses={**AUTH_ERRORS, **INVALID})
def get_audit(
    database: Db,
    _lead: Lead,
    since: SinceSeq = 0,
    limit: PageLimit = DEFAULT_PAGE,
) -> dict:
    """Who did what, oldest first: decisions, escalations and their approval, lead changes
    to cases, reviewer accounts and queue assignments. Lead only."""
    with database.read() as conn:
        return list_audit(conn, since, limit)
