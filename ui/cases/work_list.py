"""Wires the search and filter controls to the review session and keeps the list current.

The keys: `/` (or Ctrl+F) puts the cursor in the search box, Ctrl+L opens the sort menu,
Ctrl+Shift+L clears search and filters. Enter or Esc in the search box hands the keyboard back
to the review keys. While the background search index is still reading the cache, an active
search is refreshed every second, and the count line says more cases may match.
"""

from __future__ import annotations

import time
from dataclasses import replace
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from reviewer.actions import ActionId
from reviewer.review.case_list import ListQuery
from reviewer.review.session import ReviewSession
from reviewer.review.search_indexer import SearchIndexer
from reviewer.sync.engine import SyncStatus
from ui.cases.queue_panel import QueuePanel
from ui.cases.sla_notifier import SlaNotifier
from ui.keys.action_registry import Handlers

RECOUNT_AFTER_MS = 1500  # queue counts follow decisions after this pause (a query per queue)
INDEX_POLL_MS = 1000  # refresh an active search this often while the index is being built
# Start-up reads only the head of the work list and the counts; every column (the whole list,
# filters, sorts, the filter menus' counts) is read once the first case is on screen (the
# window says so: read_rest), or this long after at the latest, a step of a few ms per turn of
# the event loop (CaseList.load_step).
COMPLETE_AFTER_MS = 800
FACETS_AFTER_MS = 50  # after a change of filters, the menus' counts follow this much later
INDEX_AFTER_LIST_MS = 100  # the search index waits this long again while the list is read
LOAD_SLICE_S = 0.006  # steps of reading the list per turn of the event loop: a frame's third


