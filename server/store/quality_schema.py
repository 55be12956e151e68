"""Tables of the quality rooms (server/quality/): appeals, blind second review, golden cases,
required rationale, holds and hand-offs, on the one `metadata`.

Apart from schema.py so the quality rules can grow without every change touching the core
tables; migrations.py imports this module, so create_all and the migrations make these tables.
"""

from __future__ import annotations

from sqlalchemy import (
    Column, DateTime, Float, ForeignKey, Index, Integer, String, Table, Text,
)

from server.store.schema import metadata

# Quality (server/quality/). A case served for an appeal, a blind second review, a golden check
# or a senior's settling of a disagreement is a case row of its own (so the live record is never
# touched by it); this says what it stands for and, once answered, how it came out.
quality_links = Table(
    "quality_links",
    metadata,
    Column("case_id", String(64), ForeignKey("cases.id"), primary_key=True),
    Column("kind", String(16), nullable=False),  # appeal|second_review|golden|disagreement
    Column("source_case_id", String(64), nullable=False),
    Column("source_decision_id", String(200), nullable=False, index=True),
    Column("policy", String(200), nullable=False),  # the source decision's (figures group by it)
    Column("first_reviewer", String(200), nullable=False),  # who made the source decision
    # Never handed this case, and 403 `own_decision` on deciding it (the source's decider).
    Column("excluded_reviewer_id", Integer, nullable=True),
    Column("statement", Text, nullable=False, default=""),  # an appeal's author statement
    Column("created_at", DateTime, nullable=False),
    # upheld|overturned (appeal), agreed|disagreed (second_review), matched|missed (golden),
    # first_stands|changed (disagreement); NULL until answered.
    Column("outcome", String(16), nullable=True),
    Column("answered_by", String(200), nullable=True),
    Column("answered_at", DateTime, nullable=True),
)
Index("ix_quality_links_kind", quality_links.c.kind, quality_links.c.outcome)

golden_cases = Table(
    "golden_cases",
    metadata,
    Column("case_id", String(64), ForeignKey("cases.id"), primary_key=True),  # a decided case
    Column("expected_action", String(32), nullable=False),
    Column("expected_policy", String(200), nullable=False, default=""),  # "": any
    Column("marked_by", String(200), nullable=False),
    Column("marked_at", DateTime, nullable=False),
)

queue_quality = Table(
    "queue_quality",
    metadata,
    # No row: the defaults of reviewer/contract/quality.py QueueQuality.
    Column("queue_id", String(64), ForeignKey("queues.id"), primary_key=True),
    Column("second_review_share", Float, nullable=False),
    Column("golden_rate", Float, nullable=False),
)

rationale_rules = Table(
    "rationale_rules",
    metadata,
    Column("policy", String(200), primary_key=True),  # "*": any policy
    Column("action", String(32), primary_key=True),
)

case_holds = Table(
    "case_holds",
    metadata,
    # A held case's lease is renewed (POST /v1/leases/renew) until held_until, then released.
    Column("case_id", String(64), ForeignKey("cases.id"), primary_key=True),
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("held_at", DateTime, nullable=False),
    Column("held_until", DateTime, nullable=False),
)

handoffs = Table(
    "handoffs",
    metadata,
    # The latest hand-off of a case; shown while the colleague it went to holds the case.
    Column("case_id", String(64), ForeignKey("cases.id"), primary_key=True),
    Column("from_name", String(200), nullable=False),
    Column("to_reviewer_id", Integer, ForeignKey("reviewers.id"), nullable=False),
    Column("to_name", String(200), nullable=False),
    Column("note", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)
