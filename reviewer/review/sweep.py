"""Crisis sweep: many near-identical cases decided in bulk (pure logic, no Qt).

`SweepSelection` is the grid's model: a cursor over a list of cases laid out in rows of
`columns`, a set of selected case ids, and the summary the confirmation shows before anything
is recorded. A bulk decision is many ordinary decisions recorded by the review session
(`ReviewSession.decide_many`), each with its own client-generated id (its idempotency key), so
the outbox, the sync engine and the server treat every one exactly like a decision made in case
mode.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reviewer.actions import DECISION_KINDS, ActionId
from reviewer.words import Phrase, tr, translate
from reviewer.domain import Case

# The decisions a sweep can make (keys 1-5 as in case mode). Escalation is one case at a time:
# it needs a plan of action written for that case.
SWEEP_DECISIONS = (ActionId.NO_VIOLATION, ActionId.REMOVE, ActionId.LABEL_SENSITIVE,
                   ActionId.RESTRICT_REACH, ActionId.SUSPEND)


@dataclass(frozen=True)
class SweepSummary:
    """What a bulk decision would touch: shown to the reviewer before it is recorded."""

    total: int
    by_queue: dict[str, int]
    by_category: dict[str, int]
    high_profile: tuple[str, ...]  # "@handle" of each high-profile author included, once each

    def confirmation_text(self, action: ActionId, policy: str) -> str:
        label = translate("core", DECISION_KINDS[action].label)  # a constant: made in English
        total = self.total
        question = (Phrase(tr("{action} %n item(s) under {policy}?", "", total), n=total,
                           action=label, policy=policy)
                    if DECISION_KINDS[action].needs_policy
                    else Phrase(tr("{action} %n item(s)?", "", total), n=total, action=label))
        lines = [str(question)]
        if self.by_category:
            lines.append(translate("core", "Categories: {list}").format(
                list=", ".join(f"{n} {c}" for c, n in self.by_category.items())))
        if len(self.by_queue) > 1:
            lines.append(translate("core", "Queues: {list}").format(
                list=", ".join(f"{n} {q}" for q, n in self.by_queue.items())))
        if self.high_profile:
            lines.append(translate("core", "Includes high-profile accounts: {list}").format(
                list=", ".join(self.high_profile)))
        return "\n".join(lines)


class SweepSelection:
    def __init__(self, cases: list[Case], columns: int = 6):
        self.cases: list[Case] = list(cases)
        self.columns = max(1, columns)
        self.cursor = 0
        self.selected: set[str] = set()

    # --- the cursor -------------------------------------------------------------------------
    def current(self) -> Case | None:
        return self.cases[self.cursor] if self.cases else None

    def move(self, dx: int, dy: int, columns: int | None = None) -> None:
        """Move within the grid; stops at the edges (a row's end does not wrap to the next)."""
        if not self.cases:
            return
        columns = max(1, columns or self.columns)
        row, col = divmod(self.cursor, columns)
        col = min(max(col + dx, 0), columns - 1)
        row = max(row + dy, 0)
        target = row * columns + col
        if target < len(self.cases):
            self.cursor = target
        elif dy > 0:  # the last row is short: go to its last item rather than nowhere
            self.cursor = len(self.cases) - 1

    # --- selecting --------------------------------------------------------------------------
    def toggle(self) -> None:
        case = self.current()
        if case is not None:
            self.selected ^= {case.id}

    def select_same_hash(self) -> int:
        """Add every case whose primary media is byte-identical (same sha256) to the primary
        media of the case under the cursor; returns how many were added.

        The primary item is the first one, the one the sweep shows of each case, so what is
        selected is what looks the same on screen. Sharing any item is not the same media:
        crisis cases re-post a handful of images in different combinations, so nearly every
        case shares one of them with every other. Identical bytes, not a perceptual likeness,
        because a bulk decision must never rest on a guess."""
        case = self.current()
        if case is None:
            return 0
        primary = _primary_hash(case)
        matching = {c.id for c in self.cases if primary and _primary_hash(c) == primary} | {case.id}
        added = matching - self.selected
        self.selected |= matching
        return len(added)

    def select_all(self) -> None:
        self.selected = {c.id for c in self.cases}

    def clear(self) -> None:
        self.selected.clear()

    def is_selected(self, case_id: str) -> bool:
        return case_id in self.selected

    def targets(self) -> list[Case]:
        """The cases a decision applies to: the selection, or the cursor's case if none."""
        chosen = [c for c in self.cases if c.id in self.selected]
        if chosen:
            return chosen
        current = self.current()
        return [current] if current is not None else []

    def remove(self, case_ids: set[str]) -> None:
        """Drop decided cases from the grid; the cursor stays near where it was."""
        before = self.current()
        self.cases = [c for c in self.cases if c.id not in case_ids]
        self.selected -= case_ids
        if before is not None and before.id not in case_ids:
            self.cursor = self.cases.index(before)
        self.cursor = min(self.cursor, max(0, len(self.cases) - 1))

    # --- the bulk decision ------------------------------------------------------------------
    def summary(self) -> SweepSummary:
        return summarise(self.targets())


def _primary_hash(case: Case) -> str:
    return case.media[0].sha256 if case.media else ""


def summarise(cases: list[Case]) -> SweepSummary:
    categories = Counter(c.media[0].category if c.media else "no media" for c in cases)
    handles: list[str] = []
    for case in cases:
        handle = f"@{case.author.handle}"
        if case.author.high_profile and handle not in handles:
            handles.append(handle)
    return SweepSummary(len(cases), dict(Counter(c.queue_id for c in cases)),
                        dict(categories.most_common()), tuple(handles))
