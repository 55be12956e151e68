"""Tables of incidents and their post-incident reviews (server/incidents/).

Kept beside schema.py, on the same `metadata`, so create_all and the migrations know them; the
decisions table itself carries `incident_id` (schema.py). Everything here is append-only except
an incident's own row (its state moves open -> contained -> closed), so the review's timeline
is read from what was written when it happened, never reconstructed from what is there now.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, String, Table, Text

from server.store.schema import BigSeq, metadata

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(64), primary_key=True),  # "inc-" + 8 hex digits, made by the server
    Column("title", String(200), nullable=False),
    Column("severity", String(16), nullable=False),  # critical|high|medium|low
    Column("regions", JSON, nullable=False),  # ["DE", "FR"]; [] : every region
    Column("commander", String(200), nullable=False),  # a reviewer's name
    Column("state", String(16), nullable=False),  # open|contained|closed
    Column("alert_id", String(64), nullable=True),  # the alert it was declared from
    Column("declared_at", DateTime, nullable=False),
    Column("declared_by", String(200), nullable=False),
    Column("contained_at", DateTime, nullable=True),
    Column("closed_at", DateTime, nullable=True),
    # The sweep bulletin published for it (guidelines.py), if any: "<guideline id>@<version>".
    Column("bulletin", String(120), nullable=True),
)

incident_cases = Table(
    "incident_cases",
    metadata,
    Column("incident_id", String(64), ForeignKey("incidents.id"), primary_key=True),
    Column("case_id", String(64), ForeignKey("cases.id"), primary_key=True),
    Column("joined_at", DateTime, nullable=False),
    Column("via", String(16), nullable=False),  # alert|sweep|case|decision
)
# "Which incident is this case in" (a decision's tag, the workstation's sync) by case.
Index("ix_incident_cases_case", incident_cases.c.case_id)

incident_members = Table(
    "incident_members",
    metadata,
    # Who is on the incident besides its commander and whoever decided one of its cases: they
    # may write its review.
    Column("incident_id", String(64), ForeignKey("incidents.id"), primary_key=True),
    Column("reviewer_id", BigSeq, ForeignKey("reviewers.id"), primary_key=True),
    Column("added_at", DateTime, nullable=False),
)

incident_events = Table(
    "incident_events",
    metadata,
    # What was done, when, by whom (role only in reports): declared, cases_joined, sweep,
    # bulletin, member_added, contained, closed. `detail` holds ids and counts, never case text.
    Column("seq", BigSeq, primary_key=True, autoincrement=True),
    Column("incident_id", String(64), ForeignKey("incidents.id"), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("detail", JSON, nullable=False),
    sqlite_autoincrement=True,
)
Index("ix_incident_events_incident", incident_events.c.incident_id, incident_events.c.seq)

incident_review_entries = Table(
    "incident_review_entries",
    metadata,
    # The sections a team writes (summary, root cause, ...), one row per save, never edited:
    # the latest entry of a section is its text; every action item is its own entry.
    # `entry_id` is made by the workstation and is the idempotency key, like an account note's.
    Column("entry_id", String(200), primary_key=True),
    Column("incident_id", String(64), ForeignKey("incidents.id"), nullable=False),
    Column("section", String(32), nullable=False),
    Column("body", Text, nullable=False),
    Column("owner", String(200), nullable=False, default=""),  # action items only
    Column("author_id", BigSeq, nullable=False),
    Column("author_name", String(200), nullable=False),
    Column("written_at", DateTime, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
)
Index("ix_incident_review_incident", incident_review_entries.c.incident_id,
      incident_review_entries.c.recorded_at)
