"""The work list: open cached cases, filtered and sorted the way the reviewer asks.

The list metadata of every open case (id, queue, priority, deadline, language, region, policy
area, report count: the clear columns, never content) is held in memory as small tuples, read
once through a covering index. Each sort order is computed once and kept until the cases
change, so a filter or a search is one pass over a presorted list. Measured at 100,000 cases
(`make bench`): a pass is ~10-20 ms where the equivalent SQL, which sorts every time, is 60-140.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from itertools import filterfalse
from operator import attrgetter
from typing import NamedTuple

import sqlite_utils

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
# ties keep the work order and every key is a C-level attrgetter: 10-20 ms for 100,000 rows,
# where a Python key building tuples takes ~100.
_STABLE_SORTS = {
    SortKey.DEADLINE: (None, ("sla_deadline",), False),
    SortKey.REPORTS: (None, ("report_count",), True),
    SortKey.PRIORITY: (SortKey.REPORTS, ("priority",), False),
    SortKey.LANGUAGE: (None, ("language",), False),
    SortKey.REGION: (None, ("region",), False),
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

    def described_parts(self) -> list[str]:
        """The parts of that line, each a Phrase the window can translate."""
        parts = []
        if self.text.strip():
            parts.append(Phrase(translate("core", "matching “{text}”"), text=self.text.strip()))
        if self.priorities:
            parts.append(Phrase(translate("core", "priority {levels}"),
                                levels="/".join(f"P{p}" for p in sorted(self.priorities))))
        for label, value in ((translate("core", "language {value}"), self.language),
                             (translate("core", "region {value}"), self.region),
                             (translate("core", "policy {value}"), self.policy_area)):
            if value:
                parts.append(Phrase(label, value=value))
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


# tuple.__new__(CaseRow, row) through partial and map stays in C: a NamedTuple's own __new__ is
# a Python call per row (0.2 s for 100,000 rows at start-up; this is ~20 ms).
_as_case_row = partial(tuple.__new__, CaseRow)
_row_id = attrgetter("id")


_LOAD_SQL = (
    "SELECT id, queue_id, priority, sla_deadline, language, region, policy_area, report_count "
    "FROM cases INDEXED BY cases_list WHERE local_state = 'open'"
)


class CaseList:
    """Open cases' list metadata in memory. Not thread-safe: the UI thread owns it."""

    def __init__(self, db: sqlite_utils.Database, load: bool = True):
        self.db = db
        self._rows: list[CaseRow] = []
        self._sorted: dict[SortKey, list[CaseRow]] = {}
        self._sorted_ids: dict[SortKey, list[str]] = {}
        self._gone: set[str] = set()  # decided here since the last load
        self._per_queue: Counter | None = None
        self._gone_per_queue: Counter = Counter()
        self._version = -1  # PRAGMA data_version at the last load
        if load:
            self.reload()

    def reload(self) -> None:
        """Re-read every open case (new cases arrived, cases closed elsewhere)."""
        self._version = self._data_version()
        self._rows = list(map(_as_case_row, self.db.execute(_LOAD_SQL)))
        self._sorted = {SortKey.URGENCY: self._rows}  # the index already yields work order
        self._sorted_ids = {}
        self._per_queue = None  # Counter of queue ids, made on first use
        self._gone = set()
        self._gone_per_queue = Counter()

    def reload_if_changed(self) -> None:
        """Re-read only if another connection (the sync worker) committed since the last load:
        switching queues stays instant when nothing arrived."""
        if self._data_version() != self._version:
            self.reload()

    def _data_version(self) -> int:
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def __len__(self) -> int:
        return len(self._rows) - len(self._gone)

    def count(self, queue_id: str | None = None) -> int:
        """Open cases here, in one queue or all of them."""
        if not queue_id:
            return len(self)
        return self.counts_by_queue().get(queue_id, 0)

    def counts_by_queue(self) -> dict[str, int]:
        """Open cases here per queue, from memory (the queue list asks after every pause in
        deciding; a GROUP BY over the store would count the same rows again)."""
        if self._per_queue is None:
            self._per_queue = Counter(map(attrgetter("queue_id"), self._rows))
        return {q: n - self._gone_per_queue[q] for q, n in self._per_queue.items()}

    def remove(self, case_id: str, queue_id: str = "") -> None:
        """A case left the list (decided here): hidden at once, without a reload."""
        if case_id not in self._gone:
            self._gone.add(case_id)
            self._gone_per_queue[queue_id] += 1

    def ids(self, query: ListQuery, matching: AbstractSet[str] | None = None) -> list[str]:
        """The ids the query selects, in its order. `matching`: the full-text search's hits
        (None: no search)."""
        tests = _row_tests(query)
        if tests:
            rows = self._sorted_rows(query.sort)
            # One pass per filter in use, each over what the previous left: cheaper in Python
            # than one pass calling a combined test (a generator per row costs more).
            for keep in tests:
                rows = [r for r in rows if keep(r)]
            ids = list(map(_row_id, rows))
        else:
            ids = self._ids_in_order(query.sort)
        # Set tests run as C-level filters over ids: a search with 90,000 hits costs ~3 ms.
        if matching is not None:
            ids = list(filter(matching.__contains__, ids))
        if self._gone:
            ids = list(filterfalse(self._gone.__contains__, ids))
        if ids is self._sorted_ids.get(query.sort):
            ids = list(ids)  # a copy: the session pops from its list
        if query.descending:
            ids.reverse()
        return ids

    def warm(self, between=lambda: None) -> None:
        """Compute every order now (from a background thread after start-up, so the first
        change of order costs a reviewer nothing). Safe beside a reload: it fills the caches
        of the load it started on, which a reload replaces as a whole. A C-level sort holds
        the GIL throughout (~20 ms at 100,000 rows): `between` runs before each, to wait for
        a pause in the reviewer's work."""
        rows, ids = self._sorted, self._sorted_ids
        for key in SortKey:
            if key not in ids:
                between()
                _ids_in_order(key, rows, ids)

    def open_rows(self, sort: SortKey = SortKey.URGENCY):
        """Open rows in `sort` order, lazily (a caller may stop early)."""
        gone = self._gone
        return (r for r in self._sorted_rows(sort) if r.id not in gone)

    def facets(self, query: ListQuery = ListQuery(),
               matching: AbstractSet[str] | None = None) -> Facets:
        """The values the open cases left by `query` have, with counts, for the filter menus.
        Each menu is counted as if its own filter were not set, so it still offers the other
        values, narrowed by every other filter (and the search hits, `matching`)."""
        rows = self._open_matching(replace(query, language="", region="", policy_area=""),
                                   matching)
        counted = []
        for column in ("language", "region", "policy_area"):
            others = replace(query, queue_id=None, priorities=frozenset(), min_reports=0,
                             **{column: ""})
            kept = rows
            for keep in _row_tests(others):
                kept = [r for r in kept if keep(r)]
            counted.append(Counter(map(attrgetter(column), kept)))
        return Facets(*counted)

    def _open_matching(self, query: ListQuery, matching: AbstractSet[str] | None) -> list:
        rows = self._rows
        for keep in _row_tests(query):
            rows = [r for r in rows if keep(r)]
        if matching is not None:
            rows = [r for r in rows if r.id in matching]
        if self._gone:
            rows = [r for r in rows if r.id not in self._gone]
        return rows

    def _sorted_rows(self, key: SortKey) -> list[CaseRow]:
        return _sorted_rows(key, self._sorted)

    def _ids_in_order(self, key: SortKey) -> list[str]:
        return _ids_in_order(key, self._sorted, self._sorted_ids)


