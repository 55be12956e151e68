"""The dashboards' figures as the central API answers them (docs/api.md, "Figures").

Both answers count from the central API's record over a window of whole hours ending at
`until`: one bucket per hour, the last one the hour `until` falls in (partly elapsed). Times are
UTC. Exposure is the reviewer's own record and stays on their workstation; only when the
organisation's policy says `daily_totals` does a workstation send a total per day (never per
case, never by stage), and the team view shows those totals as a distribution of reviewer-days,
never per person, and only once enough reviewers share that no bar is one person.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reviewer.contract.fields import Timestamp

ExposurePolicy = Literal["stays_here", "daily_totals"]
MAX_WINDOW_HOURS = 24
DEFAULT_WINDOW_HOURS = 8  # a shift
MAX_SHARED_DAYS = 31  # daily totals a workstation sends at once (its 30-day chart, and today)
MIN_SHARING_REVIEWERS = 3  # fewer, and a bar of the distribution could be one person


class HourCount(BaseModel):
    hour: Timestamp = Field(description="the start of the hour")
    count: int


class MyFigures(BaseModel):
    """GET /v1/figures/me: the caller's own decisions in the window."""

    reviewer: str
    window_start: Timestamp
    until: Timestamp
    decisions_per_hour: list[HourCount]
    decisions: int
    sla_met: int = Field(description="decisions made before their case's SLA deadline")
    sla_missed: int
    exposure_policy: ExposurePolicy = Field(
        description="`daily_totals`: the organisation asks workstations to send a daily "
                    "exposure total (POST /v1/figures/exposure); `stays_here`: they send none")


class QueueFigures(BaseModel):
    queue_id: str
    name: str
    inflow_per_hour: list[HourCount] = Field(description="cases created, per hour")
    decided_per_hour: list[HourCount] = Field(description="decisions recorded, per hour")
    backlog: int = Field(description="cases open or awaiting approval at `until`")
    breached: int = Field(description="of the backlog, past their SLA deadline")
    sla_met: int = Field(description="decisions in the window made before the deadline")
    sla_missed: int
    pace_per_hour: float = Field(description="decisions per hour over the window")
    breach_forecast: int = Field(
        description="backlog not yet breached that will breach at this pace, most urgent "
                    "deadline first")


class ExposureBin(BaseModel):
    from_s: float
    to_s: float | None = Field(description="null: no upper bound")
    reviewer_days: int


class TeamExposure(BaseModel):
    policy: ExposurePolicy
    days: int = Field(description="the distribution counts reviewer-days over this many days")
    reviewers: int = Field(description="reviewers who shared a total in those days")
    shown: bool = Field(description="false: too few reviewers share (or none may); bins empty")
    bins: list[ExposureBin]


class TeamFigures(BaseModel):
    """GET /v1/figures/team (lead only): every queue, and the team's shared exposure."""

    window_start: Timestamp
    until: Timestamp
    queues: list[QueueFigures]
    exposure: TeamExposure


class ExposureDay(BaseModel):
    model_config = ConfigDict(extra="forbid")
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="the workstation's date")
    exposure_s: float = Field(ge=0, le=86_400, description="seconds × area shown that day")


class ExposureTotals(BaseModel):
    """POST /v1/figures/exposure: the caller's daily totals (each day replaces what was sent)."""

    model_config = ConfigDict(extra="forbid")
    days: list[ExposureDay] = Field(max_length=MAX_SHARED_DAYS)


class ExposureStored(BaseModel):
    stored: int
