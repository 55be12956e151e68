"""The row of decision buttons, each showing its key. Buttons are the registry's QActions.

When earlier decisions on the same media suggest a decision, its button is marked and a line
beside the buttons says what it rests on and which key confirms it (ui/decide/
suggested_decision.py); the reviewer may as well press any other decision.

An appeal is answered by uphold or overturn (or escalated), never by 1-5: on an appeal the bar
offers those, and the ordinary decisions again on the next ordinary case. Both sets of buttons
are made once and only shown or hidden when the kind of case changes, so a case change costs
the bar nothing while a queue of ordinary cases is worked.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from reviewer.actions import ACTION_LABELS, DECISION_KINDS, ActionId
from reviewer.domain import Case
from reviewer.review.prior_decisions import Suggestion
from ui.i18n.core_text import shown
from ui.keys.action_registry import ActionRegistry
from ui.widgets.accessible import describe
from ui.widgets.elided_label import ElidedLabel

# Approve and reverse are keyboard and menu actions: they apply only to some cases.
APPEAL_ACTIONS = (ActionId.UPHOLD, ActionId.OVERTURN)  # shown on an appeal only
ORDINARY_ACTIONS = tuple(a for a in DECISION_KINDS if a not in (  # shown on any other case
    ActionId.APPROVE, ActionId.REVERSE, ActionId.ESCALATE, *APPEAL_ACTIONS))
BAR_ACTIONS = [*APPEAL_ACTIONS, *ORDINARY_ACTIONS, ActionId.ESCALATE,
               ActionId.SKIP, ActionId.PREV_CASE, ActionId.NEXT_CASE]


class DecisionButton(QToolButton):
    """Pressed by Enter when Tab has brought the focus here (Space is the reveal key)."""

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class DecisionBar(QWidget):
    def __init__(self, registry: ActionRegistry, policy_name: Callable[[str], str] = str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.policy_name = policy_name  # what reviewers call a policy (its document's title)
        self.setObjectName("decisionBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.buttons: dict[ActionId, QToolButton] = {}
        for action_id in BAR_ACTIONS:
            action = registry.actions[action_id]
            key = registry.key_text(action_id)
            action.setIconText(f"{key}  {action.text()}" if key else action.text())
            button = DecisionButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            # Reached by Tab, never by a click; Space still reveals (ui/media/reveal_keys.py
            # takes it first), so only Enter presses a focused decision button.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            describe(button, action.text().replace("&", ""),
                     self.tr("Key: {key}").format(key=key) if key else "")
            button.setObjectName(f"decide_{action_id.value}")
            layout.addWidget(button)
            self.buttons[action_id] = button
        self.appeal = True
        self.show_for(None)  # the ordinary decisions until an appeal is shown
        self.accept_key = registry.key_text(ActionId.ACCEPT_SUGGESTED)
        # Its text is as long as the reason; it takes the room left beside the buttons, never
        # widens the window, and ends in "…" where it is cut (the whole of it is in the
        # tooltip and for screen readers).
        self.suggestion_label = ElidedLabel()
        self.suggestion_label.setObjectName("suggestedDecision")
        self.suggestion_label.hide()
        layout.addWidget(self.suggestion_label, 100)  # the room beside the buttons is its
        layout.addStretch(1)

    def show_for(self, case: Case | None) -> None:
        """The decisions that answer `case`: uphold and overturn on an appeal, 1-5 otherwise."""
        appeal = case is not None and case.is_appeal
        if appeal == self.appeal:
            return  # the same kind of case: nothing on the bar changes
        self.appeal = appeal
        for action_id in ORDINARY_ACTIONS:
            self.buttons[action_id].setVisible(not appeal)
        for action_id in APPEAL_ACTIONS:
            self.buttons[action_id].setVisible(appeal)

    def show_suggestion(self, suggestion: Suggestion | None) -> None:
        for action_id, button in self.buttons.items():
            marked = suggestion is not None and action_id == suggestion.action
            if bool(button.property("suggested")) != marked:
                button.setProperty("suggested", marked)
                button.style().polish(button)  # the stylesheet frames the suggested decision
        if suggestion is None:
            self.suggestion_label.hide()
            return
        text = self.tr("{key} confirms {action} ({policy}): {reason}").format(
            key=self.accept_key or shown(ACTION_LABELS[ActionId.ACCEPT_SUGGESTED]),
            action=shown(ACTION_LABELS[suggestion.action]),
            policy=self.policy_name(suggestion.policy),
            reason=shown(suggestion.reason(self.policy_name)))
        self.suggestion_label.setText(text)
        self.suggestion_label.setToolTip(text)
        self.suggestion_label.show()

    def controls(self) -> list[QToolButton]:
        """The buttons, in the order Tab visits them."""
        return list(self.buttons.values())
