"""Slowing down password guessing at POST /v1/login.

Failed sign-ins are counted per user name and per client address over a sliding window; once
either count is used up, that name (or address) is refused with 429 until the oldest failure
leaves the window, even with the right password, so guessing cannot go faster than the window
allows. A successful sign-in clears its name's count (not its address's). Here the counts live in
memory, bounded like the token buckets of rate_limit.py, so made-up names cannot grow it: right
for one process (SQLite); several processes count in the database (shared_limits.py).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

MAX_KEYS = 10_000


@dataclass(frozen=True)
class ThrottleLimits:
    window_s: float = 15 * 60.0
    per_name: int = 5  # a reviewer mistyping five times in 15 minutes waits a little
    per_address: int = 30  # an office behind one address: several reviewers' typos at once


class LoginThrottle:
    def __init__(self, limits: ThrottleLimits | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits or ThrottleLimits()
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, name: str, address: str) -> float:
        """0.0 if a sign-in may be tried now, else the seconds until one may."""
        now = self._clock()
        with self._lock:
            return max(self._wait(name_key(name), self.limits.per_name, now),
                       self._wait(address_key(address), self.limits.per_address, now))

    def failed(self, name: str, address: str) -> None:
        now = self._clock()
        with self._lock:
            for key in (name_key(name), address_key(address)):
                times = self._failures.pop(key, deque())
                times.append(now)
                self._failures[key] = times  # most recently used last
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name_key(name), None)

    def _wait(self, key: str, allowed: int, now: float) -> float:
        times = self._failures.get(key)
        if not times:
            return 0.0
        while times and times[0] <= now - self.limits.window_s:
            times.popleft()
        return wait_for(times, allowed, self.limits.window_s, now)


def wait_for(times, allowed: int, window_s: float, now: float) -> float:
    """`times`: the failures inside the window, oldest first; 0.0 if one more try is allowed."""
    if len(times) < allowed:
        return 0.0
    # Until enough failures have left the window for one more try.
    return times[len(times) - allowed] + window_s - now


def name_key(name: str) -> str:
    return "name:" + name.strip().casefold()


def address_key(address: str) -> str:
    return "address:" + address
