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
import threading
import time

import numpy as np
from pathlib import Path

from reviewer.domain import Case
from reviewer.store.case_cache import CaseCache
from reviewer.context.investigation import InvestigationStore
from reviewer.review.outbox import Outbox
from reviewer.store import search_file
from reviewer.store.database import open_store, store_cipher
from reviewer.store.search_file import CASE_TEXT, NOTE, SearchFile
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
COMMIT_EVERY = 5000  # index rows written per transaction while a pass is under way
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
    """The index, in its encrypted file (reviewer/store/search_file.py) or, for a store kept in
    clear, in memory. Thread-safe: the indexer thread adds while the UI searches."""

    def __init__(self, file: SearchFile | None = None) -> None:
        self._lock = threading.Lock()
        # Hits of recent queries: with a search active, every change of filter or order asks
        # again for the same words. Emptied whenever the index changes.
        self._recent: dict[str, frozenset[str]] = {}
        self.pending = 0  # cases known to need indexing that are not in yet
        self.use(file or SearchFile.in_memory())

    def use(self, file: SearchFile) -> None:
        """Search `file` from now on (at start, or a fresh one after damage was found)."""
        case_of: list[str] = [""]  # FTS rowid -> case id; "" where a row was deleted
        indexed: set[str] = set()
        for rowid, case_id, kind in file.conn.execute(
                "SELECT rowid, case_id, kind FROM doc_case ORDER BY rowid"):
            case_of.extend([""] * (rowid - len(case_of)))
            case_of.append(case_id)
            if kind == CASE_TEXT:
                indexed.add(case_id)
        case_of.extend([""] * (file.next_rowid() - len(case_of)))
        with self._lock:
            self.file, self._conn = file, file.conn
            self._uncommitted = 0  # rows added since the last commit
            self._case_of = case_of
            self._case_arr: np.ndarray | None = None  # _case_of as an array, made on demand
            self.indexed = indexed  # cases whose own text is in the index
            self._recent.clear()

    @property
    def status(self) -> str:
        return self.file.status

    def add(self, items: list[tuple[str, str]], marks: dict[str, str] | None = None,
            seen_notes: list[str] = (), kind: int = NOTE) -> None:
        """Index (case id, text) pairs, and note how far the store was read (`marks`,
        `seen_notes`: committed together with the rows they account for). A case may be added
        again (a new note): its hits are the union of its documents. Added as CASE_TEXT, a
        case's earlier text is replaced."""
        with self._lock:
            if kind == CASE_TEXT:
                self._drop([case_id for case_id, _ in items if case_id in self.indexed], kind)
            first = len(self._case_of)
            rows = [(first + i, case_id, index_form(text))
                    for i, (case_id, text) in enumerate(items)]
            self._conn.executemany("INSERT INTO docs (rowid, body) VALUES (?, ?)",
                                   [(rowid, body) for rowid, _, body in rows])
            self._conn.executemany("INSERT INTO doc_case (rowid, case_id, kind) VALUES (?, ?, ?)",
                                   [(rowid, case_id, kind) for rowid, case_id, _ in rows])
            self._conn.executemany("INSERT OR REPLACE INTO marks (name, value) VALUES (?, ?)",
                                   (marks or {}).items())
            self._conn.executemany("INSERT OR IGNORE INTO account_notes_seen VALUES (?)",
                                   [(n,) for n in seen_notes])
            self._case_of.extend(case_id for case_id, _ in items)
            if kind == CASE_TEXT:
                self.indexed.update(case_id for case_id, _ in items)
            self._recent.clear()
            self._case_arr = None
            # Committed with the marks that say how far it got, else every COMMIT_EVERY rows:
            # each commit flushes FTS5's pending terms into a new segment to merge later.
            self._uncommitted += len(rows)
            if marks or seen_notes or self._uncommitted >= COMMIT_EVERY:
                self._conn.commit()
                self._uncommitted = 0

    def drop(self, case_ids: list[str]) -> None:
        """Forget every document of these cases (they left the cache)."""
        if case_ids:
            with self._lock, self._conn:  # committed at once: a purge is never undone
                self._drop(case_ids, None)
                self._recent.clear()
                self._case_arr = None

    def _drop(self, case_ids: list[str], kind: int | None) -> None:
        """Delete these cases' documents (of one kind, or all); the caller holds the lock."""
        if not case_ids:
            return
        where = "case_id = ?" + ("" if kind is None else f" AND kind = {int(kind)}")
        rowids = [r for case_id in case_ids for (r,) in self._conn.execute(
            f"SELECT rowid FROM doc_case WHERE {where}", (case_id,))]
        self._conn.executemany("DELETE FROM docs WHERE rowid = ?", [(r,) for r in rowids])
        self._conn.executemany("DELETE FROM doc_case WHERE rowid = ?", [(r,) for r in rowids])
        for rowid in rowids:
            self._case_of[rowid] = ""
        if kind in (None, CASE_TEXT):
            self.indexed.difference_update(case_ids)

    def mark(self, name: str, default: str = "") -> str:
        with self._lock:  # the UI thread may be searching on the same connection
            return self.file.mark(name, default)

    def account_notes_seen(self) -> set[str]:
        with self._lock:
            return {n for (n,) in self._conn.execute("SELECT note_id FROM account_notes_seen")}

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
            # instead of ~45 (the per-row cost of the DB-API module, not of FTS5).
            found = self._conn.execute("SELECT group_concat(rowid) FROM docs WHERE docs MATCH ?",
                                       (query,)).fetchone()[0]
        except search_file.Error as exc:
            # Quoted words never make a bad query: this is a damaged file. Nothing is found
            # until the indexer has rebuilt it (`damaged`).
            self.file.damaged(exc)
            return frozenset()
        if not found:
            return frozenset()
        # Parsed and looked up in C (numpy): for 90,000 hits ~3x faster than int() and a list
        # lookup per hit, which took as long as the query itself.
        rowids = np.fromstring(found, dtype=np.int64, sep=",")
        return frozenset(self._case_array()[rowids].tolist())

    def _case_array(self) -> np.ndarray:
        """`_case_of` as an array for lookups by many rowids at once; the caller holds the lock.
        Made again only after the index changed."""
        if self._case_arr is None:
            self._case_arr = np.array(self._case_of, dtype=object)
        return self._case_arr

    @property
    def ready(self) -> bool:
        return self.pending == 0


