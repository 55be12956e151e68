"""The alerts panel: what the central API's detectors raised, newest and most severe first,
read from the local store (so it opens offline), acknowledged and resolved from the keyboard.

Keyboard: ↑/↓ choose, A acknowledge, R resolve, Enter open the alert's first case, Esc close.
A change shows at once ("waiting to send" until the central API has it). Every text is a
plain-text table item: titles name hashtags and accounts typed by strangers.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from reviewer.context.alerts import AlertStore, AlertView

# The contract's words for severity and state, shown in the reviewer's language.
_WORDS = {word: word for word in (
    QT_TRANSLATE_NOOP("AlertsPanel", "low"), QT_TRANSLATE_NOOP("AlertsPanel", "medium"),
    QT_TRANSLATE_NOOP("AlertsPanel", "high"), QT_TRANSLATE_NOOP("AlertsPanel", "critical"),
    QT_TRANSLATE_NOOP("AlertsPanel", "open"), QT_TRANSLATE_NOOP("AlertsPanel", "acknowledged"),
    QT_TRANSLATE_NOOP("AlertsPanel", "resolved"))}


class AlertsPanel(QDialog):
    changed = Signal()  # an acknowledgement or resolve waits to be sent
    case_requested = Signal(str)

    def __init__(self, store: AlertStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alerts"))
        self.setObjectName("alertsPanel")
        self.store = store
        self.views: list[AlertView] = []
        self.table = self._make_table()
        self.empty = QLabel(self.tr("No alerts. Alerts arrive with every sync; those resolved "
                                    "more than a day ago are not listed."))
        self.empty.setObjectName("alertsEmpty")
        self.detail = QLabel()
        self.detail.setObjectName("alertDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        keys = QLabel(self.tr("A  acknowledge    R  resolve    Enter  open its first case    "
                              "Esc  close"))
        layout = QVBoxLayout(self)
        for widget in (self.empty, self.table, self.detail, keys):
            layout.addWidget(widget)
        QShortcut(QKeySequence("A"), self, activated=self.acknowledge_selected)
        QShortcut(QKeySequence("R"), self, activated=self.resolve_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, activated=self.open_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self, activated=self.open_selected)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.resize(1100, 460)
        self.reload()
        self.table.setFocus()  # ↑/↓ move through the alerts at once

    def _make_table(self) -> QTableWidget:
        headings = [self.tr("Severity"), self.tr("State"), self.tr("Alert"), self.tr("Cases"),
                    self.tr("Opened")]
        table = QTableWidget(0, len(headings))
        table.setObjectName("alertsTable")
        table.setHorizontalHeaderLabels(headings)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        for column in range(len(headings)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.selected_id()
        self.views = self.store.alerts()
        self.table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            opened = view.opened_at.replace("T", " ").rstrip("Z").split(".")[0]  # to the second
            cells = (self._word(view.severity), self.state_text(view), view.title,
                     str(len(view.case_ids)), opened)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.empty.setVisible(not self.views)
        self.table.setVisible(bool(self.views))
        self.select(keep)

    def _word(self, word: str) -> str:
        return self.tr(_WORDS[word]) if word in _WORDS else word

    def state_text(self, view: AlertView) -> str:
        state = self._word(view.state)
        if view.error:
            return self.tr("{state} (your change was not accepted)").format(state=state)
        if view.waiting:
            return self.tr("{state} (waiting to send)").format(state=state)
        return state

    def select(self, alert_id: int | None) -> None:
        rows = [r for r, v in enumerate(self.views) if v.id == alert_id] or [0]
        if self.views:
            self.table.selectRow(rows[0])

    def selected_id(self) -> int | None:
        view = self._selected()
        return view.id if view else None

    def acknowledge_selected(self) -> None:
        self._change(self.store.acknowledge)

    def resolve_selected(self) -> None:
        self._change(self.store.resolve)

    def open_selected(self) -> None:
        view = self._selected()
        if view is not None and view.case_ids:
            self.case_requested.emit(view.case_ids[0])
            self.accept()

    def _change(self, change) -> None:
        view = self._selected()
        if view is not None and change(view.id):
            self.reload(view.id)
            self.changed.emit()

    def _selected(self) -> AlertView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.views[rows[0].row()] if rows and rows[0].row() < len(self.views) else None

    def _show_detail(self) -> None:
        view = self._selected()
        if view is None:
            self.detail.clear()
            return
        paged = "; ".join(view.paged) or self.tr("nobody")
        self.detail.setText(self.tr("{kind} · cases: {cases} · paged: {paged}").format(
            kind=view.kind, cases=", ".join(view.case_ids[:8]) +
            (" …" if len(view.case_ids) > 8 else ""), paged=paged))
