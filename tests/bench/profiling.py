"""`python -m tests.bench --profile`: where the time of the timed key presses goes.

cProfile runs only around the timed presses (not the reading time in between), so the report
shows what the UI thread does between key press and paint. It slows Python code down, so
figures from a profiled run are printed but not saved.
"""

from __future__ import annotations

import cProfile
import io
import pstats

from tests.bench.next_case_latency import time_decision


class ProfiledDecisions:
    def __init__(self):
        self.profiler = cProfile.Profile()

    def __call__(self, window, watch, key) -> float:
        self.profiler.enable()
        try:
            return time_decision(window, watch, key)
        finally:
            self.profiler.disable()

    def report(self, top: int = 30) -> str:
        out = io.StringIO()
        stats = pstats.Stats(self.profiler, stream=out).strip_dirs()
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)
        return out.getvalue()
