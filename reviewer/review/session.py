"""The review session: which case is in front of the reviewer and what a key does to it.

Runs on the UI thread with the UI thread's own store connection. Everything here is cheap:
the work list is a list of ids (one indexed query), a case is one row, and recording a
decision is one small durable commit. Network and decoding happen elsewhere.
"""

from __future__ import annotations

from typing import Callable

import sqlite_utils

from reviewer.review.holds import HoldBook, pinned_first
from reviewer.actions import ActionId, is_decision
from reviewer.store.case_cache import CaseCache
from reviewer.review.calm_order import CalmOrder
from reviewer.review.case_list import CaseList, Facets, ListQuery
from reviewer.domain import Case, Decision
from reviewer.context.guidelines import GuidelineStore
from reviewer.context.incidents import IncidentStore
from reviewer.review.outbox import Outbox
from reviewer.review.search_indexer import SearchIndexer
from reviewer.words import Phrase, translate


class SessionBusy(RuntimeError):
    """A decision is being recorded; the key that asked for another one is dropped."""


class BulkRecordError(RuntimeError):
    """A write failed part-way: `recorded` are durable, the rest were not recorded."""

    def __init__(self, recorded: list[Decision], cause: Exception):
        super().__init__(f"{len(recorded)} recorded before the store refused: {cause}")
        self.recorded = recorded


