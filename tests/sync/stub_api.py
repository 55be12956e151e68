"""A central API stand-in on a loopback port that answers exactly what a test tells it to.

The reference server only ever answers well; the workstation must also survive a server (or
a proxy in front of it) that answers badly. This one speaks real HTTP, so the real ApiClient
reads its answers through httpx exactly as it reads the central API's. Each path answers a
fixed body (raw JSON text, so NaN, 2^63+1 and deep nesting reach the client as sent) with a
status and headers; paths nobody set answer a well-formed empty answer, or 404.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    body: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


def empty_answers() -> dict[str, Answer]:
    """What a central API with nothing to hand out answers: every round step gets through."""
    def ok(data: dict) -> Answer:
        return Answer(json.dumps(data))

    return {
        "GET /v1/queues": ok({"queues": []}),
        "GET /v1/changes": ok({"changes": [], "cursor": 0, "more": False}),
        "GET /v1/media-presets": ok({}),
        "GET /v1/guidelines": ok({"guidelines": [], "cursor": 0, "more": False}),
        "POST /v1/case-contexts": ok({"contexts": [], "unavailable": []}),
        "POST /v1/leases/renew": ok({"renewed": [], "lost": []}),
        "POST /v1/decisions/batch": ok({"results": []}),
    }


class StubApi:
    def __init__(self) -> None:
        self.answers: dict[str, Answer] = empty_answers()
        self.requests: list[str] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                stub._answer(self, "GET")

            def do_POST(self) -> None:  # noqa: N802
                stub._answer(self, "POST")

            def log_message(self, *args) -> None:  # quiet test output
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "StubApi":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        handler.rfile.read(length)
        path = handler.path.split("?", 1)[0]
        key = f"{method} {path}"
        self.requests.append(key)
        answer = self.answers.get(key) or self._by_prefix(key) or Answer('{"error": "not_found"}', 404)
        data = answer.body.encode("utf-8")
        handler.send_response(answer.status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in answer.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _by_prefix(self, key: str) -> Answer | None:
        """A key ending in '*' answers every path it starts ("POST /v1/queues/*")."""
        return next((a for k, a in self.answers.items()
                     if k.endswith("*") and key.startswith(k[:-1])), None)
