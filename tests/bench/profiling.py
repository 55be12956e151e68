"""`python -m tests.bench --profile`: where the time of the timed key presses goes.

cProfile runs only from the key that records a decision (the number key, or the Enter that
answers the policy picker or the palette) to the next case painted: the same span the clock
measures, not the reading time in between nor the picker opening. It slows Python code down,
so figures from a profiled run are printed but not saved. Decisions by key and decisions via
the palette are reported apart.
"""

from __future__ import annotations

import cProfile
import io
import pstats

from tests.bench.next_case_latency import time_decision, time_palette_decision


class _Spans:
    """One profiler per timed span, restarted when the recording key is pressed (a picker's
    Enter comes after the number key that opened it), summed into one report."""

    def __init__(self):
        self.stats: pstats.Stats | None = None
        self._current: cProfile.Profile | None = None

    def press(self) -> None:
        if self._current is not None:
            self._current.disable()  # the span before the recording key: not counted
        self._current = cProfile.Profile()
        self._current.enable()

    def stop(self) -> None:
        if self._current is None:
            return
        self._current.disable()
        if self.stats is None:
            self.stats = pstats.Stats(self._current)
        else:
            self.stats.add(self._current)
        self._current = None

    def report(self, title: str, top: int) -> str:
        if self.stats is None:
            return ""
        out = io.StringIO()
        out.write(f"=== {title} ===\n")
        self.stats.stream = out
        stats = self.stats.strip_dirs()
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)
        return out.getvalue()


class ProfiledDecisions:
    def __init__(self):
        self.by_key = _Spans()
        self.by_palette = _Spans()

    def __call__(self, window, watch, key) -> float:
        try:
            return time_decision(window, watch, key, self.by_key.press)
        finally:
            self.by_key.stop()

    def palette(self, window, watch, key) -> float:
        try:
            return time_palette_decision(window, watch, key, self.by_palette.press)
        finally:
            self.by_palette.stop()

    def report(self, top: int = 30) -> str:
        return (self.by_key.report("decision keys (warm and cold)", top)
                + self.by_palette.report("decisions via the palette", top))
