"""The command palette (Ctrl+K): one fuzzy search over actions, queues, cases by id, policies
and settings. Every action entry triggers the very QAction the menu and the key use.

Like the policy picker it is an overlay inside the window (see ui.widgets.list_overlay)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from reviewer.actions import ActionId
from reviewer.fuzzy import rank
from reviewer.review.case_list import ListQuery
from reviewer.review.session import ReviewSession
from ui.i18n.core_text import tr
from ui.widgets.accessible import describe
from ui.keys.action_registry import ActionRegistry
from ui.widgets.list_overlay import ListOverlay

MAX_SHOWN = 50
# Held keys (no use from a list), and actions of other modes (note entry, palette, sweep grid)
# that do nothing in the case window.
_NOT_IN_PALETTE = {ActionId.PALETTE, ActionId.REVEAL, ActionId.REVEAL_COLOUR, ActionId.WIDEN_REVEAL,
                   ActionId.REAL_PIXELS,
                   ActionId.SUBMIT_NOTE, ActionId.RUN_ENTRY, ActionId.CANCEL, ActionId.MOVE_LEFT,
                   ActionId.MOVE_RIGHT, ActionId.MOVE_UP, ActionId.MOVE_DOWN,
                   ActionId.TOGGLE_SELECT, ActionId.SELECT_SAME_HASH, ActionId.SELECT_ALL}


@dataclass(frozen=True)
class Entry:
    text: str
    kind: str  # action | queue | case | policy | setting
    run: Callable[[], None]


@dataclass(frozen=True)
class PaletteTargets:
    """Where the entries that are not actions lead (the window hands these in)."""

    select_queue: Callable[[str], None]
    open_policy: Callable[[str], None]  # the policy's guideline
    go_to_case: Callable[[str], None]
    look_up: Callable[[str], None] = lambda case_id: None  # a case id not cached here


def entries_for(registry: ActionRegistry, session: ReviewSession,
                targets: PaletteTargets) -> list[Entry]:
    found = []
    for action_id, action in registry.actions.items():
        if action_id not in _NOT_IN_PALETTE and action.isEnabled():
            key = registry.key_text(action_id)
            found.append(Entry(f"{action.text()}{'   ' + key if key else ''}", "action",
                               action.trigger))
    queues = session.cache.queues()
    for queue in queues:
        found.append(Entry(tr("Queue: {name}").format(name=queue.name), "queue",
                           lambda q=queue.id: targets.select_queue(q)))
    for policy in sorted({p for queue in queues for p in queue.policies}):
        found.append(Entry(tr("Policy: {policy} — read its guideline").format(policy=policy),
                           "policy",
                           lambda p=policy: targets.open_policy(p)))
    for case_id in session.case_list.ids(ListQuery()):  # every open cached case, any queue
        found.append(Entry(case_entry(case_id), "case", lambda c=case_id: targets.go_to_case(c)))
    found.append(Entry(tr("Setting: blank all media (panic)"), "setting",
                       registry.actions[ActionId.PANIC].trigger))
    return found


def case_entry(case_id: str) -> str:
    return tr("Case {case}").format(case=case_id)


class CommandPalette(ListOverlay):
    current: "CommandPalette | None" = None  # the open palette, if any

    def __init__(self, host: QWidget, registry: ActionRegistry, session: ReviewSession,
                 targets: PaletteTargets):
        super().__init__(host, "commandPalette")
        self.entries = entries_for(registry, session, targets)
        self.targets = targets
        self._cached = {e.text for e in self.entries if e.kind == "case"}
        self.search = self.filter
        self.search.setObjectName("paletteSearch")
        self.search.setPlaceholderText(self.tr("Action, queue, case id, policy or setting…"))
        self.list.setObjectName("paletteList")
        describe(self.search, self.tr("Command palette"), self.search.placeholderText())
        describe(self.list, self.tr("Matching entries"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self._refilter)
        self._refilter("")

    def exec(self) -> None:
        """Show over the window and wait until an entry is chosen or Esc is pressed."""
        self.ask(560, 420, 1 / 4)

    def _refilter(self, text: str) -> None:
        shown = rank(text, self.entries, key=lambda e: e.text)[:MAX_SHOWN]
        wanted = text.strip()
        if _looks_like_case_id(wanted) and case_entry(wanted) not in self._cached:
            # Not cached here: the central API may know it (fetched by the sync worker).
            shown.append(Entry(self.tr("Open case {case} from the central API").format(
                               case=wanted), "case",
                               lambda: self.targets.look_up(wanted)))
        self.show_entries(shown, [e.text for e in shown])

    def run_chosen(self) -> None:
        """Run the chosen entry after the palette has closed, so keys reach the window again."""
        if self.chosen is not None:
            self.chosen.run()


def _looks_like_case_id(text: str) -> bool:
    """One word with a digit in it ("case-00123", "c81e4"): worth asking the central API."""
    return 3 <= len(text) <= 64 and not any(c.isspace() for c in text) and \
        any(c.isdigit() for c in text)
