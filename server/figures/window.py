"""The window every figure is counted over: whole UTC hours ending at `until`.

One definition, so a reviewer's chart and a lead's chart of the same hour count the same rows:
bucket i holds times in [start + i h, start + (i + 1) h), and the last bucket is the hour `until`
falls in, counted up to `until` only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from server.timeutil import to_iso

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Window:
    start: datetime
    until: datetime
    hours: int

    @classmethod
    def ending(cls, until: datetime, hours: int) -> "Window":
        top = until.replace(minute=0, second=0, microsecond=0)
        return cls(top - (hours - 1) * HOUR, until, hours)

    def holds(self, at: datetime) -> bool:
        return self.start <= at <= self.until

    def per_hour(self, times: Iterable[datetime]) -> list[dict]:
        """[{"hour", "count"}] for every hour of the window, empty hours included."""
        counts = Counter(int((t - self.start) // HOUR) for t in times if self.holds(t))
        return [{"hour": to_iso(self.start + i * HOUR), "count": counts.get(i, 0)}
                for i in range(self.hours)]

    def wire(self) -> dict:
        return {"window_start": to_iso(self.start), "until": to_iso(self.until)}
