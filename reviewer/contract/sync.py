"""Lease renewal and the change feed: how a client keeps its cached cases current.

A workstation back from an outage renews its leases and reads what changed in a few requests
instead of one per case. Answer numbers and flags are strict (see cases.py).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, StrictBool

from reviewer.contract.fields import MAX_BATCH, AnswerInt, Timestamp


class LeaseRenewRequest(BaseModel):
    case_ids: list[str] = Field(min_length=1, max_length=MAX_BATCH)


class RenewedLease(BaseModel):
    case_id: str
    lease_expires_at: Timestamp


class LostLease(BaseModel):
    case_id: str
    reason: Literal["decided", "withdrawn", "leased_by_other", "unknown_case", "hold_expired"]


class LeaseRenewal(BaseModel):
    renewed: list[RenewedLease]
    lost: list[LostLease]


ChangeKind = Literal["withdrawn", "deleted", "priority_changed", "decided", "escalated",
                     "awaiting_approval", "approval", "reversed"]


class Change(BaseModel):
    seq: AnswerInt = Field(description="increasing; pass the last one seen as `since`")
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
    cursor: AnswerInt = Field(description="the last seq returned, or `since` if none")
    more: StrictBool = Field(description="true if changes after `cursor` exist already")
