"""Full-text search over cached case text and notes: the index and its queries.

Case content is sealed on disk (reviewer/store/crypto.py), and an FTS index in the store file
would hold the same content in clear; so the index lives in its own file encrypted page by page
with SQLCipher (reviewer/store/search_file.py), kept current by a background thread
(reviewer/review/search_indexer.py). It is contentless (content=''): the index answers which
cases match, the text itself stays sealed in the store. Words most cases hold are answered
from bitmaps kept beside it (reviewer/review/search_terms.py), not row by row by FTS5.

Tokens: FTS5's unicode61 tokenizer splits on spaces and punctuation, which suits most scripts
but not those written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
Myanmar). Characters of those scripts are indexed one by one and a query in them becomes a
phrase of single characters, i.e. a substring search. Every query word is a prefix, so
results follow typing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Set
from itertools import compress

import numpy as np

from reviewer.review.index_rows import CHUNK, IndexRows, split_chunks
from reviewer.review.search_terms import HotTerms, plain_word
from reviewer.store import search_file
from reviewer.store.search_file import CASE_TEXT, NOTE, SearchFile


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
# Rows added since the bitmaps were made that are kept indexed again in memory (_added_rows):
# beyond this many, the bitmaps are made again (hot_due).
ADDED_MAX = 2000


def index_form(text: str) -> str:
    """Text as it is indexed: spaceless-script characters set apart by spaces."""
    return _SPACELESS.sub(r" \1 ", text)


def query_chunks(text: str) -> list[list[str]]:
    """The reviewer's words, by what they typed between spaces: each chunk must match as a
    phrase (a run of spaceless-script characters as written), its last word as a prefix."""
    return [words for chunk in text.split() if (words := _WORD.findall(index_form(chunk)))]


def fts_query(text: str | list[list[str]]) -> str:
    """The reviewer's words (or their chunks) as an FTS5 query: every chunk must match (see
    query_chunks). '' if there is nothing to search."""
    chunks = query_chunks(text) if isinstance(text, str) else text
    # Quoted, so FTS5 operators typed by the reviewer (AND, NEAR, ^, :) are just text.
    return " AND ".join('"' + " ".join(words) + '" *' for words in chunks)


class Hits(Set):
    """The cases a search found. A set of case ids, made only when asked for as one; the work
    list reads `rowids` instead, the index rows that matched, and finds its own rows for them
    through `doc_hashes` (`hash` of each row's case id) in numpy: for 90,000 hits, a set of
    their ids and a set test per listed case cost more than the index's query itself."""

    def __init__(self, rowids: np.ndarray, cases: np.ndarray, doc_hashes: np.ndarray):
        self.rowids = rowids
        self.doc_hashes = doc_hashes  # by rowid; the index's arrays as they were when it ran
        self._cases = cases
        self._ids: frozenset[str] | None = None

    @property
    def ids(self) -> frozenset[str]:
        if self._ids is None:
            self._ids = frozenset(self._cases[self.rowids].tolist()) - {""}
        return self._ids

    def __contains__(self, case_id: object) -> bool:
        return case_id in self.ids

    def __iter__(self):
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def _from_iterable(cls, items) -> frozenset[str]:  # what set operations on hits return
        return frozenset(items)


_NO_HITS = Hits(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64))


_KINDS = bytes.maketrans(b"01", bytes([NOTE, CASE_TEXT]))


def _read_rows(conn) -> tuple[np.ndarray, list[str], bytes]:
    """Every row's rowid, case id and kind (a byte each), read as three strings split in C: a
    start reads 100,000 rows, and a tuple per row took most of a second of its catch-up. The
    ids are split a slice at a time (index_rows.py: one split held the interpreter ~10 ms)."""
    count, rowids, case_ids, kinds = conn.execute(
        "SELECT count(*), group_concat(rowid), group_concat(case_id, char(31)), "
        "group_concat(kind, '') FROM (SELECT rowid, case_id, kind FROM doc_case ORDER BY rowid)"
    ).fetchone()
    ids = [i for part in split_chunks(case_ids, "\x1f") for i in part] if count else []
    if len(ids) != count or len(kinds or "") != count:  # a separator inside an id: row by row
        rows = conn.execute("SELECT rowid, case_id, kind FROM doc_case ORDER BY rowid").fetchall()
        return (np.array([r[0] for r in rows], dtype=np.int64), [r[1] for r in rows],
                bytes(r[2] for r in rows))
    return (np.fromstring(rowids or "", dtype=np.int64, sep=","), ids,
            (kinds or "").encode().translate(_KINDS))


