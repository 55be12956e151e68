"""Full-text search over cached case text and notes, with an index kept in memory only.

Case content is sealed on disk (reviewer/store/crypto.py); an FTS index in the store file would
hold the same content in clear, so the index lives in an in-memory SQLite FTS5 table, built by
a background thread after start-up and kept current as cases arrive. Nothing of it reaches the
disk. It is contentless (content=''): the index answers which cases match, the text itself
stays sealed in the store.

Tokens: FTS5's unicode61 tokenizer splits on spaces and punctuation, which suits most scripts
but not those written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
Myanmar). Characters of those scripts are indexed one by one and a query in them becomes a
phrase of single characters, i.e. a substring search. Every query word is a prefix, so
results follow typing.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
from pathlib import Path

from reviewer.store.case_cache import CaseCache
from reviewer.context.investigation import InvestigationStore
from reviewer.review.outbox import Outbox
from reviewer.store.database import open_store
from reviewer.worker_thread import WakeableThread

log = logging.getLogger(__name__)

# Scripts written without spaces between words: each character becomes its own token.
_SPACELESS = re.compile(
    "([\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "])"
)
_WORD = re.compile(r"\w+")
RECENT_QUERIES = 8  # search results kept for reuse while filters change
BATCH = 100  # cases decrypted and indexed at a time (~10 ms): a search waits at most one batch
QUIET_S = 0.3  # after the reviewer's last case change, indexing waits this long (`hold`)


def index_form(text: str) -> str:
    """Text as it is indexed: spaceless-script characters set apart by spaces."""
    return _SPACELESS.sub(r" \1 ", text)


def fts_query(text: str) -> str:
    """The reviewer's words as an FTS5 query: every word must match, each as a prefix; a run
    of spaceless-script characters must appear as written. '' if there is nothing to search."""
    phrases = []
    for chunk in text.split():
        words = _WORD.findall(index_form(chunk))
        if words:
            # Quoted, so FTS5 operators typed by the reviewer (AND, NEAR, ^, :) are just text.
            phrases.append('"' + " ".join(words) + '" *')
    return " AND ".join(phrases)


class SearchIndex:
    """The in-memory index. Thread-safe: the indexer thread adds while the UI searches."""

    def __init__(self) -> None:
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._conn.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(body, content='', "
            "tokenize='unicode61 remove_diacritics 2')")
        self._lock = threading.Lock()
        self._case_of: list[str] = [""]  # FTS rowid -> case id (rowids count from 1)
        self.indexed: set[str] = set()  # cases whose text is in the index
        # Hits of recent queries: with a search active, every change of filter or order asks
        # again for the same words. Emptied whenever the index changes.
        self._recent: dict[str, frozenset[str]] = {}
        self.pending = 0  # cases known to need indexing that are not in yet

    def add(self, items: list[tuple[str, str]]) -> None:
        """Index (case id, text) pairs. A case may be added again (a new note): its hits are
        the union of its documents."""
        if not items:
            return
        with self._lock:
            first = len(self._case_of)
            self._conn.executemany("INSERT INTO docs (rowid, body) VALUES (?, ?)",
                                   [(first + i, index_form(text)) for i, (_, text) in enumerate(items)])
            self._case_of.extend(case_id for case_id, _ in items)
            self.indexed.update(case_id for case_id, _ in items)
            self._recent.clear()

    def search(self, text: str) -> frozenset[str] | None:
        """Ids of cases whose text or notes match every word; None if `text` has no words."""
        query = fts_query(text)
        if not query:
            return None
        with self._lock:
            hits = self._recent.get(query)
            if hits is None:
                hits = self._recent[query] = self._match(query)
                while len(self._recent) > RECENT_QUERIES:
                    del self._recent[next(iter(self._recent))]
            return hits

    def forget_recent(self) -> None:
        """Drop the remembered hits (benchmarks time a search as if typed afresh)."""
        with self._lock:
            self._recent.clear()

    def _match(self, query: str) -> frozenset[str]:
        """Case ids matching an FTS5 query; the caller holds the lock."""
        try:
            # One string of rowids rather than a row each: 90,000 hits come back in ~8 ms
            # instead of ~45 (the per-row cost of the sqlite3 module, not of FTS5).
            found = self._conn.execute("SELECT group_concat(rowid) FROM docs WHERE docs MATCH ?",
                                       (query,)).fetchone()[0]
        except sqlite3.OperationalError as exc:  # should not happen: every word is quoted
            log.warning("search query refused: %s", exc)
            return frozenset()
        if not found:
            return frozenset()
        return frozenset(map(self._case_of.__getitem__, map(int, found.split(","))))

    @property
    def ready(self) -> bool:
        return self.pending == 0


def case_search_text(cache: CaseCache, case_id: str) -> str | None:
    """What a case is found by: its id, text, the author's names and the report reasons."""
    case = cache.case(case_id)
    if case is None:
        return None
    reasons = " ".join(str(r.get("reason", "")) for r in case.reports)
    return "\n".join((case.id, case.text, case.author.handle, case.author.display_name, reasons))


