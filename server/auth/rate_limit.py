"""Rate limiting per bearer token: a token bucket in memory, in front of every route.

A workstation is bursty by nature: after a claim it prefetches the media of every case (a
hundred images in a second is normal) and after an outage it pushes its outbox and renews its
leases at once. So the defaults are generous (500 requests at once, then 50 a second); what
they stop is a runaway client or a stolen token hammering the single SQLite writer.

Requests without a token are counted per client address. Buckets are keyed by the token's
sha256, never the token itself, and only the most recently used MAX_BUCKETS are kept, so
requests with made-up tokens cannot grow memory without bound. `/v1/health` is not limited:
it is what liveness checks poll.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_PER_SECOND = 50.0
DEFAULT_BURST = 500
PER_SECOND_ENV_VAR = "REVIEWER_RATE_LIMIT_PER_SECOND"  # 0 turns rate limiting off
BURST_ENV_VAR = "REVIEWER_RATE_LIMIT_BURST"
MAX_BUCKETS = 10_000
EXEMPT_PATHS = frozenset({"/v1/health"})
_BODY = json.dumps({"error": "rate_limited"}).encode()


@dataclass(frozen=True)
class RateLimit:
    per_second: float  # sustained rate; 0 means no limit at all
    burst: int  # requests allowed at once, from a full bucket

    @property
    def enabled(self) -> bool:
        return self.per_second > 0

    @classmethod
    def resolve(cls, per_second: float | None, burst: int | None) -> RateLimit:
        """create_app's arguments, else the environment, else the defaults."""
        if per_second is None:
            per_second = _env_number(PER_SECOND_ENV_VAR, DEFAULT_PER_SECOND)
        if burst is None:
            burst = int(_env_number(BURST_ENV_VAR, DEFAULT_BURST))
        if per_second < 0 or (per_second > 0 and burst < 1):
            raise ValueError(f"bad rate limit: {per_second}/s, burst {burst}")
        return cls(float(per_second), int(burst))


class TokenBuckets:
    """One bucket per key; `take` answers 0.0 (go ahead) or the seconds to wait."""

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key: (left, at)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        now = self._clock()
        with self._lock:
            left, at = self._buckets.pop(key, (float(self.limit.burst), now))
            left = min(float(self.limit.burst), left + (now - at) * self.limit.per_second)
            wait = 0.0 if left >= 1.0 else (1.0 - left) / self.limit.per_second
            self._buckets[key] = (left - 1.0 if wait == 0.0 else left, now)
            if len(self._buckets) > MAX_BUCKETS:
                self._buckets.popitem(last=False)  # the least recently used
        return wait


class RateLimitMiddleware:
    """Pure ASGI middleware (no per-request task or body buffering, unlike BaseHTTPMiddleware)."""

    def __init__(self, app, buckets: TokenBuckets) -> None:
        self.app = app
        self.buckets = buckets

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"] not in EXEMPT_PATHS:
            wait = self.buckets.take(_client_key(scope))
            if wait > 0:
                await _send_rate_limited(send, wait)
                return
        await self.app(scope, receive, send)


def _client_key(scope) -> str:
    for name, value in scope["headers"]:
        if name == b"authorization":
            return "token:" + hashlib.sha256(value).hexdigest()
    client = scope.get("client")
    return f"address:{client[0] if client else 'unknown'}"


async def _send_rate_limited(send, wait: float) -> None:
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(_BODY)).encode()),
               (b"retry-after", str(max(1, math.ceil(wait))).encode())]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": _BODY})


def _env_number(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {text!r}") from None
