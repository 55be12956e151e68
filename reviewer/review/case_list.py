"""The work list: open cached cases, filtered and sorted the way the reviewer asks.

The list metadata of every open case (id, queue, priority, deadline, language, region, policy
area, report count: the clear columns, never content) is held in memory by column
(list_columns.py), read once through a covering index. Each sort order is computed once and kept
until the cases change, so a filter or a search is a few C loops over a presorted list: ~1-5 ms
at 100,000 cases, where the equivalent SQL, which sorts every time, is 60-140.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Callable, NamedTuple

import numpy as np
import sqlite_utils

from reviewer.review.id_list import IdList
from reviewer.review.list_columns import ListColumns, both, stable_order
from reviewer.review.list_loading import ColumnsLoad, StepwiseLoad
from reviewer.words import Phrase, translate


class CaseRow(NamedTuple):
    id: str
    queue_id: str
    priority: int
    sla_deadline: str  # ISO 8601 UTC, so text order is time order
    language: str
    region: str
    policy_area: str
    report_count: int


class SortKey(str, Enum):
    URGENCY = "urgency"  # priority, then deadline: the default work order
    DEADLINE = "deadline"  # SLA deadline first, whatever the priority
    REPORTS = "reports"  # most reported first
    PRIORITY = "priority"  # priority, then most reported
    LANGUAGE = "language"  # grouped by language, then work order
    REGION = "region"


SORT_LABELS = {
    SortKey.URGENCY: translate("core", "Work order (priority, then deadline)"),
    SortKey.DEADLINE: translate("core", "SLA deadline"),
    SortKey.REPORTS: translate("core", "Most reported"),
    SortKey.PRIORITY: translate("core", "Priority, then reports"),
    SortKey.LANGUAGE: translate("core", "Language"),
    SortKey.REGION: translate("core", "Region"),
}

# Each order is a stable sort of the work order (priority, deadline, id) on one more column, so
# ties keep the work order; every key is a C-level lookup into a column (list_columns.py).
_STABLE_SORTS = {
    SortKey.DEADLINE: (None, "sla_deadline", False),
    SortKey.REPORTS: (None, "report_count", True),
    SortKey.PRIORITY: (SortKey.REPORTS, "priority", False),
    SortKey.LANGUAGE: (None, "language", False),
    SortKey.REGION: (None, "region", False),
}


@dataclass(frozen=True)
class ListQuery:
    """What the reviewer asked the list to show. Empty fields do not filter."""

    queue_id: str | None = None
    text: str = ""  # full-text search (reviewer/review/search_index.py); applied by the caller
    priorities: frozenset[int] = frozenset()
    language: str = ""
    region: str = ""
    policy_area: str = ""
    min_reports: int = 0
    sort: SortKey = SortKey.URGENCY
    descending: bool = False

    def is_filtered(self) -> bool:
        """Anything beyond the queue choice and the default order narrows or reorders."""
        return self != ListQuery(queue_id=self.queue_id)

    def narrows(self) -> bool:
        """A search or a filter leaves out cases (the order alone leaves out none)."""
        return self.cleared() != self

    def cleared(self) -> "ListQuery":
        """No search and no filters; the queue and the order stay (the reviewer chose them)."""
        return ListQuery(queue_id=self.queue_id, sort=self.sort, descending=self.descending)

    def with_queue(self, queue_id: str | None) -> "ListQuery":
        return replace(self, queue_id=queue_id)

    def describe(self) -> str:
        """One line for the status of the list ("" when nothing filters)."""
        return ", ".join(self.described_parts())

    def described_parts(self, policy_name: Callable[[str], str] = str) -> list[str]:
        """The parts of that line, each a Phrase the window translates (a policy named)."""
        parts = []
        if self.text.strip():
            parts.append(Phrase(translate("core", "matching “{text}”"), text=self.text.strip()))
        if self.priorities:
            parts.append(Phrase(translate("core", "priority {levels}"),
                                levels="/".join(f"P{p}" for p in sorted(self.priorities))))
        named_policy = self.policy_area and policy_name(self.policy_area)
        parts += [Phrase(label, value=value) for label, value in (
            (translate("core", "language {value}"), self.language),
            (translate("core", "region {value}"), self.region),
            (translate("core", "policy {value}"), named_policy)) if value]
        if self.min_reports:
            parts.append(Phrase(translate("core", "≥{count} reports"), count=self.min_reports))
        if self.sort != SortKey.URGENCY or self.descending:
            order = (translate("core", "sorted by {order} (reversed)") if self.descending
                     else translate("core", "sorted by {order}"))
            parts.append(Phrase(order, order=Phrase(SORT_LABELS[self.sort])))
        return parts


@dataclass
class Facets:
    """The values present in the open cases, with counts, for the filter menus."""

    languages: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    policy_areas: Counter = field(default_factory=Counter)


_QUEUE_ONLY = ("queue_id",)  # what a reload reads: the first case and the queue counts
# Once every column is read, a step each (not on the first filter): where each id is
# (`position`, search hits, ~5 ms), then the deadline order, the one order not made from byte
# codes (~10 ms): its digit keys, then the sort.
_PREPARE_STEPS = (lambda cols: cols.ordinals_of(np.zeros(0, dtype=np.int64)),
                  lambda cols: cols.columns["sla_deadline"].digit_keys(),
                  lambda cols: _order(cols, SortKey.DEADLINE))


class CaseList(StepwiseLoad):
    """Open cases' list metadata in memory. Not thread-safe: the UI thread owns it (`warm`
    excepted, see there)."""

    def __init__(self, db: sqlite_utils.Database, load: bool = True):
        self.db = db
        self._cols = ListColumns([], {})
        self._gone: set[str] = set()  # decided here since the last load
        self._per_queue: Counter | None = None
        self._gone_per_queue: Counter = Counter()
        self._version = -1  # PRAGMA data_version at the last load
        self._last: tuple = ()  # how the last `ids` answer was made (see position)
        self._doc_ordinals: tuple = ()  # (load, doc hashes, ordinal per index row): _hit_mask
        self._head_counts = None  # each queue's count, while only the head is read (read_head)
        self._loading: ColumnsLoad | None = None  # every column, a step at a time (load_step)
        self._load_version = self._prepared = 0
        if load:
            self.reload()

    def reload(self) -> None:
        """Re-read every open case (new cases arrived, cases closed elsewhere): ids and queues
        now, the other columns when first needed (`complete`)."""
        self._adopt(ListColumns.read(self.db, _QUEUE_ONLY))

    def complete(self) -> None:
        """Every column the filters, sorts and menus use, at once if not read yet (a filter
        asked for before `load_step` finished waits for the whole answer)."""
        if not self._cols.complete:
            self._loading = None
            self._take(ListColumns.read(self.db))
        while not self._prepare_step():
            pass

    def _prepare_step(self) -> bool:
        """The next of `_PREPARE_STEPS`, once every column is read; True when all are done."""
        if self._prepared < len(_PREPARE_STEPS):
            _PREPARE_STEPS[self._prepared](self._cols)
            self._prepared += 1
        return self._prepared == len(_PREPARE_STEPS)

    @property
    def is_complete(self) -> bool:
        """Every column is read (else the first filter, sort or count reads them)."""
        return self._cols.complete

    def _adopt(self, cols: ListColumns) -> None:
        self._version = self._data_version()
        self._cols, self._head_counts, self._prepared, self._loading = cols, None, 0, None
        self._per_queue = None  # Counter of queue ids, made on first use
        self._gone = set()
        self._gone_per_queue = Counter()

    def _full(self) -> ListColumns:
        self.complete()
        return self._cols

    def reload_if_changed(self) -> None:
        """Re-read only if another connection (the sync worker) committed since the last load:
        switching queues stays instant when nothing arrived."""
        if self._data_version() != self._version:
            self.reload()

    def _data_version(self) -> int:
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def __len__(self) -> int:
        listed = sum(self._queue_counts().values()) if self.is_head else len(self._cols)
        return listed - len(self._gone)

    def count(self, queue_id: str | None = None) -> int:
        """Open cases here, in one queue or all of them."""
        if not queue_id:
            return len(self)
        return self.counts_by_queue().get(queue_id, 0)

    def counts_by_queue(self) -> dict[str, int]:
        """Open cases here per queue, from memory (the queue list asks after every pause in
        deciding; a GROUP BY over the store would count the same rows again)."""
        return {q: n - self._gone_per_queue[q] for q, n in self._queue_counts().items()}

    def remove(self, case_id: str, queue_id: str = "") -> None:
        """A case left the list (decided here): hidden at once, without a reload."""
        if case_id not in self._gone:
            self._gone.add(case_id)
            self._gone_per_queue[queue_id] += 1

    def ids(self, query: ListQuery, matching: AbstractSet[str] | None = None,
            head: bool = False) -> IdList:
        """The ids the query selects, in its order. `matching`: the full-text search's hits
        (None: no search). `head`: the work order without filters may be the head alone."""
        tests, key = _column_tests(query), SortKey(query.sort)
        head = head and not tests and matching is None and not query.descending
        cols = self._cols if key == SortKey.URGENCY and _queue_only(tests) and (
            head or not self.is_head) else self._full()
        order = _order(cols, key)
        # Every step is a 0/1 mask over the ids in this order, made and combined in C: the
        # filters, the search hits and the cases decided here.
        mask = cols.filter_mask(tests, key.value, order)
        if matching is not None:
            mask = both(mask, _in_order(self._hit_mask(cols, matching), order))
        if self._gone:
            mask = both(mask, _in_order(self._kept_mask(cols), order))
        # The answer is the ordinals the mask keeps, in this order: no id is read here (a new
        # order's 100,000 ids, gathered into a list, cost 15-20 ms; id_list.py).
        at = (np.arange(len(cols), dtype=np.int32) if order is None
              else np.frombuffer(order, dtype=np.int32))
        if mask is not None:
            at = at[np.frombuffer(mask, dtype=np.uint8).view(bool)]
        found = IdList(cols.ids, at, cols.ordinal)
        if query.descending:
            found.reverse()
        self._last = (cols, order, mask, query.descending, len(found))
        return found

    def position(self, case_id: str) -> int:
        """Where `case_id` is in the list `ids` last returned (ValueError if not there), worked
        out from its ordinal and that answer's mask: searching 100,000 ids for it compared a
        string per id, up to ~10 ms."""
        if not self._last:
            raise ValueError(case_id)
        cols, order, mask, descending, length = self._last
        at = cols.ordinal(case_id)
        if at >= 0 and order is not None:
            at = int(np.flatnonzero(np.frombuffer(order, dtype=np.int32) == at)[0])
        if at < 0 or (mask is not None and not mask[at]):
            raise ValueError(case_id)
        if mask is not None:
            at = mask.count(1, 0, at)
        return length - 1 - at if descending else at

    def _hit_mask(self, cols: ListColumns, matching: AbstractSet[str]) -> np.ndarray:
        """1 per ordinal (work order) that the search hits hold."""
        rowids = getattr(matching, "rowids", None)
        if rowids is None:  # a plain set of ids
            return np.frombuffer(bytes(map(matching.__contains__, cols.ids)), dtype=np.uint8)
        mask = np.zeros(len(cols), dtype=np.uint8)
        if not len(rowids):  # no hits (and the index's rows are not theirs to map)
            return mask
        ordinals = self._ordinals_of_rows(cols, matching.doc_hashes)[rowids]
        mask[ordinals[ordinals >= 0]] = 1
        return mask

    def _ordinals_of_rows(self, cols: ListColumns, doc_hashes: np.ndarray) -> np.ndarray:
        """The ordinal of each search index row's case in this load (-1: not listed), kept
        while neither the load nor the index changes (the indexer's thread makes it ahead).
        After the index changed, only its new and changed rows are looked up: the rows it
        had are never changed in place (index_rows.py), so comparing them finds the rest."""
        found = self._doc_ordinals
        if found and found[0] is cols and found[1] is doc_hashes:
            return found[2]
        if found and found[0] is cols and len(found[1]) <= len(doc_hashes):
            had, ordinals = len(found[1]), np.empty(len(doc_hashes), dtype=np.int32)
            ordinals[:had] = found[2]
            changed = np.flatnonzero(found[1] != doc_hashes[:had])
            ordinals[changed] = cols.ordinals_of(doc_hashes[changed])
            ordinals[had:] = cols.ordinals_of(doc_hashes[had:])
        else:
            ordinals = cols.ordinals_of(doc_hashes)
        self._doc_ordinals = (cols, doc_hashes, ordinals)
        return ordinals

    def _kept_mask(self, cols: ListColumns) -> np.ndarray:
        """1 per ordinal not decided here since the load."""
        kept = np.ones(len(cols), dtype=np.uint8)
        gone = cols.ordinals_of(np.fromiter(map(hash, self._gone), dtype=np.int64,
                                            count=len(self._gone)))
        kept[gone[gone >= 0]] = 0
        return kept

    def warm(self, between=lambda: None, doc_hashes: np.ndarray | None = None) -> None:
        """Compute every order now, with the ids and columns rearranged to it (from a
        background thread after start-up, so the first change of order costs a reviewer
        nothing). Safe beside a reload: it fills the load it started on, which a reload
        replaces as a whole. Each step is a few numpy calls over the load, which release the
        GIL (byte codes' radix sorts and gathers: ~20 ms in all at 100,000 cases), so the UI
        thread waits for none of it; `between` runs before each. Does nothing before `complete`.
        `doc_hashes` (SearchIndex.doc_hashes): where each row of the search index is in this
        load is worked out first, without waiting (~10 ms, mostly numpy without the GIL): a
        reviewer deciding case after case would otherwise leave it to their first search."""
        cols = self._cols
        if not cols.complete:
            return
        if doc_hashes is not None:
            self._ordinals_of_rows(cols, doc_hashes)
        for key in SortKey:
            between()
            order = _order(cols, key)
            between()
            cols.warm(key.value, order)

    def open_rows(self, sort: SortKey = SortKey.URGENCY):
        """Open rows (CaseRow) in `sort` order, lazily (a caller may stop early)."""
        cols, gone = self._full(), self._gone
        order = _order(cols, SortKey(sort))
        ordinals = range(len(cols)) if order is None else order
        return (r for r in cols.rows(ordinals, CaseRow) if r.id not in gone)

    def facets(self, query: ListQuery = ListQuery(),
               matching: AbstractSet[str] | None = None) -> Facets:
        """The values the open cases left by `query` have, with counts, for the filter menus.
        Each menu is counted as if its own filter were not set, so it still offers the other
        values, narrowed by every other filter (and the search hits, `matching`)."""
        cols = self._full()
        menus = ("language", "region", "policy_area")
        base = cols.filter_mask(_column_tests(replace(query, **dict.fromkeys(menus, ""))))
        if matching is not None:
            base = both(base, self._hit_mask(cols, matching).tobytes())
        if self._gone:
            base = both(base, self._kept_mask(cols).tobytes())
        counted = []
        for column in menus:
            others = replace(query, queue_id=None, priorities=frozenset(), min_reports=0,
                             **{column: ""})
            mask = both(base, cols.filter_mask(_column_tests(others)))
            counted.append(cols.columns[column].count(mask))
        return Facets(*counted)


def _in_order(mask: np.ndarray, order) -> bytes:
    """A 0/1 mask by ordinal rearranged into a sort order (None: the work order)."""
    return (mask if order is None else mask[np.frombuffer(order, dtype=np.int32)]).tobytes()


def _order(cols: ListColumns, key: SortKey):
    """The ordinals of `cols` in `key`'s order (None: the work order, as loaded)."""
    if key == SortKey.URGENCY:
        return None
    base, column, descending = _STABLE_SORTS[key]

    def compute(c: ListColumns) -> list[int]:
        under = _order(c, base) if base else None
        by = c.columns[column]
        return stable_order(by, range(len(c)) if under is None else under,
                            by.in_order(base.value if base else "urgency", under), descending)
    return cols.order(key.value, compute)


def _column_tests(query: ListQuery) -> list[tuple[str, Callable]]:
    """(column, test of a value) per filter in use; each test is a C-level method, so a
    column with too many distinct values for byte codes is still tested without Python."""
    tests = []
    if query.queue_id:
        tests.append(("queue_id", query.queue_id.__eq__))
    if query.priorities:
        tests.append(("priority", frozenset(query.priorities).__contains__))
    for column in ("language", "region", "policy_area"):
        value = getattr(query, column)
        if value:
            tests.append((column, value.__eq__))
    if query.min_reports:
        tests.append(("report_count", int(query.min_reports).__le__))
    return tests


def _queue_only(tests: list) -> bool:
    return all(column in _QUEUE_ONLY for column, _ in tests)
