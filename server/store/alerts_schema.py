"""Tables of alerts, hash lists and the on-call rota (server/alerts/), on the one `metadata`.

Apart from schema.py so the alerting rooms can grow without every change touching the core
tables; migrations.py imports this module, so create_all and the migrations make these tables.
Everything a detector or the paging chain needs lives here, in the database, never in one API
process's memory: several processes on one PostgreSQL evaluate the same rows.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Table, Text,
)

from server.store.schema import BigSeq, metadata

alerts = Table(
    "alerts",
    metadata,
    Column("id", BigSeq, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),  # spike|high_profile|sla_forecast|hash_list
    Column("severity", String(16), nullable=False),
    Column("state", String(16), nullable=False),  # open|acknowledged|resolved
    Column("dedup_key", String(300), nullable=False),
    # dedup_key while the alert is not resolved, NULL after: the unique index lets one live
    # alert exist per key (two processes raising it at once: the second updates the first),
    # and a spike that comes back after a resolve raises a new one.
    Column("live_key", String(300), nullable=True, unique=True),
    Column("title", String(500), nullable=False),
    Column("count", BigInteger, nullable=False, default=0),
    Column("detail", JSON, nullable=False),
    Column("opened_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("acknowledged_at", DateTime, nullable=True),
    Column("acknowledged_by", String(200), nullable=True),
    Column("resolved_at", DateTime, nullable=True),
    Column("resolved_by", String(200), nullable=True),
    Column("page_level", Integer, nullable=True),  # the last level paged: 0 primary .. 2 lead
    Column("paged_at", DateTime, nullable=True),
    sqlite_autoincrement=True,
)
Index("ix_alerts_state", alerts.c.state, alerts.c.updated_at)

alert_cases = Table(
    "alert_cases",
    metadata,
    Column("alert_id", BigInteger, ForeignKey("alerts.id"), primary_key=True),
    Column("case_id", String(64), ForeignKey("cases.id"), primary_key=True),
    Column("added_at", DateTime, nullable=False),
)

alert_pages = Table(
    "alert_pages",
    metadata,
    Column("id", BigSeq, primary_key=True, autoincrement=True),
    Column("alert_id", BigInteger, ForeignKey("alerts.id"), nullable=False, index=True),
    Column("level", String(16), nullable=False),  # primary|secondary|lead
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), nullable=False),
    Column("reviewer_name", String(200), nullable=False),
    Column("paged_at", DateTime, nullable=False),
    sqlite_autoincrement=True,
)

alert_transitions = Table(
    "alert_transitions",
    metadata,
    # One row per client-generated transition id: a retried acknowledgement finds its row and
    # changes nothing again (exactly once, like decisions).
    Column("transition_id", String(200), primary_key=True),
    Column("alert_id", BigInteger, ForeignKey("alerts.id"), nullable=False, index=True),
    Column("to_state", String(16), nullable=False),
    Column("applied", Boolean, nullable=False),
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), nullable=False),
    Column("reviewer_name", String(200), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("at", DateTime, nullable=False),
)

alert_settings = Table(
    "alert_settings",
    metadata,
    Column("key", String(64), primary_key=True),  # "thresholds"
    Column("value", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", String(200), nullable=False),
)

arrivals = Table(
    "arrivals",
    metadata,
    # What the spike detector counts: one row per case and subject it arrived with
    # ("media:<sha256>", "hashtag:<tag>", "account:<author id>"), at its arrival time.
    Column("id", BigSeq, primary_key=True, autoincrement=True),
    Column("subject", String(300), nullable=False),
    Column("case_id", String(64), ForeignKey("cases.id"), nullable=False),
    Column("reports", Integer, nullable=False, default=0),
    Column("at", DateTime, nullable=False),
    sqlite_autoincrement=True,
)
Index("ix_arrivals_subject_at", arrivals.c.subject, arrivals.c.at)

hash_lists = Table(
    "hash_lists",
    metadata,
    Column("id", BigSeq, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("category", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("distance", Integer, nullable=False),
    Column("severity", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(200), nullable=False),
    sqlite_autoincrement=True,
)

hash_list_entries = Table(
    "hash_list_entries",
    metadata,
    Column("list_id", BigInteger, ForeignKey("hash_lists.id"), primary_key=True),
    Column("pdq", String(64), primary_key=True),  # lower-case hex, 256 bits
)

media_pdq = Table(
    "media_pdq",
    metadata,
    # The PDQ hash of stored media, computed once when the bytes arrive; NULL: not an image.
    Column("sha256", String(64), ForeignKey("media.sha256"), primary_key=True),
    Column("pdq", String(64), nullable=True),
    Column("quality", Integer, nullable=False, default=0),
)

media_hash_matches = Table(
    "media_hash_matches",
    metadata,
    Column("sha256", String(64), ForeignKey("media.sha256"), primary_key=True),
    Column("list_id", BigInteger, ForeignKey("hash_lists.id"), primary_key=True),
    Column("distance", Integer, nullable=False),
)

oncall_shifts = Table(
    "oncall_shifts",
    metadata,
    Column("id", BigSeq, primary_key=True, autoincrement=True),
    Column("starts_at", DateTime, nullable=False),  # UTC
    Column("ends_at", DateTime, nullable=False),
    Column("primary_id", Integer, ForeignKey("reviewers.id"), nullable=False),
    Column("secondary_id", Integer, ForeignKey("reviewers.id"), nullable=True),
    Column("lead_id", Integer, ForeignKey("reviewers.id"), nullable=True),
    Column("created_at", DateTime, nullable=False),
    sqlite_autoincrement=True,
)
Index("ix_oncall_shifts_time", oncall_shifts.c.starts_at, oncall_shifts.c.ends_at)

oncall_zones = Table(
    "oncall_zones",
    metadata,
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), primary_key=True),
    Column("time_zone", String(64), nullable=False),  # IANA name
)
