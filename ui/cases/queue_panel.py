"""Queues with their figures, the search and filter controls, and the work list.

The case list is a model over the session's id list: a row's text is read from the store only
when the view asks for that row, so 100,000 cached cases cost 100,000 ids, not 100,000 cases.
Rows are coloured as their SLA deadline approaches; hovering shows the deadline in local time
and in UTC.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Callable

from PySide6.QtCore import QIdentityProxyModel, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QStandardItemModel
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reviewer.store.case_cache import CaseCache, CaseSummary
from reviewer.review.case_list import Facets, ListQuery
from reviewer.review.id_list import IdList
from reviewer.display_text import age, sla_countdown
from reviewer.domain import Queue
from ui.cases.case_filters import CaseFilters
from ui.theme.palette import current_palette
from ui.i18n.core_text import local_and_utc, number, shown, tr
from ui.widgets.accessible import describe
from ui.widgets.label_holder import LabelHolder

ALL_QUEUES = ""  # item data of the "All queues" row
SUMMARY_PAGE = 64  # rows read from the store at a time, as the view asks for them
SLA_ROLES = {"soon": "warn", "breached": "danger"}  # palette roles (ui/theme/palette.py)


def sla_colour(severity: str) -> QColor | None:
    role = SLA_ROLES.get(severity)
    return current_palette().colour(role) if role else None


class CaseListModel(QIdentityProxyModel):
    """The work list. Rows are counted by an empty QStandardItemModel (n rows, no items), so row
    counting and layout stay in C++ (a Python rowCount is called twice per row on every
    relayout: 20 ms at 10,000 rows), and the ids stay a Python list: handing 100,000 of them to
    Qt as strings cost ~10 ms per new list, a row count costs ~1. Only the text of rows actually
    painted is made here, in Python, from the store.

    A decided case keeps its row, marked done, until the next full refresh: removing a row
    relayouts the whole list (0.7 ms at 10,000 rows, 7 ms at 100,000), which would sit between
    the decision key and the next case on screen."""

    def __init__(self, cache: CaseCache, parent=None):
        super().__init__(parent)
        self._cache = cache
        self._rows_counted = QStandardItemModel(0, 1, self)
        self.setSourceModel(self._rows_counted)
        self._open: list[str] = []  # the session's open ids, as last shown
        self._shown: list[str] = []  # the rows on screen: open ids plus rows marked done
        self._row_of: dict[str, int] = {}
        self._done: set[str] = set()
        self._rows: OrderedDict[str, CaseSummary | None] = OrderedDict()
        self._texts: dict[tuple[str, bool], tuple[int, str, str]] = {}  # (minute, text, severity)
        self.show_queue = True  # rows name their queue (the list spans queues)
        self.queue_names: dict[str, str] = {}  # queue id -> its name, as the queue list shows it
        self.policy_name: Callable[[str], str] = str  # a policy as reviewers call it (its title)

    def id_at(self, row: int) -> str:
        return self._shown[row]

    def row_of(self, case_id: str) -> int:
        row = self._row_of.get(case_id)
        if row is None:
            try:
                row = self._shown.index(case_id)  # the current case: near the top, usually
            except ValueError:
                return -1
            self._row_of[case_id] = row
        return row

    def set_ids(self, ids: list[str]) -> list[int]:
        """Show the session's open ids; returns the rows to repaint when the change was a case
        decided (its row marked done), possibly with a calm case moved up in front of the ones
        after it (reviewer/review/calm_order.py); else the model is reset and returns []."""
        if ids == self._open:
            return []
        gone, moved = _removal_and_move(self._open, ids)
        if gone is not None and self.row_of(self._open[gone]) >= 0 \
                and (moved is None or self.row_of(self._open[moved]) >= 0):
            # Deliberately no dataChanged: QListView answers it with a full relayout. The
            # view is asked to repaint those rows instead (QueuePanel.show_cases); a reset
            # laid the whole list out again and repainted it, after every calm case served.
            case_id = self._open[gone]
            self._done.add(case_id)
            rows = [self._row_of[case_id]]
            if moved is not None:
                rows += self._move_up(self._open[moved], self._open[gone + 1])
            self._open = ids.copy()
            return rows
        # One copy (the session changes its list in place): both are replaced, never changed.
        # The session's list is usually an IdList (reviewer/review/id_list.py): its copy
        # shares the ordinals, and an id is made only for a row the view asks for.
        self._open = self._shown = ids.copy()
        self._done = set()
        self._row_of = {}  # filled as rows are asked for: 100,000 entries cost ~25 ms
        # One reset of this model; the row count's own signals are not needed (and would
        # make the view relayout twice).
        self.beginResetModel()
        blocked = self._rows_counted.blockSignals(True)
        self._rows_counted.setRowCount(len(ids))
        self._rows_counted.blockSignals(blocked)
        self.endResetModel()
        return []

    def _move_up(self, case_id: str, before: str) -> range:
        """The row of `case_id` goes in front of the row of `before` (above it); the rows from
        there down to it move one down. Returns the rows that changed."""
        top, bottom = self.row_of(before), self.row_of(case_id)
        if self._shown is self._open:
            self._shown = self._shown.copy()  # `_open` is replaced, never changed
        self._shown.insert(top, self._shown.pop(bottom))
        for row in range(top, bottom + 1):
            self._row_of[self._shown[row]] = row
        return range(top, bottom + 1)

    def knows_row(self, case_id: str, row: int) -> None:
        """`case_id` is at `row` (the caller knows: saves a search of the list)."""
        if 0 <= row < len(self._shown) and self._shown[row] == case_id:
            self._row_of[case_id] = row

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._shown):
            return None
        case_id = self._shown[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if case_id in self._done:
                return current_palette().colour("done")
            summary = self._summary(case_id, index.row())
            return sla_colour(self._row(summary)[2]) if summary else None
        if role == Qt.ItemDataRole.EditRole:
            return case_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return super().data(index, role)
        summary = self._summary(case_id, index.row())
        if summary is None:
            return case_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("{case} in {queue} · {policy}\nSLA deadline {when}").format(
                case=summary.id, queue=self.queue_name(summary.queue_id),
                policy=self.policy_name(summary.policy_area),
                when=local_and_utc(summary.sla_deadline))
        if case_id in self._done:
            return tr("✓ done  {case}").format(case=summary.id)
        return self._row(summary)[1]

    def set_queue_names(self, names: dict[str, str]) -> None:
        if names != self.queue_names:
            self.queue_names = names
            self._texts.clear()  # rows made with the old names

    def queue_name(self, queue_id: str) -> str:
        """What reviewers call a queue (its name in the queue list); the id until one is known."""
        return self.queue_names.get(queue_id, queue_id)

    def _row(self, summary: CaseSummary) -> tuple[int, str, str]:
        """Made at most once a minute per row: the countdown shows minutes, and every repaint
        of the list would otherwise re-parse every visible deadline."""
        minute = int(time.time() // 60)
        made = self._texts.get((summary.id, self.show_queue))
        if made is None or made[0] != minute:
            sla, severity = sla_countdown(summary.sla_deadline, short=True)
            text = (f"P{summary.priority}  {summary.id}  {shown(sla)}  ·  {summary.language} "
                    f"{summary.region}  ·  "
                    + tr("%Ln rep.", "", summary.report_count))
            if self.show_queue:
                text += f"  ·  {self.queue_name(summary.queue_id)}"
            made = (minute, text, severity)
            if len(self._texts) > 2000:
                self._texts.clear()
            self._texts[(summary.id, self.show_queue)] = made
        return made

    def _summary(self, case_id: str, row: int) -> CaseSummary | None:
        if case_id not in self._rows:
            # The rows below are painted next: one query for a screenful, not one per row.
            page = [i for i in self._shown[row:row + SUMMARY_PAGE] if i not in self._rows]
            found = self._cache.summaries(page)
            for i in page:
                self._rows[i] = found.get(i)
            while len(self._rows) > 2000:
                self._rows.popitem(last=False)
        return self._rows.get(case_id)


def _removal_and_move(old, new) -> tuple[int | None, int | None]:
    """(index of the one id `new` lacks, None) if that is the only difference; (that index,
    index in `old` of the id `new` has in its place) if a later id was also moved up there;
    (None, None) for any other change."""
    if isinstance(old, IdList) and isinstance(new, IdList):
        found = old.removal_and_move(new)  # in numpy, with no id made into a string
        return found if found is not None else (_single_removal(old, new), None)
    gone = _single_removal(old, new)
    if gone is not None or len(new) != len(old) - 1:
        return gone, None
    differ = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), None)
    if differ is None or new[differ] not in old[differ + 1:]:
        return None, None
    moved = old.index(new[differ], differ + 1)
    same = old[differ + 1:moved] == new[differ + 1:moved] and old[moved + 1:] == new[moved:]
    return (differ, moved) if same else (None, None)


def _single_removal(old, new) -> int | None:
    """The index of the one id `new` lacks, if that is the only difference."""
    if len(new) != len(old) - 1:
        return None
    if isinstance(old, IdList) and isinstance(new, IdList):
        found = old.single_removal(new)
        if found is not None:
            return found
    for i, (a, b) in enumerate(zip(old, new)):
        if a != b:
            return i if old[i + 1:] == new[i:] else None
    return len(old) - 1


COUNTDOWN_TICK_MS = 20_000  # well inside a minute: a row is never a whole minute behind


class QueuePanel(QWidget):
    queue_selected = Signal(str)  # ALL_QUEUES or a queue id
    case_selected = Signal(str)
    query_changed = Signal(object)  # ListQuery (without the queue) from the filter controls

    def __init__(self, cache: CaseCache, parent: QWidget | None = None):
        super().__init__(parent)
        self.queues = QListWidget()
        self.queues.setObjectName("queueList")
        self.queues.setWordWrap(True)  # a queue's figures wrap rather than hide off the edge
        self.queues.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queues.setMinimumHeight(250)  # every queue of the catalog, with its figures
        self.cases = QListView()
        self.cases.setObjectName("caseList")
        self.model = CaseListModel(cache, self)
        self.cases.setModel(self.model)
        self.cases.setUniformItemSizes(True)  # lets the view skip measuring 10,000 rows
        # Laid out in batches between events: a new list of 100,000 rows is on screen in
        # ~1 ms, the rest of the layout (the scroll range) follows while the reviewer reads.
        self.cases.setLayoutMode(QListView.LayoutMode.Batched)
        self.cases.setBatchSize(2000)
        self.cases.setAutoScroll(False)  # we scroll only when the current row is out of sight
        self.cases.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for view in (self.queues, self.cases):
            # Reached by Tab, not taken by a click: the keyboard drives the session.
            view.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        describe(self.queues, self.tr("Queues"), self.tr("Each queue with its figures"))
        describe(self.cases, self.tr("Case list"), self.tr("The cases of the queue, in work "
                                                           "order; Enter opens one"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Queues")))
        layout.addWidget(self.queues, 2)
        self.filters = CaseFilters()
        self.filters.query_changed.connect(self.query_changed)
        layout.addWidget(self.filters)
        self.case_count = QLabel()
        self.case_count.setObjectName("caseCount")
        self.case_count.setTextFormat(Qt.TextFormat.PlainText)  # the search words are typed text
        self.case_count.setWordWrap(True)
        layout.addWidget(LabelHolder(self.case_count))  # a new count repaints only the line
        layout.addWidget(self.cases, 3)
        self.queues.currentItemChanged.connect(self._on_queue_item)
        self.cases.clicked.connect(lambda index: self.case_selected.emit(self.model.id_at(index.row())))
        # Countdowns in the rows tick: the visible rows (a few dozen) repaint each minute, and
        # a row's text is made anew once its minute has passed (CaseListModel._row).
        self._tick = QTimer(self, interval=COUNTDOWN_TICK_MS)
        self._tick.timeout.connect(self._repaint_rows)
        self._tick.start()

    def wrap_viewport(self) -> None:
        """PySide hands Python the list's viewport (a plain QWidget that Qt made) only when first
        asked for it, and that first time it makes the Python class of every widget class Qt
        has: ~16 ms. Asked for once the first case is on screen, so that neither start-up nor a
        later repaint of the rows (the countdown tick, a queue change) pays it."""
        self.cases.viewport()

    def _repaint_rows(self) -> None:
        self.cases.viewport().update()

    def show_queues(self, queues: list[Queue], local_counts: dict[str, int], selected: str | None) -> None:
        self.model.set_queue_names({q.id: q.name for q in queues})
        self.queues.blockSignals(True)
        self.queues.clear()
        total_here = sum(local_counts.values())
        self._add_queue_row(self.tr("All queues"), ALL_QUEUES,
                            self.tr("%Ln cached here", "", total_here))
        for q in queues:
            # Amber only for what can still be saved: deadlines within the hour. (In a busy
            # organisation every queue has some breached cases; amber everywhere says nothing.)
            self._add_queue_row(q.name, q.id, _queue_figures(q, local_counts.get(q.id, 0)),
                                urgent=q.due_soon > 0)
        for row in range(self.queues.count()):
            if self.queues.item(row).data(Qt.ItemDataRole.UserRole) == (selected or ALL_QUEUES):
                self.queues.setCurrentRow(row)
        self.queues.blockSignals(False)

    def _add_queue_row(self, name: str, queue_id: str, figures: str, urgent: bool = False) -> None:
        item = QListWidgetItem(f"{name}\n{figures}")
        item.setData(Qt.ItemDataRole.UserRole, queue_id)
        if urgent:
            item.setForeground(sla_colour("soon"))
        self.queues.addItem(item)

    def show_cases(self, ids: list[str], current: int, query: ListQuery | None = None,
                   total: int | None = None, indexing: int = 0,
                   count: int | None = None) -> None:
        """`count`: how many the list holds, when `ids` is only its head (start-up)."""
        # Rows name their queue where the list spans queues (all queues, or a search).
        spans = query is None or query.queue_id is None or bool(query.text.strip())
        if spans != self.model.show_queue:
            self.model.show_queue = spans
            self.cases.viewport().update()
        for row in self.model.set_ids(ids):
            self.cases.update(self.model.index(row, 0))
        self.case_count.setText(_count_line(len(ids) if count is None else count, query, total,
                                            indexing, self.model.policy_name))
        if ids:
            self.model.knows_row(ids[current], current)  # the usual case: no rows marked done
            index = self.model.index(self.model.row_of(ids[current]), 0)
            self.cases.setCurrentIndex(index)
            # scrollTo costs ~2 ms at 10,000 rows even when it has nothing to do: only call it
            # when the current row is actually out of sight. It then goes to the top, so the
            # cases that follow are in sight and the next screenful of decisions scrolls (and
            # repaints the whole list, ~6 ms) once, not each time the row steps past the edge.
            # The viewport's size, as the view has it: asking for the viewport itself at start-up
            # costs ~16 ms (wrap_viewport). The view never scrolls sideways.
            shown = QRect(QPoint(0, 0), self.cases.maximumViewportSize())
            if not shown.contains(self.cases.visualRect(index)):
                self.cases.scrollTo(index, QListView.ScrollHint.PositionAtTop)

    def show_facets(self, facets: Facets) -> None:
        self.filters.show_facets(facets, self.model.policy_name)

    def select_queue(self, queue_id: str) -> None:
        for row in range(self.queues.count()):
            if self.queues.item(row).data(Qt.ItemDataRole.UserRole) == queue_id:
                self.queues.setCurrentRow(row)

    def step_queue(self, delta: int) -> None:
        count = self.queues.count()
        if count:
            self.queues.setCurrentRow((self.queues.currentRow() + delta) % count)

    def _on_queue_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.queue_selected.emit(item.data(Qt.ItemDataRole.UserRole))


def _queue_figures(queue: Queue, here: int) -> str:
    """'12 here · 340 open · oldest 2d 4h · SLA 4h · 3 breached · 5 due <1h'."""
    parts = [tr("%Ln here", "", here), tr("%Ln open", "", queue.open_count)]
    if queue.oldest_open_at:
        parts.append(tr("oldest {age}").format(age=shown(age(queue.oldest_open_at))))
    if queue.sla_minutes:
        hours, minutes = divmod(queue.sla_minutes, 60)
        parts.append(f"SLA {hours}h" + (f" {minutes:02d}m" if minutes else ""))
    if queue.breached:
        parts.append(tr("%Ln breached", "", queue.breached))
    if queue.due_soon:
        parts.append(tr("%Ln due <1h", "", queue.due_soon))
    return " · ".join(parts)


def _count_line(shown_count: int, query: ListQuery | None, total: int | None, indexing: int,
                policy_name: Callable[[str], str]) -> str:
    line = tr("Cases here: %Ln", "", shown_count)
    described = ", ".join(map(shown, query.described_parts(policy_name))) if query else ""
    if described:
        line = (tr("Showing %Ln of {total} · {described}", "", shown_count).format(
                    total=number(total), described=described) if total is not None else
                tr("Showing %Ln · {described}", "", shown_count).format(described=described))
        if query.narrows():
            line += tr(" · Ctrl+Shift+L clears (the order stays)")
    if query is not None and query.text.strip() and query.queue_id:
        line += tr(" · searching every queue")
    if query is not None and query.text.strip() and indexing:
        line += tr(" · search index still reading %Ln case(s), more may match", "", indexing)
    return line
