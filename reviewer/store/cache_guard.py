"""Keeping the local cache private: unlocking it at start, and letting go of what is done.

Reported content stays on this machine only as long as the work needs it. A case that is
settled here (decided and synced, withdrawn, decided elsewhere) is deleted, and so is anything
cached longer than a TTL; media goes with the last case that uses it. Sealing is in
reviewer/store/crypto.py; the key lives in the keyring (reviewer/account/credentials.py).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import sqlite_utils

from reviewer.actions import DECISION_KINDS
from reviewer.store.crypto import (CacheCipher, case_context, decision_context,
                                   guideline_context, media_context)
from reviewer.store.case_cache import SETTLED
from reviewer.account.credentials import cache_key
from reviewer.context.guidelines import CURSOR_KEY as GUIDELINES_CURSOR
from reviewer.domain import to_iso, utc_now
from reviewer.profile import Profile
from reviewer.store.database import open_store, transaction, unlock_store

CACHE_TTL = timedelta(hours=24)
# A case that left the work list stays this long before the per-round purge takes it, so the
# window can still say why it left (its local_note) and the reviewer can still look it up.
SETTLED_GRACE = timedelta(minutes=10)


def unlock_cache(profile: Profile, ttl: timedelta = CACHE_TTL) -> str:
    """Make every store connection of this process seal with the profile's key, bring the
    cached content in line with that key, and purge. Call once at start, before any other
    connection to the store. Returns a warning for the status line, or ''."""
    found = cache_key(profile.root)
    cipher = CacheCipher(found.key)
    unlock_store(profile.store_path, cipher)
    db = open_store(profile.store_path, cipher)
    try:
        if found.fresh:
            forget_sealed_content(db)  # sealed under a key we no longer have: unreadable
        if seal_clear_content(db, cipher):
            scrub_free_space(db)
        purge_stale(db, ttl)
    finally:
        db.conn.close()
    return found.warning


def purge_settled(db: sqlite_utils.Database, now: datetime | None = None,
                  grace: timedelta = SETTLED_GRACE, ttl: timedelta = CACHE_TTL) -> int:
    """The purge of every sync round: like `purge_stale`, but a case is taken only once it
    left the work list `grace` ago (cases.left_at, kept by a trigger of store v8)."""
    return purge_stale(db, ttl, now, settled_for=grace)


def purge_stale(db: sqlite_utils.Database, ttl: timedelta = CACHE_TTL,
                now: datetime | None = None, settled_for: timedelta = timedelta(0)) -> int:
    """Delete settled cases (those that left the work list at least `settled_for` ago),
    anything cached longer than `ttl`, and media no cached case uses any more. Cheap enough to
    run every sync round. Returns the number of rows deleted."""
    now = now or utc_now()
    cutoff = to_iso(now - ttl)
    finals = [a.value for a, kind in DECISION_KINDS.items() if kind.final]
    marks = ",".join("?" * len(finals))
    # '' (left before store v8 knew when) counts as long ago.
    left_long_ago = "AND left_at <= ? " if settled_for else ""
    # Too old, or not open here any more -- except the case of our newest accepted final
    # decision, which the reviewer may still reverse -- and no decision on it waits to be sent.
    # Two indexed selects (store v8: cases_cached_at, cases_left) rather than one OR, which
    # would read all 100,000 rows of a big cache every round.
    # The settled cases through the partial index of cases that left the list (only those):
    # without a bound on left_at (at start) the planner otherwise scans all 100,000 open ones.
    done = (f"id IN (SELECT id FROM cases WHERE cached_at < ? UNION SELECT id FROM cases "
            f"INDEXED BY cases_left WHERE local_state != 'open' {left_long_ago}AND id NOT IN (SELECT case_id FROM "
            f"outbox WHERE state = 'accepted' AND action IN ({marks}) ORDER BY seq DESC "
            f"LIMIT 1)) AND {SETTLED}")
    params = (cutoff, *([to_iso(now - settled_for)] if settled_for else []), *finals)
    every_round = bool(settled_for)
    if not _anything_to_purge(db, done, params, cutoff, unused_media=not every_round):
        # The usual round, and the usual start: no write transaction, so no wait for the UI's
        # next commit, and no fsync on the way to the first case.
        return 0
    with transaction(db) as conn:
        linked = f"FROM case_media WHERE case_id IN (SELECT id FROM cases WHERE {done})"
        freed = [r[0] for r in conn.execute(f"SELECT DISTINCT sha256 {linked}", params)]
        conn.execute(f"DELETE {linked}", params)
        deleted = conn.execute(f"DELETE FROM cases WHERE {done}", params).rowcount
        deleted += conn.execute("DELETE FROM media WHERE fetched_at < ?", (cutoff,)).rowcount
        if every_round:  # only media of the cases deleted just now can have lost its last use
            deleted += sum(conn.execute(f"DELETE FROM media WHERE sha256 = ? AND {_UNUSED}",
                                        (sha,)).rowcount for sha in freed)
        else:  # at start: whatever else left media unused (dropped damaged cases, older runs)
            # Per media row, an index lookup of its links (NOT IN over every link of 100,000
            # cases built a 250,000-row list each round: 170 ms).
            deleted += conn.execute(f"DELETE FROM media WHERE {_UNUSED}").rowcount
    return deleted


# No cached case links to it any more.
_UNUSED = ("NOT EXISTS (SELECT 1 FROM case_media cm JOIN cases c ON c.id = cm.case_id "
           "WHERE cm.sha256 = media.sha256)")


def _anything_to_purge(db: sqlite_utils.Database, done: str, params: tuple, cutoff: str,
                       unused_media: bool = False) -> bool:
    """A read (no lock under WAL) over indexes only: does the round have anything to delete?
    `unused_media`: media no case links to counts too (the purge at start deletes it)."""
    unused = f" OR EXISTS (SELECT 1 FROM media WHERE {_UNUSED})" if unused_media else ""
    return bool(db.execute(f"SELECT EXISTS (SELECT 1 FROM cases WHERE {done}) OR EXISTS "
                           f"(SELECT 1 FROM media WHERE fetched_at < ?){unused}",
                           (*params, cutoff)).fetchone()[0])


def forget_sealed_content(db: sqlite_utils.Database) -> None:
    """Drop sealed cases, media, guidelines and account contexts (the guidelines are fetched
    again from the start, contexts in the next round). A case with an unsent decision keeps its
    row, so a re-claim cannot open it again before that decision reaches the server; a decision
    whose note was sealed under the lost key is answered by the outbox itself
    (reviewer/review/outbox.py, NOTE_UNREADABLE). Notes already on the server go too: the
    server's copy comes back with the context."""
    with transaction(db) as conn:
        conn.execute("DELETE FROM case_context WHERE sealed = 1")
        conn.execute("DELETE FROM account_notes WHERE sealed = 1 AND state != 'pending'")
        conn.execute("DELETE FROM guidelines WHERE sealed_text IS NOT NULL")
        conn.execute("DELETE FROM sync_state WHERE key = ?", (GUIDELINES_CURSOR,))
        conn.execute("DELETE FROM case_media WHERE case_id IN (SELECT id FROM cases "
                     f"WHERE sealed_payload IS NOT NULL AND {SETTLED})")
        conn.execute(f"DELETE FROM cases WHERE sealed_payload IS NOT NULL AND {SETTLED}")
        conn.execute("DELETE FROM media WHERE sealed = 1")


