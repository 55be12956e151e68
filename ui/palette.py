"""The command palette (Ctrl+K): one fuzzy search over actions, queues, cases by id, policies
and settings. Every action entry triggers the very QAction the menu and the key use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QVBoxLayout, QWidget

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


class _Search(QLineEdit):
    def __init__(self, palette: "CommandPalette"):
        super().__init__()
        self._palette = palette

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._palette.move(-1 if event.key() == Qt.Key.Key_Up else 1)
        else:
            super().keyPressEvent(event)


class CommandPalette(QDialog):
    def __init__(self, window: QWidget, registry: ActionRegistry, session: ReviewSession):
        super().__init__(window)
        self.setWindowTitle("Command palette")
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
        self.search.returnPressed.connect(self._take)
        self._refilter("")
        self.resize(560, 420)
        self.search.setFocus()

    def _refilter(self, text: str) -> None:
        self.shown = rank(text, self.entries, key=lambda e: e.text)[:MAX_SHOWN]
        self.list.clear()
        self.list.addItems([e.text for e in self.shown])
        self.list.setCurrentRow(0 if self.shown else -1)

    def move(self, delta: int) -> None:
        if self.shown:
            self.list.setCurrentRow((self.list.currentRow() + delta) % len(self.shown))

    def _take(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.shown):
            self.chosen = self.shown[row]
            self.accept()

    def run_chosen(self) -> None:
        """Run the chosen entry after the palette has closed, so keys reach the window again."""
        if self.chosen is not None:
            self.chosen.run()
