"""Exposure-aware order: after a run of graphic cases, a calm one comes next when it can.

Looking at distressing media case after case is what wears reviewers down; mixing in other
content measurably helps. So after `after` graphic cases decided in a row (a setting, default
10), the next case served is the first text-only or benign-media case further down the work
list, moved up one place in front of the rest, and the reviewer is told why in one line.

Never at the cost of an SLA: every case the calm one jumps is served one case later. The move
happens only when each of them would still be decided before its deadline if every case,
the calm one included, took `per_case` (a generous allowance: most cases take a minute or
two): the k-th case ahead, served (k + 2) cases from now instead of (k + 1). When that does not
hold, the order stays as it is, and is tried again after the next decision.

Graphic means "has a media item not known to be benign" (an unknown category is treated as
graphic). Runs on the UI thread after a decision, and does work only once the run is long
enough: one indexed query over a few dozen ids.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable

import sqlite_utils

from reviewer.domain import Case, parse_iso
from reviewer.words import Phrase, translate

DEFAULT_AFTER = 10
PER_CASE = timedelta(minutes=10)
LOOKAHEAD = 50  # cases looked at for a calm one: further down, it would jump too many
BENIGN = "benign"


def is_graphic(case: Case | None) -> bool:
    return case is not None and any(item.category != BENIGN for item in case.media)


class CalmOrder:
    def __init__(self, db: sqlite_utils.Database, per_case: timedelta = PER_CASE,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.db, self.per_case, self.clock = db, per_case, clock
        # Read at each decision: the reviewer's setting may change during the shift.
        self.after: Callable[[], int] = lambda: DEFAULT_AFTER
        self.run = 0  # graphic cases decided in a row
        self.note: Phrase | None = None  # why the last move happened, until taken

    def decided(self, case: Case | None) -> None:
        self.run = self.run + 1 if is_graphic(case) else 0

    def pick(self, ids: list[str], index: int) -> int | None:
        """The position of the case to serve at `index` instead, or None to keep the order."""
        if self.run < self.after() or index >= len(ids):
            return None
        ahead = ids[index:index + LOOKAHEAD]
        graphic, deadlines = self._facts(ahead)
        if ahead[0] not in graphic:
            return None  # the next case is calm already
        now = self.clock()
        for offset, case_id in enumerate(ahead):
            if case_id not in graphic:
                return index + offset
            done_after_move = now + (offset + 2) * self.per_case
            if deadlines.get(case_id) is None or deadlines[case_id] <= done_after_move:
                return None  # this one cannot wait a case longer
        return None

    def serve_calm(self, ids: list[str], index: int) -> bool:
        """Move a calm case to `index` when the run calls for one; says whether it moved."""
        found = self.pick(ids, index)
        if found is None:
            return False
        ids.insert(index, ids.pop(found))
        self.note = Phrase(translate(
            "core", "A calmer case next: {count} graphic cases in a row. No deadline is at "
                    "risk; the graphic ones follow."), count=self.run)
        self.run = 0
        return True

    def take_note(self) -> Phrase | None:
        note, self.note = self.note, None
        return note

    def _facts(self, ids: list[str]) -> tuple[set[str], dict[str, datetime]]:
        marks = ",".join("?" * len(ids))
        graphic = {row[0] for row in self.db.execute(
            f"SELECT DISTINCT case_id FROM case_media WHERE case_id IN ({marks}) "
            f"AND category != ?", (*ids, BENIGN))}
        deadlines = {}
        for case_id, deadline in self.db.execute(
                f"SELECT id, sla_deadline FROM cases WHERE id IN ({marks})", ids):
            try:
                deadlines[case_id] = parse_iso(deadline)
            except (TypeError, ValueError):
                pass  # unknown deadline: treated as one that cannot wait
        return graphic, deadlines
