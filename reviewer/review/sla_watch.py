"""Which cached cases are about to breach their SLA, told once each.

Runs on local data only (the case list in memory), so the warnings keep coming while the
central API is unreachable: the deadlines are on this machine. A case is announced once when
it comes within WARN_BEFORE of its deadline; cases already past their deadline when the watch
starts are summed up once, not announced one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from reviewer.review.case_list import CaseList, SortKey
from reviewer.display_text import sla_countdown
from reviewer.words import Phrase, tr, translate
from reviewer.domain import to_iso

WARN_BEFORE = timedelta(minutes=15)
JUST_BREACHED = timedelta(minutes=2)  # a deadline passed this recently is news, not backlog
NAMED_IN_MESSAGE = 3  # cases named in one notification; the rest are counted


@dataclass(frozen=True)
class SlaAlert:
    case_ids: tuple[str, ...]  # most urgent first
    title: str
    message: str


class SlaWatch:
    def __init__(self, cases: CaseList, warn_before: timedelta = WARN_BEFORE):
        self.cases = cases
        self.warn_before = warn_before
        self._told: set[str] = set()

    def check(self, now: datetime | None = None) -> SlaAlert | None:
        """The alert to show now, or None. Walks the deadline order only as far as the
        warning horizon, so a check costs little even with 100,000 cached cases."""
        now = now or datetime.now(timezone.utc)
        horizon, now_iso = to_iso(now + self.warn_before), to_iso(now)
        breached, due = [], []
        for row in self.cases.open_rows(SortKey.DEADLINE):
            if row.sla_deadline > horizon:
                break
            if row.id in self._told:
                continue
            self._told.add(row.id)
            (breached if row.sla_deadline <= now_iso else due).append(row)
        if due:
            return _due_alert(due, now)
        # Past their deadline when first seen: at start, or claimed already late. Had they come
        # due while watched, they would have been announced above, before the deadline.
        just = [r for r in breached if r.sla_deadline > to_iso(now - JUST_BREACHED)]
        if just:
            return _due_alert(just, now)
        if breached:
            ids = tuple(r.id for r in breached)
            count = len(ids)  # a plain name: lupdate reads the count argument no further
            return SlaAlert(ids, Phrase(tr("%n cached case(s) already past their SLA", "",
                                           count), n=count),
                            translate("core", "Sort by SLA deadline (Ctrl+L) to take them "
                                              "first."))
        return None


def _due_alert(rows, now: datetime) -> SlaAlert:
    ids = tuple(r.id for r in rows)
    named = "; ".join(f"{r.id} ({sla_countdown(r.sla_deadline, now, short=True)[0]})"
                      for r in rows[:NAMED_IN_MESSAGE])
    more = f" and {len(rows) - NAMED_IN_MESSAGE} more" if len(rows) > NAMED_IN_MESSAGE else ""
    count = len(rows)
    title = Phrase(tr("%n case(s) about to breach their SLA", "", count)
                   if rows[0].sla_deadline > to_iso(now)
                   else tr("%n case(s) just breached their SLA", "", count), n=count)
    return SlaAlert(ids, title, named + more)
