"""Queues with counts, and the work list of the selected queue.

The case list is a model over the session's id list: a row's text is read from the store only
when the view asks for that row, so 10,000 cached cases cost 10,000 ids, not 10,000 cases.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reviewer.case_cache import CaseCache, CaseSummary
from reviewer.display_text import sla_countdown
from reviewer.domain import Queue

ALL_QUEUES = ""  # item data of the "All queues" row


class CaseListModel(QAbstractListModel):
    def __init__(self, cache: CaseCache, parent=None):
        super().__init__(parent)
        self._cache = cache
        self._ids: list[str] = []
        self._rows: OrderedDict[str, CaseSummary | None] = OrderedDict()

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        case_id = self._ids[index.row()]
        summary = self._summary(case_id)
        if summary is None:
            return case_id
        sla, _ = sla_countdown(summary.sla_deadline)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{summary.id} in {summary.queue_id}, deadline {summary.sla_deadline}"
        return f"P{summary.priority}  {summary.id}  {summary.language}  {sla}"

    def _summary(self, case_id: str) -> CaseSummary | None:
        if case_id not in self._rows:
            self._rows[case_id] = self._cache.summary(case_id)
            while len(self._rows) > 2000:
                self._rows.popitem(last=False)
        return self._rows[case_id]


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
        self.cases.clicked.connect(lambda index: self.case_selected.emit(self.model._ids[index.row()]))

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
        if ids != self.model._ids:
            self.model.set_ids(ids)
        self.case_count.setText(f"Cases here: {len(ids)}")
        if ids:
            index = self.model.index(current, 0)
            self.cases.setCurrentIndex(index)
            self.cases.scrollTo(index)

    def step_queue(self, delta: int) -> None:
        count = self.queues.count()
        if count:
            self.queues.setCurrentRow((self.queues.currentRow() + delta) % count)

    def _on_queue_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.queue_selected.emit(item.data(Qt.ItemDataRole.UserRole))
