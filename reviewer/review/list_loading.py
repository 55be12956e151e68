"""Reading the open cases' list columns in steps, so that start-up paints its first case from
one screenful and the rest of 100,000 cases arrives between events, a few ms at a time.

- `head_of`: the first rows of the work order (ids and queues), ~1 ms: what the first case and
  the list's first screenful need. Every queue's count (the queue panel's and the count line's)
  is a GROUP BY over the whole index, 15-40 ms at 100,000 cases: `counted_aside` runs it on a
  thread of its own, in a snapshot taken with the head, while the window is built.
- `ColumnsLoad`: every column, `CHUNK_ROWS` cases per `step` in the covering index's order, each
  chunk's values coded as they arrive (ColumnBuilder), so no step holds the UI thread for long
  and nothing at the end re-reads 100,000 values. The result equals `ListColumns.read`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from concurrent.futures import Future
from typing import Sequence

import numpy as np

from reviewer.review.list_columns import (
    _COLUMNS, _NUMERIC, Column, FixedTexts, ListColumns, _split)

CHUNK_ROWS = 1000  # ~2-3 ms of SQLite and ~1 ms of coding per step on a quiet 2-core machine

_HEAD = ("SELECT id, queue_id FROM cases INDEXED BY cases_list WHERE local_state = 'open' "
         "LIMIT ?")
# Counted on the index that starts (local_state, queue_id): no table row is read.
_COUNTS = ("SELECT queue_id, count(*) FROM cases INDEXED BY cases_work_order "
           "WHERE local_state = 'open' GROUP BY queue_id")


def head_of(db, rows: int) -> ListColumns:
    """The first `rows` open cases in work order (ids and queues)."""
    found = db.execute(_HEAD, (rows,)).fetchall()
    return ListColumns([r[0] for r in found], {"queue_id": Column([r[1] for r in found])})


def counted_aside(db) -> "Future[Counter]":
    """Open cases per queue as `db` sees them now, counted on a thread of its own: SQLite lets
    go of the interpreter while it counts, so the UI thread builds the window meanwhile. The
    thread's connection begins its read here, so a case decided after this call is not missing
    from the counts (the list subtracts it itself, `remove`). A store in memory, which no other
    connection can open, is counted here and now."""
    counts: Future[Counter] = Future()
    path = db.execute("PRAGMA database_list").fetchone()[2]
    if not path:
        counts.set_result(Counter(dict(db.execute(_COUNTS).fetchall())))
        return counts
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("SELECT 1 FROM cases LIMIT 1").fetchall()  # the snapshot, taken now

    def count() -> None:
        try:
            counts.set_result(Counter(dict(conn.execute(_COUNTS).fetchall())))
        except BaseException as exc:  # noqa: BLE001 -- raised again where the counts are used
            counts.set_exception(exc)
        finally:
            conn.close()
    threading.Thread(target=count, name="queue-counts", daemon=True).start()
    return counts


def _chunk_select(columns: Sequence[str], after: bool) -> str:
    concat = ", ".join(f"group_concat({c}, char(31))" for c in ("id", *columns))
    where = "local_state = 'open'" + (" AND (priority, sla_deadline, id) > (?, ?, ?)"
                                      if after else "")
    return (f"SELECT count(*), {concat} FROM (SELECT id, {', '.join(columns)} "
            f"FROM cases INDEXED BY cases_list WHERE {where} LIMIT ?)")


class ColumnBuilder:
    """One column made chunk by chunk, to the same Column that `Column(all values)` makes:
    while there are at most 256 distinct values, each chunk becomes bytes of provisional codes
    (in order of first appearance), sorted into value order once at the end by one
    `bytes.translate`; past 256, the values themselves (texts of one length and ASCII as one
    bytes string, as FixedTexts holds them)."""

    def __init__(self, numeric: bool):
        self.numeric = numeric
        self.code_of: dict[str, int] | None = {}  # text -> provisional code; None: values
        self.parts: list[bytes] = []  # provisional codes, or fixed-width texts, per chunk
        self.values: list | None = None  # the values, once they are neither
        self.width = -1  # of every text, while they are FixedTexts-able

    def add(self, items: list[str]) -> None:
        if self.code_of is not None:
            for text in set(items).difference(self.code_of):
                self.code_of[text] = len(self.code_of)
            if len(self.code_of) <= 256:
                self.parts.append(bytes(map(self.code_of.__getitem__, items)))
                return
            self._to_values()
        self._add_values(items)

    def _to_values(self) -> None:
        """More than 256 distinct values: the chunks so far become values again."""
        texts = list(self.code_of)
        earlier = [texts[code] for part in self.parts for code in part]
        self.code_of, self.parts = None, []
        if self.numeric:
            self.values = []
        self._add_values(earlier)

    def _add_values(self, items: list[str]) -> None:
        if self.numeric:
            self.values.extend(map(int, items))
            return
        if self.values is None:  # still texts of one length, in ASCII?
            widths, joined = set(map(len, items)), "".join(items)
            if len(widths) == 1 and self.width in (-1, *widths) and joined.isascii():
                self.width = widths.pop()
                self.parts.append(joined.encode("ascii"))
                return
            if not items:
                return
            self.values = list(self._fixed_texts())
            self.parts = []
        self.values.extend(items)

    def _fixed_texts(self):
        data = b"".join(self.parts)
        return FixedTexts(data, self.width, len(data) // self.width) if self.width > 0 else []

    def column(self) -> Column:
        if self.code_of is not None:
            texts = list(self.code_of)
            value_of = {s: int(s) if self.numeric else s for s in texts}
            values = sorted(set(value_of.values()))
            code_of = {v: i for i, v in enumerate(values)}
            table = bytes(code_of[value_of[s]] for s in texts).ljust(256, b"\0")
            return Column.made(b"".join(self.parts).translate(table), values)
        if self.values is None:  # fixed-width texts
            found = self._fixed_texts()
            return Column.made(found if len(found) else [], None)
        return Column.made(self.values, None)


class ColumnsLoad:
    """Every list column of the open cases, read `CHUNK_ROWS` at a time (`step`), resuming
    after the last row read in the index's order. Steps run on the caller's thread, between
    its events; the caller checks that no other connection committed meanwhile."""

    def __init__(self, db, columns: Sequence[str] = _COLUMNS, rows: int | None = None):
        self.db, self.columns, self.rows = db, tuple(columns), rows or CHUNK_ROWS
        self.ids: list[str] = []
        self.builders = {name: ColumnBuilder(name in _NUMERIC) for name in self.columns}
        self._after: tuple | None = None  # (priority, deadline, id) of the last row read
        self._hashes: list[np.ndarray] = []  # each chunk's ids hashed: the place of an id
        # (ListColumns.ordinals_of) is then worked out without hashing 100,000 ids in one step
        self.result: ListColumns | None = None

    def step(self) -> bool:
        """Read the next chunk; True once every open case is read (then see `result`)."""
        if self.result is not None:
            return True
        args = (*self._after, self.rows) if self._after else (self.rows,)
        found = self.db.execute(_chunk_select(self.columns, self._after is not None),
                                args).fetchone()
        count, texts = found[0], list(found[1:])
        del found
        ids = _split(texts, 0, count)
        chunk = [_split(texts, at, count) for at in range(1, len(texts))]
        if ids is None or any(items is None for items in chunk):
            self.result = ListColumns._read_rows(self.db, self.columns)  # a separator in a value
            return True
        for name, items in zip(self.columns, chunk):
            self.builders[name].add(items)
        self.ids += ids
        self._hashes.append(np.fromiter(map(hash, ids), dtype=np.int64, count=len(ids)))
        if count:
            last = {name: items[-1] for name, items in zip(self.columns, chunk)}
            self._after = (int(last["priority"]), last["sla_deadline"], ids[-1])
        if count < self.rows:
            self.result = ListColumns(self.ids, {name: b.column()
                                                 for name, b in self.builders.items()})
            self.result.id_hashes = np.concatenate(self._hashes)
            self.builders, self._hashes = {}, []
            return True
        return False


class StepwiseLoad:
    """CaseList's start-up head and its stepwise reading of every column (case_list.py)."""

    db: object
    _cols: ListColumns
    _gone: set
    _loading: ColumnsLoad | None
    _load_version: int
    _head_counts: "Future[Counter] | None"  # every queue's count, while the head is listed
    _per_queue: Counter | None

    def read_head(self, rows: int) -> None:
        """Start-up: the first `rows` open cases in work order, and each queue's count on its
        way; the rest a step at a time (`load_step`), or at once when a filter needs it first.
        Until then the work order without filters lists that head, and the counts are the
        whole's."""
        head = head_of(self.db, rows)
        self._adopt(head)
        if len(head) == rows:  # else the head is every open case
            self._head_counts = counted_aside(self.db)

    @property
    def is_head(self) -> bool:
        return self._head_counts is not None

    def _queue_counts(self) -> Counter:
        """Open cases per queue: the whole list's while only its head is read (the thread's
        count, waited for if it is still counting), else from the queue column."""
        if self._per_queue is None:
            self._per_queue = (self._head_counts.result() if self.is_head
                               else self._cols.columns["queue_id"].count(None))
        return self._per_queue

    def load_step(self) -> bool:
        """A few ms of reading every column (a few thousand cases), for the window's idle
        moments; True once all is read and prepared. Another connection's commit meanwhile
        starts the reading over."""
        if self._cols.complete:
            return self._prepare_step()
        if self._loading is None:
            self._loading, self._load_version = ColumnsLoad(self.db), self._data_version()
        elif self._loading.step():
            loaded, self._loading = self._loading.result, None
            if self._data_version() == self._load_version:
                self._take(loaded)
        return False

    def _take(self, cols: ListColumns) -> None:
        """Every column, read after the load shown: a case decided here stays gone if the
        read still saw it open, and is forgotten if not (it is not counted twice)."""
        gone = [g for g in self._gone if cols.ordinal(g) >= 0]
        self._adopt(cols)
        for case_id in gone:
            self.remove(case_id, cols.columns["queue_id"].value(cols.ordinal(case_id)))

