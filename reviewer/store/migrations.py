"""The workstation store's schema, one step per version: `MIGRATIONS[i]` upgrades a store at
PRAGMA user_version i to i + 1 (reviewer/store/database.py applies them, each in one
transaction). Append new steps; never edit a shipped one.
"""

from __future__ import annotations

_V1 = """
        CREATE TABLE queues (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
            open_count INTEGER NOT NULL DEFAULT 0, policies TEXT NOT NULL DEFAULT '[]',
            default_policy TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE cases (
            id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, priority INTEGER NOT NULL,
            sla_deadline TEXT NOT NULL, language TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL, lease_expires_at TEXT, cached_at TEXT NOT NULL,
            local_state TEXT NOT NULL DEFAULT 'open'
        );
        CREATE INDEX cases_work_order ON cases (local_state, queue_id, priority, sla_deadline, id);
        CREATE TABLE media (
            sha256 TEXT PRIMARY KEY, mime TEXT NOT NULL, data BLOB NOT NULL, fetched_at TEXT NOT NULL
        );
        CREATE TABLE case_media (
            case_id TEXT NOT NULL, sha256 TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (case_id, position)
        );
        CREATE INDEX case_media_sha ON case_media (sha256);
        -- Decisions are append-only: the decision columns are written once. Only the sync
        -- columns (state .. updated_at) change as the decision travels to the central API.
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, decision_id TEXT NOT NULL UNIQUE,
            case_id TEXT NOT NULL, action TEXT NOT NULL, policy TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '', decided_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '',
            response TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX outbox_state ON outbox (state, next_attempt_at);
"""

# v2: the change-feed cursor and other sync bookkeeping; conflicts the reviewer has dealt with.
_V2 = """
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
ALTER TABLE outbox ADD COLUMN acknowledged_at TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN local_note TEXT NOT NULL DEFAULT '';
"""

# v3: exposure kept per day and case on this machine only; media category beside each link so
# never-render media can be skipped without parsing case payloads.
_V3 = """
CREATE TABLE exposure (
    day TEXT NOT NULL, case_id TEXT NOT NULL, exposure_s REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (day, case_id)
);
ALTER TABLE case_media ADD COLUMN category TEXT NOT NULL DEFAULT '';
"""

# v4: case content and media bytes sealed at rest (reviewer/store/crypto.py). A sealed case
# keeps '{}' in `payload` (the change feed still json_set()s the priority into it) and its
# content in `sealed_payload`; a sealed media row says so in `sealed`. NULL / 0: written by a
# store opened without a key (tests, older versions), sealed at the next unlock.
_V4 = """
ALTER TABLE cases ADD COLUMN sealed_payload BLOB;
ALTER TABLE media ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
"""

# v5: what the case list filters and sorts on, in clear beside priority and deadline (metadata,
# not content): region, policy area, report count. `author_key` is a keyed hash of the author
# id (CaseCache.author_key), so related cases are found by index without the id in clear.
_V5 = """
ALTER TABLE cases ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN policy_area TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN report_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN author_key TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_by_author ON cases (author_key);
-- Covers everything the case list holds in memory (reviewer/review/case_list.py), so loading 100,000
-- rows reads this narrow index instead of the wide rows with their sealed payloads.
CREATE INDEX cases_list ON cases (local_state, priority, sla_deadline, id, queue_id, language,
                                  region, policy_area, report_count);
-- What start-up looks for in a sealed cache (reviewer/store/cache_guard.py): found without a scan.
CREATE INDEX cases_unsealed ON cases (id) WHERE sealed_payload IS NULL;
CREATE INDEX media_unsealed ON media (sha256) WHERE sealed = 0;
ALTER TABLE queues ADD COLUMN sla_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN oldest_open_at TEXT NOT NULL DEFAULT '';
ALTER TABLE queues ADD COLUMN breached INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN due_soon INTEGER NOT NULL DEFAULT 0;
"""

