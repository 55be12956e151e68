"""Which policy a decision is made under: the queue's allowed policies, default preselected.

Enter takes the highlighted policy (so "2, Enter" removes under the default: two keys), a
number key takes that policy at once, typing filters the list, Esc cancels.

It is an overlay inside the main window, not a dialog: a dialog takes the window's activation
away and back, and Qt then repaints the whole window twice — a frame of latency on every
decision. The overlay runs a local event loop so the decision flow can simply ask and wait.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QEventLoop, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from reviewer.fuzzy import rank

_OWN_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Up, Qt.Key.Key_Down}


class _FilterEdit(QLineEdit):
    """Digits pick a policy; arrows move in the list; Enter takes; Esc cancels; the rest filters."""

    def __init__(self, picker: "PolicyPicker"):
        super().__init__()
        self._picker = picker

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.key() in _OWN_KEYS or event.text().isdigit()):
            event.accept()  # ours, not the window's (Esc there is the panic key)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, text = event.key(), event.text()
        if text.isdigit() and text != "0" and not self.text():
            self._picker.choose_number(int(text))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._picker.step(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._picker.take_current()
        elif key == Qt.Key.Key_Escape:
            self._picker.finish(None)
        else:
            super().keyPressEvent(event)


class PolicyPicker(QFrame):
    current: "PolicyPicker | None" = None  # the picker waiting for an answer, if any

    def __init__(self, title: str, policies: list[str], default: str, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("policyPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.policies = policies
        self.chosen: str | None = None
        self._loop = QEventLoop()
        self.filter = _FilterEdit(self)
        self.filter.setObjectName("policyFilter")
        self.filter.setPlaceholderText("Type to filter · number to pick · Enter takes the highlighted")
        self.list = QListWidget()
        self.list.setObjectName("policyList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        title_label = QLabel(title)
        title_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        for widget in (title_label, self.filter, self.list):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._refilter)
        self._refilter("")
        if default in policies:
            self.list.setCurrentRow(self._shown.index(default))

    def choose(self) -> str | None:
        """Show over the parent's centre and wait for the reviewer's answer."""
        parent = self.parentWidget()
        self.resize(440, min(360, 110 + 24 * len(self.policies)))
        self.move((parent.width() - self.width()) // 2, (parent.height() - self.height()) // 3)
        self.show()
        self.raise_()
        self.filter.setFocus()
        PolicyPicker.current = self
        try:
            self._loop.exec()
        finally:
            PolicyPicker.current = None
            self.hide()
            self.deleteLater()
        return self.chosen

    def _refilter(self, text: str) -> None:
        self._shown = rank(text, self.policies) if text else list(self.policies)
        self.list.clear()
        for i, policy in enumerate(self._shown, start=1):
            self.list.addItem(f"{i}  {policy}" if i < 10 else f"   {policy}")
        self.list.setCurrentRow(0 if self._shown else -1)

    def choose_number(self, number: int) -> None:
        if number <= len(self._shown):
            self.finish(self._shown[number - 1])

    def step(self, delta: int) -> None:
        if self._shown:
            self.list.setCurrentRow((self.list.currentRow() + delta) % len(self._shown))

    def take_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._shown):
            self.finish(self._shown[row])

    def finish(self, policy: str | None) -> None:
        self.chosen = policy
        self._loop.quit()
