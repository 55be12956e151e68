"""Claimed cases, queues and media bytes cached in the local store, so work goes on offline.

Case content and media bytes go through the store's cipher when it has one (see
reviewer/store/crypto.py): only ids, queue, priority, SLA deadline and language stay in clear,
because the case list sorts and shows them. An item that fails to open is dropped so it is
fetched again; callers see it as missing (None), never as an error.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reviewer.store.crypto import (CacheCipher, TamperedItem, case_context, media_context,
                                   open_kept)
from reviewer.domain import Case, MalformedAnswer, Queue, to_iso, utc_now
from reviewer.store.database import open_store, store_cipher, transaction

log = logging.getLogger(__name__)

# A case may be deleted from the cache only when no decision on it still waits to be sent: its
# row (local_state 'decided') is what keeps a re-claim from opening it again meanwhile.
SETTLED = ("NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = cases.id "
           "AND o.state IN ('pending', 'sending'))")


@dataclass(frozen=True)
class CaseSummary:
    """What the case list shows for one row: read per visible row, never for the whole queue."""

    id: str
    queue_id: str
    priority: int
    sla_deadline: str
    language: str
    region: str = ""
    policy_area: str = ""
    report_count: int = 0


class CaseCache:
    def __init__(self, db: sqlite_utils.Database, cipher: CacheCipher | None = None):
        self.db = db
        # Default: the cipher open_store attached, so every CaseCache(db) in the app seals.
        self.cipher = cipher or store_cipher(db)
        # The queues as last read, with the store's data_version then: every decision looks up
        # its queue (policies, default policy) and the table changes only when the sync worker
        # (another connection: data_version moves) or save_queues here writes it.
        self._queues: tuple[int, tuple[Queue, ...]] | None = None

    # --- queues -------------------------------------------------------------------------
    def save_queues(self, queues: list[Queue]) -> None:
        rows = [
            {
                "id": q.id, "name": q.name, "description": q.description,
                "open_count": q.open_count, "policies": json.dumps(list(q.policies)),
                "default_policy": q.default_policy, "position": i,
                "sla_minutes": q.sla_minutes, "oldest_open_at": q.oldest_open_at,
                "breached": q.breached, "due_soon": q.due_soon,
            }
            for i, q in enumerate(queues)
        ]
        self.db["queues"].upsert_all(rows, pk="id")
        self._queues = None

    def queues(self) -> list[Queue]:
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if self._queues is None or self._queues[0] != version:
            self._queues = (version, self._read_queues())
        return list(self._queues[1])

    def _read_queues(self) -> tuple[Queue, ...]:
        rows = self.db.execute(
            "SELECT id, name, description, open_count, policies, default_policy, sla_minutes, "
            "oldest_open_at, breached, due_soon FROM queues ORDER BY position, id"
        ).fetchall()
        return tuple(
            Queue(id=r[0], name=r[1], description=r[2], open_count=r[3],
                  policies=tuple(json.loads(r[4])), default_policy=r[5], sla_minutes=r[6],
                  oldest_open_at=r[7], breached=r[8], due_soon=r[9])
            for r in rows
        )

    def queue(self, queue_id: str) -> Queue | None:
        return next((q for q in self.queues() if q.id == queue_id), None)

    # --- cases --------------------------------------------------------------------------
    def save_cases(self, cases: list[Case], lease_expires_at: str | None) -> None:
        """Insert or refresh cached cases. A case decided here keeps its local state."""
        now = to_iso(utc_now())
        rows = [
            {
                "id": c.id, "queue_id": c.queue_id, "priority": c.priority,
                "sla_deadline": c.sla_deadline, "language": c.language,
                "region": c.region, "policy_area": c.policy_area,
                "report_count": len(c.reports), "author_key": self.author_key(c.author.id),
                **self._payload_columns(c.id, json.dumps(c.raw, ensure_ascii=False)),
                "lease_expires_at": lease_expires_at, "cached_at": now,
            }
            for c in cases
        ]
        self.db["cases"].upsert_all(rows, pk="id")
        links = [
            {"case_id": c.id, "sha256": m.sha256, "position": i, "category": m.category,
             "list_categories": ",".join(m.list_categories)}
            for c in cases for i, m in enumerate(c.media)
        ]
        if links:
            self.db["case_media"].upsert_all(links, pk=("case_id", "position"))

    def save_claimed(self, cases: list[Case], lease_expires_at: str | None) -> None:
        """Cases the server just leased to us: cached, and open here again even if an earlier
        copy was escalated or lost its lease (the server handed it back). A copy we decided,
        or whose decision still waits in the outbox, stays as it is."""
        self.save_cases(cases, lease_expires_at)
        with transaction(self.db) as conn:
            conn.executemany(
                "UPDATE cases SET local_state = 'open', local_note = '' WHERE id = ? "
                "AND local_state NOT IN ('open', 'decided') AND NOT EXISTS (SELECT 1 FROM outbox o "
                "WHERE o.case_id = cases.id AND o.state IN ('pending', 'sending'))",
                [(c.id,) for c in cases])

    def open_case_ids(self, queue_id: str | None = None) -> list[str]:
        """Cases still to decide here, in work order: most urgent first, then SLA deadline."""
        sql = "SELECT id FROM cases WHERE local_state = 'open'"
        params: tuple = ()
        if queue_id:
            sql += " AND queue_id = ?"
            params = (queue_id,)
        sql += " ORDER BY priority, sla_deadline, id"
        return [r[0] for r in self.db.execute(sql, params).fetchall()]

    def open_counts(self) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT queue_id, count(*) FROM cases WHERE local_state = 'open' GROUP BY queue_id"
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def least_urgent_open(self, queue_id: str) -> tuple[int, str]:
        """(priority, SLA deadline) of the open case here the reviewer reaches last in this
        queue; (0, ""): none. An unheld case more urgent than it is worth claiming now."""
        row = self.db.execute(
            "SELECT priority, sla_deadline FROM cases WHERE local_state = 'open' AND queue_id = ? "
            "ORDER BY priority DESC, sla_deadline DESC LIMIT 1", (queue_id,)).fetchone()
        return (row[0], row[1]) if row else (0, "")

    def open_among(self, case_ids: list[str]) -> set[str]:
        """Which of these are open here already (a claim hands back our own leases too)."""
        found: set[str] = set()
        for start in range(0, len(case_ids), 500):  # within SQLite's bound-parameter limit
            chunk = case_ids[start:start + 500]
            found.update(row[0] for row in self.db.execute(
                f"SELECT id FROM cases WHERE local_state = 'open' AND id IN "
                f"({', '.join('?' * len(chunk))})", chunk))
        return found

    def case(self, case_id: str) -> Case | None:
        """The cached case, or None if it is not here (or its sealed copy was damaged)."""
        row = self.db.execute("SELECT payload, sealed_payload, priority FROM cases WHERE id = ?",
                              (case_id,)).fetchone()
        if not row:
            return None
        try:
            text = self._open_payload(case_id, row[0], row[1])
        except TamperedItem:
            log.warning("cached case %s failed authentication; dropped", case_id)
            self._drop_damaged_case(case_id)
            return None
        if text is None:
            return None
        raw = json.loads(text)
        raw["priority"] = row[2]  # the clear column is the one the change feed keeps current
        try:
            return Case.from_api(raw)
        except MalformedAnswer as exc:
            # Cached by a version that checked less: handled like a damaged copy.
            log.warning("cached case %s no longer matches the wire contract; dropped (%s)",
                        case_id, exc)
            self._drop_damaged_case(case_id)
            return None

    def raw_cases(self, case_ids: list[str]) -> list[dict]:
        """The cached answers of these cases as stored, unchecked: for a reader of a few fields
        of many cases (the search index), ~3x faster than `case` each. A case that does not
        open is left out (`case` drops it when it is next shown)."""
        rows = self.db.execute(f"SELECT id, payload, sealed_payload FROM cases WHERE id IN "
                               f"({', '.join('?' * len(case_ids))})", case_ids).fetchall()
        found = []
        for case_id, payload, sealed in rows:
            try:
                text = self._open_payload(case_id, payload, sealed)
            except TamperedItem:
                continue
            if text is not None:
                found.append(json.loads(text))
        return found

    def _payload_columns(self, case_id: str, text: str) -> dict:
        if self.cipher is None:
            return {"payload": text, "sealed_payload": None}
        sealed = self.cipher.seal(text.encode("utf-8"), case_context(case_id))
        return {"payload": "{}", "sealed_payload": sealed}

    def _open_payload(self, case_id: str, payload: str, sealed: bytes | None) -> str | None:
        if sealed is None:
            return payload  # written without a key (tests, before the first unlock)
        if self.cipher is None:
            return None  # sealed, and this connection has no key to open it
        return self.cipher.open(sealed, case_context(case_id)).decode("utf-8")

    def _drop_damaged_case(self, case_id: str) -> None:
        """Forget a case whose sealed copy is damaged; the server hands it out again once our
        lease lapses. A case with an unsent decision keeps its row (see SETTLED)."""
        with transaction(self.db) as conn:
            if conn.execute(f"DELETE FROM cases WHERE id = ? AND {SETTLED}", (case_id,)).rowcount:
                conn.execute("DELETE FROM case_media WHERE case_id = ?", (case_id,))

    def author_key(self, author_id: str) -> str:
        """What the `author_key` column holds for an author: a keyed hash when the cache is
        sealed (the id itself is content), the id when it is kept in clear (tests)."""
        return self.cipher.blind(author_id) if self.cipher is not None else author_id

    def local_note(self, case_id: str) -> str:
        row = self.db.execute("SELECT local_note FROM cases WHERE id = ?", (case_id,)).fetchone()
        return row[0] if row and row[0] else "no longer open"

    def summary(self, case_id: str) -> CaseSummary | None:
        row = self.db.execute(
            "SELECT id, queue_id, priority, sla_deadline, language, region, policy_area, "
            "report_count FROM cases WHERE id = ?",
            (case_id,),
        ).fetchone()
        return CaseSummary(*row) if row else None

    def summaries(self, case_ids: list[str]) -> dict[str, CaseSummary]:
        """`summary` of several cases in one query (a screenful of the case list)."""
        if not case_ids:
            return {}
        rows = self.db.execute(
            "SELECT id, queue_id, priority, sla_deadline, language, region, policy_area, "
            f"report_count FROM cases WHERE id IN ({','.join('?' * len(case_ids))})",
            case_ids).fetchall()
        return {row[0]: CaseSummary(*row) for row in rows}

    def lease_expiry(self, case_id: str) -> str | None:
        """When this reviewer's hold on the case ends, as last renewed (None: not leased)."""
        row = self.db.execute("SELECT lease_expires_at FROM cases WHERE id = ?",
                              (case_id,)).fetchone()
        return row[0] if row and row[0] else None

    def set_leases(self, expiries: dict[str, str]) -> None:
        with transaction(self.db) as conn:
            conn.executemany("UPDATE cases SET lease_expires_at = ? WHERE id = ?",
                             [(when, case_id) for case_id, when in expiries.items()])

    def mark_lost(self, reasons: dict[str, str]) -> list[str]:
        """Take open cases whose lease is lost off the work list; returns those it changed."""
        notes = {
            "decided": ("closed_elsewhere", "Decided by another reviewer"),
            "withdrawn": ("withdrawn", "Withdrawn by the platform"),
            "leased_by_other": ("lost_lease", "Another reviewer holds this case now"),
            "unknown_case": ("withdrawn", "The central API no longer knows this case"),
            "hold_expired": ("lost_lease", "Held past the limit: back in the queue"),
        }
        changed = []
        with transaction(self.db) as conn:
            for case_id, reason in reasons.items():
                state, note = notes.get(reason, ("lost_lease", f"Lease lost: {reason}"))
                if conn.execute("UPDATE cases SET local_state = ?, local_note = ? "
                                "WHERE id = ? AND local_state = 'open'",
                                (state, note, case_id)).rowcount:
                    changed.append(case_id)
        return changed

    # --- media --------------------------------------------------------------------------
    def save_media(self, sha256: str, mime: str, data: bytes) -> None:
        sealed = self.cipher is not None
        if sealed:
            data = self.cipher.seal(data, media_context(sha256))
        self.db["media"].upsert(
            {"sha256": sha256, "mime": mime, "data": data, "sealed": int(sealed),
             "fetched_at": to_iso(utc_now())},
            pk="sha256",
        )

    def media_bytes(self, sha256: str) -> bytes | None:
        """The media's bytes, or None if they are not here yet (a damaged sealed copy is
        deleted, so `missing_media` lists it again and the sync worker fetches it anew)."""
        row = self.db.execute("SELECT data, sealed FROM media WHERE sha256 = ?",
                              (sha256,)).fetchone()
        if not row:
            return None
        try:
            return open_kept(self.cipher, row[0], row[1], media_context(sha256))
        except TamperedItem:
            log.warning("cached media %s failed authentication; will fetch it again", sha256[:12])
            with transaction(self.db) as conn:
                conn.execute("DELETE FROM media WHERE sha256 = ?", (sha256,))
            return None

    def missing_media(self, limit: int = 50, never_fetch: frozenset[str] = frozenset()) -> list[str]:
        """Media of open cases not yet fetched, most urgent cases first. Media linked to any
        case under a category in `never_fetch`, or matching a hash list of such a category, is
        skipped: its bytes must never reach this disk, even if another case files the same
        bytes under a harmless category."""
        banned, params = _in_categories("x", never_fetch)
        rows = self.db.execute(
            "SELECT DISTINCT cm.sha256 FROM case_media cm JOIN cases c ON c.id = cm.case_id "
            "LEFT JOIN media m ON m.sha256 = cm.sha256 "
            "WHERE c.local_state = 'open' AND m.sha256 IS NULL AND NOT EXISTS ("
            f"  SELECT 1 FROM case_media x WHERE x.sha256 = cm.sha256 AND {banned}) "
            "ORDER BY c.priority, c.sla_deadline LIMIT ?",
            (*params, limit),
        ).fetchall()
        return [r[0] for r in rows]

    def purge_media_of(self, categories: frozenset[str]) -> int:
        """Delete cached bytes of media in these categories (a preset became never-render)."""
        if not categories:
            return 0
        banned, params = _in_categories("case_media", categories)
        doomed = f"sha256 IN (SELECT sha256 FROM case_media WHERE {banned})"
        # Read first: usually nothing is to go, and a write transaction would hold the store's
        # write lock through a scan of every case_media row.
        if not self.db.execute(f"SELECT 1 FROM media WHERE {doomed} LIMIT 1", params).fetchone():
            return 0
        with transaction(self.db) as conn:
            return conn.execute(f"DELETE FROM media WHERE {doomed}", params).rowcount


