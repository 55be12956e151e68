"""Incidents and post-incident reviews on the wire (docs/api.md, "Incidents").

Shared by the central API (request and answer models) and the workstation (it checks every
answer against these). Reviewers appear in a review only as counts unless the organisation
lets reports name them (`reviewers.by_name`); exposure is never per person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reviewer.contract.fields import AnswerInt, Timestamp

Severity = Literal["critical", "high", "medium", "low"]
IncidentState = Literal["open", "contained", "closed"]
SweepKind = Literal["hash", "hashtag", "search"]
Section = Literal["summary", "root_cause", "went_well", "to_change", "action_item"]
# The sections a team writes, in the order a review reads them (action items are a list).
SECTIONS: tuple[str, ...] = ("summary", "root_cause", "went_well", "to_change", "action_item")
SECTION_TITLES = {"summary": "Summary", "root_cause": "Root cause",
                  "went_well": "What went well", "to_change": "What to change",
                  "action_item": "Action items"}


class IncidentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200)
    severity: Severity
    regions: list[str] = Field(default_factory=list, max_length=50,
                               description="region codes as cases carry them; []: every region")
    commander: str = Field(default="", max_length=200,
                           description="an active account's name; \"\": the caller")
    alert_id: str = Field(default="", max_length=64,
                          description="declare from this alert (GET /v1/alerts `id`, as a "
                                      "string): its cases join the incident")


class IncidentFigures(BaseModel):
    cases_in: AnswerInt
    decided: AnswerInt
    pending: AnswerInt = Field(description="open or awaiting approval")
    sla_breaches: AnswerInt = Field(description="decided after, or still open past, the deadline")
    reviewers_working: AnswerInt = Field(
        description="holding a lease on one of its open cases, or decided one in the last hour")


class Incident(BaseModel):
    id: str
    title: str
    severity: Severity
    regions: list[str]
    commander: str
    state: IncidentState
    alert_id: str | None
    declared_at: Timestamp
    declared_by: str
    contained_at: Timestamp | None
    closed_at: Timestamp | None
    bulletin: str | None = Field(description="`<guideline id>@<version>` of its sweep bulletin")
    figures: IncidentFigures
    case_ids: list[str]


class IncidentList(BaseModel):
    incidents: list[Incident]


class CasesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    case_ids: list[str] = Field(min_length=1, max_length=500)


class SweepIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    by: SweepKind
    query: str = Field(min_length=1, max_length=200,
                       description="a media sha256, a hashtag (with or without #), or words")


class SweepResult(BaseModel):
    matched: AnswerInt = Field(description="live cases that match")
    joined: AnswerInt = Field(description="of those, new to the incident")


class StateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    state: IncidentState


class MemberIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reviewer: str = Field(min_length=1, max_length=200)


class BulletinIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=200_000, description="plain text")
    queue_id: str = Field(default="", max_length=64, description="\"\": every queue")


class ReviewEntryIn(BaseModel):
    """One save of a section; `entry_id` (made by the workstation) is its idempotency key."""

    model_config = ConfigDict(extra="forbid")
    entry_id: str = Field(min_length=1, max_length=200)
    section: Section
    body: str = Field(min_length=1, max_length=20_000)
    owner: str = Field(default="", max_length=200, description="who does an action item")
    written_at: datetime


class ReviewEntry(BaseModel):
    entry_id: str
    section: Section
    body: str
    owner: str
    written_at: Timestamp
    recorded_at: Timestamp


class TimelineEntry(BaseModel):
    at: Timestamp
    kind: str = Field(description="first_case, first_report, alert_raised, on_call_paged, "
                                  "alert_acknowledged, "
                                  "declared, cases_joined, sweep, bulletin_published, "
                                  "first_decision, first_sla_breach, contained, reopened, closed")
    text: str = Field(description="one plain-text line saying what happened")


class HourCount(BaseModel):
    hour: Timestamp
    decisions: AnswerInt


class SeriesPoint(BaseModel):
    at: Timestamp
    cases_in: AnswerInt = Field(description="cases of the incident created by then")
    decided: AnswerInt = Field(description="of those, first decided by then")


class BulletinFigures(BaseModel):
    guideline: str
    published_at: Timestamp
    acknowledged: AnswerInt
    expected: AnswerInt = Field(description="accounts expected to acknowledge it")


class ReviewerFigures(BaseModel):
    count: AnswerInt = Field(description="reviewers who decided its cases")
    by_name: dict[str, int] | None = Field(
        description="decisions per reviewer; null unless the organisation names reviewers")


class ActionItem(BaseModel):
    body: str
    owner: str


class WrittenSections(BaseModel):
    summary: str = ""
    root_cause: str = ""
    went_well: str = ""
    to_change: str = ""
    action_items: list[ActionItem] = Field(default_factory=list)


class IncidentReview(BaseModel):
    incident: Incident
    generated_at: Timestamp
    timeline: list[TimelineEntry]
    decisions_per_hour: list[HourCount]
    time_to_first_action_s: float | None = Field(description="first report to first decision")
    time_to_contain_s: float | None = Field(description="first report to contained")
    guideline_versions: dict[str, int] = Field(
        description="decisions per `<guideline id>@<version>` in force (\"\": unknown)")
    decisions_by_action: dict[str, int]
    decisions_by_policy: dict[str, int]
    series: list[SeriesPoint]
    bulletin: BulletinFigures | None
    reviewers: ReviewerFigures
    media_by_category: dict[str, int] = Field(description="media items of its cases, in aggregate")
    sections: WrittenSections
    entries: list[ReviewEntry] = Field(description="every save of every section, oldest first")
