"""The words most cases hold, kept as bitmaps beside the search index.

A word in nine cases out of ten ("video", "please") costs FTS5 a row of SQL per case it is in:
~90,000 rows at 100,000 cases, more than a frame's time, before the list sees a hit. For the few
such words the index holds, `HotTerms` keeps which rows hold each as a bitmap (12.5 KB per word
at 100,000 rows), stored in the index's own encrypted file (reviewer/store/search_file.py) so a
start reads them back instead of making them again. A query word is answered from the bitmaps
when every indexed word it is a prefix of is one of them (`pure`): "vid" when "video" is the
only word starting so, not "quarr" (quarry0...quarry199, each in a few cases).

They describe the index as it was when made (`through`: the rowid that came next): a row
added since may hold a new word starting with a pure prefix, so any row added turns them off
until they are made again (by the indexer, after its pass). A deleted row may keep its bits: a
deleted row belongs to no case, so it is never listed.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left

import numpy as np

HOT_SHARE = 0.02  # a word in at least this share of the rows...
HOT_MIN_ROWS = 1000  # ...and in at least this many is kept as a bitmap
HOT_MAX = 64  # words kept at most (the most frequent): ~0.8 MB at 100,000 rows
_PLAIN = re.compile(r"[0-9a-z]+")  # ASCII words: folded alike by FTS5's tokenizer and lower()

SCHEMA = "CREATE TABLE IF NOT EXISTS hot_terms (term TEXT PRIMARY KEY, bits BLOB NOT NULL)"
_MARK = "hot_terms"


def plain_word(words: list[str]) -> str:
    """The one ASCII word of a query chunk, lowercased, as the index holds it ('' if not)."""
    word = words[0].lower() if len(words) == 1 else ""
    return word if _PLAIN.fullmatch(word) else ""


class HotTerms:
    def __init__(self, through: int = -1, bits: dict[str, np.ndarray] | None = None,
                 pure: frozenset[str] = frozenset()):
        self.through = through  # the next rowid when they were made (-1: never made)
        self.bits = bits or {}  # word -> its rows below `through`, a bit each (np.packbits)
        self.pure = pure  # prefixes of which every indexed word is in `bits`

    def current(self, next_rowid: int) -> bool:
        """True while no row was added since they were made."""
        return self.through == next_rowid

    def answers(self, word: str) -> bool:
        return word in self.pure

    def rows(self, word: str) -> np.ndarray:
        """Bool per rowid: the rows holding a word that starts with `word` (a pure prefix)."""
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
        bits = {term: np.frombuffer(blob, dtype=np.uint8)
                for term, blob in conn.execute("SELECT term, bits FROM hot_terms")}
        return cls(through, bits, frozenset(made["pure"]))

    @classmethod
    def make(cls, conn, next_rowid: int, between=lambda: None) -> "HotTerms":
        """Find the hot words and their rows, reading `conn` (the indexer's own connection to
        the file: the vocabulary scan takes a few hundred ms). `between` runs between steps."""
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.doc_terms "
                     "USING fts5vocab(main, docs, row)")
        rows = conn.execute("SELECT count(*) FROM doc_case").fetchone()[0]
        least = max(HOT_MIN_ROWS, int(HOT_SHARE * rows))
        terms, frequent = [], []  # every word, in the index's (UTF-8, i.e. code point) order
        for term, docs in conn.execute("SELECT term, doc FROM temp.doc_terms"):
            terms.append(term)
            if docs >= least and _PLAIN.fullmatch(term):
                frequent.append((docs, term))
        hot = [t for _, t in sorted(frequent, reverse=True)[:HOT_MAX]]
        bits = {}
        for term in hot:
            between()
            found = conn.execute("SELECT group_concat(rowid) FROM docs WHERE docs MATCH ?",
                                 (f'"{term}"',)).fetchone()[0] or ""
            rows = np.zeros(next_rowid, dtype=bool)
            rows[np.fromstring(found, dtype=np.int64, sep=",")] = True
            bits[term] = np.packbits(rows)
        return cls(next_rowid, bits, _pure_prefixes(terms, set(hot)))

    def save(self, conn) -> None:
        """Into the index file, in the caller's transaction."""
        conn.execute(SCHEMA)
        conn.execute("DELETE FROM hot_terms")
        conn.executemany("INSERT INTO hot_terms (term, bits) VALUES (?, ?)",
                         [(t, b.tobytes()) for t, b in self.bits.items()])
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
