"""The decision earlier decisions on the same media suggest: shown pre-selected, one key confirms.

When the same picture was already decided this week (reviewer/review/prior_decisions.py says
when that is clear enough to offer), the reviewer can decide from the description alone: the
decision bar marks the suggested decision and Enter records it, through the same decision path
as any key, without anything being revealed. Every decision is also written to the exposure
log with the most realistic stage seen of its case first, so the figures show how often a
case was decided without looking, and how often by the suggestion.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from reviewer.actions import DECISION_KINDS, ActionId
from reviewer.domain import Decision
from reviewer.media.exposure import ExposureMeter
from reviewer.review.prior_decisions import Suggestion, suggest
from reviewer.review.session import ReviewSession
from ui.decide.decision_desk import DecisionDesk
from ui.keys.action_registry import Handlers
from ui.keys.key_filter import KeyFilterHub
from ui.keys.typing import in_entry_field


SAVE_AFTER_MS = 1500


class SuggestedDecision(QObject):
    message = Signal(str)
    suggested = Signal(object)  # the Suggestion for the case on screen, or None

    def __init__(self, parent: QObject, session: ReviewSession, desk: DecisionDesk,
                 meter: ExposureMeter, shown_case_id: Callable[[], str]):
        super().__init__(parent)
        self.session, self.desk, self.meter, self.shown_case_id = session, desk, meter, shown_case_id
        self.current: Suggestion | None = None
        # The exposure log is saved once deciding pauses: a commit per decision would delay
        # the next case's paint (the meter keeps it in memory meanwhile).
        self._save = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._save.timeout.connect(lambda: meter.flush(decisions=True))
        session.subscribe(self._log_exposure)
        session.on_undo(lambda undone: meter.forget_decision(undone.case_id))
        # Enter in a text field (the search box, a filter) belongs to the field: it must never
        # reach the window's shortcut and record a decision.
        KeyFilterHub.of(QApplication.instance()).add(self)

    def handlers(self) -> Handlers:
        return {ActionId.ACCEPT_SUGGESTED: self.accept}

    def leave_case(self, _case_id: str = "") -> None:
        """The case on screen changed: the last case's suggestion goes with it, at once (the
        new case's follows a frame later, `on_case_shown`)."""
        if self.current is not None:
            self.current = None
            self.suggested.emit(None)

    def on_case_shown(self, case_id: str) -> None:
        case = self.session.current()
        if case is None or case.id != case_id:
            self.current = None
        else:
            queue = self.session.cache.queue(case.queue_id)
            self.current = suggest(case, queue.policies if queue else None)
        self.suggested.emit(self.current)

    def accept(self) -> None:
        if in_entry_field():
            return
        if self.current is None:  # the case's own suggestion may not have been worked out yet
            self.on_case_shown(self.shown_case_id())
        suggestion = self.current
        if suggestion is None or suggestion.case_id != self.shown_case_id():
            self.message.emit(self.tr(
                "No suggested decision for this case: its media has no earlier decisions that "
                "agree. Decide with the keys as usual."))
            return
        self.desk.decide(suggestion.action, chosen=(suggestion.policy, ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.ShortcutOverride
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and in_entry_field()
                and QApplication.focusWidget().window() is self.parent()):
            # The field gets the key as a key press, not the window's shortcut. Only in the
            # case window: a dialog's own Enter (the policy picker, the palette) stays its own.
            event.accept()
        return False

    def _log_exposure(self, decision: Decision) -> None:
        """After every durable decision (any path, sweeps included): closing ones only, so a
        reversal or an escalation does not count as a case decided."""
        if not DECISION_KINDS[decision.action].final:
            return
        followed = self.current is not None and self.current.matches(
            decision.case_id, decision.action, decision.policy)
        self.meter.note_decision(decision.case_id, by_suggestion=followed)
        self._save.start()
