"""The policy library and bulletins: versioned guideline documents and their acknowledgements.

A document (`guideline_id`) is a series of versions, one row each, never edited: publishing
appends version n + 1, so "what was the guideline when this decision was made" always has an
answer (decisions record `<guideline_id>@<version>`). A bulletin (kind `bulletin`, usually
`requires_ack`) is a document every reviewer working its queue must acknowledge; an
acknowledgement is kept once per reviewer and version, with the time of the first one.
Publishing and the first acknowledgement are audited in their own transaction.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, and_, func, insert, select

from server.audit import record_audit
from server.auth.tokens import Reviewer
from server.store.database import lock_feeds, open_database
from server.store.portable import insert_ignoring_conflicts
from server.errors import ApiError
from server.queue_catalog import ensure_default_queues
from server.store.schema import guideline_acks, guidelines, queues, reviewer_queues, reviewers
from server.timeutil import to_iso, utcnow

# Short enough that "<id>@<version>" fits decisions.guideline_version (64) with any version.
GUIDELINE_ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,39}$"
KINDS = ("policy", "bulletin")
SEED_PUBLISHER = "policy-team"


def publish(conn: Connection, publisher: Reviewer | None, document: dict, now: datetime) -> dict:
    """Append the next version of `document["id"]` (version 1 for a new id).

    `document` has id, title, kind, body and optionally policy_area, queue_id, requires_ack
    (default: true for a bulletin). `publisher` None is the admin CLI.
    """
    queue_id = document.get("queue_id") or ""
    known = select(queues.c.id).where(queues.c.id == queue_id)
    if queue_id and conn.execute(known).first() is None:
        raise ApiError(422, "unknown_queue")
    guideline_id = document["id"]
    lock_feeds(conn)  # before max(version): one publisher at a time picks the next version
    latest = conn.execute(select(func.max(guidelines.c.version))
                          .where(guidelines.c.guideline_id == guideline_id)).scalar()
    requires_ack = document.get("requires_ack")
    row = {
        "guideline_id": guideline_id,
        "version": (latest or 0) + 1,
        "title": document["title"],
        "kind": document["kind"],
        "policy_area": document.get("policy_area") or "",
        "queue_id": queue_id,
        "body": document["body"],
        "requires_ack": document["kind"] == "bulletin" if requires_ack is None else requires_ack,
        "published_at": now,
        "published_by": publisher.name if publisher else SEED_PUBLISHER,
    }
    seq = conn.execute(insert(guidelines).values(**row)).inserted_primary_key[0]
    record_audit(conn, publisher, "guideline_publish", now, detail={
        "guideline_id": guideline_id, "version": row["version"], "kind": row["kind"]})
    return version_dict({**row, "seq": seq}, None)


def list_versions(conn: Connection, reviewer_id: int, since: int, limit: int) -> dict:
    """The GuidelinePage answer: versions after seq `since`, oldest first, with the caller's
    own acknowledgement of each (so a new workstation knows what was acknowledged elsewhere)."""
    acked = guideline_acks.alias("mine")
    rows = conn.execute(
        select(guidelines, acked.c.acknowledged_at)
        .outerjoin(acked, and_(acked.c.guideline_id == guidelines.c.guideline_id,
                               acked.c.version == guidelines.c.version,
                               acked.c.reviewer_id == reviewer_id))
        .where(guidelines.c.seq > since).order_by(guidelines.c.seq).limit(limit + 1)
    ).all()
    page = rows[:limit]
    return {
        "guidelines": [version_dict(row._mapping, row.acknowledged_at) for row in page],
        "cursor": page[-1].seq if page else since,
        "more": len(rows) > limit,
    }


def acknowledge(conn: Connection, reviewer: Reviewer, guideline_id: str, version: int,
                now: datetime) -> dict:
    """Record the caller's acknowledgement once; a repeat answers the first one unchanged."""
    _require_version(conn, guideline_id, version)
    key = and_(guideline_acks.c.guideline_id == guideline_id, guideline_acks.c.version == version,
               guideline_acks.c.reviewer_id == reviewer.id)
    added = conn.execute(insert_ignoring_conflicts(conn, guideline_acks).values(
        guideline_id=guideline_id, version=version, reviewer_id=reviewer.id,
        acknowledged_at=now).returning(guideline_acks.c.version)).first()
    # None: acknowledged before (maybe a moment ago, on another API process)
    first = conn.execute(select(guideline_acks.c.acknowledged_at).where(key)).scalar()
    if added is not None:
        record_audit(conn, reviewer, "guideline_ack", now,
                     detail={"guideline_id": guideline_id, "version": version})
    return {"id": guideline_id, "version": version, "reviewer": reviewer.name,
            "acknowledged_at": to_iso(first)}


