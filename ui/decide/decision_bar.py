"""The row of decision buttons, each showing its key. Buttons are the registry's QActions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from reviewer.actions import DECISION_KINDS, ActionId
from ui.keys.action_registry import ActionRegistry

# Approve and reverse are keyboard and menu actions: they apply only to some cases.
BAR_ACTIONS = [*(a for a in DECISION_KINDS if a not in (ActionId.APPROVE, ActionId.REVERSE)),
               ActionId.SKIP, ActionId.PREV_CASE, ActionId.NEXT_CASE]


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
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must never press a button
            button.setObjectName(f"decide_{action_id.value}")
            layout.addWidget(button)
            self.buttons[action_id] = button
        layout.addStretch(1)
