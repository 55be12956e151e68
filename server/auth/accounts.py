"""Administration: reviewer accounts, their tokens, their queues. Run from a shell (`main.py
admin`), so the audit log names the actor `admin-cli`.

Names are not unique (adding a reviewer again is how a token is replaced), so assigning queues
and revoking act on every active account of that name.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select, update

from server.audit import record_audit
from server.auth.tokens import ROLES, hash_token
from server.store.database import open_database
from server.auth.passwords import hash_password
from server.store.schema import cases, queues, reviewer_queues, reviewers, tokens
from server.timeutil import utcnow


def add_reviewer(db_path: str | Path, name: str, role: str, password: str | None = None) -> str:
    """Create a reviewer and return their new token; it is shown once and only its hash kept.
    With `password` they may also sign in with it (POST /v1/login); only its scrypt hash is kept.

    The new reviewer works every queue until `assign_queues` narrows that.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not name.strip():
        raise ValueError("name must not be empty")
    password_hash = hash_password(password) if password is not None else None
    token = secrets.token_urlsafe(32)
    database = open_database(db_path)
    try:
        with database.write() as conn:
            now = utcnow()
            conn.execute(insert(reviewers).values(
                name=name, role=role, token_hash=hash_token(token), created_at=now,
                password_hash=password_hash,
            ))
            record_audit(conn, None, "reviewer_create", now,
                         detail={"reviewer": name, "role": role})
    finally:
        database.close()
    return token


def issue_token(db_path: str | Path, name: str) -> str:
    """A new token for the existing reviewer `name` (as a sign-in would give); the built-in
    demo uses it to come back to its own data after a restart."""
    database = open_database(db_path)
    try:
        with database.write() as conn:
            ids = _active_ids(conn, name)
            if not ids:
                raise LookupError(f"no active reviewer named {name!r}")
            token = secrets.token_urlsafe(32)
            conn.execute(insert(tokens).values(token_hash=hash_token(token), reviewer_id=ids[-1],
                                               created_at=utcnow()))
    finally:
        database.close()
    return token


def set_password(db_path: str | Path, name: str, password: str) -> int:
    """Set the sign-in password of every active account named `name`; returns how many.
    Tokens already issued keep working (revoke the reviewer to stop them)."""
    password_hash = hash_password(password)  # WeakPassword (a ValueError) before any write
    database = open_database(db_path)
    try:
        with database.write() as conn:
            reviewer_ids = _active_ids(conn, name)
            conn.execute(update(reviewers).where(reviewers.c.id.in_(reviewer_ids))
                         .values(password_hash=password_hash))
            record_audit(conn, None, "password_set", utcnow(),
                         detail={"reviewer": name, "accounts": len(reviewer_ids)})
    finally:
        database.close()
    return len(reviewer_ids)


def assign_queues(db_path: str | Path, name: str, queue_ids: Iterable[str] | None) -> None:
    """Let the reviewer `name` claim from (and work cases of) only these queues.

    None gives them every queue again, the default. An empty list is refused: to take all
    access away, `revoke_reviewer`. Seniors and leads are not limited by assignments.
    """
    wanted = None if queue_ids is None else sorted(set(queue_ids))
    if wanted == []:
        raise ValueError("assign at least one queue (None means every queue)")
    database = open_database(db_path)
    try:
        with database.write() as conn:
            reviewer_ids = _active_ids(conn, name)
            _check_queues_exist(conn, wanted or [])
            conn.execute(delete(reviewer_queues)
                         .where(reviewer_queues.c.reviewer_id.in_(reviewer_ids)))
            if wanted:
                conn.execute(insert(reviewer_queues), [
                    {"reviewer_id": reviewer_id, "queue_id": queue_id}
                    for reviewer_id in reviewer_ids for queue_id in wanted
                ])
            record_audit(conn, None, "queue_assignment", utcnow(),
                         detail={"reviewer": name, "queues": wanted or "all"})
    finally:
        database.close()


def revoke_reviewer(db_path: str | Path, name: str) -> int:
    """Stop the tokens of every active account named `name`; returns how many.

    The rows stay (decisions and the audit log name them). Their live leases are released,
    so the cases go back to their queues instead of waiting out 30 minutes.
    """
    database = open_database(db_path)
    try:
        with database.write() as conn:
            reviewer_ids = _active_ids(conn, name)
            now = utcnow()
            conn.execute(update(reviewers).where(reviewers.c.id.in_(reviewer_ids))
                         .values(revoked_at=now))
            conn.execute(update(cases)
                         .where(cases.c.lease_holder.in_(reviewer_ids),
                                cases.c.status == "open")
                         .values(lease_holder=None, lease_expires_at=None))
            record_audit(conn, None, "reviewer_revoke", now,
                         detail={"reviewer": name, "accounts": len(reviewer_ids)})
    finally:
        database.close()
    return len(reviewer_ids)


def _active_ids(conn: Connection, name: str) -> list[int]:
    ids = list(conn.execute(
        select(reviewers.c.id).where(reviewers.c.name == name, reviewers.c.revoked_at.is_(None))
    ).scalars())
    if not ids:
        raise LookupError(f"no active reviewer named {name!r}")
    return ids


def _check_queues_exist(conn: Connection, queue_ids: list[str]) -> None:
    known = set(conn.execute(select(queues.c.id)).scalars())
    unknown = [queue_id for queue_id in queue_ids if queue_id not in known]
    if unknown:
        raise ValueError(f"unknown queue(s): {', '.join(unknown)}")
