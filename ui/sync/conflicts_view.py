"""Conflicts and rejections, each beside the decision that won, with what to do next.

Nothing is dropped silently: a decision the central API did not accept stays listed here until
the reviewer accepts the outcome or follows it up (escalate for a senior's second look).
Keyboard: ↑/↓ choose, A accept, E escalate with a note, Esc close.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from reviewer.actions import ActionId
from reviewer.review import rationale
from reviewer.review.outbox import OutboxEntry
from reviewer.review.session import ReviewSession
from ui.widgets.note_dialog import NoteDialog

COLUMNS = ["Case", "Your decision", "Outcome", "What won / why"]


def outcome_text(entry: OutboxEntry) -> tuple[str, str]:
    """(outcome, explanation) in words a reviewer reads at a glance."""
    body = entry.response or {}
    if entry.state == "conflict":
        winner = body.get("winning_decision")
        if winner:
            return "Conflict", (f"{winner.get('action', '?')} ({winner.get('policy', '?')}) by "
                                f"{winner.get('reviewer', 'another reviewer')} at {winner.get('recorded_at', '?')}")
        return "Conflict", f"case closed: {body.get('error', 'withdrawn')}"
    if body.get("local"):  # this machine could not send it as made (its note no longer opens)
        return "Not sent", str(body.get("detail", "it could not be sent"))
    if body.get("error") == "rationale_required" and isinstance(body.get("rule"), dict):
        rule = (str(body["rule"].get("policy", "?")), str(body["rule"].get("action", "?")))
        return "Rejected", (f"a note is required: {rationale.describe(rule)}. Decide the case "
                            f"again with a reason, or escalate it with a note")
    reason = body.get("error") or body.get("detail") or "refused"
    return "Rejected", f"the central API refused it: {reason}"


class ConflictsView(QDialog):
    changed = Signal()

    def __init__(self, session: ReviewSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Conflicts and rejected decisions")
        self.session = session
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("conflictsTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):  # never clip a heading or a decision
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        help_text = QLabel("A  accept the outcome    E  escalate for a senior's second look    Esc  close")
        self.empty = QLabel("Nothing needs your attention: every decision sent so far was "
                            "accepted (those still waiting show in the status bar).")
        self.empty.setObjectName("conflictsEmpty")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addWidget(help_text)
        QShortcut(QKeySequence("A"), self, activated=self.accept_selected)
        QShortcut(QKeySequence("E"), self, activated=self.escalate_selected)
        self.resize(1000, 420)
        self.reload()

    def reload(self) -> None:
        self.entries = self.session.outbox.unacknowledged()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            outcome, why = outcome_text(entry)
            yours = f"{entry.decision.action.value} ({entry.decision.policy}) at {entry.decision.decided_at}"
            for col, text in enumerate((entry.decision.case_id, yours, outcome, why)):
                item = QTableWidgetItem(text)  # plain text items: never rendered as HTML
                self.table.setItem(row, col, item)
        if self.entries:
            self.table.selectRow(0)
        self.empty.setVisible(not self.entries)
        self.table.setVisible(bool(self.entries))
        self.table.setFocus()

    def selected(self) -> OutboxEntry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def accept_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.session.outbox.acknowledge(entry.decision.decision_id)
            self._after_change()

    def escalate_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        outcome, why = outcome_text(entry)
        dialog = NoteDialog("Escalate", f"{entry.decision.case_id}: {outcome.lower()} — {why}. "
                            "Why should a senior look again?", self)
        if dialog.exec() != NoteDialog.DialogCode.Accepted:
            return
        self.session.follow_up(entry.decision.case_id, ActionId.ESCALATE, dialog.note(),
                               entry.decision.policy)
        self.session.outbox.acknowledge(entry.decision.decision_id)
        self._after_change()

    def _after_change(self) -> None:
        row = self.table.currentRow()
        self.reload()
        if self.entries:
            self.table.selectRow(min(row, len(self.entries) - 1))
        self.changed.emit()
