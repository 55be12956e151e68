"""Exponential backoff with full jitter, honouring a server's Retry-After when it gives one."""

from __future__ import annotations

import random


def backoff_delay(attempt: int, *, base: float = 0.5, cap: float = 30.0,
                  retry_after: float | None = None, rng: random.Random | None = None) -> float:
    """Seconds to wait before attempt number `attempt` + 1 (attempt counts from 0).

    Full jitter (a random point in [0, ceiling]) spreads a fleet of workstations coming back
    after an outage, so they do not hammer the central API in lock-step.
    """
    ceiling = min(cap, base * (2 ** min(attempt, 16)))
    delay = (rng or random).uniform(0, ceiling)
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap * 4))
    return delay
