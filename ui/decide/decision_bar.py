"""The row of decision buttons, each showing its key. Buttons are the registry's QActions.

When earlier decisions on the same media suggest a decision, its button is marked and a line
beside the buttons says what it rests on and which key confirms it (ui/decide/
suggested_decision.py); the reviewer may as well press any other decision.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from reviewer.actions import ACTION_LABELS, DECISION_KINDS, ActionId
from reviewer.review.prior_decisions import Suggestion
from ui.i18n.core_text import shown
from ui.keys.action_registry import ActionRegistry
from ui.widgets.accessible import describe
from ui.widgets.elided_label import ElidedLabel

# Approve and reverse are keyboard and menu actions: they apply only to some cases.
BAR_ACTIONS = [*(a for a in DECISION_KINDS if a not in (  # some cases only: keys and menu
                   ActionId.APPROVE, ActionId.REVERSE, ActionId.UPHOLD, ActionId.OVERTURN)),
               ActionId.SKIP, ActionId.PREV_CASE, ActionId.NEXT_CASE]


class DecisionButton(QToolButton):
    """Pressed by Enter when Tab has brought the focus here (Space is the reveal key)."""

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class DecisionBar(QWidget):
    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None):
        super().__init__(parent)
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
        self.accept_key = registry.key_text(ActionId.ACCEPT_SUGGESTED)
        # Its text is as long as the reason; it takes the room left beside the buttons, never
        # widens the window, and ends in "…" where it is cut (the whole of it is in the
        # tooltip and for screen readers).
        self.suggestion_label = ElidedLabel()
        self.suggestion_label.setObjectName("suggestedDecision")
        self.suggestion_label.hide()
        layout.addWidget(self.suggestion_label, 100)  # the room beside the buttons is its
        layout.addStretch(1)

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
            policy=suggestion.policy.replace("_", " "), reason=shown(suggestion.reason))
        self.suggestion_label.setText(text)
        self.suggestion_label.setToolTip(text)
        self.suggestion_label.show()

    def controls(self) -> list[QToolButton]:
        """The buttons, in the order Tab visits them."""
        return list(self.buttons.values())
