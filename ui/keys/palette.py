"""The command palette (Ctrl+K): one fuzzy search over actions, queues, cases by id, policies
and settings. Every action entry triggers the very QAction the menu and the key use.

Like the policy picker it is an overlay inside the window (see ui.widgets.list_overlay)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reviewer.actions import ActionId
from reviewer.fuzzy import score
from reviewer.review.case_list import ListQuery
from reviewer.review.session import ReviewSession
from ui.i18n.core_text import tr
from ui.widgets.accessible import describe
from ui.keys.action_registry import ActionRegistry
from ui.keys.palette_cases import CaseEntries
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
    """Every entry the palette offers, in its order among equal matches."""
    fixed, cases, last = parts_for(registry, session, targets)
    return [*fixed, *(_case(cases, i, targets) for i in range(len(cases.ids))), *last]


def parts_for(registry: ActionRegistry, session: ReviewSession,
           targets: PaletteTargets) -> tuple[list[Entry], CaseEntries, list[Entry]]:
    """The entries before the cases, the cases (made only where a query matches them) and
    the entries after them."""
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
        name = session.guidelines.policy_name(policy)  # the id too: specialists type it
        found.append(Entry(tr("Policy: {name} ({policy}) — read its guideline").format(
                               name=name, policy=policy) if name != policy
                           else tr("Policy: {policy} — read its guideline").format(policy=policy),
                           "policy", lambda p=policy: targets.open_policy(p)))
    cases = CaseEntries(session.case_list.ids(ListQuery()))  # every open cached case, any queue
    return found, cases, [Entry(tr("Setting: blank all media (panic)"), "setting",
                                registry.actions[ActionId.PANIC].trigger)]


def _case(cases: CaseEntries, index: int, targets: PaletteTargets) -> Entry:
    case_id = cases.ids[index]
    return Entry(cases.entry_text(index), "case", lambda: targets.go_to_case(case_id))


def ranked(query: str, parts: tuple[list[Entry], CaseEntries, list[Entry]],
           targets: PaletteTargets, limit: int = MAX_SHOWN) -> list[Entry]:
    """`reviewer.fuzzy.rank` over `entries_for`, best `limit` first, making entries only for
    the cases shown."""
    fixed, cases, last = parts
    scored = [*_scored(query, fixed, 0),
              *((s, len(fixed) + i, None) for s, i in cases.best(query, limit)),
              *_scored(query, last, len(fixed) + len(cases.ids))]
    best = heapq.nsmallest(limit, scored, key=lambda t: (-t[0], t[1]))
    return [e if e is not None else _case(cases, i - len(fixed), targets) for _, i, e in best]


def _scored(query: str, entries: list[Entry], first: int) -> list[tuple[float, int, Entry]]:
    return [(s, first + i, e) for i, e in enumerate(entries)
            if (s := score(query, e.text)) is not None]


class CommandPalette(ListOverlay):
    current: "CommandPalette | None" = None  # the open palette, if any

    def __init__(self, host: QWidget, registry: ActionRegistry, session: ReviewSession,
                 targets: PaletteTargets, kept: bool = False):
        super().__init__(host, "commandPalette")
        self.kept = kept
        self._read = lambda: parts_for(registry, session, targets)
        self._parts = self._read()
        self.targets = targets
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

    @classmethod
    def of(cls, host: QWidget, registry: ActionRegistry, session: ReviewSession,
           targets: PaletteTargets) -> "CommandPalette":
        """`host`'s palette, made at the first opening and then kept, hidden, and read afresh
        at each: closing a palette made for one use destroyed its widgets and entries between
        the chosen entry and the next case on screen. One opened from an open one is its own."""
        kept = [p for p in host.findChildren(cls, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if p.kept]
        if not kept:
            return cls(host, registry, session, targets, kept=True)
        if kept[0].isVisible():
            return cls(host, registry, session, targets)
        kept[0].read_again()
        return kept[0]

    def read_again(self) -> None:
        """The entries as they are now (actions enabled, queues, open cases), unfiltered."""
        self.chosen = None
        self._parts = self._read()
        if self.search.text():
            self.search.clear()  # filters again, from nothing
        else:
            self._refilter("")

    def exec(self) -> None:
        """Show over the window and wait until an entry is chosen or Esc is pressed."""
        self.ask(560, 420, 1 / 4)

    def _refilter(self, text: str) -> None:
        shown = ranked(text, self._parts, self.targets)
        wanted = text.strip()
        if _looks_like_case_id(wanted) and wanted not in self._parts[1]:
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
