"""Rate limiting per bearer token: a token bucket per caller, in front of every route.

A workstation is bursty by nature: after a claim it prefetches the media of every case (a
hundred images in a second is normal) and after an outage it pushes its outbox and renews its
leases at once. So the defaults are generous (500 requests at once, then 50 a second); what
they stop is a runaway client or a stolen token hammering the single SQLite writer.

A known token (one that would authenticate) has its own bucket, keyed by its sha256, never the
token itself. Requests without a token, or with one that is unknown or revoked, are counted
per client address: otherwise a client sending a new made-up token per request would never
run out. TokenBuckets keeps the buckets in memory (the most recently used MAX_BUCKETS, so
made-up keys cannot grow it), which is right for one process; several API processes share
theirs in the database (shared_limits.py). `/v1/health` is not limited: liveness checks
poll it.
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

from starlette.concurrency import run_in_threadpool

from server.auth.tokens import AUTHENTICATED, reviewer_of

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

    def transaction(self, database):
        """Where the middleware looks the caller up: a read (the buckets are in memory)."""
        return database.read()

    def take(self, key: str, _conn=None) -> float:
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
    """Pure ASGI middleware (no per-request task or body buffering, unlike BaseHTTPMiddleware).

    Whether a token would authenticate is read from `database`, so the lookup (and a
    database-backed take) runs on the thread pool, both in one transaction of the buckets'
    choosing. The Reviewer found is left in the request's state for authentication to reuse:
    one connection and one lookup per request instead of three and two."""

    def __init__(self, app, buckets, database) -> None:
        self.app = app
        self.buckets = buckets
        self.database = database

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"] not in EXEMPT_PATHS:
            wait = await run_in_threadpool(self._take, scope)
            if wait > 0:
                await _send_rate_limited(send, wait)
                return
        await self.app(scope, receive, send)

    def _take(self, scope) -> float:
        with self.buckets.transaction(self.database) as conn:
            return self.buckets.take(self._client_key(scope, conn), conn)

    def _client_key(self, scope, conn) -> str:
        token_hash = _bearer_token_hash(scope)
        reviewer = reviewer_of(conn, token_hash) if token_hash is not None else None
        if reviewer is not None:
            scope.setdefault("state", {})[AUTHENTICATED] = (token_hash, reviewer)
            return "token:" + token_hash
        client = scope.get("client")
        return f"address:{client[0] if client else 'unknown'}"


def _bearer_token_hash(scope) -> str | None:
    """The sha256 of the bearer token, as tokens.py stores it; None without one."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            token = token.strip()
            if scheme.lower() == "bearer" and token:
                return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()
    return None


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
