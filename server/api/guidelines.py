"""Guideline endpoints: the versioned policy library and bulletins (docs/api.md, "Guidelines
and bulletins"). Reading and acknowledging: every reviewer; publishing and the
acknowledgement report: leads."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from server import guidelines as library
from server.api.deps import AUTH_ERRORS, INVALID, NOT_FOUND, AnyReviewer, Db, Lead
from reviewer.contract.errors import InvalidRequest
from reviewer.contract.fields import MAX_INT64, Timestamp
from server.api.paging import PageLimit, SinceSeq
from server.api.strict_json import StrictJsonRoute
from server.timeutil import utcnow

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute)

GuidelineId = Annotated[str, Path(pattern=library.GUIDELINE_ID_PATTERN)]
VersionNumber = Annotated[int, Path(ge=1, le=MAX_INT64)]
DEFAULT_GUIDELINE_PAGE = 100  # bodies run to pages of text: smaller pages than the change feed


class GuidelineIn(BaseModel):
    """A new version of document `id` (version 1 if the id is new)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=library.GUIDELINE_ID_PATTERN,
                    description="lower-case id, e.g. the policy area it documents")
    title: str = Field(min_length=1, max_length=200)
    kind: Literal["policy", "bulletin"] = "policy"
    policy_area: str = Field(default="", max_length=64,
                             description="the policy this documents (decisions name it)")
    queue_id: str = Field(default="", max_length=64, description="\"\": every queue")
    body: str = Field(min_length=1, max_length=200_000, description="plain text")
    requires_ack: bool | None = Field(default=None, description="default: true for a bulletin")


class GuidelineVersion(BaseModel):
    seq: int = Field(description="increasing; pass the last one seen as `since`")
    id: str
    version: int
    title: str
    kind: Literal["policy", "bulletin"]
    policy_area: str
    queue_id: str
    body: str
    requires_ack: bool
    published_at: Timestamp
    published_by: str
    acknowledged_at: Timestamp | None = Field(description="the caller's acknowledgement")


class GuidelinePage(BaseModel):
    guidelines: list[GuidelineVersion]
    cursor: int = Field(description="the last seq returned, or `since` if none")
    more: bool = Field(description="true if versions after `cursor` exist already")


class Acknowledgement(BaseModel):
    id: str
    version: int
    reviewer: str
    acknowledged_at: Timestamp = Field(description="the first acknowledgement; repeats keep it")


class AcknowledgedBy(BaseModel):
    reviewer: str
    role: Literal["reviewer", "senior", "lead"]
    acknowledged_at: Timestamp


class NotYetAcknowledged(BaseModel):
    reviewer: str
    role: Literal["reviewer", "senior", "lead"]


class AcknowledgementReport(BaseModel):
    id: str
    version: int
    acknowledged: list[AcknowledgedBy]
    not_acknowledged: list[NotYetAcknowledged] = Field(
        description="active accounts expected to acknowledge (a queue's bulletin: those who "
                    "may work the queue) that have not")


@router.get("/guidelines", response_model=GuidelinePage, tags=["guidelines"],
            responses={**AUTH_ERRORS, **INVALID})
def get_guidelines(database: Db, reviewer: AnyReviewer, since: SinceSeq = 0,
                   limit: PageLimit = DEFAULT_GUIDELINE_PAGE) -> dict:
    """Every guideline version published after `since`, oldest first (documents and bulletins)."""
    with database.read() as conn:
        return library.list_versions(conn, reviewer.id, since, limit)


@router.post("/guidelines", response_model=GuidelineVersion, status_code=201,
             tags=["guidelines"],
             responses={**AUTH_ERRORS,
                        422: {"model": InvalidRequest,
                              "description": "`invalid_request`, `unknown_queue`"}})
def post_guideline(document: GuidelineIn, database: Db, lead: Lead) -> dict:
    """Publish the next version of a document or bulletin. Lead only; versions are never edited."""
    with database.write() as conn:
        return library.publish(conn, lead, document.model_dump(), utcnow())


@router.post("/guidelines/{guideline_id}/versions/{version}/ack", response_model=Acknowledgement,
             tags=["guidelines"], responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID})
def post_acknowledgement(guideline_id: GuidelineId, version: VersionNumber, database: Db,
                         reviewer: AnyReviewer) -> dict:
    """The caller has read this version. Idempotent: a repeat answers the first one."""
    with database.write() as conn:
        return library.acknowledge(conn, reviewer, guideline_id, version, utcnow())


@router.get("/guidelines/{guideline_id}/versions/{version}/acks",
            response_model=AcknowledgementReport, tags=["guidelines"],
            responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID})
def get_acknowledgements(guideline_id: GuidelineId, version: VersionNumber, database: Db,
                         _lead: Lead) -> dict:
    """Who has acknowledged this version and who has not yet. Lead only."""
    with database.read() as conn:
        return library.acknowledgements(conn, guideline_id, version)

