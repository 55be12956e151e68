"""Signing in with a password (POST /v1/login) and out again (POST /v1/logout).

Every sign-in issues a new token (table `tokens`, kept as a sha256 like every token), so a
reviewer signed in on two machines can sign out of one and keep working on the other. A wrong
password and an unknown name get the same answer after the same amount of work (passwords.py);
failures are throttled per name and per address (login_throttle.py) and audited with the reason
and the client address, never the password, and never a name that matches no account (people
type their password into the name field).
"""

from __future__ import annotations

import math
import secrets
from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import insert, select, update

from server.audit import record_audit
from server.auth.tokens import Reviewer, hash_token
from server.api.deps import AUTH_ERRORS, INVALID, AnyReviewer, Db
from server.errors import ApiError
from server.auth.login_throttle import LoginThrottle
from reviewer.contract.errors import ErrorBody
from server.auth.passwords import MAX_LENGTH, verify_password
from server.store.schema import reviewers, tokens
from server.api.strict_json import StrictJsonRoute
from server.timeutil import utcnow

router = APIRouter(prefix="/v1", route_class=StrictJsonRoute)

# Who a failed sign-in is audited as when the name matches no account.
UNKNOWN_USER = Reviewer(id=0, name="(unknown user)", role="anonymous")
BAD_CREDENTIALS = "invalid_credentials"


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=MAX_LENGTH)


class LoginOut(BaseModel):
    token: str = Field(description="a new bearer token for this sign-in; shown once")
    reviewer: str
    role: Literal["reviewer", "senior", "lead"]


class LogoutOut(BaseModel):
    revoked: bool = Field(description="false for the admin-issued account token, which only "
                                      "the administrator revokes")


def install_throttle(app, throttle: LoginThrottle | None = None) -> None:
    app.state.login_throttle = throttle or LoginThrottle()


@router.post("/login", response_model=LoginOut, tags=["meta"], responses={
    401: {"model": ErrorBody, "description": "`invalid_credentials`: unknown name or wrong "
                                             "password (the same answer for both)"},
    429: {"model": ErrorBody, "description": "`too_many_attempts`: wait `Retry-After` seconds"},
    **INVALID,
})
def login(credentials: LoginIn, request: Request, database: Db) -> dict:
    """Exchange a name and password for a new token. No bearer token needed."""
    address = request.client.host if request.client else "unknown"
    throttle = _throttle(request)
    wait = throttle.retry_after(credentials.username, address)
    if wait > 0:
        raise ApiError(429, "too_many_attempts", headers={"Retry-After": str(math.ceil(wait))})
    with database.read() as conn:
        account = conn.execute(
            select(reviewers.c.id, reviewers.c.name, reviewers.c.role, reviewers.c.password_hash)
            .where(reviewers.c.name == credentials.username, reviewers.c.revoked_at.is_(None),
                   reviewers.c.password_hash.is_not(None))
            .order_by(reviewers.c.id.desc()).limit(1)  # names repeat: the newest account
        ).first()
    ok = verify_password(credentials.password, account.password_hash if account else None)
    now = utcnow()
    if not ok:
        throttle.failed(credentials.username, address)
        actor = Reviewer(account.id, account.name, account.role) if account else UNKNOWN_USER
        with database.write() as conn:
            record_audit(conn, actor, "login_failed", now, detail={
                "reason": "wrong_password" if account else "unknown_user", "address": address})
        raise ApiError(401, BAD_CREDENTIALS, headers={"WWW-Authenticate": "Bearer"})
    token = secrets.token_urlsafe(32)
    with database.write() as conn:
        conn.execute(insert(tokens).values(token_hash=hash_token(token), reviewer_id=account.id,
                                           created_at=now))
        record_audit(conn, Reviewer(account.id, account.name, account.role), "login", now,
                     detail={"address": address})
    throttle.succeeded(credentials.username)
    return {"token": token, "reviewer": account.name, "role": account.role}


@router.post("/logout", response_model=LogoutOut, tags=["meta"], responses=AUTH_ERRORS)
def logout(request: Request, reviewer: AnyReviewer, database: Db) -> dict:
    """Revoke the token this request presents (one sign-in); other sign-ins keep working."""
    presented = request.headers.get("authorization", "").partition(" ")[2].strip()
    now = utcnow()
    with database.write() as conn:
        revoked = conn.execute(
            update(tokens).where(tokens.c.token_hash == hash_token(presented),
                                 tokens.c.revoked_at.is_(None)).values(revoked_at=now)
        ).rowcount > 0
        record_audit(conn, reviewer, "logout", now, detail={"revoked": revoked})
    return {"revoked": revoked}


def _throttle(request: Request) -> LoginThrottle:
    throttle = getattr(request.app.state, "login_throttle", None)
    if throttle is None:  # an app built without install_throttle still throttles
        install_throttle(request.app)
        throttle = request.app.state.login_throttle
    return throttle
