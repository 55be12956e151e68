"""Pydantic models of the sync endpoints (batch decisions, lease renewal, the change feed).

Kept apart from models.py, which holds the original v1 wire format; like it, these are what
/openapi.json shows, and outgoing timestamps are already `...Z` strings.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, WithJsonSchema

from server.models import (
    DecisionAccepted, DecisionConflict, DecisionIn, InvalidRequest, Timestamp,
)

MAX_BATCH = 500


def decision_in_schema() -> dict:
    """DecisionIn's JSON schema with its references pointing into /openapi.json components."""
    schema = DecisionIn.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return schema


class BatchDecisionItem(BaseModel):
    idempotency_key: str = Field(description="as the Idempotency-Key header of POST /v1/decisions")
    # Any, not DecisionIn: an item that does not validate gets its own 422 `invalid_body`
    # while the others go on, and the idempotency hash is over the value exactly as sent.
    decision: Annotated[Any, WithJsonSchema(decision_in_schema())] = Field(
        description="the body POST /v1/decisions takes; `decision_id` must equal the key"
    )


class BatchDecisionsIn(BaseModel):
    decisions: list[BatchDecisionItem] = Field(min_length=1, max_length=MAX_BATCH)


class BatchDecisionResult(BaseModel):
    idempotency_key: str
    status: int = Field(description="the status POST /v1/decisions would answer: 201/409/404/422")
    body: DecisionAccepted | DecisionConflict | InvalidRequest = Field(
        description="the body POST /v1/decisions would answer; the same stored record"
    )


class BatchDecisionsResult(BaseModel):
    results: list[BatchDecisionResult] = Field(description="one per item, in request order")


class LeaseRenewRequest(BaseModel):
    case_ids: list[str] = Field(min_length=1, max_length=MAX_BATCH)


class RenewedLease(BaseModel):
    case_id: str
    lease_expires_at: Timestamp


class LostLease(BaseModel):
    case_id: str
    reason: Literal["decided", "withdrawn", "leased_by_other", "unknown_case"]


class LeaseRenewal(BaseModel):
    renewed: list[RenewedLease]
    lost: list[LostLease]


ChangeKind = Literal["withdrawn", "deleted", "priority_changed", "decided", "escalated",
                     "awaiting_approval", "approval", "reversed"]


class Change(BaseModel):
    seq: int = Field(description="increasing; pass the last one seen as `since`")
    case_id: str
    kind: ChangeKind
    at: Timestamp
    data: dict[str, Any] = Field(
        description="priority_changed: {priority}; decided: {action, reviewer, decision_id}; "
                    "escalated: {queue_id}; withdrawn, deleted: {}; awaiting_approval: "
                    "{decision_id, action, policy, reviewer}; approval: {outcome, action, "
                    "reviewer, original_decision_id, original_reviewer}; reversed: "
                    "{decision_id, reverses, reviewer}"
    )


class ChangeFeed(BaseModel):
    changes: list[Change]
    cursor: int = Field(description="the last seq returned, or `since` if none")
    more: bool = Field(description="true if changes after `cursor` exist already")


class PriorityIn(BaseModel):
    priority: int = Field(ge=1, le=4, description="1 most urgent .. 4")