class ReviewSession:
    def __init__(self, db: sqlite_utils.Database, undo_grace_s: float = 0.0, head: int = 0):
        self.cache = CaseCache(db)
        self.guidelines = GuidelineStore(db)  # which guideline version a decision is made under
        self.outbox = Outbox(db)
        self.incidents = IncidentStore(db)  # which incident a decision is made under
        self._listeners: list[Callable[[Decision], None]] = []
        self._undo_listeners: list[Callable[[Decision], None]] = []
        self.query = ListQuery()  # queue, search, filters and order of the work list
        self.case_list = CaseList(db, load=False)  # loaded by reload() below
        self.search_index = None  # a reviewer.review.search_index.SearchIndex, set by the app
        self._ids: list[str] = []
        self._index = 0
        self._head_listed = False  # the list shown is the head of the work order (whole_list)
        self._current: Case | None = None
        # The next cases, read when their media was prefetched: the one after a decision is
        # then on hand instead of read, opened and checked between the key and its paint.
        self._ahead: dict[str, Case] = {}
        self._recording = False
        self.undo_grace_s = undo_grace_s  # decisions wait unsent this long, so Ctrl+Z can withdraw
        self._undoable: list[Decision] = []
        self.calm = CalmOrder(db)  # after a run of graphic cases, a calm one when it can
        if head:  # start-up: the first `head` cases now, the rest as the window idles
            self.case_list.read_head(head)
            self._refilter(keep_current=False)
        else:
            self.reload()

    @property
    def queue_id(self) -> str | None:  # None: every queue
        return self.query.queue_id

    @property
    def searching(self) -> bool:
        """A full-text search is active (it spans every queue)."""
        return bool(self.query.text.strip())

    # --- what is on screen ---------------------------------------------------------------
    @property
    def case_ids(self) -> list[str]:
        return self._ids

    @property
    def index(self) -> int:
        return self._index

    def current(self) -> Case | None:
        while self._ids:
            case_id = self._ids[self._index]
            if self._current is not None and self._current.id == case_id:
                return self._current
            self._current = self._ahead.pop(case_id, None) or self.cache.case(case_id)
            if self._current is not None:
                return self._current
            # Gone from the cache (purged, or dropped as damaged): move on to the next one.
            self._ids.pop(self._index)
            self._index = min(self._index, max(0, len(self._ids) - 1))
        self._current = None
        return None

    def upcoming(self, count: int) -> list[Case]:
        """The next cases after the current one, for prefetching their media."""
        ids = self._ids[self._index + 1:self._index + 1 + count]
        ahead = {i: self._ahead.get(i) or self.cache.case(i) for i in ids}
        self._ahead = {i: case for i, case in ahead.items() if case is not None}
        return list(self._ahead.values())

    # --- navigation -----------------------------------------------------------------------
    def select_queue(self, queue_id: str | None) -> None:
        """Another queue (None: all), from its most urgent case."""
        self.case_list.reload_if_changed()  # the list of a queue is always read fresh
        self.query = self.query.with_queue(queue_id)
        self._index = 0
        self._refilter(keep_current=False)

    def set_query(self, query: ListQuery) -> None:
        """Search, filter or re-sort the work list; the case on screen stays if it still
        qualifies, otherwise the first case of the new list is shown."""
        self.query = query
        self._refilter(keep_current=True)

    def reload(self, keep_current: bool = True) -> None:
        """Re-read the work list (new cases arrived); the case on screen stays on screen."""
        self.case_list.reload()
        self._ahead.clear()  # cases may have changed in the store
        self._refilter(keep_current)

    def _refilter(self, keep_current: bool) -> None:
        current_id = self._ids[self._index] if (keep_current and self._ids) else None
        holds = HoldBook(self.cache.db)  # handed to me first, held cases last
        pinned, held = holds.pinned(), set(holds.holds())
        # The head alone will do unless cases are handed over or held: they may be past it.
        listed = self.case_list.ids(self._effective_query(), self._search_hits(),
                                    head=not (pinned or held))
        self._ids = pinned_first(listed, pinned, held)
        self._head_listed = self.case_list.is_head  # else the answer was the whole list
        try:  # the list's own answer where it stands, unless holds moved cases about
            if current_id is not None:
                self._index = (self.case_list.position(current_id) if self._ids is listed
                               else self._ids.index(current_id))
        except ValueError:
            self._index = 0
        self._index = min(self._index, max(0, len(self._ids) - 1))

    def facets(self) -> Facets:
        """The filter menus' values and counts for the list as it stands."""
        return self.case_list.facets(self._effective_query(), self._search_hits())

    def _effective_query(self) -> ListQuery:
        # A search looks in every queue: a case id or a phrase is found wherever the case is
        # (the list says which queue each hit is in); filters and the order still apply.
        return self.query.with_queue(None) if self.searching else self.query

    def _search_hits(self) -> frozenset[str] | None:
        if not self.query.text.strip():
            return None
        if self.search_index is None:
            # No background index (tests, scripts): build one here, once, from the store.
            indexer = SearchIndexer(None)
            indexer.run_once(self.cache.db)
            self.search_index = indexer.index
        return self.search_index.search(self.query.text)

    @property
    def head_listed(self) -> bool:
        """The list shown is the head of the work order only (start-up; see whole_list)."""
        return self._head_listed

    def whole_list(self) -> bool:
        """If the list shown is its head only: read the rest now, if not read yet, and list
        it, the case on screen staying. True if the list changed so."""
        if not self._head_listed:
            return False
        self.case_list.complete()
        self._refilter(keep_current=True)
        return True

    def _whole_if_past_head(self, past: Callable[[], bool] = lambda: True) -> None:
        """Before a move that may go past the head listed at start-up (`past` says whether
        this one does): every case is listed first."""
        if self._head_listed and past():
            self.whole_list()

    def go_to(self, case_id: str) -> None:
        self._whole_if_past_head(lambda: case_id not in self._ids)
        if case_id in self._ids:
            self._index = self._ids.index(case_id)

    def next(self) -> None:
        self._whole_if_past_head(lambda: self._index + 1 >= len(self._ids))
        self._index = min(self._index + 1, max(0, len(self._ids) - 1))

    def previous(self) -> None:
        self._index = max(self._index - 1, 0)

    def skip(self) -> str:
        """Put the current case at the end of this session's list and move on. Returns what
        the reviewer is told: a skipped case leaves the screen with no decision on record."""
        self._whole_if_past_head()  # the case goes to the end of every case
        if len(self._ids) <= 1:
            return Phrase(translate("core", "Nothing to skip to: this is the only case in your "
                                            "list.")) if self._ids else ""
        case_id = self._ids.pop(self._index)
        self._ids.append(case_id)
        self._index = min(self._index, len(self._ids) - 1)
        return Phrase(translate("core", "Skipped {case}, undecided: it comes back at the end of "
                                        "your list."), case=case_id)

    # --- deciding -------------------------------------------------------------------------
    # Every decision, whatever asked for it (a key, the palette, a follow-up, an approval, a
    # sweep item), is recorded by `_record`: one guard, one guideline tag, one durable commit,
    # one notification.
    def subscribe(self, listener: Callable[[Decision], None]) -> None:
        """`listener(decision)` runs after each decision is durable, on the recording thread."""
        self._listeners.append(listener)

    def on_undo(self, listener: Callable[[Decision], None]) -> None:
        """`listener(decision)` runs after a decision is withdrawn by undo."""
        self._undo_listeners.append(listener)

    def decide(self, action: ActionId, note: str = "", policy: str | None = None) -> Decision:
        case = self.current()
        if case is None:
            raise LookupError("no case on screen to decide")
        return self._record(case.id, case, action, note, policy)

    def follow_up(self, case_id: str, action: ActionId, note: str, policy: str) -> Decision:
        """A new decision on a case that is no longer on screen (a reversal, an escalation after
        a conflict): the original decision stays as it was."""
        return self._record(case_id, self.cache.case(case_id), action, note, policy)

    def decide_many(self, cases: list[Case], action: ActionId, policy: str,
                    note: str = "") -> list[Decision]:
        """One decision per case, each with its own id (its idempotency key) and its own commit,
        so each case leaves the work list atomically with its decision. If a write fails, the
        ones before it stay recorded and BulkRecordError says which."""
        if not is_decision(action):
            raise ValueError(f"{action.value} is not a decision")
        recorded: list[Decision] = []
        for case in cases:
            try:
                recorded.append(self._record(case.id, case, action, note, policy))
            except Exception as exc:
                raise BulkRecordError(recorded, exc) from exc
        return recorded

    def _record(self, case_id: str, case: Case | None, action: ActionId, note: str,
                policy: str | None) -> Decision:
        if not is_decision(action):
            raise ValueError(f"{action.value} is not a decision")
        if self._recording:
            raise SessionBusy("a decision is already being recorded")
        # The case may be gone from the cache (a follow-up): its policy area is then unknown.
        policy = policy or (self.default_policy(case) if case else "unspecified")
        fallback = case.policy_area if case is not None else ""
        decision = Decision.new(case_id, action, policy, note,
                                self.guidelines.tag_for(policy, fallback),
                                self.incidents.tag_for(case_id))
        self._recording = True
        try:
            self.outbox.record(decision, self.undo_grace_s)  # durable before it shows as made
        finally:
            self._recording = False
        self._undoable.append(decision)
        self._leave_list(case_id, case)
        self.calm.decided(case)
        if self.calm.serve_calm(self._ids, self._index):
            self._current = None  # another case is next
        for listener in self._listeners:
            listener(decision)
        return decision

    def _leave_list(self, case_id: str, case: Case | None) -> None:
        """The decided case leaves the list; the one after it (or the same neighbour, when a
        case elsewhere in the list was decided) is the current case."""
        self.case_list.remove(case_id, case.queue_id if case is not None else "")
        if case_id not in self._ids:
            return
        position = self._ids.index(case_id)
        self._ids.pop(position)
        if position < self._index:
            self._index -= 1
        self._index = min(self._index, max(0, len(self._ids) - 1))

    def undo_last(self) -> Decision | None:
        """Withdraw the latest decision still in its grace window and put its case back on
        screen. Returns it, or None if nothing can be undone any more."""
        while self._undoable:
            decision = self._undoable.pop()
            if self.outbox.undo(decision.decision_id):
                self.reload()
                self.go_to(decision.case_id)
                for listener in self._undo_listeners:
                    listener(decision)
                return decision
        return None

    def default_policy(self, case: Case) -> str:
        """The policy preselected for an enforcement: the case's own policy area when its queue
        enforces it (a misinformation case in the crisis queue is removed for misinformation),
        else the queue's default."""
        queue = self.cache.queue(case.queue_id)
        if queue is None:
            return case.policy_area or "unspecified"
        if case.policy_area in queue.policies:
            return case.policy_area
        return queue.default_policy or case.policy_area or "unspecified"