def _sorted_rows(key: SortKey, cache: dict[SortKey, list[CaseRow]]) -> list[CaseRow]:
    rows = cache.get(key)
    if rows is None:
        base, columns, descending = _STABLE_SORTS[key]
        rows = sorted(_sorted_rows(base or SortKey.URGENCY, cache), key=attrgetter(*columns),
                      reverse=descending)
        cache[key] = rows
    return rows


def _ids_in_order(key: SortKey, rows: dict, ids: dict) -> list[str]:
    found = ids.get(key)
    if found is None:
        found = ids[key] = [r.id for r in _sorted_rows(key, rows)]
    return found


def _row_tests(query: ListQuery) -> list:
    """A test per column filter in use (search hits and decided cases are tested on ids)."""
    tests = []
    if query.queue_id:
        tests.append(lambda r, q=query.queue_id: r.queue_id == q)
    if query.priorities:
        tests.append(lambda r, p=query.priorities: r.priority in p)
    for column, value in (("language", query.language), ("region", query.region),
                          ("policy_area", query.policy_area)):
        if value:
            index = CaseRow._fields.index(column)
            tests.append(lambda r, i=index, v=value: r[i] == v)
    if query.min_reports:
        tests.append(lambda r, n=query.min_reports: r.report_count >= n)
    return tests
