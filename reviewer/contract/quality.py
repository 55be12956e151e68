"""Quality on the wire: appeals, blind second review, golden cases, required rationale, holds
and hand-offs, and the figures a dashboard draws from them (GET /v1/quality).

One module so the server's rules (server/quality/), the workstation and the dashboards read
the same shapes. What a case carries for an appeal or a hand-off is here too; a golden copy
or a blind second review carries nothing of its own (indistinguishable from a live case).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from reviewer.contract.actions import Action
from reviewer.contract.fields import AnswerInt, Timestamp


# --- Appeals -------------------------------------------------------------------------------

class AppealIn(BaseModel):
    """POST /v1/appeals (a lead, for the platform's intake)."""

    decision_id: str = Field(min_length=1, max_length=200, description="the contested decision")
    statement: str = Field(default="", max_length=20_000, description="the author's words")


class AppealedDecision(BaseModel):
    """The contested decision as the appeals reviewer sees it."""

    decision_id: str
    case_id: str
    action: str
    policy: str
    note: str
    reviewer: str
    recorded_at: Timestamp
    guideline_version: str = Field(description="`<id>@<version>` it was made under; \"\"")


class GuidelineChange(BaseModel):
    """A version of the decision's guideline published after the one it was made under."""

    guideline_id: str
    version: AnswerInt
    title: str
    published_at: Timestamp


class AppealContext(BaseModel):
    """`Case.appeal` on a case of the `appeals` queue opened by POST /v1/appeals."""

    decision: AppealedDecision
    statement: str
    guideline_now: str = Field(description="`<id>@<latest version>`; \"\" if none is known")
    changed_since: list[GuidelineChange] = Field(
        description="newer versions of the decision's guideline, oldest first")


# --- Hold and hand-off ---------------------------------------------------------------------

class HoldIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500,
                        description="e.g. waiting for a translation, a legal opinion")


class Hold(BaseModel):
    """POST /v1/cases/{id}/hold: the lease is renewed while held, until `held_until`."""

    case_id: str
    reason: str
    held_at: Timestamp
    held_until: Timestamp = Field(description="after this, renewal answers lost `hold_expired`")
    lease_expires_at: Timestamp


class HandoffIn(BaseModel):
    to: str = Field(min_length=1, max_length=200, description="the colleague's reviewer name")
    note: str = Field(default="", max_length=20_000)


class Handoff(BaseModel):
    """`Case.handoff`: who handed the case to its lease holder, and why; shown at the top."""

    from_reviewer: str
    to_reviewer: str
    note: str
    at: Timestamp


# --- Configuration (leads) -----------------------------------------------------------------

class QueueQuality(BaseModel):
    """PUT/GET /v1/quality/queues/{queue_id}."""

    queue_id: str = ""
    second_review_share: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="share of accepted final decisions sent to a blind second review "
                    "(e.g. 0.05); off until the organisation sets it")
    golden_rate: float = Field(
        default=0.0, ge=0.0, le=1.0, description="chance that a claim mixes in a golden case")


class RationaleRule(BaseModel):
    """A decision with `action` under `policy` ("*": any) needs a non-blank note."""

    policy: str = Field(min_length=1, max_length=200)
    action: Action


class RationaleRules(BaseModel):
    """GET (anyone) / PUT (lead) /v1/quality/rationale-rules; PUT replaces the whole list."""

    rules: list[RationaleRule] = Field(max_length=500)


class RationaleRequired(BaseModel):
    """422 on a decision without the note a rule requires; nothing is stored."""

    error: Literal["rationale_required"]
    rule: RationaleRule


class GoldenIn(BaseModel):
    """POST /v1/quality/golden (lead): a decided case becomes a golden case."""

    case_id: str = Field(min_length=1, max_length=64)
    expected_action: Action
    expected_policy: str = Field(default="", max_length=200, description="\"\": any policy")


class GoldenCase(BaseModel):
    case_id: str
    expected_action: str
    expected_policy: str
    marked_by: str
    marked_at: Timestamp


class GoldenList(BaseModel):
    golden: list[GoldenCase]


# --- Figures (GET /v1/quality) --------------------------------------------------------------

class Agreement(BaseModel):
    """Blind second reviews settled so far, grouped by `key` (a policy or a reviewer)."""

    key: str
    reviewed: AnswerInt = Field(description="second reviews decided")
    agreed: AnswerInt = Field(description="…whose action matched the first decision")
    rate: float | None = Field(description="agreed / reviewed; null when none")


class Calibration(BaseModel):
    reviewer: str
    answered: AnswerInt = Field(description="golden cases this reviewer decided")
    matched: AnswerInt = Field(description="…with the expected action (and policy, if set)")
    share: float | None


class AppealOutcomes(BaseModel):
    policy: str
    upheld: AnswerInt
    overturned: AnswerInt
    open: AnswerInt


class QualityFigures(BaseModel):
    """A reviewer sees only figures about their own decisions; seniors and leads everyone's.
    Agreement by reviewer counts the first decider (was their decision confirmed?)."""

    agreement_by_policy: list[Agreement]
    agreement_by_reviewer: list[Agreement]
    calibration: list[Calibration]
    appeals: list[AppealOutcomes]
    disagreements_open: AnswerInt = Field(description="second reviews waiting for a senior")
