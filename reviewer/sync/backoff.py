"""Exponential backoff with full jitter, honouring a server's Retry-After when it gives one.

Retry-After comes in two forms (RFC 9110 §10.2.3): a number of seconds, or an HTTP-date. A
server or proxy in front of the central API may send either; ignoring the date form would
send a fleet of workstations back early, into the very overload the server asked them to wait
out.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime


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


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header value (delta-seconds or an HTTP-date); None
    if there is none or it cannot be read. A date in the past means "now": 0."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        return _seconds_until(value, now or datetime.now(timezone.utc))
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _seconds_until(http_date: str, now: datetime) -> float | None:
    try:
        when = parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # an HTTP-date is always GMT, even when it says "-0000"
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())
