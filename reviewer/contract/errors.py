"""The bodies of error answers, common to every endpoint.

Kept apart from the models of any one resource because every router refers to them.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    error: str


class InvalidRequest(BaseModel):
    """422 for a body, path or query that does not validate."""

    error: str = Field(examples=["invalid_request", "invalid_body"])
    detail: list[dict] = Field(default_factory=list)