def case_search_text(cache: CaseCache, case_id: str) -> str | None:
    """What a cached case is found by (see search_text); None if it is not here."""
    case = cache.case(case_id)
    return None if case is None else search_text(case)


def _search_texts(cache: CaseCache, case_ids: list[str]) -> list[tuple[str, str, str]]:
    """(case id, author id, search_text) of the cases among `case_ids` that are cached, read in
    one query and from the stored answers: a rebuild reads every case, and checking each
    against the contract (`CaseCache.case`) took most of its time. An answer that lacks a field
    is read the checked way, which drops it if it no longer matches the contract."""
    found = []
    for raw in cache.raw_cases(case_ids):
        try:
            author = raw["author"]
            reasons = " ".join(str(r["reason"]) for r in raw["reports"])
            text = "\n".join((raw["id"], raw["text"], author["handle"], author["display_name"],
                              reasons))
            found.append((raw["id"], author["id"], text))
        except (KeyError, TypeError):
            if (case := cache.case(str(raw.get("id", "")))) is not None:
                found.append((case.id, case.author.id, search_text(case)))
    return found


def search_text(case: Case) -> str:
    """What a case is found by: its id, text, the author's names and the report reasons."""
    reasons = " ".join(str(r.get("reason", "")) for r in case.reports)
    return "\n".join((case.id, case.text, case.author.handle, case.author.display_name, reasons))