class SearchIndex:
    """The index, in its encrypted file (reviewer/store/search_file.py) or, for a store kept in
    clear, in memory. Thread-safe: the indexer thread adds while the UI searches."""

    def __init__(self, file: SearchFile | None = None) -> None:
        self._lock = threading.Lock()
        # Hits of recent queries: with a search active, every change of filter or order asks
        # again for the same words. Emptied whenever the index changes.
        self._recent: dict[str, Hits] = {}
        self.pending = 0  # cases known to need indexing that are not in yet
        self.use(file or SearchFile.in_memory())

    def use(self, file: SearchFile) -> None:
        """Search `file` from now on (at start, or a fresh one after damage was found)."""
        rowids, case_ids, kinds = _read_rows(file.conn)
        cases = np.full(file.next_rowid(), "", dtype=object)
        cases[rowids] = case_ids
        rows = IndexRows.of(cases)  # FTS rowid -> case id ("" where a row was deleted), hash
        indexed: set[str] = set()  # the rows of kind CASE_TEXT
        for at in range(0, len(case_ids), CHUNK):
            indexed.update(compress(case_ids[at:at + CHUNK], kinds[at:at + CHUNK]))
        del cases, case_ids
        hot = HotTerms.load(file.conn)
        with self._lock:
            self._hot = hot
            self._added = self._added_rows(hot, file.next_rowid())
            self.file, self._conn = file, file.conn
            self._uncommitted = 0  # rows added since the last commit
            self._rows = rows
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
            first = len(self._rows)
            rows = [(first + i, case_id, index_form(text))
                    for i, (case_id, text) in enumerate(items)]
            self._conn.executemany("INSERT INTO docs (rowid, body) VALUES (?, ?)",
                                   [(rowid, body) for rowid, _, body in rows])
            if self._added is not None and rows:
                if len(self._rows) + len(rows) - self._hot.through > ADDED_MAX:
                    self._added = None  # the rest from the file (_hot_rows)
                else:
                    self._added.conn.executemany(
                        "INSERT INTO docs (rowid, body) VALUES (?, ?)",
                        [(rowid, body) for rowid, _, body in rows])
            self._conn.executemany("INSERT INTO doc_case (rowid, case_id, kind) VALUES (?, ?, ?)",
                                   [(rowid, case_id, kind) for rowid, case_id, _ in rows])
            self._conn.executemany("INSERT OR REPLACE INTO marks (name, value) VALUES (?, ?)",
                                   (marks or {}).items())
            self._conn.executemany("INSERT OR IGNORE INTO account_notes_seen VALUES (?)",
                                   [(n,) for n in seen_notes])
            self._rows.append([case_id for case_id, _ in items])
            if kind == CASE_TEXT:
                self.indexed.update(case_id for case_id, _ in items)
            if items:  # marks alone change no answer: what was made from the rows stays
                self._changed()
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
                self._changed()

    def _drop(self, case_ids: list[str], kind: int | None) -> None:
        """Delete these cases' documents (of one kind, or all); the caller holds the lock."""
        if not case_ids:
            return
        where = "case_id = ?" + ("" if kind is None else f" AND kind = {int(kind)}")
        rowids = [r for case_id in case_ids for (r,) in self._conn.execute(
            f"SELECT rowid FROM doc_case WHERE {where}", (case_id,))]
        self._conn.executemany("DELETE FROM docs WHERE rowid = ?", [(r,) for r in rowids])
        self._conn.executemany("DELETE FROM doc_case WHERE rowid = ?", [(r,) for r in rowids])
        self._rows.blank(rowids)
        if kind in (None, CASE_TEXT):
            self.indexed.difference_update(case_ids)

    def mark(self, name: str, default: str = "") -> str:
        with self._lock:  # the UI thread may be searching on the same connection
            return self.file.mark(name, default)

    def account_notes_seen(self) -> set[str]:
        with self._lock:
            return {n for (n,) in self._conn.execute("SELECT note_id FROM account_notes_seen")}

    def _changed(self) -> None:
        """Rows were added or deleted: what was found before is asked again."""
        self._recent.clear()

    def search(self, text: str) -> Hits | None:
        """Ids of cases whose text or notes match every word; None if `text` has no words."""
        chunks = query_chunks(text)
        if not chunks:
            return None
        query = fts_query(chunks)
        with self._lock:
            hits = self._recent.get(query)
            if hits is None:
                hits = self._recent[query] = self._match(chunks)
                while len(self._recent) > RECENT_QUERIES:
                    del self._recent[next(iter(self._recent))]
            return hits

    def forget_recent(self) -> None:
        """Drop the remembered hits (benchmarks time a search as if typed afresh)."""
        with self._lock:
            self._recent.clear()

    def _match(self, chunks: list[list[str]]) -> Hits:
        """The cases matching every chunk (query_chunks); the caller holds the lock. A single
        word under which the index held only frequent words is answered from their bitmaps
        (search_terms.py), the rest by FTS5, and the two intersected."""
        next_rowid = len(self._rows)
        hot = self._hot if self._hot.through <= next_rowid else HotTerms()
        rows = None  # bool per rowid, from the bitmaps
        for word in filter(hot.answers, map(plain_word, chunks)):
            found = self._hot_rows(hot, word, next_rowid)
            rows = found if rows is None else rows & found
        rest = [words for words in chunks if not hot.answers(plain_word(words))]
        rowids = np.flatnonzero(rows) if rest == [] else self._fts(fts_query(rest))
        if rows is not None and rest:  # `rows` holds every rowid
            rowids = rowids[rows[rowids]]
        if not len(rowids):
            return _NO_HITS
        return Hits(rowids, *self._rows.views())

    def _hot_rows(self, hot: HotTerms, word: str, next_rowid: int) -> np.ndarray:
        """Bool per rowid: the rows holding a word under `word`, from the bitmaps for the rows
        they describe and from FTS5 for the rows added since, which are few (the indexer makes
        the bitmaps again after its pass). Setting them aside instead, as soon as a row was
        added, left every broad search to FTS5 (~50 ms at 100,000 cases for "video") from a
        pass until the bitmaps were made again, which waits for the reviewer's pause."""
        found = hot.rows(word)
        if hot.through < next_rowid:
            found = np.concatenate((found, np.zeros(next_rowid - hot.through, dtype=bool)))
            found[self._fts(fts_query([[word]]), since=hot.through,
                            conn=self._added.conn if self._added is not None else None)] = True
        return found

    @staticmethod
    def _added_rows(hot: HotTerms, next_rowid: int) -> SearchFile | None:
        """Where the rows added after the bitmaps are indexed again as they are added: a
        small FTS5 table in memory (never on disk: the index holds the cases' words), which
        answers a prefix in well under a ms where the file's FTS5 merges every term's whole
        doclist first (~20 ms for "video" at 100,000 cases, whatever the rowid range). None
        (the file answers) with no bitmaps, or bitmaps made before rows this process did not
        add (a stale pair read back at start), or once more than ADDED_MAX rows were added."""
        return SearchFile.in_memory() if 0 <= hot.through == next_rowid else None

    def _fts(self, query: str, since: int = 0, conn=None) -> np.ndarray:
        """The rowids from `since` on matching an FTS5 query (in the file, or in `conn`); the
        caller holds the lock."""
        try:
            # One string of rowids rather than a row each: 90,000 hits come back in ~8 ms
            # instead of ~45 (the per-row cost of the DB-API module, not of FTS5).
            found = (conn or self._conn).execute(
                "SELECT group_concat(rowid) FROM docs WHERE docs MATCH ? AND rowid >= ?",
                (query, since)).fetchone()[0]
        except search_file.Error as exc:
            # Quoted words never make a bad query: this is a damaged file. Nothing is found
            # until the indexer has rebuilt it (`damaged`).
            self.file.damaged(exc)
            found = None
        # Parsed in C (numpy): for 90,000 hits ~3x faster than int() per hit.
        return np.fromstring(found or "", dtype=np.int64, sep=",")

    def hot_current(self) -> bool:
        """The frequent words' bitmaps describe the index as it is (no row added since)."""
        with self._lock:
            return self._hot.current(len(self._rows))

    def hot_due(self) -> bool:
        """The bitmaps are to be made again (make_hot): there are none, or rows were added
        since that are not kept in memory (read back at start, or more than ADDED_MAX). Rows
        kept there are answered in well under a ms, and making the bitmaps costs ~2 s of the
        indexer's CPU at 100,000 cases, which after every sync round bringing a few cases
        would compete with the reviewer's work for a core."""
        with self._lock:
            return self._added is None and not self._hot.current(len(self._rows))

    def make_hot(self, between=lambda: None) -> None:
        """Make the frequent words' bitmaps again and keep them in the file (the indexer's
        thread, after a pass that added rows). Read on a connection of its own, so searches
        do not wait for the vocabulary scan."""
        with self._lock:
            self._conn.commit()  # the other connection reads what is committed
            next_rowid = len(self._rows)
        reader = self.file.reader()
        if reader is None:  # in memory: one connection
            with self._lock:
                hot = HotTerms.make(self._conn, next_rowid)
        else:
            try:
                hot = HotTerms.make(reader, next_rowid, between)
            finally:
                reader.close()
        with self._lock:
            if len(self._rows) != next_rowid:
                return  # rows were added meanwhile: the next pass makes them again
            with self._conn:
                hot.save(self._conn)
            self._hot, self._added = hot, self._added_rows(hot, next_rowid)

    def doc_hashes(self) -> np.ndarray:
        """`hash` of each row's case id, by rowid (0 for a deleted row): the same array until
        the index changes (index_rows.py), never changed afterwards."""
        with self._lock:
            return self._rows.views()[1]

    @property
    def ready(self) -> bool:
        return self.pending == 0
