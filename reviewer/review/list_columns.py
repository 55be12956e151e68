"""The open cases' list columns in memory, laid out so that filtering and sorting 100,000
cases runs no Python per case on the UI thread.

- Ids: one str per case, in work order (priority, deadline, id: the covering index's order).
- Every other clear column: one byte per case, a code into the column's distinct values (sorted,
  so code order is value order), when it has at most 256 of them. A filter is then
  `bytes.translate` to a 0/1 mask and `itertools.compress` of the ids: C loops, ~1 ms at
  100,000 cases where a Python test per row takes ~15. A column with more distinct values
  (deadlines; report counts, in a big organisation) keeps the values themselves and is tested
  by a C-level predicate (`set.__contains__`, `int.__le__`) mapped over them.
- Orders: each sort order as ordinals, computed once per load, with every filtered column
  rearranged to match on first use, so a filter in any order is one pass.

Read with one query per load, each column as one `group_concat` string (rows aggregated in the
index's scan order) split in C: the sqlite3 module's per-row objects (8 per case) cost more and
leave 100,000 tuples for the garbage collector to walk. Start-up reads the head of the list and
the counts only, the rest in steps (list_loading.py); a reload reads the ids and queues, the rest
when a filter first needs it, or when the window is idle.
"""

from __future__ import annotations

from array import array
from collections import Counter
from itertools import compress
from typing import Callable, Sequence

import numpy as np

_SEP = "\x1f"  # the unit separator; a value holding one is caught (ListColumns.read)
_COLUMNS = ("queue_id", "priority", "sla_deadline", "language", "region", "policy_area",
            "report_count")
_NUMERIC = frozenset({"priority", "report_count"})
_FILTERED = ("queue_id", "priority", "language", "region", "policy_area", "report_count")


def _select(columns: Sequence[str]) -> str:
    concat = ", ".join(f"group_concat({c}, char(31))" for c in ("id", *columns))
    return (f"SELECT count(*), {concat} FROM (SELECT id, {', '.join(columns)} "
            "FROM cases INDEXED BY cases_list WHERE local_state = 'open')")


def _select_rows(columns: Sequence[str]) -> str:
    return (f"SELECT id, {', '.join(columns)} FROM cases INDEXED BY cases_list "
            "WHERE local_state = 'open'")


class Column:
    """One column by ordinal: `codes` (bytes) into `values` (its distinct values, sorted), or,
    with more than 256 distinct values, `codes` is the list of values and `values` is None."""

    __slots__ = ("codes", "values", "_ordered", "_keys")

    def __init__(self, items: list[str], numeric: bool = False):
        self._ordered: dict = {}
        self._keys = None  # digit_keys, once made (False: the texts have none)
        texts = set(items)
        if len(texts) > 256:  # deadlines, say: no codes, and no dictionary of every value
            self.values = None
            self.codes = list(map(int, items)) if numeric else (FixedTexts.of(items) or items)
            return
        # Numbers arrive as text: each distinct text is parsed once, not once per case.
        value_of = {s: int(s) if numeric else s for s in texts}
        self.values = sorted(set(value_of.values()))
        code_of = {v: i for i, v in enumerate(self.values)}
        self.codes = bytes(map({s: code_of[v] for s, v in value_of.items()}.__getitem__, items))

    @classmethod
    def made(cls, codes, values: list | None) -> "Column":
        """A column whose codes and values are made already (list_loading.py)."""
        found = cls.__new__(cls)
        found.codes, found.values, found._ordered, found._keys = codes, values, {}, None
        return found

    def value(self, ordinal: int):
        code = self.codes[ordinal]
        return code if self.values is None else self.values[code]

    def digit_keys(self) -> np.ndarray | None:
        """For a column of texts kept as values: an int64 per case that sorts as its text does,
        when every text is as long and they differ only in at most 18 ASCII digits (deadlines,
        in one ISO format); else None. Made once, in C: ~5 ms at 100,000 cases where sorting
        by the texts took 15-20 (the first sort by deadline, on the UI thread)."""
        if self._keys is None:
            if isinstance(self.codes, FixedTexts):
                self._keys = _digit_keys_of(self.codes.rows())
            else:
                self._keys = _digit_keys(self.codes) if self.codes and isinstance(
                    self.codes[0], str) else False
        return None if self._keys is False else self._keys

    def sort_key(self) -> Callable[[int], object]:
        """Ordinal -> something that sorts as the value does (C-level)."""
        return self.codes.__getitem__

    def in_order(self, name: str, order: array | None):
        """The codes rearranged into a sort order (None: work order), kept for next time."""
        if order is None:
            return self.codes
        found = self._ordered.get(name)
        if found is None:
            if self.values is None:
                found = list(map(self.codes.__getitem__, order))
            else:  # a gather in C (numpy), ~0.3 ms at 100,000 cases
                codes = np.frombuffer(self.codes, dtype=np.uint8)
                found = codes[np.frombuffer(order, dtype=np.int32)].tobytes()
            self._ordered[name] = found
        return found

    def mask(self, keep: Callable[[object], bool], name: str = "", order=None) -> bytes:
        """1 where `keep(value)`, else 0, per case in the order given. `keep` is called once
        per distinct value, or per case (then it should be a C-level method)."""
        codes = self.in_order(name, order)
        if self.values is None:
            return bytes(map(keep, codes))
        table = bytes(1 if keep(v) else 0 for v in self.values).ljust(256, b"\0")
        return codes.translate(table)

    def count(self, mask: bytes | None) -> Counter:
        """Cases per value, of those the mask keeps (all if None)."""
        if self.values is None:
            return Counter(self.codes if mask is None else compress(self.codes, mask))
        # Counted in C (numpy): a Counter of 100,000 codes took ~5 ms of the first queue filter.
        codes = np.frombuffer(self.codes, dtype=np.uint8)
        if mask is not None:
            codes = codes[np.frombuffer(mask, dtype=np.uint8).view(bool)]
        counted = np.bincount(codes, minlength=len(self.values)).tolist()
        return Counter({value: n for value, n in zip(self.values, counted) if n})


