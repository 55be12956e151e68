"""Queues with counts, and the work list of the selected queue.

The case list is a model over the session's id list: a row's text is read from the store only
when the view asks for that row, so 10,000 cached cases cost 10,000 ids, not 10,000 cases.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from PySide6.QtCore import QIdentityProxyModel, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reviewer.case_cache import CaseCache, CaseSummary
from reviewer.display_text import sla_countdown
from reviewer.domain import Queue

ALL_QUEUES = ""  # item data of the "All queues" row
_DONE_COLOUR = QColor("#7d848e")


class CaseListModel(QIdentityProxyModel):
    """The work list. Case ids live in a QStringListModel, so row counting and layout stay in
    C++ (a Python rowCount is called twice per row on every relayout: 20 ms at 10,000 rows);
    only the text of rows actually painted is made here, in Python, from the store.

    A decided case keeps its row, marked done, until the next full refresh: removing a row
    relayouts the whole list (0.7 ms at 10,000 rows, 7 ms at 100,000), which would sit between
    the decision key and the next case on screen."""

    def __init__(self, cache: CaseCache, parent=None):
        super().__init__(parent)
        self._cache = cache
        self._ids = QStringListModel(self)
        self.setSourceModel(self._ids)
        self._open: list[str] = []  # the session's open ids, as last shown
        self._shown: list[str] = []  # the rows on screen: open ids plus rows marked done
        self._row_of: dict[str, int] = {}
        self._done: set[str] = set()
        self._rows: OrderedDict[str, CaseSummary | None] = OrderedDict()
        self._texts: dict[str, tuple[int, str]] = {}  # case id -> (minute made, row text)

    def id_at(self, row: int) -> str:
        return self._shown[row]

    def row_of(self, case_id: str) -> int:
        return self._row_of.get(case_id, -1)

    def set_ids(self, ids: list[str]) -> int | None:
        """Show the session's open ids; returns the row newly marked done, if that was all."""
        if ids == self._open:
            return None
        gone = _single_removal(self._open, ids)
        if gone is not None and self._open[gone] in self._row_of:
            # Deliberately no dataChanged: QListView answers it with a full relayout. The
            # view is asked to repaint that one row instead (QueuePanel.show_cases).
            case_id = self._open[gone]
            self._done.add(case_id)
            self._open = list(ids)
            return self._row_of[case_id]
        self._open, self._shown, self._done = list(ids), list(ids), set()
        self._row_of = {case_id: row for row, case_id in enumerate(ids)}
        self._ids.setStringList(ids)
        return None

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        case_id = super().data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ForegroundRole and case_id in self._done:
            return _DONE_COLOUR
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return super().data(index, role)
        summary = self._summary(case_id)
        if summary is None:
            return case_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{summary.id} in {summary.queue_id}, deadline {summary.sla_deadline}"
        if case_id in self._done:
            return f"✓ done  {summary.id}"
        return self._row_text(summary)

    def _row_text(self, summary: CaseSummary) -> str:
        """Made at most once a minute per row: the countdown shows minutes, and every repaint
        of the list would otherwise re-parse every visible deadline."""
        minute = int(time.time() // 60)
        made = self._texts.get(summary.id)
        if made is None or made[0] != minute:
            sla, _ = sla_countdown(summary.sla_deadline)
            made = (minute, f"P{summary.priority}  {summary.id}  {summary.language}  {sla}")
            if len(self._texts) > 2000:
                self._texts.clear()
            self._texts[summary.id] = made
        return made[1]

    def _summary(self, case_id: str) -> CaseSummary | None:
        if case_id not in self._rows:
            self._rows[case_id] = self._cache.summary(case_id)
            while len(self._rows) > 2000:
                self._rows.popitem(last=False)
        return self._rows[case_id]


def _single_removal(old: list[str], new: list[str]) -> int | None:
    """The index of the one id `new` lacks, if that is the only difference."""
    if len(new) != len(old) - 1:
        return None
    for i, (a, b) in enumerate(zip(old, new)):
        if a != b:
            return i if old[i + 1:] == new[i:] else None
    return len(old) - 1


class QueuePanel(QWidget):
    queue_selected = Signal(str)  # ALL_QUEUES or a queue id
    case_selected = Signal(str)

    def __init__(self, cache: CaseCache, parent: QWidget | None = None):
        super().__init__(parent)
        self.queues = QListWidget()
        self.queues.setObjectName("queueList")
        self.cases = QListView()
        self.cases.setObjectName("caseList")
        self.model = CaseListModel(cache, self)
        self.cases.setModel(self.model)
        self.cases.setUniformItemSizes(True)  # lets the view skip measuring 10,000 rows
        self.cases.setAutoScroll(False)  # we scroll only when the current row is out of sight
        for view in (self.queues, self.cases):
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard drives the session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Queues"))
        layout.addWidget(self.queues, 1)
        self.case_count = QLabel()
        layout.addWidget(self.case_count)
        layout.addWidget(self.cases, 3)
        self.queues.currentItemChanged.connect(self._on_queue_item)
        self.cases.clicked.connect(lambda index: self.case_selected.emit(self.model.id_at(index.row())))

    def show_queues(self, queues: list[Queue], local_counts: dict[str, int], selected: str | None) -> None:
        self.queues.blockSignals(True)
        self.queues.clear()
        total_here = sum(local_counts.values())
        self._add_queue_row("All queues", ALL_QUEUES, f"{total_here} here")
        for q in queues:
            self._add_queue_row(q.name, q.id, f"{local_counts.get(q.id, 0)} here · {q.open_count} open")
        for row in range(self.queues.count()):
            if self.queues.item(row).data(Qt.ItemDataRole.UserRole) == (selected or ALL_QUEUES):
                self.queues.setCurrentRow(row)
        self.queues.blockSignals(False)

    def _add_queue_row(self, name: str, queue_id: str, counts: str) -> None:
        item = QListWidgetItem(f"{name}   ({counts})")
        item.setData(Qt.ItemDataRole.UserRole, queue_id)
        self.queues.addItem(item)

    def show_cases(self, ids: list[str], current: int) -> None:
        done_row = self.model.set_ids(ids)
        if done_row is not None:
            self.cases.update(self.model.index(done_row, 0))
        self.case_count.setText(f"Cases here: {len(ids)}")
        if ids:
            index = self.model.index(self.model.row_of(ids[current]), 0)
            self.cases.setCurrentIndex(index)
            # scrollTo costs ~2 ms at 10,000 rows even when it has nothing to do: only call it
            # when the current row is actually out of sight.
            if not self.cases.viewport().rect().contains(self.cases.visualRect(index)):
                self.cases.scrollTo(index)

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
