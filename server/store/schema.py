"""Database tables, as SQLAlchemy Core (not the ORM), one schema for SQLite and PostgreSQL.

All timestamps are naive UTC `DateTime` (see timeutil). Lists that are only ever read whole
(queue policies, author history) are JSON columns rather than extra tables.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Bumped when a table changes; db.open_database refuses a newer file than it knows.
# 2: the `changes` table and the index that purges old idempotency keys.
# 3: authorization: `reviewers.revoked_at`, `reviewer_queues`, `lease_grants`, `audit_log`.
# 4: four eyes and reversal: `decisions.pending`, `decisions.approves`, `decisions.reverses`.
# 5: `reviewers.password_hash` (sign-in), `decisions.guideline_version`, guidelines, account
#    notes and reporter statistics (new tables are added below by create_all).
# 6: shared limiter state (`rate_buckets`, `login_failures`, `maintenance`), so several API
#    processes count together; 64-bit columns where the contract allows 2^63.
# 7: `exposure_totals`, the daily exposure totals workstations share when the policy says so.
# 8: perceptual hashes of media (`media_fingerprints`, `media_hash_bands`), for earlier
#    decisions on near-identical media; indexes to find a media item's cases and reversals.
# 9: incidents (incident_schema.py) and `decisions.incident_id`.
# 10: quality (server/quality/): quality_links, golden_cases, queue_quality, rationale_rules,
#     case_holds, handoffs (new tables only, in quality_schema.py).
# 11: alerts, hash lists and the on-call rota (tables in alerts_schema.py).
# 12: `decisions.request_hash`: an accepted decision's retry is answered from its own row.
# 13: ix_decisions_reverses and ix_cases_lease_holder hold only rows with a value (partial).
SCHEMA_VERSION = 13

# A 64-bit autoincrementing key. SQLite only autoincrements a column declared INTEGER (which is
# 64-bit there anyway); PostgreSQL's INTEGER would stop at 2^31.
BigSeq = BigInteger().with_variant(Integer, "sqlite")

metadata = MetaData()

queues = Table(
    "queues",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("policies", JSON, nullable=False),
    Column("default_policy", String(64), nullable=False),
    Column("position", Integer, nullable=False, default=0),  # display order in GET /v1/queues
)

authors = Table(
    "authors",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("handle", String(200), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("followers", BigInteger, nullable=False, default=0),
    Column("high_profile", Boolean, nullable=False, default=False),
    # [{"at": iso, "action", "policy", "summary"}], oldest first
    Column("history", JSON, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("queue_id", String(64), ForeignKey("queues.id"), nullable=False),
    Column("author_id", String(64), ForeignKey("authors.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("language", String(35), nullable=False),
    Column("region", String(16), nullable=False),
    Column("policy_area", String(64), nullable=False),
    Column("priority", Integer, nullable=False),
    Column("sla_deadline", DateTime, nullable=False),
    Column("created_at", DateTime, nullable=False),
    # open|awaiting_approval|decided|withdrawn|deleted
    Column("status", String(32), nullable=False, default="open"),
    Column("lease_holder", Integer, ForeignKey("reviewers.id"), nullable=True),
    Column("lease_expires_at", DateTime, nullable=True),
)
# Claim scans open cases of one queue in urgency order (the whole order, so LIMIT stops early),
# and looks up the caller's own live leases first.
Index("ix_cases_claim", cases.c.queue_id, cases.c.status, cases.c.priority, cases.c.sla_deadline,
      cases.c.created_at, cases.c.id)
# Partial, as NULL is never looked up (`lease_holder = :id` implies NOT NULL): a decision
# releases its case's lease and removes its entry instead of moving it to NULL.
Index("ix_cases_lease_holder", cases.c.lease_holder,
      sqlite_where=cases.c.lease_holder.is_not(None),
      postgresql_where=cases.c.lease_holder.is_not(None))

media = Table(
    "media",
    metadata,
    Column("sha256", String(64), primary_key=True),  # hex digest of `bytes`
    Column("mime", String(100), nullable=False),
    Column("width", BigInteger, nullable=False),
    Column("height", BigInteger, nullable=False),
    Column("bytes", LargeBinary, nullable=False),
)

case_media = Table(
    "case_media",
    metadata,
    Column("case_id", String(64), ForeignKey("cases.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("sha256", String(64), ForeignKey("media.sha256"), nullable=False),
    # Category and label belong to the media's use in this case, not to the bytes.
    Column("category", String(64), nullable=False),
    Column("label", String(500), nullable=False),
)

# Earlier decisions on the same media (server/media_history/) find its cases by hash.
Index("ix_case_media_sha256", case_media.c.sha256)

media_fingerprints = Table(
    "media_fingerprints",
    metadata,
    # The 64-bit dHash of an image as 16 hex digits; NULL: not an image the server hashes
    # (video, damaged bytes), which matches only by identical bytes.
    Column("sha256", String(64), ForeignKey("media.sha256"), primary_key=True),
    Column("dhash", String(16), nullable=True),
)

media_hash_bands = Table(
    "media_hash_bands",
    metadata,
    # The dHash cut into bands: two hashes a few bits apart share at least one band exactly,
    # so near-identical candidates are an index lookup instead of a scan of every hash.
    Column("band", Integer, primary_key=True, autoincrement=False),
    Column("value", Integer, primary_key=True, autoincrement=False),
    Column("sha256", String(64), ForeignKey("media.sha256"), primary_key=True),
)

reports = Table(
    "reports",
    metadata,
    Column("id", BigSeq, primary_key=True, autoincrement=True),
    Column("case_id", String(64), ForeignKey("cases.id"), nullable=False, index=True),
    Column("reason", String(64), nullable=False),
    Column("reporter_id", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

reviewers = Table(
    "reviewers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    # sha256 hex of the bearer token; the token itself is never stored.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    # Set by admin.revoke_reviewer: the token stops working, the row stays for the audit trail.
    Column("revoked_at", DateTime, nullable=True),
    # Sign-in with a password (POST /v1/login): "scrypt$<salt hex>$<hash hex>"; NULL: token only.
    Column("password_hash", String(300), nullable=True),
)

reviewer_queues = Table(
    "reviewer_queues",
    metadata,
    # No row for a reviewer means every queue (the default); rows narrow it to those queues.
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), primary_key=True),
    Column("queue_id", String(64), ForeignKey("queues.id"), primary_key=True),
)

lease_grants = Table(
    "lease_grants",
    metadata,
    # Every reviewer a case was ever leased to (claim), until an escalation hands the case on.
    # `cases.lease_holder` only names the latest; this is what "held a lease on it" means
    # for a decision pushed late from an offline workstation (access.py).
    Column("case_id", String(64), ForeignKey("cases.id"), primary_key=True),
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), primary_key=True),
    Column("granted_at", DateTime, nullable=False),
)

decisions = Table(
    "decisions",
    metadata,
    # seq gives the recording order that GET /v1/decisions promises.
    Column("seq", BigSeq, primary_key=True, autoincrement=True),
    Column("decision_id", String(200), nullable=False, unique=True),
    Column("case_id", String(64), ForeignKey("cases.id"), nullable=False, index=True),
    Column("action", String(32), nullable=False),
    Column("policy", String(200), nullable=False),
    Column("note", Text, nullable=False),
    Column("decided_at", DateTime, nullable=False),
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), nullable=False),
    Column("reviewer_name", String(200), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    # Four eyes (four_eyes.py): an enforcement decision that waited for a senior keeps
    # pending=True for good (it never closed the case itself); the senior's answer names it
    # in `approves`. A reversal names the decision it undoes in `reverses`; the reversed row
    # itself is never edited, winner selection skips it.
    Column("pending", Boolean, nullable=False, default=False, server_default="0"),
    Column("approves", String(200), nullable=True),
    Column("reverses", String(200), nullable=True),
    # The guideline version the reviewer had when deciding ("" from older clients).
    Column("guideline_version", String(64), nullable=False, default="", server_default=""),
    # The incident the case was worked under (server/incidents/), "" : none.
    Column("incident_id", String(64), nullable=False, default="", server_default=""),
    # sha256 of the request that recorded an accepted or pending decision: a retry of its key
    # is answered from this row (decisions.py), which needs no idempotency record. NULL where
    # the answer is kept under idempotency_keys (approvals, reversals, appeals).
    Column("request_hash", String(64), nullable=True),
)
# Whether a decision was reversed, asked per decision by the earlier-decisions lookup. Partial:
# nearly every decision reverses nothing and writes no entry; `reverses = x` implies NOT NULL,
# so the lookup still uses it.
Index("ix_decisions_reverses", decisions.c.reverses,
      sqlite_where=decisions.c.reverses.is_not(None),
      postgresql_where=decisions.c.reverses.is_not(None))

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("request_hash", String(64), nullable=False),  # sha256 of the canonical JSON body
    Column("status_code", Integer, nullable=False),
    Column("body", LargeBinary, nullable=False),  # replayed byte for byte
    Column("created_at", DateTime, nullable=False),
)
# The retention purge deletes by age.
Index("ix_idempotency_keys_created_at", idempotency_keys.c.created_at)

changes = Table(
    "changes",
    metadata,
    # AUTOINCREMENT: a seq is never handed out twice, so a client cursor never skips a change.
    # Seqs are handed out under the feed lock (feeds.py), so they also become visible in
    # increasing order.
    Column("seq", BigSeq, primary_key=True, autoincrement=True),
    Column("case_id", String(64), ForeignKey("cases.id"), nullable=False),
    Column("kind", String(32), nullable=False),  # withdrawn|deleted|priority_changed|decided|...
    Column("at", DateTime, nullable=False),
    Column("data", JSON, nullable=False),
    sqlite_autoincrement=True,
)

audit_log = Table(
    "audit_log",
    metadata,
    # Who did what, written in the transaction of the change itself (audit.py). Append-only.
    Column("seq", BigSeq, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),  # reviewer name, or "admin-cli"
    Column("role", String(16), nullable=False),  # reviewer|senior|lead|admin
    Column("action", String(40), nullable=False),
    Column("case_id", String(64), nullable=True),
    Column("detail", JSON, nullable=False),  # ids and codes only, never case text or notes
    sqlite_autoincrement=True,
)

guidelines = Table(
    "guidelines",
    metadata,
    # One row per published version, never edited: a new version is a new row (guidelines.py).
    # seq is the cursor of GET /v1/guidelines, so a workstation fetches only what is new.
    Column("seq", BigSeq, primary_key=True, autoincrement=True),
    Column("guideline_id", String(64), nullable=False),
    Column("version", BigInteger, nullable=False),  # 1, 2, ... per guideline_id
    Column("title", String(200), nullable=False),
    Column("kind", String(16), nullable=False),  # policy|bulletin
    Column("policy_area", String(64), nullable=False, default=""),  # "" : not tied to one
    Column("queue_id", String(64), nullable=False, default=""),  # "" : every queue
    Column("body", Text, nullable=False),  # plain text (Markdown-ish), shown as plain text
    Column("requires_ack", Boolean, nullable=False, default=False),
    Column("published_at", DateTime, nullable=False),
    Column("published_by", String(200), nullable=False),
    UniqueConstraint("guideline_id", "version"),
    sqlite_autoincrement=True,
)

guideline_acks = Table(
    "guideline_acks",
    metadata,
    # The first acknowledgement of a version by a reviewer; acknowledging again changes nothing.
    Column("guideline_id", String(64), primary_key=True),
    Column("version", BigInteger, primary_key=True, autoincrement=False),
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), primary_key=True),
    Column("acknowledged_at", DateTime, nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    # Tokens issued by POST /v1/login, one per sign-in, so signing out on one machine (POST
    # /v1/logout revokes the token it presents) leaves the reviewer's other machines signed in.
    # Like reviewers.token_hash, only the sha256 is kept. The admin-issued token stays in
    # `reviewers`; revoking the reviewer stops these too (server/auth/tokens.py joins on it).
    Column("token_hash", String(64), primary_key=True),
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime, nullable=True),
)

reporters = Table(
    "reporters",
    metadata,
    # Reporter statistics carried over from before this database (archived reports, all
    # settled): investigation.py adds live counts from `reports` and the cases' outcomes.
    Column("id", String(64), primary_key=True),
    Column("reports_filed", Integer, nullable=False, default=0),
    Column("reports_decided", Integer, nullable=False, default=0),
    Column("reports_upheld", Integer, nullable=False, default=0),  # ended in enforcement
)
# Live reporter counts look reports up by reporter.
Index("ix_reports_reporter", reports.c.reporter_id)

account_notes = Table(
    "account_notes",
    metadata,
    # Notes on an account that follow it from case to case (investigation.py). `note_id` is
    # generated by the workstation and is the idempotency key of POST /v1/accounts/.../notes.
    Column("note_id", String(200), primary_key=True),
    Column("author_id", String(64), ForeignKey("authors.id"), nullable=False),
    Column("body", Text, nullable=False),
    Column("reviewer_id", Integer, nullable=True),  # NULL: seeded demo notes
    Column("reviewer_name", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
)
Index("ix_account_notes_author", account_notes.c.author_id, account_notes.c.created_at)

# Shared limiter state: every API process counts in the same rows (server/auth/shared_limits.py).
rate_buckets = Table(
    "rate_buckets",
    metadata,
    Column("key", String(80), primary_key=True),  # "token:<sha256>" or "address:<ip>"
    Column("tokens", Float, nullable=False),  # requests left in the bucket
    Column("at", Float, nullable=False),  # epoch seconds of the last refill
    Column("granted", Boolean, nullable=False, default=True),  # the last take's answer
)
Index("ix_rate_buckets_at", rate_buckets.c.at)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", BigSeq, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False),  # "name:<casefolded>" or "address:<ip>"
    Column("at", Float, nullable=False),  # epoch seconds
)
Index("ix_login_failures_key", login_failures.c.key, login_failures.c.at)

maintenance = Table(
    "maintenance",
    metadata,
    # One row per periodic job (the idempotency-key purge): how much work went by since it last
    # ran, counted by every process, so N workers purge as often as one would.
    Column("job", String(64), primary_key=True),
    Column("pending", BigInteger, nullable=False, default=0),
    Column("last_run_at", DateTime, nullable=True),
)

exposure_totals = Table(
    "exposure_totals",
    metadata,
    # A reviewer's exposure per day, sent by their workstation only when the organisation's
    # policy asks for daily totals (server/figures/exposure.py); the team view shows them as a
    # distribution, never per person. A day sent again replaces the row.
    Column("reviewer_id", Integer, ForeignKey("reviewers.id"), primary_key=True),
    Column("day", String(10), primary_key=True),  # YYYY-MM-DD, the workstation's date
    Column("exposure_s", Float, nullable=False),
    Column("sent_at", DateTime, nullable=False),
)