def purge_media_of_later(store_path: Path, categories: frozenset[str]) -> threading.Thread | None:
    """`purge_media_of` on a thread with its own connection, for start-up: it reads every
    case_media row (~50 ms at 100,000 cached cases, in SQLite, without the GIL), which the
    first case on screen need not wait for. Meanwhile the renderer refuses these categories
    itself (reviewer/media/render.py), so no byte of them is shown."""
    if not categories:
        return None

    def purge() -> None:
        db = open_store(store_path)
        try:
            CaseCache(db).purge_media_of(categories)
        except Exception:  # the next start, or the next change of presets, purges again
            log.exception("start-up purge of never-render media failed")
        finally:
            db.conn.close()
    thread = threading.Thread(target=purge, name="never-render-purge", daemon=True)
    thread.start()
    return thread


def _in_categories(table: str, categories: frozenset[str]) -> tuple[str, list[str]]:
    """SQL true for a case_media row filed under one of `categories` or matching a hash list
    of one (`list_categories` is comma-joined), and its parameters."""
    if not categories:
        return "0", []
    wanted = sorted(categories)
    marks = ",".join("?" * len(wanted))
    listed = " OR ".join(f"instr(',' || {table}.list_categories || ',', ?) > 0" for _ in wanted)
    return f"({table}.category IN ({marks}) OR {listed})", [*wanted, *(f",{c}," for c in wanted)]
