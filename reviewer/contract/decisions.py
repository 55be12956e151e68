"""Decisions on the wire: what a client sends, what the server answers, one at a time or in
a batch.

The single endpoint and the batch answer each item the same way (the same stored record), so
their models live together. Answer numbers are strict (see cases.py); request fields keep the
lax validation the server has always applied.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel, ConfigDict, Field, StrictInt, ValidationError, WithJsonSchema, model_serializer,
    model_validator,
)

from reviewer.contract.actions import POLICY_OPTIONAL_ACTIONS, Action
from reviewer.contract.errors import InvalidRequest
from reviewer.contract.fields import MAX_BATCH, Timestamp


class DecisionIn(BaseModel):
    """The body of POST /v1/decisions; `decision_id` must equal the Idempotency-Key header."""

    # Unknown extra fields are ignored (but still count in the idempotency hash).
    model_config = ConfigDict(extra="ignore")

    decision_id: str = Field(min_length=1, max_length=200)
    case_id: str = Field(min_length=1, max_length=64)
    action: Action
    policy: str = Field(default="", max_length=200,
                        description="required except for `approve` and `reverse`")
    note: str = Field(default="", max_length=20_000)
    decided_at: datetime
    guideline_version: str = Field(
        default="", max_length=64,
        description="`<guideline id>@<version>` the reviewer decided under; \"\": unknown")
    incident_id: str = Field(
        default="", max_length=64,
        description="the incident the case is worked under (GET /v1/incidents); \"\": none")

    @model_validator(mode="wrap")
    @classmethod
    def _policy_required(cls, data, handler):
        decision = handler(data)
        # Optional only where the server copies it; a missing policy elsewhere stays a 422.
        if ("policy" not in decision.model_fields_set
                and decision.action.value not in POLICY_OPTIONAL_ACTIONS):
            raise ValidationError.from_exception_data(cls.__name__, [
                {"type": "missing", "loc": ("policy",), "input": data}])
        return decision


class Decision(BaseModel):
    decision_id: str
    case_id: str
    action: Action
    policy: str
    note: str
    decided_at: Timestamp
    reviewer: str
    recorded_at: Timestamp
    guideline_version: str = Field(
        default="", description="`<guideline id>@<version>` as sent; absent if none was sent")
    incident_id: str = Field(default="", description="as sent; absent if none was sent")

    @model_serializer(mode="wrap")
    def _omit_unknown_guideline(self, handler):
        # Absent rather than "": an older client's answers stay exactly as they were.
        data = handler(self)
        for optional in ("guideline_version", "incident_id"):
            if not data.get(optional):
                data.pop(optional, None)
        return data


class DecisionAccepted(BaseModel):
    status: Literal["accepted", "pending_approval"] = Field(
        description="pending_approval: stored, waiting for a senior (four eyes)")
    decision: Decision


class DecisionConflict(BaseModel):
    error: Literal["conflict", "withdrawn", "nothing_to_approve", "nothing_to_reverse"]
    winning_decision: Decision | None = None


class DecisionList(BaseModel):
    decisions: list[Decision]


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
    status: StrictInt = Field(
        description="the status POST /v1/decisions would answer: 201/409/404/422")
    # Tried in order, first match wins: no body matches more than one of them the same way
    # (an accepted body has no `error`; a conflict's `error` is one of four words), and the
    # default ("smart") mode validated every accepted decision against all three.
    body: DecisionAccepted | DecisionConflict | InvalidRequest = Field(
        description="the body POST /v1/decisions would answer; the same stored record",
        union_mode="left_to_right",
    )


class BatchDecisionsResult(BaseModel):
    results: list[BatchDecisionResult] = Field(description="one per item, in request order")
