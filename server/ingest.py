"""Ingestion of single cases (POST /v1/cases), for leads and tests. Later changes: lifecycle.

Authors and media are shared between cases and may arrive in two requests at once (on several
API processes): each is inserted with ON CONFLICT DO NOTHING, so the second insert is a no-op
instead of a unique-key error. The case itself likewise: its insert decides `case_exists`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import uuid
from datetime import datetime, timedelta

from PIL import Image, UnidentifiedImageError
from sqlalchemy import Connection, insert, select

from server.cases import queue_exists
from server.media_history.fingerprints import record_fingerprint
from server.store.portable import insert_ignoring_conflicts
from server.errors import ApiError
from reviewer.contract.case_input import AuthorIn, CaseIn, MediaIn
from server.store.schema import authors, case_media, cases, media, queues, reports
from server.timeutil import to_iso, to_naive_utc

DEFAULT_SLA = timedelta(hours=24)


def insert_case(conn: Connection, case_in: CaseIn, now: datetime) -> str:
    """Store a new case (author, reports, media included) and return its id."""
    if not queue_exists(conn, case_in.queue_id):
        raise ApiError(422, "unknown_queue")
    case_id = case_in.id or f"case-{uuid.uuid4().hex[:12]}"
    author_id = _ensure_author(conn, case_in.author, now)
    inserted = conn.execute(insert_ignoring_conflicts(conn, cases).returning(cases.c.id).values(
        id=case_id,
        queue_id=case_in.queue_id,
        author_id=author_id,
        text=case_in.text,
        language=case_in.language,
        region=case_in.region,
        policy_area=case_in.policy_area or _default_policy(conn, case_in.queue_id),
        priority=case_in.priority,
        sla_deadline=_or_default(case_in.sla_deadline, now + DEFAULT_SLA),
        created_at=_or_default(case_in.created_at, now),
        status=case_in.status,
    ))
    if inserted.first() is None:
        raise ApiError(409, "case_exists")
    for report in case_in.reports:
        conn.execute(insert(reports).values(
            case_id=case_id, reason=report.reason, reporter_id=report.reporter_id,
            created_at=_or_default(report.created_at, now),
        ))
    for position, media_in in enumerate(case_in.media):
        sha256 = _ensure_media(conn, media_in)
        conn.execute(insert(case_media).values(
            case_id=case_id, position=position, sha256=sha256,
            category=media_in.category, label=media_in.label,
        ))
    return case_id


def store_media_bytes(conn: Connection, data: bytes, mime: str, width: int, height: int) -> str:
    """Insert bytes into the media table unless already there; returns their sha256."""
    sha256 = hashlib.sha256(data).hexdigest()
    conn.execute(insert_ignoring_conflicts(conn, media).values(
        sha256=sha256, mime=mime, width=width, height=height, bytes=data))
    record_fingerprint(conn, sha256, data)  # near-identical copies are found by this hash
    return sha256


def _ensure_author(conn: Connection, author_in: AuthorIn | None, now: datetime) -> str:
    if author_in is None:
        author_in = AuthorIn(id=f"author-{uuid.uuid4().hex[:12]}", handle="ingested_author")
    conn.execute(insert_ignoring_conflicts(conn, authors).values(
        id=author_in.id,
        handle=author_in.handle,
        display_name=author_in.display_name or author_in.handle,
        created_at=_or_default(author_in.created_at, now),
        followers=author_in.followers,
        high_profile=author_in.high_profile,
        history=[
            {"at": to_iso(h.at), "action": h.action, "policy": h.policy, "summary": h.summary}
            for h in author_in.history
        ],
    ))
    return author_in.id


def _ensure_media(conn: Connection, media_in: MediaIn) -> str:
    if media_in.sha256 is not None:
        if conn.execute(select(media.c.sha256).where(media.c.sha256 == media_in.sha256)).first():
            return media_in.sha256
        raise ApiError(422, "unknown_media", sha256=media_in.sha256)
    if media_in.data_base64 is None or not media_in.mime:
        raise ApiError(422, "invalid_media", detail="give sha256, or data_base64 and mime")
    try:
        data = base64.b64decode(media_in.data_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(422, "invalid_media", detail="data_base64 is not base64") from None
    width, height = _measure(data, media_in)
    return store_media_bytes(conn, data, media_in.mime, width, height)


def _measure(data: bytes, media_in: MediaIn) -> tuple[int, int]:
    """Pixel size from the image header; fall back to the body for undecodable bytes."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return media_in.width or 0, media_in.height or 0


def _default_policy(conn: Connection, queue_id: str) -> str:
    return conn.execute(
        select(queues.c.default_policy).where(queues.c.id == queue_id)
    ).scalar_one()


def _or_default(value: datetime | None, default: datetime) -> datetime:
    return default if value is None else to_naive_utc(value)
