"""The words most cases hold, kept as bitmaps beside the search index.

A word in nine cases out of ten ("video", "please") costs FTS5 a row of SQL per case it is in:
~90,000 rows at 100,000 cases, more than a frame's time, before the list sees a hit. For the few
such words the index holds, `HotTerms` keeps which rows hold each as a bitmap (12.5 KB per word
at 100,000 rows), stored in the index's own encrypted file (reviewer/store/search_file.py) so a
start reads them back instead of making them again. A query word is answered from the bitmaps
when every indexed word it is a prefix of is one of them (`pure`): "vid" when "video" is the
only word starting so, not "quarr" (quarry0...quarry199, each in a few cases). A prefix like
that, under many words in many rows together, is the other query FTS5 is slow at (it merges
every word's rows): the broadest of them keep a bitmap of their own (`prefixes`).

They describe the index as it was when made (`through`: the rowid that came next): a row
added since may hold a new word starting with a pure prefix, so the rows added since are asked
of FTS5 (a range of rowids: few rows) until the bitmaps are made again (by the indexer, after
its pass). A deleted row may keep its bits: a deleted row belongs to no case, so it is never
listed.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left

import numpy as np

HOT_SHARE = 0.02  # a word in at least this share of the rows...
HOT_MIN_ROWS = 1000  # ...and in at least this many is kept as a bitmap
HOT_MAX = 64  # words kept at most (the most frequent): ~0.8 MB at 100,000 rows
# A prefix the index holds many words under ("quarr": quarry0...quarry199) costs FTS5 a merge
# of every one's rows, ~50 us a word: 10 ms for 200 words, more for the first letters typed.
# The prefixes under the most words (at least PREFIX_MIN_WORDS) keep their rows as a bitmap too.
PREFIX_MIN_WORDS = 50
PREFIX_MAX = 64  # prefixes kept at most (those over the most words): ~0.8 MB at 100,000 rows
PREFIX_LONGEST = 12  # longer prefixes are not counted (a typed word narrows fast)
# Nor single characters: one matches most cases whatever it is, and its bitmap costs FTS5's
# slowest queries (~0.3 s each at 100,000 cases) every time the bitmaps are made.
PREFIX_SHORTEST = 2
_PREFIX_MARK = "*"  # a prefix's bitmap is stored as "quarr*" (no indexed word holds a "*")
_PLAIN = re.compile(r"[0-9a-z]+")  # ASCII words: folded alike by FTS5's tokenizer and lower()

SCHEMA = "CREATE TABLE IF NOT EXISTS hot_terms (term TEXT PRIMARY KEY, bits BLOB NOT NULL)"
_MARK = "hot_terms"


def plain_word(words: list[str]) -> str:
    """The one ASCII word of a query chunk, lowercased, as the index holds it ('' if not)."""
    word = words[0].lower() if len(words) == 1 else ""
    return word if _PLAIN.fullmatch(word) else ""


class HotTerms:
    def __init__(self, through: int = -1, bits: dict[str, np.ndarray] | None = None,
                 pure: frozenset[str] = frozenset(),
                 prefixes: dict[str, np.ndarray] | None = None):
        self.through = through  # the next rowid when they were made (-1: never made)
        self.bits = bits or {}  # word -> its rows below `through`, a bit each (np.packbits)
        self.pure = pure  # prefixes of which every indexed word is in `bits`
        self.prefixes = prefixes or {}  # prefix -> the rows of every word under it, as `bits`

    def current(self, next_rowid: int) -> bool:
        """True while no row was added since they were made (else the rows added since are
        asked of FTS5: SearchIndex._hot_rows)."""
        return self.through == next_rowid

    def answers(self, word: str) -> bool:
        return word in self.pure or word in self.prefixes

    def rows(self, word: str) -> np.ndarray:
        """Bool per rowid: the rows holding a word that starts with `word` (`answers` it)."""
        found = self.prefixes.get(word)
        if found is None:
            found = np.zeros((self.through + 7) // 8, dtype=np.uint8)
            for term, bits in self.bits.items():
                if term.startswith(word):
                    found |= bits
        return np.unpackbits(found, count=self.through).view(bool)

    @classmethod
    def load(cls, conn) -> "HotTerms":
        """Read back from the index file (empty if never made there)."""
        conn.execute(SCHEMA)
        row = conn.execute("SELECT value FROM marks WHERE name = ?", (_MARK,)).fetchone()
        if row is None:
            return cls()
        made = json.loads(row[0])
        through = int(made["through"])
        bits, prefixes = {}, {}
        for term, blob in conn.execute("SELECT term, bits FROM hot_terms"):
            if term.endswith(_PREFIX_MARK):
                prefixes[term[:-1]] = np.frombuffer(blob, dtype=np.uint8)
            else:
                bits[term] = np.frombuffer(blob, dtype=np.uint8)
        return cls(through, bits, frozenset(made["pure"]), prefixes)

    @classmethod
    def make(cls, conn, next_rowid: int, between=lambda: None) -> "HotTerms":
        """Find the hot words and their rows, reading `conn` (the indexer's own connection to
        the file: the vocabulary scan takes a few hundred ms). `between` runs between steps."""
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.doc_terms "
                     "USING fts5vocab(main, docs, row)")
        rows = conn.execute("SELECT count(*) FROM doc_case").fetchone()[0]
        least = max(HOT_MIN_ROWS, int(HOT_SHARE * rows))
        terms, frequent = [], []  # every word, in the index's (UTF-8, i.e. code point) order
        rows_of = {}  # ASCII word -> the rows it is in
        for term, docs in conn.execute("SELECT term, doc FROM temp.doc_terms"):
            terms.append(term)
            if _PLAIN.fullmatch(term):
                rows_of[term] = docs
                if docs >= least:
                    frequent.append((docs, term))
        hot = [t for _, t in sorted(frequent, reverse=True)[:HOT_MAX]]
        bits = {term: _bitmap(conn, f'"{term}"', next_rowid, between) for term in hot}
        pure = _pure_prefixes(terms, set(hot))
        prefixes = {p: _bitmap(conn, f'"{p}" *', next_rowid, between)
                    for p in _broad_prefixes(rows_of, least, pure, between)}
        del rows_of
        return cls(next_rowid, bits, pure, prefixes)

    def save(self, conn) -> None:
        """Into the index file, in the caller's transaction."""
        conn.execute(SCHEMA)
        conn.execute("DELETE FROM hot_terms")
        conn.executemany("INSERT INTO hot_terms (term, bits) VALUES (?, ?)",
                         [(t, b.tobytes()) for t, b in self.bits.items()] +
                         [(p + _PREFIX_MARK, b.tobytes()) for p, b in self.prefixes.items()])
        conn.execute("INSERT OR REPLACE INTO marks (name, value) VALUES (?, ?)",
                     (_MARK, json.dumps({"through": self.through, "pure": sorted(self.pure)})))


