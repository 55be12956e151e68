"""FastAPI dependencies and shared OpenAPI response declarations for the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from server.auth.tokens import Reviewer, require_role
from server.store.database import Database
from reviewer.contract.errors import ErrorBody, InvalidRequest


def database_of(request: Request) -> Database:
    return request.app.state.database


async def _database(request: Request) -> Database:
    """database_of as a dependency: a coroutine, so FastAPI does not hand it to the thread pool
    and back (tokens.require_role says why that costs)."""
    return request.app.state.database


Db = Annotated[Database, Depends(_database)]
AnyReviewer = Annotated[Reviewer, Depends(require_role("reviewer"))]
Senior = Annotated[Reviewer, Depends(require_role("senior"))]
Lead = Annotated[Reviewer, Depends(require_role("lead"))]

AUTH_ERRORS = {
    401: {"model": ErrorBody, "description": "missing or unknown token"},
    403: {"model": ErrorBody, "description": "role too low; body names `required_role`"},
}
# Reading or deciding a case (or its media), and claiming, also check queues and leases.
READ_ERRORS = {
    **AUTH_ERRORS,
    403: {"model": ErrorBody,
          "description": "role too low (`forbidden`), or `not_your_case` / `not_your_queue`"},
}
NOT_FOUND = {404: {"model": ErrorBody, "description": "unknown id"}}
# Declared so FastAPI does not document its own `{"detail": ...}` shape, which we never send.
INVALID = {422: {"model": InvalidRequest, "description": "request does not validate"}}