class SearchIndexer(WakeableThread):
    """Fills a SearchIndex from the store on its own thread and keeps it current.

    `catch_up()` (after a sync round brought cases, or a note was written) indexes whatever open
    case or note is not in yet or changed, and forgets cases that left the cache. The thread
    opens its own store connection, which seals and opens with the key registered for the
    store path (reviewer/store/database.py unlock_store); with a key, the index lives in its
    encrypted file beside the store (reviewer/store/search_file.py), so a start only catches up
    with what changed since the last run."""

    thread_name = "search-indexer"

    def __init__(self, store_path: Path | None, index: SearchIndex | None = None):
        super().__init__()
        self.store_path = store_path  # None: run_once only, on a connection the caller owns
        self.index = index or SearchIndex()
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
            self.attach(db)
            while not self._stop.is_set():
                self._wake.wait()
                self._wake.clear()
                if not self._stop.is_set():
                    self.run_pass(db)
                    for job in self.after_pass:
                        job()
        except Exception:  # search must never take the workstation down with it
            log.exception("search indexer stopped")
        finally:
            db.conn.close()

    def attach(self, db) -> None:
        """Search the store's encrypted index file from now on (none for a store kept in
        clear: the index stays in memory). `run_once` then brings it up to date."""
        self._open_file(db)

    def _open_file(self, db, why: str = "") -> None:
        cipher = store_cipher(db)
        if cipher is None or self.store_path is None:
            return
        path = search_file.index_path(self.store_path)
        if why:
            self.index.file.close()
            search_file.delete_index(path)
        found = SearchFile(path, cipher.file_key(search_file.KEY_PURPOSE))
        if why:
            found.status = why
        try:
            self.index.use(found)
        except search_file.Error as exc:  # opened, but a page of it fails its check
            found.damaged(exc)
            self.index.file = found
            return self._open_file(db, found.broken)
        log.info("search index %s: %s, %d cases", path.name, found.status, len(self.index.indexed))

    def run_pass(self, db) -> None:
        """One pass; damage found in the file (now or by a search) means a fresh file, filled
        from the store by the next pass."""
        try:
            self.run_once(db)
        except search_file.Error as exc:
            self.index.file.damaged(exc)
        if self.index.file.broken:
            self._open_file(db, self.index.file.broken)
            self.wake()

    def run_once(self, db) -> int:
        """Index every open case and note not indexed yet, or changed since; forget cases that
        left the cache. Returns cases added."""
        cache, accounts = CaseCache(db), InvestigationStore(db)
        index = self.index
        # Work order, read from a covering index: the rows themselves are wide (sealed payloads)
        # and reading them all would take seconds at 100,000 cases.
        open_ids = [c for (c,) in db.execute("SELECT id FROM cases WHERE local_state = 'open' "
                                             "ORDER BY priority, sla_deadline")]
        self._drop_gone(db, index.indexed.difference(open_ids))
        account_notes = self._account_notes(db, accounts)  # author_key -> their notes' text
        todo = [case_id for case_id in open_ids if case_id not in index.indexed]
        del open_ids
        # Refreshed since the last pass (cached_at moved on): indexed again, from the new text.
        through = index.mark("cached_through")
        newest = db.execute("SELECT max(cached_at) FROM cases").fetchone()[0] or through
        if through and newest > through:
            todo += [c for (c,) in db.execute(
                "SELECT id FROM cases INDEXED BY cases_cached_at WHERE cached_at > ? "
                "AND local_state = 'open'", (through,)) if c in index.indexed]
        index.pending = len(todo)
        for start in range(0, len(todo), BATCH):
            self.wait_quiet()
            if self._stop.is_set():
                return start
            texts = _search_texts(cache, todo[start:start + BATCH])
            batch = [(case_id, text + account_notes.get(cache.author_key(author_id), ""))
                     for case_id, author_id, text in texts]
            done = start + BATCH >= len(todo)
            index.add(batch, {"cached_through": newest} if done else None, kind=CASE_TEXT)
            index.pending = max(0, len(todo) - start - BATCH)
        index.pending = 0
        if not todo and newest != through:
            index.add([], {"cached_through": newest})
        self._index_decision_notes(db)
        self._index_server_notes(db, accounts)
        return len(todo)

    def _drop_gone(self, db, not_open: set[str]) -> None:
        """Forget the cases among `not_open` that are no longer in the store (purged)."""
        kept = set()
        ids = list(not_open)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            kept.update(c for (c,) in db.execute(
                f"SELECT id FROM cases WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
        self.index.drop([c for c in ids if c not in kept])

    def _index_decision_notes(self, db) -> None:
        """The reviewer's own decision notes (escalation reasons, suspension notes...)."""
        # Opened: notes are sealed at rest.
        rows = Outbox(db).notes_since(int(self.index.mark("notes_seen", "0")))
        if rows:
            self.index.add([(case_id, note) for _, case_id, note in rows],
                           {"notes_seen": str(rows[-1][0])})

    def _account_notes(self, db, accounts: InvestigationStore) -> dict[str, str]:
        """Account notes written on this machine, by account. A note new since the last pass
        is added at once to every open case of its account already in the index."""
        by_author: dict[str, str] = {}
        seen = self.index.account_notes_seen()
        for (author_key,) in db.execute("SELECT DISTINCT author_key FROM account_notes").fetchall():
            notes = accounts.notes(author_key, [])
            by_author[author_key] = "".join(f"\n{n.body}" for n in notes)
            for note in (n for n in notes if n.note_id not in seen):
                self.index.add([(case_id, note.body) for (case_id,) in db.execute(
                    "SELECT id FROM cases WHERE author_key = ? AND local_state = 'open'",
                    (author_key,)) if case_id in self.index.indexed], seen_notes=[note.note_id])
        return by_author

    def _index_server_notes(self, db, accounts: InvestigationStore) -> None:
        """Notes other reviewers wrote, as they arrive in each case's investigation context."""
        rows = db.execute("SELECT case_id, fetched_at FROM case_context WHERE fetched_at > ? "
                          "AND error = '' ORDER BY fetched_at",
                          (self.index.mark("contexts_seen"),)).fetchall()
        for case_id, fetched_at in rows:
            context = accounts.context(case_id)[0] or {}
            bodies = [str(n.get("body", "")) for n in context.get("notes", []) if isinstance(n, dict)]
            self.index.add([(case_id, "\n".join(bodies))] if bodies else [],
                           {"contexts_seen": fetched_at})
