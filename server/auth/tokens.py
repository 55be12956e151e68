"""Bearer-token authentication and role checks.

Tokens are looked up by their sha256, so a copy of the database does not hand out tokens.
Roles are ordered: a higher role may do everything a lower one may.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, select
from starlette.concurrency import run_in_threadpool

from server.errors import ApiError
from server.store.schema import reviewer_queues, reviewers, tokens

ROLE_RANKS = {"reviewer": 1, "senior": 2, "lead": 3}
ROLES = tuple(ROLE_RANKS)

# auto_error=False: we answer 401 ourselves, in the contract's shape. The scheme still makes
# /openapi.json declare bearer auth on every protected operation.
_bearer_scheme = HTTPBearer(auto_error=False, description="Reviewer token from `main.py admin`")


@dataclass(frozen=True)
class Reviewer:
    id: int
    name: str
    role: str
    # The queues assigned to a `reviewer`; None means every queue (the default, and always so
    # for seniors and leads). Loaded per request, so a new assignment counts from the next one.
    queues: frozenset[str] | None = None

    def at_least(self, role: str) -> bool:
        return ROLE_RANKS.get(self.role, 0) >= ROLE_RANKS[role]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def require_role(minimum_role: str):
    """A FastAPI dependency that yields the calling Reviewer if their role is high enough.

    A coroutine, so FastAPI runs it on the event loop (a plain function goes to the thread
    pool and back, a hand-off that waits for the interpreter lock while another request
    runs): the caller the rate limiter already looked up costs nothing, and only a lookup of
    its own goes to the pool, as the database read it is."""
    if minimum_role not in ROLE_RANKS:
        raise ValueError(f"unknown role {minimum_role!r}")

    async def dependency(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Depends(_bearer_scheme),
    ) -> Reviewer:
        if credentials is None or not credentials.credentials:
            raise _unauthorized()
        token_hash = hash_token(credentials.credentials)
        reviewer = _looked_up(request, token_hash)
        if reviewer is None:
            reviewer = await run_in_threadpool(_authenticate, request, token_hash)
        if not reviewer.at_least(minimum_role):
            raise ApiError(403, "forbidden", required_role=minimum_role)
        return reviewer

    return dependency


# scope["state"] key under which the rate limiter leaves (token sha256, Reviewer) when it has
# already looked the caller up: the same request need not ask the database twice.
AUTHENTICATED = "authenticated_reviewer"


def _looked_up(request: Request, token_hash: str) -> Reviewer | None:
    known = request.scope.get("state", {}).get(AUTHENTICATED)
    if known is not None and known[0] == token_hash:  # the very token the limiter looked up
        return known[1]
    return None


def _authenticate(request: Request, token_hash: str) -> Reviewer:
    with request.app.state.database.read() as conn:
        reviewer = reviewer_of(conn, token_hash)
    if reviewer is None:
        raise _unauthorized()
    return reviewer


def reviewer_of(conn: Connection, token_hash: str) -> Reviewer | None:
    """The Reviewer a token (by its sha256) authenticates now; None if unknown or revoked."""
    row = _token_owner(conn, token_hash)
    if row is None:
        return None
    queues = None if row.role != "reviewer" else _assigned_queues(conn, row.id)
    return Reviewer(id=row.id, name=row.name, role=row.role, queues=queues)


def _token_owner(conn: Connection, token_hash: str):
    return conn.execute(
        select(reviewers.c.id, reviewers.c.name, reviewers.c.role).where(
            reviewers.c.token_hash == token_hash,
            reviewers.c.revoked_at.is_(None),  # a revoked token reads as unknown
        )
    ).first() or _signed_in_reviewer(conn, token_hash)


def _signed_in_reviewer(conn: Connection, token_hash: str):
    """The reviewer a token from POST /v1/login belongs to, unless it or they are revoked."""
    return conn.execute(
        select(reviewers.c.id, reviewers.c.name, reviewers.c.role)
        .join(tokens, tokens.c.reviewer_id == reviewers.c.id)
        .where(tokens.c.token_hash == token_hash, tokens.c.revoked_at.is_(None),
               reviewers.c.revoked_at.is_(None))
    ).first()


def _assigned_queues(conn: Connection, reviewer_id: int) -> frozenset[str] | None:
    assigned = frozenset(conn.execute(
        select(reviewer_queues.c.queue_id).where(reviewer_queues.c.reviewer_id == reviewer_id)
    ).scalars())
    return assigned or None  # no rows: every queue


def _unauthorized() -> ApiError:
    return ApiError(401, "unauthorized", headers={"WWW-Authenticate": "Bearer"})
