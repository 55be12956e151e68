"""From a decision key to a recorded decision: policy picker, note where required, commit.

Keys pressed while a decision is being recorded are dropped (never a second decision on a
case the reviewer has not seen) and counted, so the reviewer is told how many once the next case
is on screen; a failed write keeps the case on screen with a message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from PySide6.QtWidgets import QApplication, QWidget

from reviewer.actions import DECISION_KINDS, ActionId
from reviewer.domain import Case, Decision
from reviewer.review import rationale
from reviewer.review.rationale import required_rule
from reviewer.review.session import ReviewSession
from reviewer.store.database import StoreError
from ui.i18n.core_text import shown, tr
from ui.widgets.note_dialog import NoteDialog
from ui.decide.policy_picker import PolicyPicker


@dataclass(frozen=True)
class Outcome:
    decision: Decision | None
    message: str
    undo_s: float = 0.0  # how long the decision can still be withdrawn (its grace window)
    ignored: int = 0  # decision keys dropped while it was being recorded


class DecisionFlow:
    def __init__(self, window: QWidget, session: ReviewSession):
        self.window = window
        self.session = session
        self.recording = False
        self._ignored = 0  # keys dropped during the recording under way

    def drops(self) -> bool:
        """Whether a decision key pressed now is dropped (a decision is being recorded); a
        dropped one is counted for the reviewer."""
        if self.recording:
            self._ignored += 1
        return self.recording

    def ask(self, action: ActionId, case: Case) -> tuple[str, str] | None:
        """(policy, note) from the reviewer, or None if they cancelled."""
        kind = DECISION_KINDS[action]
        policy = self.session.default_policy(case)
        appeal = case.raw.get("appeal") if isinstance(case.raw, dict) else None
        if action in (ActionId.UPHOLD, ActionId.OVERTURN) and isinstance(appeal, dict):
            policy = str(appeal.get("decision", {}).get("policy", policy))  # the contested one
        if kind.needs_policy:
            queue = self.session.cache.queue(case.queue_id)
            picker = PolicyPicker(tr("{action} {case} under which policy?").format(
                                      action=shown(kind.label), case=case.id),
                                  list(queue.policies) if queue else [policy], policy,
                                  self.window.centralWidget(), self.session.guidelines.policy_name)
            chosen = picker.choose()
            if chosen is None:
                return None
            policy = chosen
        note = ""
        rule = required_rule(self.session.cache.db, policy, action.value)
        if kind.needs_note or rule:
            prompt = (tr("Reason and proposed plan of action for the specialist.")
                      if action == ActionId.ESCALATE
                      else tr("Why? The note goes with the decision."))
            if rule:
                what = shown(rationale.describe(rule))
                prompt = f"{what[0].upper()}{what[1:]}. {prompt}"
            hint = (tr("Reason and proposed plan of action…") if action == ActionId.ESCALATE
                    else tr("Why this decision…"))
            dialog = NoteDialog(f"{shown(kind.label)} {case.id}", prompt, self.window,
                                placeholder=hint)
            if not self._run(dialog):
                return None
            note = dialog.note()
        return policy, note

    def commit(self, action: ActionId, policy: str, note: str,
               show_next: Callable[[], None]) -> Outcome:
        """Record durably, show the next case (`show_next`), drop keys that queued up meanwhile,
        and say what the reviewer is told: the decision and how many keys were dropped."""
        self.recording, self._ignored = True, 0
        try:
            decision = self.session.decide(action, note, policy)
            said = tr("Recorded {action} ({policy}) on {case} — saved here").format(
                action=shown(DECISION_KINDS[action].label), case=decision.case_id,
                policy=self.session.guidelines.policy_name(policy))
            outcome = Outcome(decision, said, self.session.undo_grace_s)
            show_next()
            # Keys that arrived while the commit was in flight were pressed before the next
            # case was on screen: deliver them now, while `recording` is set, so they are
            # dropped instead of deciding a case the reviewer has not seen.
            QApplication.processEvents()
        except StoreError as exc:
            return Outcome(None, tr("NOT recorded — {error}. The case stays on screen.").format(
                error=exc))
        finally:
            self.recording = False
        return replace(outcome, ignored=self._ignored)

    def _run(self, dialog) -> bool:
        accepted = dialog.exec() == dialog.DialogCode.Accepted
        self.window.activateWindow()  # keys go back to the review actions, not to nowhere
        return accepted
