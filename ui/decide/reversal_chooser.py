"""Which of the reviewer's sent decisions to reverse, when the case on screen has none.

The reviewer's recent decisions the central API accepted, newest first, each named by case,
action, policy and local time: Enter takes the highlighted one, typing filters, Esc cancels.
An overlay inside the window like the policy picker (see ui.widgets.list_overlay for why).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewer.domain import Decision
from reviewer.fuzzy import rank
from reviewer.review.reversal import describe
from ui.i18n.core_text import shown
from ui.widgets.accessible import describe as describe_for_access
from ui.widgets.list_overlay import ListOverlay


class ReversalChooser(ListOverlay):
    current: "ReversalChooser | None" = None  # the chooser waiting for an answer, if any

    def __init__(self, decisions: list[Decision], parent: QWidget,
                 policy_name: Callable[[str], str] = str):
        super().__init__(parent, "reversalChooser")
        self.decisions = decisions
        self.labels = {d.decision_id: shown(describe(d, policy_name=policy_name))
                       for d in decisions}
        self.filter.setObjectName("reversalFilter")
        self.filter.setPlaceholderText(self.tr("Type to filter · Enter takes the highlighted · "
                                               "Esc cancels"))
        self.list.setObjectName("reversalList")
        title = QLabel(self.tr("Reverse which of your sent decisions? Newest first; the case on "
                               "screen has none."))
        describe_for_access(self.filter, title.text(), self.filter.placeholderText())
        describe_for_access(self.list, self.tr("Your sent decisions"))
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (title, self.filter, self.list):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._refilter)
        self._refilter("")

    def choose(self) -> Decision | None:
        """Show over the parent's centre and wait for the reviewer's answer."""
        return self.ask(560, min(420, 130 + 24 * len(self.decisions)), 1 / 3)

    def _refilter(self, text: str) -> None:
        shown = (rank(text, self.decisions, key=lambda d: self.labels[d.decision_id]) if text
                 else list(self.decisions))
        self.show_entries(shown, [self.labels[d.decision_id] for d in shown])
