"""One QAction per action id: the menu entry, the decision-bar button and the shortcut are the
same object, so what a key does and what the screen says it does cannot drift apart."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reviewer.actions import ACTION_LABELS, ActionId
from reviewer.keymap import Keymap
from ui.i18n.core_text import shown

# Held actions act on key press *and* release, which a QAction cannot express; their keys are
# handled by ui.media.reveal_keys and their QAction only carries the label and the menu entry.
# What a controller does for each action id it handles: returned by its `handlers()`.
Handlers = dict[ActionId, Callable[[], None]]

HELD_ACTIONS = {ActionId.REVEAL, ActionId.REVEAL_COLOUR, ActionId.WIDEN_REVEAL,
                ActionId.REAL_PIXELS}
# Tab and Shift+Tab belong to Qt's focus chain before any shortcut sees them: the same filter
# takes their keys, and their QActions serve the menu and the palette.
FILTERED_ACTIONS = HELD_ACTIONS | {ActionId.NEXT_ITEM, ActionId.PREV_ITEM}


def key_text(keymap: Keymap, action_id: ActionId, mode: str = "case") -> str:
    """The first key bound to an action, as the reviewer would read it ("" if unbound)."""
    keys = keymap.keys_for(mode, action_id)
    return QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


class ActionRegistry:
    def __init__(self, window: QWidget, keymap: Keymap, mode: str = "case"):
        self.actions: dict[ActionId, QAction] = {}
        for action_id in ActionId:
            action = QAction(shown(ACTION_LABELS[action_id]), window)
            action.setObjectName(f"action_{action_id.value}")
            keys = [QKeySequence(k) for k in keymap.keys_for(mode, action_id)]
            if action_id not in FILTERED_ACTIONS:
                action.setShortcuts(keys)
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setData(action_id.value)
            window.addAction(action)
            self.actions[action_id] = action
        self._keymap, self._mode = keymap, mode

    def connect(self, handlers: Handlers) -> None:
        """Each controller hands over its whole table; one call per controller, one place."""
        for action_id, slot in handlers.items():
            self.actions[action_id].triggered.connect(lambda _checked=False, s=slot: s())

    def key_text(self, action_id: ActionId) -> str:
        """The first key bound to an action, as the reviewer would read it ("" if unbound)."""
        return key_text(self._keymap, action_id, self._mode)

    def set_enabled(self, ids: list[ActionId], enabled: bool) -> None:
        for action_id in ids:
            self.actions[action_id].setEnabled(enabled)
