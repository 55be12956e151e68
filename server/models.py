"""Pydantic models of the wire format in docs/api.md; they are what /openapi.json shows.

Outgoing timestamps are plain strings already in `...Z` form (timeutil.to_iso), so what the
schema promises is exactly what goes out. Incoming timestamps are parsed as datetimes.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Literal

from pydantic import (
    BaseModel, ConfigDict, Field, ValidationError, model_serializer, model_validator,
)

Timestamp = Annotated[
    str,
    Field(
        json_schema_extra={"format": "date-time"},
        examples=["2024-05-01T12:00:00Z"],
        description="ISO 8601 UTC with a trailing Z",
    ),
]
CaseStatus = Literal["open", "awaiting_approval", "decided", "withdrawn", "deleted"]
# The largest integer SQLite stores; a larger one fails in the driver (a 500), so inputs that
# reach a column or a comparison are bounded by it and answer 422 instead.
MAX_INT64 = 2**63 - 1


class Action(str, Enum):
    no_violation = "no_violation"
    remove = "remove"
    label_sensitive = "label_sensitive"
    restrict_reach = "restrict_reach"
    suspend = "suspend"
    escalate = "escalate"
    approve = "approve"  # a senior upholds the decision awaiting approval (four eyes)
    reverse = "reverse"  # undo the decision that closed a case; it reopens


# Spelled out: approve and reverse are neither final actions of their own nor escalations.
FINAL_ACTIONS = frozenset({"no_violation", "remove", "label_sensitive", "restrict_reach",
                           "suspend"})
# A reviewer's enforcement on a high-profile author waits for a senior (four eyes).
ENFORCEMENT_ACTIONS = FINAL_ACTIONS - {"no_violation"}
# These may omit `policy`: approve copies the pending one's, reverse the reversed one's.
POLICY_OPTIONAL_ACTIONS = frozenset({"approve", "reverse"})


class ErrorBody(BaseModel):
    error: str


class InvalidRequest(BaseModel):
    """422 for a body, path or query that does not validate."""

    error: str = Field(examples=["invalid_request", "invalid_body"])
    detail: list[dict] = Field(default_factory=list)


class Health(BaseModel):
    status: Literal["ok"]
    server_time: Timestamp


class Me(BaseModel):
    name: str
    role: Literal["reviewer", "senior", "lead"]


class Queue(BaseModel):
    id: str
    name: str
    description: str
    open_count: int
    policies: list[str]
    default_policy: str
    sla_minutes: int = 1440  # the queue's SLA target, creation to deadline
    oldest_open_at: Timestamp | None = None  # creation time of the oldest open case
    breached: int = 0  # open cases past their SLA deadline
    due_soon: int = 0  # open cases reaching their deadline within the hour


class QueueList(BaseModel):
    queues: list[Queue]


class Report(BaseModel):
    reason: str
    reporter_id: str
    created_at: Timestamp


class HistoryEntry(BaseModel):
    at: Timestamp
    action: str
    policy: str
    summary: str


class Author(BaseModel):
    id: str
    handle: str
    display_name: str
    created_at: Timestamp
    followers: int
    high_profile: bool
    history: list[HistoryEntry]


class MediaRef(BaseModel):
    sha256: str = Field(description="hex sha256 of the bytes served by GET /v1/media/{sha256}")
    mime: str
    width: int
    height: int
    category: str
    label: str = Field(description="brief non-graphic description, shown before any reveal")


class PendingDecision(BaseModel):
    """What a senior looks at: the decision awaiting approval, or the escalation's reason."""

    decision_id: str
    action: str
    policy: str
    note: str
    reviewer: str
    recorded_at: Timestamp


class Case(BaseModel):
    id: str
    queue_id: str
    text: str
    language: str = Field(description="BCP 47 tag")
    region: str
    policy_area: str
    priority: int = Field(ge=1, le=4, description="1 most urgent .. 4")
    sla_deadline: Timestamp
    created_at: Timestamp
    status: CaseStatus
    reports: list[Report]
    author: Author
    media: list[MediaRef]
    lease_expires_at: Timestamp | None
    pending_decision: PendingDecision | None = Field(
        description="status awaiting_approval: the decision awaiting approval; an open case in "
                    "`escalations` whose latest decision is an escalate: that escalation")


class ClaimRequest(BaseModel):
    count: int = Field(default=1, ge=1, le=200)


class ClaimResult(BaseModel):
    queue_id: str
    lease_expires_at: Timestamp
    cases: list[Case]


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

    @model_serializer(mode="wrap")
    def _omit_unknown_guideline(self, handler):
        # Absent rather than "": an older client's answers stay exactly as they were.
        data = handler(self)
        if not data.get("guideline_version"):
            data.pop("guideline_version", None)
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


# --- ingestion (POST /v1/cases, lead only) --------------------------------------------------


class ReportIn(BaseModel):
    reason: str = Field(min_length=1, max_length=64)
    reporter_id: str = Field(default="reporter-ingest", max_length=64)
    created_at: datetime | None = Field(default=None, description="default: now")


class HistoryEntryIn(BaseModel):
    at: datetime
    action: str
    policy: str
    summary: str


class AuthorIn(BaseModel):
    """An author; if `id` already exists the stored author is kept and these fields ignored."""

    id: str = Field(min_length=1, max_length=64)
    handle: str = Field(min_length=1, max_length=200)
    display_name: str | None = Field(default=None, description="default: the handle")
    created_at: datetime | None = Field(default=None, description="default: now")
    followers: int = Field(default=0, ge=0, le=MAX_INT64)
    high_profile: bool = False
    history: list[HistoryEntryIn] = Field(default_factory=list)


class MediaIn(BaseModel):
    """Either new bytes (`data_base64` + `mime`) or an existing `sha256`.

    Width and height are measured when Pillow can decode the bytes; for bytes it cannot (a
    deliberately corrupt file) they are taken from the body, default 0.
    """

    data_base64: str | None = None
    sha256: str | None = Field(default=None, pattern="^[0-9a-f]{64}$")
    mime: str | None = Field(default=None, max_length=100)
    width: int | None = Field(default=None, ge=0, le=MAX_INT64)
    height: int | None = Field(default=None, ge=0, le=MAX_INT64)
    category: str = Field(default="benign", max_length=64)
    label: str = Field(default="", max_length=500)


class CaseIn(BaseModel):
    id: str | None = Field(
        default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$",
        description="default: a new `case-...` id",
    )
    queue_id: str
    text: str = Field(max_length=200_000)
    language: str = Field(default="en", max_length=35)
    region: str = Field(default="US", max_length=16)
    policy_area: str | None = Field(default=None, description="default: the queue's default")
    priority: int = Field(default=3, ge=1, le=4)
    sla_deadline: datetime | None = Field(default=None, description="default: now + 24 h")
    created_at: datetime | None = Field(default=None, description="default: now")
    status: Literal["open", "withdrawn"] = "open"
    reports: list[ReportIn] = Field(default_factory=list)
    author: AuthorIn | None = Field(default=None, description="default: a new synthetic author")
    media: list[MediaIn] = Field(default_factory=list, max_length=20)
