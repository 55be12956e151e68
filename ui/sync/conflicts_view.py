"""Conflicts and rejections, each beside the decision that won, with what to do next.

Nothing is dropped silently: a decision the central API did not accept stays listed here until
the reviewer accepts the outcome or follows it up (escalate for a senior's second look). A
refused decision changed nothing there, so accepting it puts its case back on screen to be
decided again; a conflict's case stays closed, since another decision won.
Keyboard: ↑/↓ choose, A accept, E escalate with a note, Esc close.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from reviewer.actions import ActionId, decision_label
from reviewer.review import rationale
from reviewer.review.outbox import OutboxEntry
from reviewer.review.session import ReviewSession
from ui.i18n.core_text import local_and_utc, shown, tr
from ui.widgets.accessible import describe
from ui.widgets.note_dialog import NoteDialog

COLUMNS = [QT_TRANSLATE_NOOP("ConflictsView", "Case"),  # translated where shown
           QT_TRANSLATE_NOOP("ConflictsView", "Your decision"),
           QT_TRANSLATE_NOOP("ConflictsView", "Outcome"),
           QT_TRANSLATE_NOOP("ConflictsView", "What won / why")]


def outcome_text(entry: OutboxEntry,
                 policy_name: Callable[[str], str] = str) -> tuple[str, str]:
    """(outcome, explanation) in words a reviewer reads at a glance; `policy_name` names a
    policy as reviewers call it."""
    body = entry.response or {}
    if entry.state == "conflict":
        winner = body.get("winning_decision")
        if winner:
            return tr("Conflict"), tr("{action} ({policy}) by {who} at {when}").format(
                action=shown(decision_label(str(winner.get("action", "?")))),
                policy=policy_name(str(winner.get("policy", "?"))),
                who=winner.get("reviewer") or tr("another reviewer"),
                when=local_and_utc(str(winner.get("recorded_at", "?"))))
        return tr("Conflict"), tr("case closed: {why}").format(
            why=body.get("error") or tr("withdrawn"))
    if body.get("local"):  # this machine could not send it as made (its note no longer opens)
        return tr("Not sent"), str(body.get("detail") or tr("it could not be sent"))
    if body.get("error") == "rationale_required" and isinstance(body.get("rule"), dict):
        rule = (str(body["rule"].get("policy", "?")), str(body["rule"].get("action", "?")))
        return tr("Rejected"), tr("a note is required: {rule}. Decide the case again with a "
                                  "reason, or escalate it with a note").format(
            rule=shown(rationale.describe(rule)))
    reason = body.get("error") or body.get("detail") or tr("refused")
    return tr("Rejected"), tr("the central API refused it: {reason}").format(reason=reason)


class ConflictsView(QDialog):
    changed = Signal()

    def __init__(self, session: ReviewSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conflicts and rejected decisions"))
        self.session = session
        self.reopened = ""  # the case of a refused decision accepted last: back on screen after
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("conflictsTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        describe(self.table, self.windowTitle())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):  # never clip a heading or a decision
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        help_text = QLabel(self.tr("A  accept the outcome (a refused decision's case comes back "
                                   "to be decided again)    E  escalate for a senior's second "
                                   "look    Esc  close"))
        self.empty = QLabel(self.tr("Nothing needs your attention: no conflict or refused "
                                    "decision is waiting for you (decisions not sent yet show "
                                    "in the status bar)."))
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
            outcome, why = outcome_text(entry, self.session.guidelines.policy_name)
            yours = self.tr("{action} ({policy}) at {when}").format(
                action=shown(decision_label(entry.decision.action.value)),
                policy=self.session.guidelines.policy_name(entry.decision.policy),
                when=local_and_utc(entry.decision.decided_at))
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
            reopened = self.session.outbox.acknowledge(entry.decision.decision_id)
            if reopened:  # refused, so the case is the reviewer's to decide again
                self.reopened = reopened
                self.session.reload()
            self._after_change()

    def escalate_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        outcome, why = outcome_text(entry, self.session.guidelines.policy_name)
        dialog = NoteDialog(self.tr("Escalate"), self.tr(
            "{case}: {outcome} — {why}. Why should a senior look again?").format(
                case=entry.decision.case_id, outcome=outcome.lower(), why=why), self)
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