def _pure_prefixes(terms: list[str], hot: set[str]) -> frozenset[str]:
    """Every prefix of a hot word under which the index holds hot words only."""
    pure = set()
    for term in hot:
        for length in range(1, len(term) + 1):
            prefix = term[:length]
            start = bisect_left(terms, prefix)
            end = bisect_left(terms, prefix[:-1] + chr(ord(prefix[-1]) + 1))
            if all(terms[i] in hot for i in range(start, end)):  # stops at the first other
                pure.add(prefix)
    return frozenset(pure)


def _bitmap(conn, query: str, next_rowid: int, between) -> np.ndarray:
    """The rows an FTS5 query matches, a bit each (np.packbits)."""
    between()
    found = conn.execute("SELECT group_concat(rowid) FROM docs WHERE docs MATCH ?",
                         (query,)).fetchone()[0] or ""
    rows = np.zeros(next_rowid, dtype=bool)
    rows[np.fromstring(found, dtype=np.int64, sep=",")] = True
    return np.packbits(rows)


def _broad_prefixes(rows_of: dict[str, int], least: int, pure: frozenset[str],
                    between) -> list[str]:
    """The ASCII prefixes FTS5 answers slowest and the hot words do not answer already: under
    PREFIX_MIN_WORDS words at least, together in as many rows as a hot word is (`least`);
    those in the most rows first. `rows_of`: each ASCII word's rows, in the index's order
    (sorted), so the words under a prefix are a run; counted in numpy, a length at a time."""
    if not rows_of:
        return []
    words = np.array(list(rows_of), dtype=f"S{PREFIX_LONGEST}")  # cut to the longest prefix
    docs = np.fromiter(rows_of.values(), dtype=np.int64, count=len(rows_of))
    lengths = (words.view(np.uint8).reshape(len(words), PREFIX_LONGEST) != 0).sum(axis=1)
    broad = []
    for n in range(PREFIX_SHORTEST, PREFIX_LONGEST + 1):
        between()
        long_enough = lengths >= n
        cut = words[long_enough].astype(f"S{n}")
        if not len(cut):
            break
        starts = np.flatnonzero(np.concatenate(([True], cut[1:] != cut[:-1])))
        counts = np.diff(np.append(starts, len(cut)))
        rows = np.add.reduceat(docs[long_enough], starts)
        for at in np.flatnonzero((counts >= PREFIX_MIN_WORDS) & (rows >= least)):
            prefix = cut[starts[at]].decode()
            if prefix not in pure:
                broad.append((int(rows[at]), prefix))
    return [p for _, p in sorted(broad, reverse=True)[:PREFIX_MAX]]
