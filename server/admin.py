"""Administration: creating reviewer accounts and their bearer tokens."""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy import insert

from server.auth import ROLES, hash_token
from server.db import open_database
from server.schema import reviewers
from server.timeutil import utcnow


def add_reviewer(db_path: str | Path, name: str, role: str) -> str:
    """Create a reviewer and return their new token; it is shown once and only its hash kept."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not name.strip():
        raise ValueError("name must not be empty")
    token = secrets.token_urlsafe(32)
    database = open_database(db_path)
    try:
        with database.write() as conn:
            conn.execute(insert(reviewers).values(
                name=name, role=role, token_hash=hash_token(token), created_at=utcnow()
            ))
    finally:
        database.close()
    return token
