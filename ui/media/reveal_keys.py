"""The held keys that reveal media, handed on by the application-wide key filter
(ui/keys/key_filter.py).

Reveal must act on press *and* release, which QAction shortcuts cannot express. The filter sees
the key whichever widget has focus, but never while the reviewer is typing into a text field
or another window (a dialog) is active. While reveal is held, the arrow keys move the spotlight,
the widen key shows the whole image and the real-pixels key steps from reduced detail to real
pixels; they do not navigate cases, and the real-pixels key does nothing unless reveal is held,
so real pixels always take two deliberate keys. The item keys (Tab and
Shift+Tab by default, from the keymap) choose the next or previous item of the case, held or
not, so a reveal by key opens on the item the reviewer means (or moves to it); with a single
item they are left to Qt's focus chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from reviewer.actions import ActionId
from reviewer.keymap import Keymap
from ui.keys.typing import in_text_field

_MODIFIERS = 0xFE000000
_ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
           Qt.Key.Key_Down: (0, 1)}
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


@dataclass
class RevealHandlers:
    hold: Callable[[bool], None]  # argument: colour requested
    release: Callable[[], None]
    move: Callable[[int, int], None]
    widen: Callable[[], None]
    step: Callable[[int], bool]  # argument: +1 next item, -1 previous; False: nothing to step to
    real: Callable[[], None]  # real pixels instead of reduced detail


def _combined(keymap: Keymap, action: ActionId) -> set[int]:
    return {QKeySequence(k)[0].toCombined() for k in keymap.keys_for("case", action) if k}


class RevealKeyFilter(QObject):
    def __init__(self, window: QWidget, keymap: Keymap, handlers: RevealHandlers):
        super().__init__(window)
        self._window = window
        self._plain = _combined(keymap, ActionId.REVEAL)
        self._colour = _combined(keymap, ActionId.REVEAL_COLOUR)
        self._widen = _combined(keymap, ActionId.WIDEN_REVEAL)
        self._real = _combined(keymap, ActionId.REAL_PIXELS)
        self._steps = {**{k: 1 for k in _combined(keymap, ActionId.NEXT_ITEM)},
                       **{k: -1 for k in _combined(keymap, ActionId.PREV_ITEM)}}
        self._handlers = handlers
        self.held = False
        self._held_modifiers = 0  # those of the held reveal key, still down under the next key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() not in _KEY_EVENTS:
            return False
        assert isinstance(event, QKeyEvent)
        if not self._window_is_active() or in_text_field():
            return False
        combined = event.keyCombination().toCombined()
        if self._is_reveal_key(event, combined):
            return self._reveal_key(event, combined)
        # Shift is still down from Shift+Space when W or D comes: it is no part of that key.
        while_held = combined & ~self._held_modifiers
        if self.held and (event.key() in _ARROWS or while_held in self._widen | self._real):
            return self._while_held(event, while_held)
        step = self._steps.get(_no_backtab(combined))
        if step and event.type() == QEvent.Type.KeyPress:
            return self._handlers.step(step)
        return False

    def release(self) -> None:
        """Forget a held key (focus lost, case changed) so the next press starts afresh."""
        self.held = False

    def _is_reveal_key(self, event: QKeyEvent, combined: int) -> bool:
        keys = self._plain | self._colour
        if event.type() == QEvent.Type.KeyRelease:  # modifiers may be up before the key is
            return any((combined & ~_MODIFIERS) == (k & ~_MODIFIERS) for k in keys)
        return combined in keys

    def _reveal_key(self, event: QKeyEvent, combined: int) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # ours: no shortcut or button may react to this key
        elif event.isAutoRepeat():
            pass  # a held key repeats; only the first press and the real release count
        elif kind == QEvent.Type.KeyPress and not self.held:
            self.held, self._held_modifiers = True, combined & _MODIFIERS
            self._handlers.hold(combined in self._colour)
        elif kind == QEvent.Type.KeyRelease and self.held:
            self.held = False
            self._handlers.release()
        return True

    def _while_held(self, event: QKeyEvent, combined: int) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
        elif event.type() == QEvent.Type.KeyPress:
            if event.key() in _ARROWS:
                self._handlers.move(*_ARROWS[event.key()])
            elif combined in self._real:
                self._handlers.real()
            else:
                self._handlers.widen()
        return True

    def _window_is_active(self) -> bool:
        active = QApplication.activeWindow()
        return active is None or active is self._window


def _no_backtab(combined: int) -> int:
    """Shift+Tab arrives as Shift+Backtab; the keymap spells it Shift+Tab."""
    if combined & ~_MODIFIERS == int(Qt.Key.Key_Backtab):
        return (combined & _MODIFIERS) | int(Qt.Key.Key_Tab)
    return combined