def _digit_keys(texts: list[str]):
    """See Column.digit_keys (False where the texts have no such keys)."""
    try:
        joined = _SEP.join(texts).encode("ascii") + _SEP.encode()
    except UnicodeEncodeError:
        return False
    width = len(texts[0])
    if len(joined) != len(texts) * (width + 1):
        return False
    # With the total length right and a separator after every `width` bytes, every text is
    # `width` long (no text holds a separator: ListColumns.read).
    rows = np.frombuffer(joined, dtype=np.uint8).reshape(len(texts), width + 1)
    if not (rows[:, width] == ord(_SEP)).all():
        return False
    return _digit_keys_of(rows[:, :width])


def _digit_keys_of(rows: np.ndarray):
    """Digit keys of texts as rows of ASCII bytes, one text a row (False if they have none)."""
    varying = rows[:, (rows != rows[0]).any(axis=0)]
    if varying.shape[1] > 18 or ((varying < ord("0")) | (varying > ord("9"))).any():
        return False
    # Same length, same bytes elsewhere: text order is the order of these digits as a number
    # (a digit column at a time: numpy's integer matrix product is several times slower).
    keys = np.zeros(len(rows), dtype=np.int64)
    for digit in varying.T:
        keys *= 10
        keys += digit
        keys -= ord("0")
    return keys


class FixedTexts:
    """Texts of one length in ASCII (deadlines, in one ISO format) as one bytes string, read
    back one at a time: ~27 bytes a case, where a list of str took ~85 (the str and the list's
    pointer): ~5.5 MB at 100,000 cases."""

    __slots__ = ("data", "width", "count")

    def __init__(self, data: bytes, width: int, count: int):
        self.data, self.width, self.count = data, width, count

    @classmethod
    def of(cls, items: list[str]) -> "FixedTexts | None":
        """The texts so held, None if they differ in length or are not all ASCII."""
        if not items or len(set(map(len, items))) != 1:
            return None
        joined = "".join(items)
        return cls(joined.encode("ascii"), len(items[0]), len(items)) if joined.isascii() \
            else None

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, ordinal: int) -> str:
        if not 0 <= ordinal < self.count:
            if not -self.count <= ordinal < 0:
                raise IndexError(ordinal)
            ordinal += self.count
        at = ordinal * self.width
        return self.data[at:at + self.width].decode("ascii")

    def __iter__(self):
        width, data = self.width, self.data
        return (data[at:at + width].decode("ascii") for at in range(0, len(data), width))

    def rows(self) -> np.ndarray:
        """The texts as rows of bytes (a view, no copy)."""
        return np.frombuffer(self.data, dtype=np.uint8).reshape(self.count, self.width)


def stable_order(column: Column, base, base_codes, descending: bool):
    """`base` (ordinals in some order) stably sorted by `column`; `base_codes`: the column's
    codes in base's order. Byte codes sort as numpy's stable (radix) sort, ~1 ms at 100,000
    cases where a sort calling a key per case takes 20-40 (numpy is loaded for the search
    index anyway); a column kept as values (deadlines) by their digit keys, or by the values
    where it has none."""
    under = (np.arange(len(base), dtype=np.int32) if isinstance(base, range)
             else np.frombuffer(base, dtype=np.int32))
    if column.values is None:
        found = column.digit_keys() if len(base) else None
        if found is None:
            return sorted(base, key=column.sort_key(), reverse=descending)
        keys = found[under]
        if descending:
            keys = -keys
    else:
        keys = np.frombuffer(base_codes, dtype=np.uint8)
        if descending:
            keys = 255 - keys  # stable, ties keep base's order (as sorted(reverse=True) does)
    found = array("i")
    found.frombytes(under[np.argsort(keys, kind="stable")].astype(np.int32).tobytes())
    return found