class WorkList(QObject):
    message = Signal(str)
    show_case = Signal()  # the list now starts with another case: show it
    case_requested = Signal(str)  # show this case (the list was widened to hold it if needed)

    def __init__(self, window: QWidget, session: ReviewSession, panel: QueuePanel):
        super().__init__(window)
        self.session, self.panel = session, panel
        panel.model.policy_name = session.guidelines.policy_name  # menus, tooltips, count line
        self.indexer: SearchIndexer | None = None
        self._recount = QTimer(self, singleShot=True, interval=RECOUNT_AFTER_MS)
        self._recount.timeout.connect(self.refresh_queues)
        self._show_case = QTimer(self, singleShot=True, interval=0)
        self._show_case.timeout.connect(self.show_case.emit)
        # The filter menus' counts follow the list once it has answered and its first case is
        # painted (never before either: counting reads every open case, ~5-10 ms at 100,000).
        self._facets = QTimer(self, singleShot=True, interval=FACETS_AFTER_MS)
        self._facets.timeout.connect(self.refresh_facets)
        self._complete = QTimer(self, singleShot=True, interval=COMPLETE_AFTER_MS)
        self._loading = QTimer(self, interval=0)
        self._complete.timeout.connect(self._loading.start)
        self._loading.timeout.connect(self._load_step)
        self._poll = QTimer(self, interval=INDEX_POLL_MS)
        self._poll.timeout.connect(self._poll_index)
        self.panel.query_changed.connect(self._on_filters)
        self.panel.filters.done.connect(self._hand_back_keys)
        self.sla = SlaNotifier(window, session.case_list, self.message.emit, self.go_to_case)
        session.subscribe(self.after_decision)

    def handlers(self) -> Handlers:
        return {ActionId.SEARCH: self.panel.filters.focus_search,
                ActionId.FILTER_SORT: self.panel.filters.open_sort,
                ActionId.CLEAR_FILTERS: self.clear}

    def attach_indexer(self, indexer: SearchIndexer, start_after_ms: int = 0) -> None:
        """Search from now on uses `indexer`'s index, which starts filling after a delay."""
        self.indexer = indexer
        self.session.search_index = indexer.index
        # The indexer's thread also works out where each row of the index is in the list, so
        # the first search is instant, and every sort order of the list, so the first change
        # of order is too: once the index file is loaded (before its catch-up pass, which
        # waits for the reviewer's pauses) and after each pass. Both are numpy calls that
        # release the GIL, so they do not wait for a pause: waiting left the first sort by
        # each key, if the reviewer kept working the list, to the UI thread (~7-10 ms of its
        # CPU where a warm order takes ~3).
        indexer.after_pass.append(lambda: self.session.case_list.warm(
            doc_hashes=indexer.index.doc_hashes()))
        self._start = QTimer(self, singleShot=True, interval=start_after_ms)
        self._start.timeout.connect(self._start_indexer)
        self._start.start()

    def _start_indexer(self) -> None:
        """Not while the list's columns are read in steps: both make ~100,000 objects, which
        one after the other keeps from adding up at the peak of memory, and the steps would
        wait for the interpreter behind the indexer's thread."""
        if self._loading.isActive():
            self._start.start(INDEX_AFTER_LIST_MS)
        elif self.indexer:
            self.indexer.start()

    def go_to_case(self, case_id: str) -> None:
        """Show a case, widening the list to every queue without filters if it is hidden."""
        if case_id not in self.session.case_ids:
            self.panel.filters.clear()
            self.panel.select_queue("")  # all queues (emits queue_selected, which reloads)
            self.set_query(self.session.query.cleared().with_queue(None))
        self.case_requested.emit(case_id)

    def on_case_shown(self, _case_id: str) -> None:
        """A case painted: the indexer pauses, so it never competes with the next paint."""
        if self.indexer:
            self.indexer.hold()

    def shutdown(self) -> None:
        self._recount.stop()
        self._show_case.stop()
        self._facets.stop()
        self._complete.stop()
        self._loading.stop()
        self.sla.shutdown()
        self._poll.stop()
        if self.indexer:
            self._start.stop()
            self.indexer.stop(timeout=1.0)

    # --- showing --------------------------------------------------------------------------
    def show_list(self) -> None:
        index = self.session.search_index
        query = self.session.query
        queue = None if self.session.searching else query.queue_id
        total = self.session.case_list.count(queue) if query.is_filtered() else None
        # While only the head is listed (start-up), the count line says how many there are.
        count = len(self.session.case_list) if self.session.head_listed else None
        self.panel.show_cases(self.session.case_ids, self.session.index, query, total,
                              index.pending if index else 0, count)

    def empty_text(self) -> str:
        """What the case panel says when the list is empty."""
        if self.session.query.is_filtered():
            return self.tr("No cached case matches the search and filters. Ctrl+Shift+L clears "
                           "them (the queue stays).")
        return self.tr("No case to review. New cases appear here as soon as they are claimed.")

    def refresh_queues(self) -> None:
        self.panel.show_queues(self.session.cache.queues(),
                               self.session.case_list.counts_by_queue(), self.session.queue_id)
        self._refresh_facets_soon()

    def refresh_facets(self) -> None:
        self._facets.stop()
        self.panel.show_facets(self.session.facets())

    def _refresh_facets_soon(self) -> None:
        """Now if the list has every column; else once it has read them (start-up, a reload
        after a sync round), so counting the menus never reads them on the way to a case."""
        if self.session.case_list.is_complete:
            self.refresh_facets()
        elif not (self._complete.isActive() or self._loading.isActive()):
            self._complete.start()

    def read_rest(self) -> None:
        """The first case is on screen: the list's columns are read in steps from now."""
        QTimer.singleShot(0, self.panel, self.panel.wrap_viewport)  # a turn of its own (~16 ms)
        if not self.session.case_list.is_complete and not self._loading.isActive():
            self._complete.stop()
            self._loading.start()

    def _load_step(self) -> None:
        """Steps for up to LOAD_SLICE_S, then back to the event loop."""
        until = time.perf_counter() + LOAD_SLICE_S
        while time.perf_counter() < until:
            if self.session.case_list.load_step():
                self._loading.stop()
                self._complete_list()
                return

    def _complete_list(self) -> None:
        self.session.case_list.complete()
        if self.session.whole_list():  # the head listed at start-up: now every case
            self.show_list()
        self._facets.start()  # counted on a later turn: this one relisted 100,000 cases
        # The indexer works out the sort orders and where its rows are in the list
        # (attach_indexer) only once the columns are read: any run of those jobs before now
        # left them undone.
        if self.indexer:
            self.indexer.rewarm()

    # --- changing the query ---------------------------------------------------------------
    def _on_filters(self, query: ListQuery) -> None:
        self.set_query(replace(query, queue_id=self.session.queue_id))

    def set_query(self, query: ListQuery) -> None:
        if self.indexer:  # the reviewer is working the list: indexing keeps off the interpreter
            self.indexer.hold()
        before, asked_before = self._current_id(), self.session.query
        self.session.set_query(query)
        if query.text.strip() and self.indexer and not self.indexer.index.ready:
            self._poll.start()
        self.show_list()
        # The menus' counts do not depend on the order: a re-sort does not recount them
        # (three passes over every open row, on the UI thread).
        same_order = replace(query, sort=asked_before.sort, descending=asked_before.descending)
        if same_order != asked_before:
            self._facets.start()
        if self._current_id() != before:
            # The list answers at once; the case it now starts with follows on the next turn
            # of the event loop (its media may need decoding), so the list never waits on it.
            # A decision key in between is refused by DecisionDesk.decide (not the case shown).
            self._show_case.start()

    def _current_id(self) -> str | None:
        """The id the list now starts from: compared by id, not by reading and opening the
        case from the store (~5 ms), which its showing on the next turn does anyway."""
        ids = self.session.case_ids
        return ids[self.session.index] if ids else None

    def clear(self) -> None:
        self.panel.filters.clear()
        self.set_query(self.session.query.cleared())
        self._hand_back_keys()

    def _hand_back_keys(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.panel.filters.isAncestorOf(focused):
            focused.clearFocus()  # no input has focus: every key is a review key again

    def _poll_index(self) -> None:
        index = self.session.search_index
        if index is None or index.ready or not self.session.query.text.strip():
            self._poll.stop()
        self.set_query(self.session.query)  # the hits so far (the last call: all of them)

    # --- keeping the index current ------------------------------------------------------------
    def on_sync_status(self, status: SyncStatus) -> None:
        if status.new_cases or status.closed_cases:
            self._refresh_facets_soon()
        if status.new_cases or status.closed_cases or status.context_changed:
            self.catch_up()  # index what arrived, then warm the sort orders again

    def catch_up(self) -> None:
        if self.indexer:
            self.indexer.catch_up()

    def after_decision(self, decision) -> None:
        self._recount.start()  # the queues' counts, once the reviewer pauses
        if self.indexer and decision.note:
            self.indexer.catch_up()  # its note is searchable too (no wake-up for the others:
            # the indexer's pass over the open cases would compete with the next case's paint)