# v6: investigation context (reviewer/context/investigation.py). `media.dhash`: the perceptual hash
# (16 hex digits; '' when the bytes are no image we decode; NULL: not hashed yet), in clear like
# the sha256 beside it: it matches copies but does not show the picture. `media_near`: pairs of
# near-identical media, both ways round, found once when a hash is stored so that related cases
# are an index join. Context and notes are sealed (`data`) unless the store has no key.
_V6 = """
ALTER TABLE media ADD COLUMN dhash TEXT;
CREATE TABLE media_near (
    sha256 TEXT NOT NULL, other TEXT NOT NULL, distance INTEGER NOT NULL,
    PRIMARY KEY (sha256, other)
);
CREATE TABLE case_context (
    case_id TEXT PRIMARY KEY, author_key TEXT NOT NULL, fetched_at TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '', sealed INTEGER NOT NULL DEFAULT 0, data BLOB NOT NULL
);
CREATE INDEX case_context_by_author ON case_context (author_key, fetched_at);
CREATE TABLE account_notes (
    note_id TEXT PRIMARY KEY, author_key TEXT NOT NULL, created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending', last_error TEXT NOT NULL DEFAULT '',
    sealed INTEGER NOT NULL DEFAULT 0, data BLOB NOT NULL
);
CREATE INDEX account_notes_by_author ON account_notes (author_key, created_at);
CREATE INDEX account_notes_by_state ON account_notes (state);
CREATE INDEX cases_by_author_open ON cases (author_key, local_state, priority, sla_deadline);
"""

# v7: guidelines and bulletins; the guideline version each decision was made under.
# `read_at`: when the reviewer first had this version on screen (acknowledging needs it);
# an acknowledgement is queued here at once and `sent_at` set when the central API has it.
_V7 = """
ALTER TABLE outbox ADD COLUMN guideline_version TEXT NOT NULL DEFAULT '';
CREATE TABLE guidelines (
    guideline_id TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,
    title TEXT NOT NULL, kind TEXT NOT NULL, policy_area TEXT NOT NULL DEFAULT '',
    queue_id TEXT NOT NULL DEFAULT '', body TEXT NOT NULL, requires_ack INTEGER NOT NULL DEFAULT 0,
    published_at TEXT NOT NULL, published_by TEXT NOT NULL DEFAULT '',
    read_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (guideline_id, version)
);
CREATE INDEX guidelines_by_policy ON guidelines (kind, policy_area, seq);
CREATE TABLE guideline_acks (
    guideline_id TEXT NOT NULL, version INTEGER NOT NULL, acknowledged_at TEXT NOT NULL,
    sent_at TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (guideline_id, version)
);
"""

# v8: sign-in and purging settled cases every sync round. `left_at`: when the case left the
# work list here ('' while open), set by a trigger on every path that changes local_state, so
# the per-round purge (cache_guard.purge_settled) waits a grace period after it.
_V8 = """
ALTER TABLE cases ADD COLUMN left_at TEXT NOT NULL DEFAULT '';
UPDATE cases SET left_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE local_state != 'open';
CREATE INDEX cases_left ON cases (left_at) WHERE local_state != 'open';
CREATE INDEX cases_cached_at ON cases (cached_at);
CREATE INDEX media_fetched_at ON media (fetched_at);
CREATE TRIGGER cases_left_at AFTER UPDATE OF local_state ON cases
WHEN (OLD.local_state = 'open') != (NEW.local_state = 'open')
BEGIN
    UPDATE cases SET left_at = CASE WHEN NEW.local_state = 'open' THEN ''
        ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END WHERE id = NEW.id;
END;
"""

# v9: guideline titles and bodies, decision notes and the central API's answers to decisions
# (which quote notes, ours and the winning one's) sealed at rest like case content
# (reviewer/store/crypto.py). A sealed row keeps '' in the clear column and its text in the
# blob; NULL: written without a key, sealed at the next unlock (cache_guard.seal_clear_content).
_V9 = """
ALTER TABLE guidelines ADD COLUMN sealed_text BLOB;
ALTER TABLE outbox ADD COLUMN sealed_note BLOB;
ALTER TABLE outbox ADD COLUMN sealed_response BLOB;
"""

# v10: a decision the central API stored but holds for a senior (four eyes) is marked until the
# senior's ruling arrives, so the reviewer sees it waits (the answer itself is sealed).
_V10 = """
ALTER TABLE outbox ADD COLUMN awaiting_approval INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_awaiting ON outbox (decided_at) WHERE awaiting_approval = 1;
"""

# v11: exposure kept by stage: `reduced_s` is the part of `exposure_s` spent looking at the
# reduced-detail stage; the rest of it is real pixels.
_V11 = """
ALTER TABLE exposure ADD COLUMN reduced_s REAL NOT NULL DEFAULT 0;
"""

# v12: how each decided case was decided: `decided` is the most realistic stage the reviewer saw
# of it before deciding ('none': without any reveal), `by_suggestion` whether the decision was
# the one earlier decisions on the same media suggested; found by case across days.
_V12 = """
ALTER TABLE exposure ADD COLUMN decided TEXT NOT NULL DEFAULT '';
ALTER TABLE exposure ADD COLUMN by_suggestion INTEGER NOT NULL DEFAULT 0;
CREATE INDEX exposure_case ON exposure (case_id);
"""

