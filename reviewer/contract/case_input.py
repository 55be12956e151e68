"""What a lead sends to add a case (POST /v1/cases) or to change its priority.

Request models: they keep pydantic's lax numbers, so what the server accepts stays as
documented; the bounds keep every value within what the store can hold.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from reviewer.contract.fields import MAX_INT64


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
    display_name: str | None = Field(default=None, max_length=200,
                                     description="default: the handle")
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
    policy_area: str | None = Field(default=None, max_length=64,
                                    description="default: the queue's default")
    priority: int = Field(default=3, ge=1, le=4)
    sla_deadline: datetime | None = Field(default=None, description="default: now + 24 h")
    created_at: datetime | None = Field(default=None, description="default: now")
    status: Literal["open", "withdrawn"] = "open"
    reports: list[ReportIn] = Field(default_factory=list)
    author: AuthorIn | None = Field(default=None, description="default: a new synthetic author")
    media: list[MediaIn] = Field(default_factory=list, max_length=20)


class PriorityIn(BaseModel):
    priority: int = Field(ge=1, le=4, description="1 most urgent .. 4")
