"""Keys that act while held (reveal media). Installed on the application, so it sees the key
whichever widget has focus, but never while the reviewer is typing into a text field."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


class HeldKeyFilter(QObject):
    def __init__(self, window: QWidget, keys: list[str], on_change: Callable[[bool], None]):
        super().__init__(window)
        self._window = window
        self._keys = {QKeySequence(k)[0].toCombined() for k in keys if k} if keys else set()
        self._on_change = on_change
        self.held = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        if not self._matches(event) or not self._window_is_active() or _typing():
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # we take this key; no shortcut or button may react to it
            return True
        if event.isAutoRepeat():
            return True  # a held key repeats; only the first press and the real release count
        pressed = kind == QEvent.Type.KeyPress
        if pressed != self.held:
            self.held = pressed
            self._on_change(pressed)
        return True

    def release(self) -> None:
        """Forget a held key (focus lost, case changed) so the next press starts afresh."""
        self.held = False

    def _matches(self, event: QKeyEvent) -> bool:
        combined = event.keyCombination().toCombined()
        if event.type() == QEvent.Type.KeyRelease:
            # Modifiers may already be up when the key is released; match the bare key too.
            return any((combined & ~0xFE000000) == (k & ~0xFE000000) for k in self._keys)
        return combined in self._keys

    def _window_is_active(self) -> bool:
        active = QApplication.activeWindow()
        return active is None or active is self._window


def _typing() -> bool:
    return isinstance(QApplication.focusWidget(), (QLineEdit, QTextEdit, QPlainTextEdit))
