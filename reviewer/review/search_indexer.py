"""The search index's background thread, and what a case is found by.

The index itself (reviewer/review/search_index.py) lives in an encrypted file beside the store
(reviewer/store/search_file.py). This thread fills it: at start it opens the file and catches
up with what changed since (cases refreshed or purged, new notes) instead of reading every case
again; a missing, damaged or unreadable file is rebuilt. It works in batches and pauses while
the reviewer moves between cases (`hold`), so it never slows the next case.
"""

from __future__ import annotations

import logging
import time
from itertools import filterfalse
from pathlib import Path

from reviewer.context.investigation import InvestigationStore
from reviewer.domain import Case
from reviewer.review.outbox import Outbox
from reviewer.review.index_rows import split_chunks
from reviewer.review.search_index import BATCH, QUIET_S, SearchIndex
from reviewer.store import search_file
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store, store_cipher
from reviewer.store.search_file import CASE_TEXT, SearchFile
from reviewer.worker_thread import WakeableThread

log = logging.getLogger(__name__)


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


def _open_ids(db) -> list[list[str]]:
    """The open cases' ids in work order, in slices (index_rows.py), read from a covering index
    as one string split in C (a tuple per row cost ~0.1 s of a start's catch-up at 100,000
    cases; one split of the whole string held the interpreter ~10 ms)."""
    count, joined = db.execute(
        "SELECT count(*), group_concat(id, char(31)) FROM (SELECT id FROM cases "
        "WHERE local_state = 'open' ORDER BY priority, sla_deadline)").fetchone()
    parts = list(split_chunks(joined, "\x1f")) if count else []
    if sum(map(len, parts)) != count:  # a separator inside an id: row by row
        parts = [[c for (c,) in db.execute("SELECT id FROM cases WHERE local_state = 'open' "
                                           "ORDER BY priority, sla_deadline")]]
    return parts


def _refreshed_since(db, through: str, indexed: set[str]) -> list[str]:
    """Indexed open cases cached again since the mark `through` (a cached_at text). Compared
    from the start of its second, `through` itself left out: a whole second is written without
    a fraction ("...:07Z" sorts after "...:07.5Z"), so `> through` missed a case refreshed
    later in that second. The few cached earlier in it are indexed again, which is harmless."""
    return [c for (c,) in db.execute(
        "SELECT id FROM cases INDEXED BY cases_cached_at WHERE cached_at > ? "
        "AND cached_at != ? AND local_state = 'open'", (through[:19], through)) if c in indexed]


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
        # Callables run on this thread once the index file is loaded, after each pass, and
        # again when asked (rewarm), also in a pause of a pass under way: see rewarm.
        self.after_pass: list = []
        self._pass_due = False  # woken for a pass; else only for the after-pass jobs (rewarm)
        self._jobs_due = False

    def start(self) -> None:
        super().start()
        self.wake()  # the first pass reads the whole cache

    def catch_up(self) -> None:
        self.wake()

    def wake(self) -> None:
        self._pass_due = True
        super().wake()

    def rewarm(self) -> None:
        """Run the after-pass jobs again, without a pass. The list's sort orders and where each
        index row is in it need the list's columns, which may arrive after the index file is
        loaded; a whole pass just for them would read every open case's id again, right when
        the index has become ready and the reviewer starts filtering. A pass under way (which
        waits for the reviewer's pauses) runs them at its next step."""
        self._jobs_due = True
        super().wake()

    def hold(self, seconds: float = QUIET_S) -> None:
        """The reviewer is working: keep off the interpreter for a moment. Indexing shares the
        GIL with the UI thread, and a batch running while the next case is painted would
        delay it by several ms; between two keys there is always time to spare."""
        self._quiet_until = time.monotonic() + seconds

    def _run_jobs(self) -> None:
        if self._jobs_due and not self._stop.is_set():
            self._jobs_due = False
            for job in self.after_pass:
                job()

    def _pause(self) -> None:
        """Between a pass's steps: wait for the reviewer's pause, running the jobs asked for
        meanwhile (rewarm) at once, not after the pass."""
        while True:
            self._run_jobs()
            left = self._quiet_until - time.monotonic()
            if left <= 0 or self._stop.is_set():
                return
            time.sleep(min(left, 0.05))

    def wait_quiet(self) -> None:
        """Sleep (releasing the GIL) until the reviewer has been idle for a moment."""
        while not self._stop.is_set() and (left := self._quiet_until - time.monotonic()) > 0:
            time.sleep(min(left, 0.05))

    def _loop(self) -> None:
        db = open_store(self.store_path)
        try:
            self.attach(db)
            # The jobs need only the list and the loaded index, not the catch-up: run before
            # it, the first search and sorts after start-up do not wait for the pass, which
            # itself waits for the reviewer's pauses.
            self._jobs_due = True
            while not self._stop.is_set():
                self._run_jobs()
                self._wake.wait()
                self._wake.clear()
                if not self._stop.is_set():
                    due, self._pass_due = self._pass_due, False
                    self._run_jobs()
                    if due:
                        self.run_pass(db)
                        self._jobs_due = True
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
            if self.index.hot_due() and not self._stop.is_set():
                self.index.make_hot(self.wait_quiet)  # rows were added: search_terms.py
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
        # The mark first: a case refreshed after this read is newer than the mark it leaves.
        through = index.mark("cached_through")
        newest = db.execute("SELECT max(cached_at) FROM cases").fetchone()[0] or through
        # Work order, read from a covering index: the rows themselves are wide (sealed payloads)
        # and reading them all would take seconds at 100,000 cases. Each step below takes
        # 5-20 ms at 100,000 cases, in C calls over a slice of the ids at a time (~1 ms each),
        # and waits for a pause in the reviewer's work: the pass at start-up met the first
        # filters right as the index file was ready.
        self._pause()
        open_ids = _open_ids(db)
        self._pause()
        not_open = index.indexed.copy()  # less the open ones, a slice at a time
        for part in open_ids:
            not_open.difference_update(part)
        self._drop_gone(db, not_open)
        del not_open
        account_notes = self._account_notes(db, accounts)  # author_key -> their notes' text
        self._pause()
        todo = [c for part in open_ids for c in filterfalse(index.indexed.__contains__, part)]
        del open_ids
        if through:  # refreshed since the last pass: indexed again, from the new text
            self._pause()
            todo += _refreshed_since(db, through, index.indexed)
        index.pending = len(todo)
        for start in range(0, len(todo), BATCH):
            self._pause()
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