def both(a: bytes | None, b: bytes | None) -> bytes | None:
    """The AND of two 0/1 masks of the same length (None: keeps everything)."""
    if a is None or b is None:
        return a if b is None else b
    return (int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(len(a), "little")


def _split(texts: list, at: int, count: int) -> list[str] | None:
    """The values joined in `texts[at]`, which is let go; None if they are not `count`."""
    text, texts[at] = texts[at], None
    items = text.split(_SEP) if count and text is not None else []
    return items if len(items) == count else None


class ListColumns:
    """One load of the open cases' list columns. Never changed once loaded, except for the
    orders and rearranged columns it fills in as they are first asked for (from any thread:
    two threads computing the same order both store the same answer)."""

    def __init__(self, ids: list[str], columns: dict[str, Column]):
        self.ids = ids
        self.columns = columns
        self._orders: dict[str, array | None] = {"urgency": None}
        self._by_hash: tuple[np.ndarray, np.ndarray] | None = None  # see ordinals_of
        self.id_hashes: np.ndarray | None = None  # hash of each id, if a stepwise read made them

    @classmethod
    def read(cls, db, columns: Sequence[str] = _COLUMNS) -> "ListColumns":
        found = db.execute(_select(columns)).fetchone()
        count, texts = found[0], list(found[1:])
        del found
        ids = _split(texts, 0, count)
        made: dict[str, Column] = {}
        # One column's values at a time: 100,000 str objects per column (~5 MB) live only
        # until its codes are made, where splitting every column first held them all at once
        # (~30 MB more at the peak of start-up's memory).
        for at, name in enumerate(columns, 1):
            items = _split(texts, at, count)
            if ids is None or items is None:
                return cls._read_rows(db, columns)
            made[name] = Column(items, name in _NUMERIC)
        return cls(ids, made)

    @classmethod
    def _read_rows(cls, db, columns: Sequence[str]) -> "ListColumns":
        """Row by row, for a load where a value holds the separator (a hostile id?)."""
        rows = db.execute(_select_rows(columns)).fetchall()
        split = [list(map(str, c)) for c in zip(*rows)] if rows else [[] for _ in range(
            len(columns) + 1)]
        return cls(split[0], {name: Column(items, name in _NUMERIC)
                              for name, items in zip(columns, split[1:])})

    @property
    def complete(self) -> bool:
        return len(self.columns) == len(_COLUMNS)

    def __len__(self) -> int:
        return len(self.ids)

    def order(self, name: str, compute: Callable[["ListColumns"], list[int]]) -> array | None:
        found = self._orders.get(name, False)
        if found is False:
            found = compute(self)
            found = self._orders[name] = found if isinstance(found, array) else array("i", found)
        return found

    def filter_mask(self, tests: list[tuple[str, Callable]], name: str = "urgency",
                    order: array | None = None) -> bytes | None:
        mask = None
        for column, keep in tests:
            mask = both(mask, self.columns[column].mask(keep, name, order))
        return mask

    def ordinals_of(self, hashes: np.ndarray) -> np.ndarray:
        """The ordinal of each case whose id hashes (`hash(case_id)`) to one of `hashes`, -1
        for one not in this load. A search of sorted hashes in C, where a set test per listed
        id (a string compared each) cost more for 90,000 search hits than the index's query.
        The hashes are 64-bit and salted per process: two ids sharing one is a 1-in-10^9
        chance for a list of 100,000."""
        sorted_hashes, by_hash = self._hash_index()
        if not len(sorted_hashes):
            return np.full(len(hashes), -1, dtype=np.int32)
        at = np.minimum(np.searchsorted(sorted_hashes, hashes), len(sorted_hashes) - 1)
        return np.where(sorted_hashes[at] == hashes, by_hash[at], -1).astype(np.int32)

    def ordinal(self, case_id: str) -> int:
        """The ordinal of `case_id` in this load, -1 if it is not in it."""
        found = int(self.ordinals_of(np.array([hash(case_id)], dtype=np.int64))[0])
        return found if found >= 0 and self.ids[found] == case_id else -1

    def _hash_index(self) -> tuple[np.ndarray, np.ndarray]:
        """The ids' hashes sorted, and the ordinal of each; made once per load (~5 ms at
        100,000 cases, by the warming thread before the first search needs them)."""
        found = self._by_hash
        if found is None:
            hashes = self.id_hashes if self.id_hashes is not None else np.fromiter(
                map(hash, self.ids), dtype=np.int64, count=len(self.ids))
            self.id_hashes = None
            by_hash = np.argsort(hashes).astype(np.int32)
            found = self._by_hash = (hashes[by_hash], by_hash)
        return found

    def warm(self, name: str, order: array | None) -> None:
        """Rearrange every filtered column into an order now (not on a filter). The ids stay
        in load order: a list is read through its ordinals (id_list.py)."""
        if order is not None:
            for column in _FILTERED:
                self.columns[column].in_order(name, order)

    def rows(self, ordinals, row_type):
        """`row_type` rows (id, then the columns in load order) for these ordinals, lazily."""
        columns = [self.columns[c] for c in _COLUMNS]
        for o in ordinals:
            yield row_type(self.ids[o], *(c.value(o) for c in columns))