def seal_clear_content(db: sqlite_utils.Database, cipher: CacheCipher) -> int:
    """Seal case content, media, guideline text and decision notes and answers written in
    clear (by an older version, or a store opened without a key). Returns how many items it
    sealed."""
    cases = db.execute("SELECT id, payload FROM cases WHERE sealed_payload IS NULL").fetchall()
    media = [r[0] for r in db.execute("SELECT sha256 FROM media WHERE sealed = 0")]
    sealed = _seal_clear_text(db, cipher)
    with transaction(db) as conn:
        for case_id, payload in cases:
            # The clear store kept the author id itself as author_key; sealed, it is blinded.
            author_id = str((json.loads(payload).get("author") or {}).get("id", ""))
            conn.execute("UPDATE cases SET payload = '{}', sealed_payload = ?, author_key = ? "
                         "WHERE id = ?",
                         (cipher.seal(payload.encode("utf-8"), case_context(case_id)),
                          cipher.blind(author_id), case_id))
        for sha in media:  # one at a time: media can be large
            data = conn.execute("SELECT data FROM media WHERE sha256 = ?", (sha,)).fetchone()[0]
            conn.execute("UPDATE media SET data = ?, sealed = 1 WHERE sha256 = ?",
                         (cipher.seal(bytes(data), media_context(sha)), sha))
        # Small copies kept in clear go; the sync worker makes them again, sealed.
        conn.execute("DELETE FROM small_media WHERE sealed = 0 AND length(data) > 0")
    return len(cases) + len(media) + sealed


def _seal_clear_text(db: sqlite_utils.Database, cipher: CacheCipher) -> int:
    """Guideline titles and bodies, decision notes and answers kept in clear (store v9)."""
    guidelines = db.execute("SELECT guideline_id, version, title, body FROM guidelines "
                            "WHERE sealed_text IS NULL").fetchall()
    notes = db.execute("SELECT decision_id, note FROM outbox WHERE note != '' "
                       "AND sealed_note IS NULL").fetchall()
    answers = db.execute("SELECT decision_id, response FROM outbox WHERE response != '' "
                         "AND sealed_response IS NULL").fetchall()
    with transaction(db) as conn:
        for guideline_id, version, title, body in guidelines:
            text = json.dumps({"title": title, "body": body}, ensure_ascii=False)
            conn.execute("UPDATE guidelines SET title = '', body = '', sealed_text = ? WHERE "
                         "guideline_id = ? AND version = ?",
                         (cipher.seal(text.encode("utf-8"), guideline_context(guideline_id,
                                                                               version)),
                          guideline_id, version))
        for decision_id, note in notes:
            conn.execute("UPDATE outbox SET note = '', sealed_note = ? WHERE decision_id = ?",
                         (cipher.seal(note.encode("utf-8"), decision_context(decision_id, "note")),
                          decision_id))
        for decision_id, response in answers:
            conn.execute("UPDATE outbox SET response = '', sealed_response = ? WHERE "
                         "decision_id = ?", (cipher.seal(response.encode("utf-8"),
                                                         decision_context(decision_id,
                                                                          "response")),
                                             decision_id))
    return len(guidelines) + len(notes) + len(answers)


def scrub_free_space(db: sqlite_utils.Database) -> None:
    """Overwritten clear text lingers in free pages and in the WAL: rebuild the file and empty
    the WAL so no copy of it is left on disk."""
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
