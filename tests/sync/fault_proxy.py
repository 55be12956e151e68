"""A fault-injecting HTTP/1.1 proxy for sync tests, in the spirit of Toxiproxy.

This kernel has no `tc netem`, so the faults are made in-process: an asyncio TCP server on
127.0.0.1:0, run in its own thread, reads one HTTP/1.1 request per client connection (headers
plus a Content-Length body), picks a fault for it with a seeded RNG and either forwards it to
the upstream server (always with `Connection: close`, so one request per connection) or
misbehaves:

- ``drop_request``: close the client connection without forwarding anything;
- ``drop_response``: forward, read the whole answer (the server has committed), then close the
  client connection without replying;
- ``error_500`` / ``error_503``: answer a synthetic 500 / 503 without forwarding (the 503
  sometimes carries ``Retry-After: 0``);
- ``reset_mid_body``: forward, send the status line, the headers and part of the body, then
  reset the connection (SO_LINGER 0, so the client sees an RST);
- ``latency``: wait 0..max_latency seconds, then forward normally;
- ``pass``: forward normally.

Counts of every fault injected are in `counts` (read them after `stop()`, or accept that they
may move while you look).
"""

from __future__ import annotations

import asyncio
import random
import socket
import struct
import threading
from collections import Counter
from dataclasses import dataclass, field

FAULT_KINDS = ("drop_request", "drop_response", "error_500", "error_503", "reset_mid_body",
               "latency")
_MAX_HEADER_BYTES = 64 * 1024
_UPSTREAM_TIMEOUT = 30.0


@dataclass
class FaultPlan:
    """Probability of each fault per request; whatever is left over passes through."""

    probabilities: dict[str, float] = field(default_factory=dict)
    max_latency: float = 2.0

    def __post_init__(self) -> None:
        unknown = set(self.probabilities) - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds: {sorted(unknown)}")
        if sum(self.probabilities.values()) > 1.0 + 1e-9:
            raise ValueError("fault probabilities add up to more than 1")

    @classmethod
    def uniform(cls, each: float, max_latency: float = 2.0) -> FaultPlan:
        return cls({kind: each for kind in FAULT_KINDS}, max_latency)

    def pick(self, rng: random.Random) -> str:
        roll = rng.random()
        for kind in FAULT_KINDS:
            roll -= self.probabilities.get(kind, 0.0)
            if roll < 0:
                return kind
        return "pass"


class BadRequest(Exception):
    pass


