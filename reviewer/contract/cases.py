"""Queues and cases as the central API answers them, and the claim that leases cases.

Numbers and flags in these answers are strict (StrictInt, StrictBool): lax validation would
read `true` as a width of 1 or `1` as a high-profile flag, and a client must refuse those;
numbers are bounded by what the client's store holds (fields.AnswerInt). The
server's own answers always carry real ints and bools, and what it accepts is unaffected: its
request models live in case_input.py and decisions.py.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, StrictBool, StrictInt

from reviewer.contract.alerts import HashListMatch
from reviewer.contract.fields import AnswerInt, Timestamp
from reviewer.contract.media_history import PriorDecision
from reviewer.contract.quality import AppealContext, Handoff

CaseStatus = Literal["open", "awaiting_approval", "decided", "withdrawn", "deleted"]


class NextUnclaimed(BaseModel):
    """The most urgent open case nobody holds: its place in the claim order."""
    priority: AnswerInt
    sla_deadline: Timestamp


class Queue(BaseModel):
    id: str
    name: str
    description: str
    open_count: AnswerInt
    policies: list[str]
    default_policy: str
    sla_minutes: AnswerInt = 1440  # the queue's SLA target, creation to deadline
    oldest_open_at: Timestamp | None = None  # creation time of the oldest open case
    breached: AnswerInt = 0  # open cases past their SLA deadline
    due_soon: AnswerInt = 0  # open cases reaching their deadline within the hour
    next_unclaimed: NextUnclaimed | None = None  # what a claim would hand out next; null: none


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
    followers: AnswerInt
    high_profile: StrictBool
    history: list[HistoryEntry]


class MediaRef(BaseModel):
    sha256: str = Field(description="hex sha256 of the bytes served by GET /v1/media/{sha256}")
    mime: str
    width: AnswerInt
    height: AnswerInt
    category: str
    label: str = Field(description="brief non-graphic description, shown before any reveal")
    prior_decisions: list[PriorDecision] = Field(
        default_factory=list, description="this week's decisions on other cases with the same "
                                          "or near-identical media, most frequent first")
    hash_list_matches: list[HashListMatch] = Field(
        default_factory=list,
        description="loaded hash lists this media lies within distance of (alerts.py); a "
                    "never-render category among them: the bytes are never fetched")


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
    priority: StrictInt = Field(ge=1, le=4, description="1 most urgent .. 4")
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
    appeal: AppealContext | None = Field(
        default=None, description="a case opened by POST /v1/appeals: what it contests")
    handoff: Handoff | None = Field(
        default=None, description="handed to its lease holder by a colleague, with a note")


class ClaimRequest(BaseModel):
    count: int = Field(default=1, ge=1, le=200)


class ClaimResult(BaseModel):
    queue_id: str
    lease_expires_at: Timestamp
    cases: list[Case]


class AppealCreated(BaseModel):
    """POST /v1/appeals: the appeal, a case in the `appeals` queue naming what it contests."""

    case: Case
