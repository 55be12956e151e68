"""The command palette (Ctrl+K): one fuzzy search over actions, queues, cases by id, policies
and settings. Every action entry triggers the very QAction the menu and the key use.

Like the policy picker it is an overlay inside the window, not a dialog, so opening and closing
it does not take the window's activation away (which makes Qt repaint the whole window)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QEvent, QEventLoop, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QVBoxLayout, QWidget

from reviewer.actions import ActionId
from reviewer.fuzzy import rank
from reviewer.session import ReviewSession
from ui.action_registry import ActionRegistry

MAX_SHOWN = 50
_NOT_IN_PALETTE = {ActionId.PALETTE, ActionId.REVEAL, ActionId.REVEAL_COLOUR, ActionId.WIDEN_REVEAL}


@dataclass(frozen=True)
class Entry:
    text: str
    kind: str  # action | queue | case | policy | setting
    run: Callable[[], None]


def entries_for(window, registry: ActionRegistry, session: ReviewSession) -> list[Entry]:
    found = []
    for action_id, action in registry.actions.items():
        if action_id not in _NOT_IN_PALETTE and action.isEnabled():
            key = registry.key_text(action_id)
            found.append(Entry(f"{action.text()}{'   ' + key if key else ''}", "action", action.trigger))
    for queue in session.cache.queues():
        found.append(Entry(f"Queue: {queue.name}", "queue",
                           lambda q=queue.id: window.queue_panel.select_queue(q)))
        for policy in queue.policies:
            found.append(Entry(f"Policy: {policy} ({queue.name})", "policy",
                               lambda p=policy: window.last_decision.setText(f"Policy {p}: see the guidelines")))
    for case_id in session.case_ids:
        found.append(Entry(f"Case {case_id}", "case", lambda c=case_id: window.go_to_case(c)))
    found.append(Entry("Setting: blank all media (panic)", "setting",
                       registry.actions[ActionId.PANIC].trigger))
    return found


_OWN_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Up, Qt.Key.Key_Down}


class _Search(QLineEdit):
    def __init__(self, palette: "CommandPalette"):
        super().__init__()
        self._palette = palette

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in _OWN_KEYS:
            event.accept()  # ours, not the window's (Esc there is the panic key)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._palette.step(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._palette.take()
        elif key == Qt.Key.Key_Escape:
            self._palette.finish(None)
        else:
            super().keyPressEvent(event)


class CommandPalette(QFrame):
    current: "CommandPalette | None" = None  # the open palette, if any

    def __init__(self, window: QWidget, registry: ActionRegistry, session: ReviewSession):
        super().__init__(window.centralWidget())
        self.setObjectName("commandPalette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._loop = QEventLoop()
        self.entries = entries_for(window, registry, session)
        self.chosen: Entry | None = None
        self.search = _Search(self)
        self.search.setObjectName("paletteSearch")
        self.search.setPlaceholderText("Action, queue, case id, policy or setting…")
        self.list = QListWidget()
        self.list.setObjectName("paletteList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self._refilter)
        self._refilter("")

    def exec(self) -> None:
        """Show over the window and wait until an entry is chosen or Esc is pressed."""
        parent = self.parentWidget()
        self.resize(560, 420)
        self.move((parent.width() - self.width()) // 2, (parent.height() - self.height()) // 4)
        self.show()
        self.raise_()
        self.search.setFocus()
        CommandPalette.current = self
        try:
            self._loop.exec()
        finally:
            CommandPalette.current = None
            self.hide()
            self.deleteLater()

    def _refilter(self, text: str) -> None:
        self.shown = rank(text, self.entries, key=lambda e: e.text)[:MAX_SHOWN]
        self.list.clear()
        self.list.addItems([e.text for e in self.shown])
        self.list.setCurrentRow(0 if self.shown else -1)

    def step(self, delta: int) -> None:
        if self.shown:
            self.list.setCurrentRow((self.list.currentRow() + delta) % len(self.shown))

    def take(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.shown):
            self.finish(self.shown[row])

    def finish(self, entry: Entry | None) -> None:
        self.chosen = entry
        self._loop.quit()

    def run_chosen(self) -> None:
        """Run the chosen entry after the palette has closed, so keys reach the window again."""
        if self.chosen is not None:
            self.chosen.run()