class FaultProxy:
    """`with FaultProxy(upstream_port, plan, seed=1) as proxy:` then talk to `proxy.url`."""

    def __init__(self, upstream_port: int, plan: FaultPlan, *, seed: int = 0,
                 upstream_host: str = "127.0.0.1", first_fault_on: set[str] = frozenset()) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.plan = plan
        self.rng = random.Random(seed)
        # The first request to each of these resources (`/v1/<resource>/...`) is always
        # faulted, so a test that needs every kind of traffic hit does not depend on how few
        # requests of a kind the timing of one run happens to make.
        self._unfaulted = set(first_fault_on)
        self.counts: Counter[str] = Counter()
        self.log: list[tuple[str, str, str]] = []  # (fault, method, path), in arrival order
        self.errors: list[str] = []  # the proxy's own trouble (should stay empty)
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._tasks: set[asyncio.Task] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- life cycle -------------------------------------------------------------------------
    def start(self, timeout: float = 5.0) -> FaultProxy:
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout) or not self.port:
            raise RuntimeError("fault proxy did not start")
        return self

    def stop(self, timeout: float = 5.0) -> None:
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._shutdown()))
            thread.join(timeout)
            if thread.is_alive():
                raise RuntimeError("fault proxy did not stop in time")
        self._thread = None

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._server = loop.run_until_complete(
                asyncio.start_server(self._accept, "127.0.0.1", 0, backlog=128))
            self.port = self._server.sockets[0].getsockname()[1]
            self._ready.set()
            loop.run_forever()
        finally:
            self._ready.set()
            loop.close()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=2.0)
        asyncio.get_running_loop().stop()

    # --- one connection, one request --------------------------------------------------------
    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._tasks.add(task)
        try:
            await self._handle(reader, writer)
        except (asyncio.CancelledError, ConnectionError, asyncio.IncompleteReadError):
            pass
        except Exception as exc:  # noqa: BLE001 - recorded so the test can see proxy bugs
            self.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            self._tasks.discard(task)
            if not writer.is_closing():
                writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            method, path, head, body = await _read_request(reader)
        except (BadRequest, asyncio.LimitOverrunError) as exc:
            writer.write(_synthetic(400, b'{"error": "bad_request_at_proxy"}'))
            await writer.drain()
            self.errors.append(f"bad request: {exc}")
            return
        fault = self.plan.pick(self.rng)
        resource = path.split("?")[0].split("/")[2] if path.count("/") >= 2 else ""
        if resource in self._unfaulted:
            self._unfaulted.discard(resource)
            fault = self.rng.choice([k for k in FAULT_KINDS if k != "latency"])
        self.counts[fault] += 1
        self.log.append((fault, method, path))
        if fault == "drop_request":
            return  # closed in _accept without forwarding
        if fault == "error_500":
            writer.write(_synthetic(500, b'{"error": "injected_500"}'))
            await writer.drain()
            return
        if fault == "error_503":
            extra = [b"Retry-After: 0"] if self.rng.random() < 0.5 else []
            writer.write(_synthetic(503, b'{"error": "injected_503"}', extra))
            await writer.drain()
            return
        if fault == "latency":
            await asyncio.sleep(self.rng.uniform(0.0, self.plan.max_latency))
        response = await self._forward(head, body)
        if fault == "drop_response":
            return  # the server has answered (and committed); the client never hears of it
        if fault == "reset_mid_body":
            await _send_part_then_reset(writer, response)
            return
        writer.write(response)
        await writer.drain()

    async def _forward(self, head: bytes, body: bytes) -> bytes:
        up_reader, up_writer = await asyncio.wait_for(
            asyncio.open_connection(*self.upstream), _UPSTREAM_TIMEOUT)
        try:
            up_writer.write(head + body)
            await up_writer.drain()
            # `Connection: close` was asked for: the answer ends where the connection does.
            return await asyncio.wait_for(up_reader.read(), _UPSTREAM_TIMEOUT)
        finally:
            up_writer.close()


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, str, bytes, bytes]:
    """(method, path, rewritten head with `Connection: close`, body)."""
    raw = await reader.readuntil(b"\r\n\r\n")
    if len(raw) > _MAX_HEADER_BYTES:
        raise BadRequest("headers too large")
    lines = raw[:-4].split(b"\r\n")
    try:
        method, path, _version = lines[0].decode("latin-1").split(" ", 2)
    except ValueError:
        raise BadRequest(f"bad request line {lines[0]!r}") from None
    kept, length = [lines[0]], 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        lname = name.strip().lower()
        if lname in (b"connection", b"keep-alive", b"proxy-connection"):
            continue
        if lname == b"transfer-encoding":
            raise BadRequest("chunked request bodies are not supported by the proxy")
        if lname == b"content-length":
            length = int(value.strip())
        kept.append(line)
    kept.append(b"Connection: close")
    body = await reader.readexactly(length) if length else b""
    return method, path, b"\r\n".join(kept) + b"\r\n\r\n", body


def _synthetic(status: int, body: bytes, extra: list[bytes] | None = None) -> bytes:
    reason = {400: b"Bad Request", 500: b"Internal Server Error",
              503: b"Service Unavailable"}[status]
    lines = [b"HTTP/1.1 %d %s" % (status, reason), b"Content-Type: application/json",
             b"Content-Length: %d" % len(body), b"Connection: close", *(extra or [])]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


async def _send_part_then_reset(writer: asyncio.StreamWriter, response: bytes) -> None:
    header_end = response.find(b"\r\n\r\n")
    header_end = len(response) // 2 if header_end < 0 else header_end + 4
    body_length = len(response) - header_end
    cut = header_end + body_length // 2 if body_length >= 2 else max(1, header_end - 2)
    writer.write(response[:cut])
    await writer.drain()
    await asyncio.sleep(0.02)  # let the partial answer reach the client before the RST
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()