# v13: incidents as the workstation sees them (reviewer/context/incidents.py): the incidents
# and which cases they hold (so a decision on one carries the incident id), the incident each
# decision was made under, and the review sections written here until the central API has them.
_V13 = """
ALTER TABLE outbox ADD COLUMN incident_id TEXT NOT NULL DEFAULT '';
CREATE TABLE incidents (
    id TEXT PRIMARY KEY, state TEXT NOT NULL, declared_at TEXT NOT NULL, data TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE incident_cases (
    case_id TEXT NOT NULL, incident_id TEXT NOT NULL, PRIMARY KEY (case_id, incident_id)
);
CREATE TABLE incident_entries (
    entry_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, section TEXT NOT NULL,
    body TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '', written_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending', last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_entries_by_state ON incident_entries (state);
"""

# v14: the dashboards. `figures`: the last answer of each figures endpoint, read offline
# (reviewer/figures/store.py); `breaks`: when the reviewer said they took a break
# (reviewer/media/breaks.py), on this machine only like the exposure it goes with.
_V14 = """
CREATE TABLE figures (kind TEXT PRIMARY KEY, fetched_at TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE breaks (at TEXT NOT NULL);
CREATE INDEX breaks_at ON breaks (at);
"""

# v15: alerts from the central API (reviewer/context/alerts.py), readable offline; `data` is the
# alert as served, sealed like case content (its title names hashtags and accounts).
# `alert_outbox`: acknowledgements and resolves made here, queued durably and sent once each
# (the transition id is the central API's idempotency key). `case_media.list_categories`: the
# categories of hash lists the media matched, so never-render ones are never fetched.
# `media.dhash` now holds the PDQ hash (64 hex digits, reviewer/media/perceptual_hash.py), the
# one the central API's hash lists use: every cached item is hashed again, pairs found anew.
_V15 = """
UPDATE media SET dhash = NULL;
DELETE FROM media_near;
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY, state TEXT NOT NULL, severity TEXT NOT NULL,
    updated_at TEXT NOT NULL, paged_me_at TEXT NOT NULL DEFAULT '',
    notified_at TEXT NOT NULL DEFAULT '', sealed INTEGER NOT NULL DEFAULT 0, data BLOB NOT NULL
);
CREATE TABLE alert_outbox (
    transition_id TEXT PRIMARY KEY, alert_id INTEGER NOT NULL, to_state TEXT NOT NULL,
    created_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',
    sent_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alert_outbox_due ON alert_outbox (state, created_at);
ALTER TABLE case_media ADD COLUMN list_categories TEXT NOT NULL DEFAULT '';
"""

# v16: incidents and the review sections written here are sealed like case content: an
# incident's title and its root cause name what abusers did and what the team missed. The clear
# columns stay for rows written before (read as they are; incidents are replaced at each fetch).
_V16 = """
ALTER TABLE incidents ADD COLUMN sealed BLOB;
ALTER TABLE incident_entries ADD COLUMN body_sealed BLOB;
"""

# v17: the push reads the outbox's next due decisions in seq order. Over (state, next_attempt_at)
# that read gathered every pending row and sorted it (9,500 rows: 3-70 ms per batch of a drain);
# this index holds only the rows still to send, in seq order, so a batch is read off its front.
_V17 = """
CREATE INDEX outbox_open ON outbox (seq) WHERE state IN ('pending', 'sending');
"""

# v18: the small decode of each cached still (reviewer/media/small_copies.py), kept when the sync
# worker hashes the media so the blurred and reduced stages need not decode the original;
# sealed like the media under a context of its own. An empty `data`: the media is no still we
# keep a copy of (video, animation, damaged). A copy goes with its media, however that goes.
_V18 = """
CREATE TABLE small_media (
    sha256 TEXT NOT NULL, mode TEXT NOT NULL, sealed INTEGER NOT NULL DEFAULT 0,
    data BLOB NOT NULL, PRIMARY KEY (sha256, mode)
);
CREATE TRIGGER small_media_gone AFTER DELETE ON media BEGIN
    DELETE FROM small_media WHERE sha256 = OLD.sha256;
END;
"""

# Index i upgrades user_version i to i + 1. Append new steps; never edit a shipped one.
MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11, _V12, _V13,
                         _V14, _V15, _V16, _V17, _V18]
SCHEMA_VERSION = len(MIGRATIONS)
