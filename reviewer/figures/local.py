"""What only this machine knows, for the personal dashboard: exposure per day against the cap
(reduced detail apart from real pixels), and how much each decision needed to see.

A decision counts as made without reveal when nothing of its case was revealed before it, with
reduced detail when only the reduced stage was, and with full reveal when real pixels were: the
exposure meter notes that stage as each decision is made (ExposureMeter.note_decision).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import sqlite_utils

from reviewer.media import exposure
from reviewer.media.stages import Stage

NO_REVEAL, REDUCED, REAL = "no_reveal", "reduced", "real"
# `exposure.decided` as the meter writes it -> the dashboard's three shares
_STAGES = {exposure.NO_REVEAL: NO_REVEAL, Stage.REDUCED.value: REDUCED,
           Stage.REVEALED.value: REAL}
EXPOSURE_DAYS = 30


@dataclass(frozen=True)
class ExposureDay:
    day: str  # YYYY-MM-DD, this machine's date (as the exposure meter keeps it)
    total_s: float
    reduced_s: float

    @property
    def real_s(self) -> float:
        return max(0.0, self.total_s - self.reduced_s)


def exposure_days(db: sqlite_utils.Database, today: date,
                  days: int = EXPOSURE_DAYS) -> list[ExposureDay]:
    """Every day of the last `days` (today last), days without exposure included as zero."""
    first = today - timedelta(days=days - 1)
    saved = {row[0]: (row[1], row[2]) for row in db.execute(
        "SELECT day, sum(exposure_s), sum(reduced_s) FROM exposure WHERE day >= ? AND day <= ? "
        "GROUP BY day", (first.isoformat(), today.isoformat()))}
    out = []
    for offset in range(days):
        day = (first + timedelta(days=offset)).isoformat()
        total, reduced = saved.get(day, (0.0, 0.0))
        out.append(ExposureDay(day, float(total), float(reduced)))
    return out


def reveal_shares(db: sqlite_utils.Database, first: date, last: date) -> dict[str, int]:
    """Decisions made from `first` to `last` (days on this machine), by the most realistic
    stage seen of their case before deciding, as the exposure meter noted each one
    (ExposureMeter.note_decision; a case decided again on a day counts once)."""
    counts = {NO_REVEAL: 0, REDUCED: 0, REAL: 0}
    for decided, count in db.execute(
            "SELECT decided, count(*) FROM exposure WHERE day >= ? AND day <= ? "
            "AND decided != '' GROUP BY decided", (first.isoformat(), last.isoformat())):
        key = _STAGES.get(decided)
        if key:
            counts[key] += count
    return counts


def local_midnight(day: date) -> datetime:
    """The start of `day` on this machine, in UTC (decisions carry UTC times)."""
    return datetime.combine(day, time()).astimezone().astimezone(timezone.utc)