def acknowledgements(conn: Connection, guideline_id: str, version: int) -> dict:
    """Who has acknowledged a version, and which active accounts expected to have not yet:
    everyone, or for a bulletin tied to a queue, those who may work that queue."""
    row = _require_version(conn, guideline_id, version)
    done = conn.execute(
        select(reviewers.c.name, reviewers.c.role, guideline_acks.c.acknowledged_at)
        .join(reviewers, reviewers.c.id == guideline_acks.c.reviewer_id)
        .where(guideline_acks.c.guideline_id == guideline_id,
               guideline_acks.c.version == version)
        .order_by(guideline_acks.c.acknowledged_at, reviewers.c.id)
    ).all()
    done_ids = set(conn.execute(
        select(guideline_acks.c.reviewer_id).where(guideline_acks.c.guideline_id == guideline_id,
                                                   guideline_acks.c.version == version)).scalars())
    missing = [r for r in _expected_readers(conn, row.queue_id) if r.id not in done_ids]
    return {
        "id": guideline_id, "version": version,
        "acknowledged": [{"reviewer": r.name, "role": r.role,
                          "acknowledged_at": to_iso(r.acknowledged_at)} for r in done],
        "not_acknowledged": [{"reviewer": r.name, "role": r.role} for r in missing],
    }


def version_dict(row, acknowledged_at: datetime | None) -> dict:
    return {
        "seq": row["seq"],
        "id": row["guideline_id"],
        "version": row["version"],
        "title": row["title"],
        "kind": row["kind"],
        "policy_area": row["policy_area"],
        "queue_id": row["queue_id"],
        "body": row["body"],
        "requires_ack": bool(row["requires_ack"]),
        "published_at": to_iso(row["published_at"]),
        "published_by": row["published_by"],
        "acknowledged_at": to_iso(acknowledged_at),
    }


def publish_from_file(db_path: str | Path, file: Path, guideline_id: str, title: str, *,
                      bulletin: bool = False, policy_area: str = "", queue_id: str = "") -> dict:
    """`main.py admin publish-guideline`: the next version of a document, from a text file."""
    if not re.match(GUIDELINE_ID_PATTERN, guideline_id):
        raise ValueError(f"guideline id must match {GUIDELINE_ID_PATTERN}, not {guideline_id!r}")
    body = Path(file).read_text(encoding="utf-8")
    if not body.strip() or not title.strip():
        raise ValueError("title and file text must not be empty")
    database = open_database(db_path)
    try:
        with database.write() as conn:
            ensure_default_queues(conn)  # a file no server has opened yet has none
            return publish(conn, None, {
                "id": guideline_id, "title": title, "body": body,
                "kind": "bulletin" if bulletin else "policy",
                "policy_area": policy_area, "queue_id": queue_id}, utcnow())
    except ApiError as exc:
        raise ValueError(f"cannot publish: {exc.body.get('error', exc)}") from None
    finally:
        database.close()


def _require_version(conn: Connection, guideline_id: str, version: int):
    row = conn.execute(select(guidelines).where(guidelines.c.guideline_id == guideline_id,
                                                guidelines.c.version == version)).first()
    if row is None:
        raise ApiError(404, "unknown_guideline")
    return row


def _expected_readers(conn: Connection, queue_id: str) -> list:
    active = conn.execute(select(reviewers.c.id, reviewers.c.name, reviewers.c.role)
                          .where(reviewers.c.revoked_at.is_(None)).order_by(reviewers.c.id)).all()
    if not queue_id:
        return active
    assigned: dict[int, set[str]] = {}
    for reviewer_id, queue in conn.execute(select(reviewer_queues)):
        assigned.setdefault(reviewer_id, set()).add(queue)
    # No assignment rows: every queue; seniors and leads are never narrowed (access.py).
    return [r for r in active
            if r.role != "reviewer" or r.id not in assigned or queue_id in assigned[r.id]]
