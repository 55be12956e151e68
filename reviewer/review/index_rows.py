"""The search index's rows in memory: by rowid, the case id each row belongs to and its `hash`.

A search answers rowids (search_index.py Hits); the work list finds its own rows for them
through the hashes (case_list.py). The hashes are made as rows are added, a few at a time, so
no search and no pass ever hashes all 100,000 case ids again (15-20 ms of the UI thread on the
first search after start-up or after any pass that changed the index). Both arrays grow at
their end; what `views` handed out never changes afterwards: a row blanked later is blanked in
a copy, and rows added later lie past the end of every view already handed out.

Work over every row is done in slices (`CHUNK`): one C call over 100,000 rows (hashing them,
splitting their ids, building a set) holds the interpreter 5-20 ms, and the UI thread, which
takes it back for each row it paints, would wait that long; between slices it gets it back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

CHUNK = 8192  # items per C call over many rows: ~0.5-1 ms of the interpreter each


def hashes_of(ids: Sequence[str]) -> np.ndarray:
    """`hash` of each id (0 for ""), as int64, a slice at a time."""
    found = np.empty(len(ids), dtype=np.int64)
    for at in range(0, len(ids), CHUNK):
        part = ids[at:at + CHUNK]
        found[at:at + len(part)] = np.fromiter(map(hash, part), dtype=np.int64, count=len(part))
    return found


def split_chunks(text: str, sep: str) -> Iterator[list[str]]:
    """`text.split(sep)`, up to CHUNK items at a time. Each slice cuts the rest of the text off
    again, so a text of 100,000 ids (~1.4 MB) is copied ~12 times in all, a fraction of a ms,
    where one split of it holds the interpreter 5-10 ms."""
    rest = text
    while True:
        part = rest.split(sep, CHUNK)
        if len(part) <= CHUNK:  # the rest held no more than CHUNK items: the last slice
            yield part
            return
        rest = part.pop()
        yield part


class IndexRows:
    """Case id and hash by rowid ("" and 0 where a row was deleted)."""

    def __init__(self, cases: np.ndarray, hashes: np.ndarray):
        self._cases, self._hashes = cases, hashes  # may be longer than the rows (room to grow)
        self._len = len(cases)
        self._lent = False  # views of the arrays were handed out: change rows in a copy
        self._views: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def of(cls, cases: np.ndarray) -> "IndexRows":
        """From the case id of every row (an object array, "" for none)."""
        return cls(cases, hashes_of(cases))

    def __len__(self) -> int:
        return self._len

    def append(self, case_ids: list[str]) -> None:
        """Rows for these cases, after the last."""
        end = self._len + len(case_ids)
        if end > len(self._cases):  # grown by a quarter: a rebuild adds 100 rows at a time
            size = max(end, self._len + self._len // 4 + 1024)
            self._cases = _grown(self._cases, self._len, size)
            self._hashes = _grown(self._hashes, self._len, size)
            self._lent = False
        self._cases[self._len:end] = np.fromiter(case_ids, dtype=object, count=len(case_ids))
        self._hashes[self._len:end] = hashes_of(case_ids)
        self._len = end
        self._views = None

    def blank(self, rowids: list[int]) -> None:
        """These rows were deleted."""
        if not rowids:
            return
        if self._lent:  # a search's hits or the list's mapping still read the arrays as they are
            self._cases, self._hashes = self._cases.copy(), self._hashes.copy()
            self._lent = False
        self._cases[rowids] = ""
        self._hashes[rowids] = 0
        self._views = None

    def views(self) -> tuple[np.ndarray, np.ndarray]:
        """(case id by rowid, hash by rowid) as the rows are now; the same objects until the
        rows change (the work list keeps what it worked out from them by their identity)."""
        if self._views is None:
            self._views = (self._cases[:self._len], self._hashes[:self._len])
            self._lent = True
        return self._views


def _grown(array: np.ndarray, used: int, size: int) -> np.ndarray:
    found = np.empty(size, dtype=array.dtype)
    found[:used] = array[:used]
    return found
