"""The decision actions of the case window: decide, reverse, undo and the crisis sweep.

Every way of deciding ends the same way (`_landed`): the case on screen is shown again (the
next one, or the reopened one), the reviewer is told what happened, and `decided` fires so the
window wakes the sync worker and updates the indicator. The recording itself is the review
session's (one path for every decision); this desk only asks the reviewer what it needs.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reviewer.actions import ACTION_LABELS, DECISION_KINDS, ActionId
from reviewer.domain import Decision
from reviewer.keymap import Keymap
from reviewer.media.presets import PresetBook
from reviewer.review import reversal
from reviewer.review.session import ReviewSession
from ui.i18n.core_text import shown
from ui.decide.decision_flow import DecisionFlow, Outcome
from ui.decide.reversal_chooser import ReversalChooser
from ui.decide.sweep_view import SweepView
from ui.keys.action_registry import Handlers, key_text
from ui.media.service import MediaService
from ui.widgets.note_dialog import NoteDialog


class DecisionDesk(QObject):
    message = Signal(str)
    # A message true for a while only: (text with "{left}" seconds, seconds, what stays true)
    countdown = Signal(str, float, str)
    told = Signal(str)  # what became of a decision, said with the case shown after it
    show_case = Signal()  # the current case changed: show it (synchronously, before keys)
    # Something reached the outbox (or left it): `recorded` as the next case is shown (the
    # window updates the indicator a frame later, ui/widgets/after_frame.py); `decided` once it
    # is painted, to wake the sync worker (whose work would otherwise compete with the paint).
    recorded = Signal()
    decided = Signal()

    def __init__(self, parent: QWidget, session: ReviewSession, media: MediaService,
                 keymap: Keymap, presets: Callable[[], PresetBook],
                 shown_case_id: Callable[[], str], conceal: Callable[[], None]):
        super().__init__(parent)
        self.parent_widget, self.session, self.media, self.keymap = parent, session, media, keymap
        self.presets, self.shown_case_id, self.conceal = presets, shown_case_id, conceal
        self.flow = DecisionFlow(parent, session)

    def handlers(self) -> Handlers:
        table: Handlers = {a: (lambda a=a: self.decide(a))
                           for a in DECISION_KINDS if a != ActionId.REVERSE}
        table.update({ActionId.REVERSE: self.reverse_last, ActionId.SWEEP: self.open_sweep,
                      ActionId.UNDO: self.undo})
        return table

    def decide(self, action: ActionId, chosen: tuple[str, str] | None = None) -> None:
        """`chosen`: (policy, note) decided already (a suggested decision); else asked."""
        if self.flow.drops():
            return  # a key pressed while the previous decision was being recorded
        case = self.session.current()
        if case is None:
            self.message.emit(self.tr("No case on screen to decide."))
            return
        if case.id != self.shown_case_id():  # the list moved on; its case is not painted yet
            self.show_case.emit()
            self.message.emit(self.tr("Not recorded: {case} had not been on screen yet.")
                              .format(case=case.id))
            return
        if action == ActionId.APPROVE and not case.raw.get("pending_decision"):
            self.message.emit(self.tr("Nothing on this case awaits approval."))
            return
        refused = self._appeal_refusal(action, case)
        if refused:
            self.message.emit(refused)
            return
        self.conceal()
        asked = chosen or self.flow.ask(action, case)
        if asked is None or self.session.current() is None or self.session.current().id != case.id:
            return  # cancelled, or the case left the list while the reviewer was choosing
        outcome = self.flow.commit(action, *asked, show_next=self.show_case.emit)
        if outcome.decision is None:
            self.message.emit(outcome.message)
            return
        # Told once the keys pressed during the recording are counted; like the case's own
        # message it follows the next case's frame (ui/widgets/after_frame.py).
        self._tell(self._with_ignored(outcome), outcome.undo_s)
        self.decided.emit()  # the next case is painted already; the message follows

    def _appeal_refusal(self, action: ActionId, case) -> str:
        """What the central API refuses on an appeal (server/quality/decision_rules.py), said
        at once: the decision would be recorded here, sent, and come back refused."""
        is_appeal = case.is_appeal
        answers = action in (ActionId.UPHOLD, ActionId.OVERTURN)
        if answers and not is_appeal:
            return self.tr("Not recorded: {case} is not an appeal; {action} answers appeals "
                           "only.").format(case=case.id, action=shown(ACTION_LABELS[action]))
        if is_appeal and not answers and action != ActionId.ESCALATE:
            return self.tr("Not recorded: {case} is an appeal. Uphold it ({uphold}), overturn "
                           "it ({overturn}) or escalate it ({escalate}).").format(
                case=case.id, uphold=self._key(ActionId.UPHOLD),
                overturn=self._key(ActionId.OVERTURN), escalate=self._key(ActionId.ESCALATE))
        return ""

    def _with_ignored(self, outcome: Outcome) -> str:
        if not outcome.ignored:
            return outcome.message
        return " · ".join((outcome.message, self.tr(
            "%Ln key(s) ignored while recording", "", outcome.ignored)))

    def open_sweep(self) -> None:
        """The sweep grid over the current work list (select Crisis sweep first for a crisis).
        An empty list opens no empty grid: the reviewer is told why there is nothing in it."""
        if not self.session.case_ids:
            self.message.emit(self._nothing_to_sweep())
            return
        self.conceal()
        recorded = SweepView.run(self.media, self.presets(), self.keymap, self.session,
                                 self.parent_widget)
        self.parent_widget.activateWindow()
        if recorded:
            self.session.reload()
            self._landed(self.tr("Sweep: %Ln decision(s) recorded, each on its own", "",
                                 recorded))

    def _nothing_to_sweep(self) -> str:
        if self.session.query.narrows():
            return self.tr("Nothing to sweep: no cached case in this list matches the search "
                           "and filters. {key} clears them (the queue stays).").format(
                key=self._key(ActionId.CLEAR_FILTERS))
        return self.tr("Nothing to sweep: no cached case in this queue. Choose one with cases "
                       "({previous} and {next} step through the queues).").format(
            previous=self._key(ActionId.PREV_QUEUE), next=self._key(ActionId.NEXT_QUEUE))

    def reverse_last(self) -> None:
        """Reverse a decision of ours the central API accepted: a new decision with a note (the
        original is never edited); the case comes back to be decided again. The decision on
        the case on screen if it has one, else the one the reviewer picks (reviewer/review/
        reversal.py); the note dialog names exactly which."""
        if self.flow.drops():
            return
        target = self._reversal_target()
        if target is None:
            return
        label = shown(DECISION_KINDS[target.action].label)
        dialog = NoteDialog(self.tr("Reverse {action} on {case}").format(
                                action=label, case=target.case_id),
                            self.tr("Reversing: {what}.\nWhy reverse it? The note goes on "
                                    "record with the reversal; the case comes back to be "
                                    "decided again.").format(what=shown(reversal.describe(
                                        target, policy_name=self.session.guidelines.policy_name))),
                            self.parent_widget,
                            placeholder=self.tr("What the decision got wrong…"))
        accepted = dialog.exec() == NoteDialog.DialogCode.Accepted
        self.parent_widget.activateWindow()
        if not accepted:
            return
        self.session.follow_up(target.case_id, ActionId.REVERSE, dialog.note(), target.policy)
        self.session.reload()
        self.session.go_to(target.case_id)
        self._landed(self.tr("Reversal of {action} ({policy}) on {case} recorded; decide the "
                             "case again.").format(
            action=label, policy=self.session.guidelines.policy_name(target.policy),
            case=target.case_id))

    def _reversal_target(self) -> Decision | None:
        candidates = reversal.reversible(self.session.outbox)
        if not candidates:
            self.message.emit(self.tr("No sent decision of yours to reverse ({key} withdraws "
                                      "one not yet sent).").format(key=self._key(ActionId.UNDO)))
            return None
        self.conceal()
        shown = reversal.on_screen(candidates, self.shown_case_id())
        if shown is not None:
            return shown
        return ReversalChooser(candidates, self.parent_widget.centralWidget(),
                               self.session.guidelines.policy_name).choose()

    def undo(self) -> None:
        undone = self.session.undo_last()
        if undone is None:
            self.message.emit(self.tr("Nothing to undo: decisions already sent cannot be "
                                      "withdrawn (record a new decision instead)."))
            return
        self._landed(self.tr("Undone: {action} on {case} was withdrawn before it was sent.")
                     .format(action=shown(DECISION_KINDS[undone.action].label),
                             case=undone.case_id))

    def _landed(self, message: str) -> None:
        self.show_case.emit()
        self._tell(message)
        self.decided.emit()

    def _tell(self, message: str, undo_s: float = 0.0) -> None:
        calm = self.session.calm.take_note()  # why the next case is a calmer one, if it is
        message = f"{message} · {shown(calm)}" if calm else message
        if undo_s:  # the undo offer is said only while it holds
            self.countdown.emit(self.tr("{message} · {key} undoes it for {{left}} s").format(
                message=message, key=self._key(ActionId.UNDO)), undo_s, message)
        else:
            self.told.emit(message)
        self.recorded.emit()

    def _key(self, action: ActionId) -> str:
        return key_text(self.keymap, action) or shown(ACTION_LABELS[action])
