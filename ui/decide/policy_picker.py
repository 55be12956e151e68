"""Which policy a decision is made under: the queue's allowed policies, default preselected.

Enter takes the highlighted policy (so "2, Enter" removes under the default: two keys), a
number key takes that policy at once, typing filters the list, Esc cancels. An overlay inside
the window (see ui.widgets.list_overlay for why not a dialog).

Each policy is shown by what reviewers call it (its policy document's title); its id, which
specialists and the guidelines use, is in the entry's tooltip, and typing matches either.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewer.fuzzy import rank
from ui.widgets.accessible import describe
from ui.widgets.list_overlay import ListOverlay


class PolicyPicker(ListOverlay):
    current: "PolicyPicker | None" = None  # the picker waiting for an answer, if any

    def __init__(self, title: str, policies: list[str], default: str, parent: QWidget,
                 name: Callable[[str], str] = str):
        super().__init__(parent, "policyPicker")
        self.policies = policies
        self.names = {policy: name(policy) for policy in policies}
        self.filter.setObjectName("policyFilter")
        self.filter.setPlaceholderText(self.tr("Type to filter · number to pick · Enter takes "
                                               "the highlighted"))
        describe(self.filter, title, self.filter.placeholderText())
        self.list.setObjectName("policyList")
        describe(self.list, self.tr("Policies"))
        title_label = QLabel(title)
        title_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        for widget in (title_label, self.filter, self.list):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._refilter)
        self._refilter("")
        if default in policies:
            self.list.setCurrentRow(self.shown.index(default))

    def choose(self) -> str | None:
        """Show over the parent's centre and wait for the reviewer's answer."""
        return self.ask(440, min(360, 110 + 24 * len(self.policies)), 1 / 3)

    def claims(self, event: QKeyEvent) -> bool:
        return super().claims(event) or event.text().isdigit()

    def handle_key(self, event: QKeyEvent, typed: str) -> bool:
        text = event.text()
        if text.isdigit() and text != "0" and not typed:
            self.choose_number(int(text))
            return True
        return False

    def _refilter(self, text: str) -> None:
        shown = (rank(text, self.policies, key=lambda p: f"{self.names[p]} {p}") if text
                 else list(self.policies))
        self.show_entries(shown, [f"{i}  {self.names[p]}" if i < 10 else f"   {self.names[p]}"
                                  for i, p in enumerate(shown, start=1)])
        for row, policy in enumerate(shown):
            self.list.item(row).setToolTip(self.tr("Policy id: {policy}").format(policy=policy))

    def choose_number(self, number: int) -> None:
        if number <= len(self.shown):
            self.finish(self.shown[number - 1])
