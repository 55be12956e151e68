"""A filterable list shown over the window, answered from the keyboard (policy picker, palette).

An overlay, not a dialog: a dialog takes the window's activation away and back, and Qt then
repaints the whole window twice — a frame of latency on every decision. `ask()` runs a local
event loop so callers can simply ask and wait for the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QEventLoop, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QLineEdit, QListWidget, QWidget

_OWN_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Up, Qt.Key.Key_Down}


class FilterEdit(QLineEdit):
    """Arrows move in the list, Enter takes, Esc cancels, the rest filters. These keys are
    claimed before the window's shortcuts see them."""

    def __init__(self, overlay: "ListOverlay"):
        super().__init__()
        self._overlay = overlay

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._overlay.claims(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if self._overlay.handle_key(event, self.text()):
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._overlay.step(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._overlay.take()
        elif key == Qt.Key.Key_Escape:
            self._overlay.finish(None)
        else:
            super().keyPressEvent(event)


class ListOverlay(QFrame):
    current = None  # per subclass: the overlay waiting for an answer, if any
    kept = False  # True: hidden after an answer and asked again later, not deleted

    def __init__(self, parent: QWidget, object_name: str):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.chosen = None
        self.shown: list = []
        self._loop = QEventLoop()
        self.filter = FilterEdit(self)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # --- what subclasses may refine ------------------------------------------------------
    def claims(self, event: QKeyEvent) -> bool:
        return event.key() in _OWN_KEYS

    def handle_key(self, event: QKeyEvent, typed: str) -> bool:
        """A subclass's own keys (digits in the policy picker); True when handled."""
        return False

    # --- the loop -------------------------------------------------------------------------
    def ask(self, width: int, height: int, top_fraction: float):
        """Show over the parent, wait for an entry or Esc; returns the entry or None."""
        parent = self.parentWidget()
        had_focus = QApplication.focusWidget()
        self.resize(width, height)
        self.move((parent.width() - width) // 2, int((parent.height() - height) * top_fraction))
        self.show()
        self.raise_()
        self.filter.setFocus()
        type(self).current = self
        try:
            self._loop.exec()
        finally:
            type(self).current = None
            self._give_focus_back(had_focus)
            self.hide()
            if not self.kept:
                self.deleteLater()
        return self.chosen

    def _give_focus_back(self, widget: QWidget | None) -> None:
        """Before hiding: else Qt hands the focus to the first control in the tab chain (the
        queue list), which a review key then moves, and whose focus in and out repaint it
        twice on the way to the next case."""
        if widget is not None and widget.isVisible() and widget.window() is self.window():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_entries(self, entries: list, labels: list[str]) -> None:
        self.shown = entries
        self.list.clear()
        self.list.addItems(labels)
        self.list.setCurrentRow(0 if entries else -1)

    def step(self, delta: int) -> None:
        if self.shown:
            self.list.setCurrentRow((self.list.currentRow() + delta) % len(self.shown))

    def take(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.shown):
            self.finish(self.shown[row])

    def finish(self, entry) -> None:
        self.chosen = entry
        self._loop.quit()