class SearchIndexer(WakeableThread):
    """Fills a SearchIndex from the store on its own thread and keeps it current.

    `catch_up()` (after a sync round brought cases, or a note was written) indexes whatever open
    case or note is not in yet. The thread opens its own store connection, which seals and
    opens with the key registered for the store path (reviewer/store/database.py unlock_store)."""

    thread_name = "search-indexer"

    def __init__(self, store_path: Path | None, index: SearchIndex | None = None):
        super().__init__()
        self.store_path = store_path  # None: run_once only, on a connection the caller owns
        self.index = index or SearchIndex()
        self._notes_seen = 0  # outbox seq of the last decision note indexed
        self._account_seen: set[str] = set()  # ids of account notes indexed
        self._contexts_seen = ""  # fetched_at of the last investigation context read
        self._quiet_until = 0.0  # monotonic time before which indexing waits (see hold)
        self.after_pass: list = []  # callables run (on this thread) after each pass

    def start(self) -> None:
        super().start()
        self.wake()  # the first pass reads the whole cache

    def catch_up(self) -> None:
        self.wake()

    def hold(self, seconds: float = QUIET_S) -> None:
        """The reviewer is working: keep off the interpreter for a moment. Indexing shares the
        GIL with the UI thread, and a batch running while the next case is painted would
        delay it by several ms; between two keys there is always time to spare."""
        self._quiet_until = time.monotonic() + seconds

    def wait_quiet(self) -> None:
        """Sleep (releasing the GIL) until the reviewer has been idle for a moment."""
        while not self._stop.is_set() and (left := self._quiet_until - time.monotonic()) > 0:
            time.sleep(min(left, 0.05))

    def _loop(self) -> None:
        db = open_store(self.store_path)
        try:
            while not self._stop.is_set():
                self._wake.wait()
                self._wake.clear()
                if not self._stop.is_set():
                    self.run_once(db)
                    for job in self.after_pass:
                        job()
        except Exception:  # search must never take the workstation down with it
            log.exception("search indexer stopped")
        finally:
            db.conn.close()

    def run_once(self, db) -> int:
        """Index every open case and note not indexed yet; returns cases added."""
        cache, accounts = CaseCache(db), InvestigationStore(db)
        account_notes = self._account_notes(db, accounts)  # author_key -> their notes' text
        todo = [(case_id, author_key) for case_id, author_key in db.execute(
                    "SELECT id, author_key FROM cases WHERE local_state = 'open' "
                    "ORDER BY priority, sla_deadline")
                if case_id not in self.index.indexed]
        self.index.pending = len(todo)
        for start in range(0, len(todo), BATCH):
            self.wait_quiet()
            if self._stop.is_set():
                break
            batch = [(case_id, text + account_notes.get(author_key, ""))
                     for case_id, author_key in todo[start:start + BATCH]
                     if (text := case_search_text(cache, case_id)) is not None]
            self.index.add(batch)
            self.index.pending = max(0, len(todo) - start - BATCH)
        self.index.pending = 0
        self._index_decision_notes(db)
        self._index_server_notes(db, accounts)
        return len(todo)

    def _index_decision_notes(self, db) -> None:
        """The reviewer's own decision notes (escalation reasons, suspension notes...)."""
        rows = Outbox(db).notes_since(self._notes_seen)  # opened: notes are sealed at rest
        if rows:
            self.index.add([(case_id, note) for _, case_id, note in rows])
            self._notes_seen = rows[-1][0]

    def _account_notes(self, db, accounts: InvestigationStore) -> dict[str, str]:
        """Account notes written on this machine, by account. A note new since the last pass
        is added at once to every open case of its account already in the index."""
        by_author: dict[str, str] = {}
        fresh: list[tuple[str, str]] = []
        for (author_key,) in db.execute("SELECT DISTINCT author_key FROM account_notes").fetchall():
            notes = accounts.notes(author_key, [])
            by_author[author_key] = "".join(f"\n{n.body}" for n in notes)
            fresh += [(author_key, n.body) for n in notes if n.note_id not in self._account_seen]
            self._account_seen.update(n.note_id for n in notes)
        for author_key, body in fresh:
            self.index.add([(case_id, body) for (case_id,) in db.execute(
                "SELECT id FROM cases WHERE author_key = ? AND local_state = 'open'", (author_key,))
                if case_id in self.index.indexed])
        return by_author

    def _index_server_notes(self, db, accounts: InvestigationStore) -> None:
        """Notes other reviewers wrote, as they arrive in each case's investigation context."""
        rows = db.execute("SELECT case_id, fetched_at FROM case_context WHERE fetched_at > ? "
                          "AND error = '' ORDER BY fetched_at", (self._contexts_seen,)).fetchall()
        for case_id, fetched_at in rows:
            context = accounts.context(case_id)[0] or {}
            bodies = [str(n.get("body", "")) for n in context.get("notes", []) if isinstance(n, dict)]
            if bodies:
                self.index.add([(case_id, "\n".join(bodies))])
            self._contexts_seen = fetched_at
