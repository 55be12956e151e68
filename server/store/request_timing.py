"""Where a request's time goes on the server, sent back in a `Server-Timing` header.

The load bench (tests/bench/central_api_load.py) asks how much of a claim's or a decision's
time is SQL, how many statements and transactions it takes, how long it waits for a pooled
connection (or, on SQLite, for the one writer), and how much is left for Python and for
waiting on a worker thread. Only when REVIEWER_SERVER_TIMING is set: timings in a response
tell a caller how the server is doing, which production has no reason to hand out.

The figures gather in a per-request object held in a context variable; anyio copies the
context into the worker thread an endpoint runs on, so SQLAlchemy's events, fired there,
find the request that caused them.
"""

from __future__ import annotations

import os
import time
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy import Engine, event

ENV_VAR = "REVIEWER_SERVER_TIMING"
_HEADER = b"server-timing"


@dataclass
class RequestTiming:
    sql_s: float = 0.0  # inside cursor.execute: the round trip and the database's own work
    statements: int = 0
    transactions: int = 0  # Database.read() / write() entered, each with its own connection
    wait_s: float = 0.0  # waiting for a pooled connection, or for the SQLite writer lock

    def header(self, total_s: float) -> bytes:
        return (f"app;dur={total_s * 1000:.2f}, sql;dur={self.sql_s * 1000:.2f}, "
                f"wait;dur={self.wait_s * 1000:.2f}, stmt;desc={self.statements}, "
                f"txn;desc={self.transactions}").encode()


_current: ContextVar[RequestTiming | None] = ContextVar("request_timing", default=None)


def enabled() -> bool:
    return os.environ.get(ENV_VAR, "").strip() not in ("", "0")


def note_transaction(wait_s: float) -> None:
    """Database.read()/write() got its connection (and lock) after `wait_s`."""
    timing = _current.get()
    if timing is not None:
        timing.transactions += 1
        timing.wait_s += wait_s


def watch_engine(engine: Engine) -> None:
    """Count statements and the time spent in them, for whichever request runs them."""
    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn, _cursor, _statement, _parameters, _context, _many) -> None:
        conn.info["timing_started"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn, _cursor, _statement, _parameters, _context, _many) -> None:
        timing = _current.get()
        started = conn.info.pop("timing_started", None)
        if timing is not None and started is not None:
            timing.statements += 1
            timing.sql_s += time.perf_counter() - started


class ServerTimingMiddleware:
    """Outermost ASGI middleware: times each HTTP request up to its response's start."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        timing = RequestTiming()
        token = _current.set(timing)
        began = time.perf_counter()

        async def send_with_timing(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((_HEADER, timing.header(time.perf_counter() - began)))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_timing)
        finally:
            _current.reset(token)


def parse_header(value: str) -> dict[str, float]:
    """{'app': ms, 'sql': ms, 'wait': ms, 'stmt': n, 'txn': n} from a Server-Timing header."""
    figures = {}
    for part in value.split(","):
        name, _, rest = part.strip().partition(";")
        key, _, number = rest.partition("=")
        if key in ("dur", "desc"):
            figures[name] = float(number)
    return figures
