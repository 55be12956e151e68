"""The policy library on this machine: guideline versions, bulletins and acknowledgements.

Guidelines sync from the central API (GET /v1/guidelines, a cursor in sync_state) and stay
readable offline. Versions are never edited, so the local table only grows. Titles and bodies
are sealed at rest like case content (reviewer/store/crypto.py): internal enforcement guidelines
are confidential, and a leaked playbook shows abusers where the lines are. Ids, versions, policy
areas and queues stay in clear: they are what the library is looked up by. A version whose
sealed text no longer opens is dropped and fetched again.

Decisions record the guideline they were made under as `"<guideline id>@<version>"` (e.g.
`hate_speech@3`): the latest synced version of the *policy* document whose `policy_area` is
the decision's policy (or, where a decision has none, the case's policy area). No document for
it yet (nothing synced, or a policy without one) records `""`, the same as an older client:
"unknown", never a guess.

A bulletin that requires acknowledgement stays in the banner until this reviewer acknowledges
its latest version, which needs the text to have been on screen first (`mark_read`). The
acknowledgement is recorded here at once (it works offline) and pushed by the sync worker;
the server keeps the first one only, so a resend after a lost answer is harmless.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Literal

import sqlite_utils

from reviewer.contract.fields import MAX_INT64
from reviewer.domain import MalformedAnswer, to_iso, utc_now
from reviewer.store.crypto import TamperedItem, guideline_context, open_text
from reviewer.store.database import read_state, store_cipher, transaction

log = logging.getLogger(__name__)

CURSOR_KEY = "guidelines_cursor"
_COLUMNS = ("guideline_id, version, seq, title, kind, policy_area, queue_id, body, requires_ack, "
            "published_at, published_by")
_READ = _COLUMNS + ", sealed_text"
_LATEST = ("version = (SELECT max(version) FROM guidelines AS v "
           "WHERE v.guideline_id = g.guideline_id)")


class NotReadYet(RuntimeError):
    """A bulletin is acknowledged only after its text has been on screen."""


@dataclass(frozen=True)
class Guideline:
    guideline_id: str
    version: int
    seq: int
    title: str
    kind: str  # policy | bulletin
    policy_area: str
    queue_id: str
    body: str
    requires_ack: bool
    published_at: str
    published_by: str

    @property
    def tag(self) -> str:
        return f"{self.guideline_id}@{self.version}"

    @property
    def is_bulletin(self) -> bool:
        return self.kind == "bulletin"

    @classmethod
    def from_api(cls, data: Any) -> "Guideline":
        def need(key: str, kind: type) -> Any:
            value = data.get(key) if isinstance(data, dict) else None
            if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
                raise MalformedAnswer(f"guideline: field {key!r} missing or of the wrong type")
            if kind is int and not -MAX_INT64 - 1 <= value <= MAX_INT64:  # more than SQLite holds
                raise MalformedAnswer(f"guideline: field {key!r} out of range")
            return value

        return cls(need("id", str), need("version", int), need("seq", int), need("title", str),
                   need("kind", str), need("policy_area", str), need("queue_id", str),
                   need("body", str), need("requires_ack", bool), need("published_at", str),
                   need("published_by", str))


@dataclass(frozen=True)
class DiffChunk:
    kind: Literal["equal", "insert", "delete"]
    text: str


def guideline_tag(conn, policy: str) -> str:
    """`<id>@<version>` of the latest policy document for `policy`, "" if none has synced.
    `conn`: a sqlite3 connection or a sqlite-utils Database (one indexed query)."""
    if not policy:
        return ""
    row = conn.execute("SELECT guideline_id, version FROM guidelines WHERE kind = 'policy' "
                       "AND policy_area = ? ORDER BY seq DESC LIMIT 1", (policy,)).fetchone()
    return f"{row[0]}@{row[1]}" if row else ""


def diff_words(old: str, new: str) -> list[DiffChunk]:
    """What changed from `old` to `new`, word by word: equal / delete / insert chunks in
    reading order (a replaced passage is its deletion followed by its insertion)."""
    before, after = _words(old), _words(new)
    chunks: list[DiffChunk] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal",):
            _append(chunks, "equal", "".join(before[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _append(chunks, "delete", "".join(before[i1:i2]))
        if op in ("insert", "replace"):
            _append(chunks, "insert", "".join(after[j1:j2]))
    return chunks


def _words(text: str) -> list[str]:
    # A word with the whitespace after it: matching bare whitespace tokens would split every
    # change into word-sized pieces around the spaces both versions share.
    return re.findall(r"\s+|\S+\s*", text)


def _append(chunks: list[DiffChunk], kind: str, text: str) -> None:
    if not text:
        return
    if chunks and chunks[-1].kind == kind:
        chunks[-1] = DiffChunk(kind, chunks[-1].text + text)
    else:
        chunks.append(DiffChunk(kind, text))


class GuidelineStore:
    """The local guideline tables; open on the thread that uses it, like every store object."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.cipher = store_cipher(db)  # None: titles and bodies are kept in clear
        self._names: dict[str, str] = {}  # policy id -> what reviewers call it (policy_name)

    # --- syncing ------------------------------------------------------------------------------
    def cursor(self) -> int:
        return int(read_state(self.db, CURSOR_KEY, "0") or 0)

    def save(self, versions: list[Guideline], cursor: int,
             acknowledged: dict[tuple[str, int], str] | None = None) -> int:
        """Store fetched versions and move the cursor, in one commit; returns how many were new.
        `acknowledged`: versions the server says this reviewer acknowledged (elsewhere, or an
        answer that was lost), so they are neither shown nor sent again."""
        with transaction(self.db) as conn:
            before = conn.total_changes
            conn.executemany(
                f"INSERT OR IGNORE INTO guidelines ({_READ}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [self._row(g) for g in versions])
            added = conn.total_changes - before
            for (guideline_id, version), at in (acknowledged or {}).items():
                conn.execute("INSERT INTO guideline_acks (guideline_id, version, acknowledged_at, "
                             "sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET sent_at = "
                             "excluded.sent_at WHERE sent_at = ''",
                             (guideline_id, version, at, at))
            conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) "
                         "DO UPDATE SET value = excluded.value", (CURSOR_KEY, str(cursor)))
        return added

    def _row(self, g: Guideline) -> tuple:
        title, body, sealed = g.title, g.body, None
        if self.cipher is not None:
            text = json.dumps({"title": g.title, "body": g.body}, ensure_ascii=False)
            title, body = "", ""
            sealed = self.cipher.seal(text.encode("utf-8"),
                                      guideline_context(g.guideline_id, g.version))
        return (g.guideline_id, g.version, g.seq, title, g.kind, g.policy_area, g.queue_id,
                body, int(g.requires_ack), g.published_at, g.published_by, sealed)

    def pending_acks(self) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT guideline_id, version FROM guideline_acks WHERE sent_at = '' "
            "ORDER BY acknowledged_at")]

    def mark_ack_sent(self, guideline_id: str, version: int, error: str = "") -> None:
        """The central API has it (or refused it for good: `error` says why; not resent)."""
        with transaction(self.db) as conn:
            conn.execute("UPDATE guideline_acks SET sent_at = ?, last_error = ? "
                         "WHERE guideline_id = ? AND version = ?",
                         (to_iso(utc_now()), error, guideline_id, version))

    # --- reading ------------------------------------------------------------------------------
    def documents(self) -> list[Guideline]:
        """The latest version of every document, bulletins first, then by title."""
        rows = self.db.execute(f"SELECT {_READ} FROM guidelines AS g WHERE {_LATEST}").fetchall()
        # Sorted here, not in SQL: the titles are sealed in the store.
        return sorted(self._readable(rows), key=lambda g: (g.kind == "policy", g.title,
                                                          g.guideline_id))

    def versions(self, guideline_id: str) -> list[int]:
        """Version numbers of a document, newest first."""
        return [r[0] for r in self.db.execute(
            "SELECT version FROM guidelines WHERE guideline_id = ? ORDER BY version DESC",
            (guideline_id,))]

    def get(self, guideline_id: str, version: int | None = None) -> Guideline | None:
        """One version (None: the latest)."""
        if version is None:
            row = self.db.execute(f"SELECT {_READ} FROM guidelines WHERE guideline_id = ? "
                                  "ORDER BY version DESC LIMIT 1", (guideline_id,)).fetchone()
        else:
            row = self.db.execute(f"SELECT {_READ} FROM guidelines WHERE guideline_id = ? "
                                  "AND version = ?", (guideline_id, version)).fetchone()
        return self._guideline(row) if row else None

    def previous(self, guideline: Guideline) -> Guideline | None:
        """The version before this one, if it synced (what "what changed" compares with)."""
        row = self.db.execute(f"SELECT {_READ} FROM guidelines WHERE guideline_id = ? "
                              "AND version < ? ORDER BY version DESC LIMIT 1",
                              (guideline.guideline_id, guideline.version)).fetchone()
        return self._guideline(row) if row else None

    def what_changed(self, guideline: Guideline, since: Guideline | None = None) -> list[DiffChunk]:
        """The diff from `since` (default: the previous version) to `guideline`; a first
        version is all insertion."""
        since = since or self.previous(guideline)
        return diff_words(since.body if since else "", guideline.body)

    def for_policy(self, policy: str) -> Guideline | None:
        """The latest policy document for a policy area."""
        tag = guideline_tag(self.db, policy)
        if not tag:
            return None
        guideline_id, version = tag.rsplit("@", 1)
        return self.get(guideline_id, int(version))

    def policy_name(self, policy: str) -> str:
        """What reviewers call a policy: the title of its policy document ("Violent
        extremism" for violent_extremism), the id itself while none has synced. Kept once
        read: a decision's message names its policy before the next case is painted."""
        name = self._names.get(policy)
        if name is None:
            document = self.for_policy(policy)
            name = self._names[policy] = (document.title if document and document.title
                                          else policy)
        return name

    def queue_name(self, queue_id: str) -> str:
        """What reviewers call a queue (its name as synced), the id while none has synced."""
        row = self.db.execute("SELECT name FROM queues WHERE id = ?", (queue_id,)).fetchone()
        return row[0] if row and row[0] else queue_id

    def forget_names(self) -> None:
        """Guidelines synced: a policy's document may have a new title, or its first."""
        self._names.clear()

    def tag_for(self, policy: str, fallback_policy: str = "") -> str:
        """What a decision under `policy` records (see the module docstring)."""
        tag = guideline_tag(self.db, policy)
        # Most decisions are under the case's own policy area: no second look for the same.
        return tag or (guideline_tag(self.db, fallback_policy) if fallback_policy != policy
                       else "")

    # --- bulletins ------------------------------------------------------------------------------
    def unacknowledged(self) -> list[Guideline]:
        """Bulletins to acknowledge: the latest version of each that requires it, for every
        queue or one of the queues this workstation works (all, before any queue has synced),
        oldest first."""
        rows = self.db.execute(
            f"SELECT {_READ} FROM guidelines AS g WHERE {_LATEST} AND requires_ack = 1 "
            "AND NOT EXISTS (SELECT 1 FROM guideline_acks AS a "
            "  WHERE a.guideline_id = g.guideline_id AND a.version = g.version) "
            "AND (queue_id = '' OR queue_id IN (SELECT id FROM queues) "
            "     OR NOT EXISTS (SELECT 1 FROM queues)) ORDER BY seq").fetchall()
        return self._readable(rows)

    def mark_read(self, guideline_id: str, version: int) -> None:
        with transaction(self.db) as conn:
            conn.execute("UPDATE guidelines SET read_at = ? WHERE guideline_id = ? AND "
                         "version = ? AND read_at = ''", (to_iso(utc_now()), guideline_id, version))

    def was_read(self, guideline_id: str, version: int) -> bool:
        row = self.db.execute("SELECT read_at FROM guidelines WHERE guideline_id = ? AND "
                              "version = ?", (guideline_id, version)).fetchone()
        return bool(row and row[0])

    def is_acknowledged(self, guideline_id: str, version: int) -> bool:
        return self.db.execute("SELECT 1 FROM guideline_acks WHERE guideline_id = ? AND "
                               "version = ?", (guideline_id, version)).fetchone() is not None

    def acknowledge(self, guideline_id: str, version: int) -> bool:
        """Record the acknowledgement now (sent by the sync worker); False if it already was.
        Raises NotReadYet if the text has not been on screen."""
        if not self.was_read(guideline_id, version):
            raise NotReadYet(f"{guideline_id}@{version} has not been read yet")
        with transaction(self.db) as conn:
            cursor = conn.execute("INSERT OR IGNORE INTO guideline_acks (guideline_id, version, "
                                  "acknowledged_at) VALUES (?, ?, ?)",
                                  (guideline_id, version, to_iso(utc_now())))
        return cursor.rowcount == 1


    # --- sealing ------------------------------------------------------------------------------
    def _readable(self, rows) -> list[Guideline]:
        return [g for g in map(self._guideline, rows) if g is not None]

    def _guideline(self, row) -> Guideline | None:
        """A stored version, its sealed title and body opened; None (and the version dropped
        so the next sync fetches it again) if they do not open."""
        title, body = row[3], row[7]
        if row[11] is not None and self.cipher is None:
            return None  # sealed, and this connection has no key to open it
        try:
            text = open_text(self.cipher, "", row[11], guideline_context(row[0], int(row[1])))
        except TamperedItem:
            self._forget(row[0], int(row[1]))
            return None
        if row[11] is not None:
            opened = json.loads(text)
            title, body = opened["title"], opened["body"]
        return Guideline(row[0], int(row[1]), int(row[2]), title, row[4], row[5], row[6], body,
                         bool(row[8]), row[9], row[10])

    def _forget(self, guideline_id: str, version: int) -> None:
        log.warning("the sealed text of guideline %s@%s does not open; fetched again",
                    guideline_id[:40], version)
        with transaction(self.db) as conn:
            conn.execute("DELETE FROM guidelines WHERE guideline_id = ? AND version = ?",
                         (guideline_id, version))
            conn.execute("DELETE FROM sync_state WHERE key = ?", (CURSOR_KEY,))
