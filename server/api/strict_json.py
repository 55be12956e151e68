"""JSON request bodies that are real UTF-8 text, for every route.

Python's JSON decoder accepts lone surrogates (`"\\ud800"` escaped, or the raw bytes) and gives
back a str that cannot be encoded as UTF-8: SQLite (and the idempotency hash) then fail with a
500. Such a body is answered 422 `invalid_request` like any other body that is not JSON.
Found by the schemathesis run (tests/server/test_schemathesis.py) and by hand.

U+0000 is valid JSON (`"\u0000"`) but PostgreSQL text cannot hold it, so a body with one in
any string, or a path or query with one, is refused the same way on both back ends.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute


def parse_json_strictly(raw: bytes) -> Any:
    """json.loads of UTF-8 bytes; raises ValueError for anything else, lone surrogates too."""
    text = raw.decode("utf-8")  # strict, unlike json.loads(bytes), which lets surrogates pass
    value = json.loads(text)
    if "\\u" in text:  # only an escape can still make a lone surrogate or a U+0000
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # UnicodeEncodeError if one did
        if "\\u0000" in text and _holds_nul(value):
            raise ValueError("U+0000 in a string")
    return value


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class NoNulInUrl:
    """ASGI middleware: a path or query string with U+0000 (`%00`) is a 422 before any route."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and ("\x00" in scope["path"]
                                        or b"%00" in scope.get("query_string", b"")):
            await send({"type": "http.response.start", "status": 422,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(_NUL_BODY)).encode())]})
            await send({"type": "http.response.body", "body": _NUL_BODY})
            return
        await self.app(scope, receive, send)


_NUL_BODY = json.dumps({"error": "invalid_request", "detail": [
    {"loc": ["path"], "msg": "U+0000 is not allowed", "type": "value_error"}]}).encode()


class StrictJsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = parse_json_strictly(await self.body())
        return self._json


class StrictJsonRoute(APIRoute):
    """APIRoute whose body parsing goes through parse_json_strictly (FastAPI's documented way
    of customising the Request); FastAPI answers a ValueError there with 400, errors.py makes
    it 422 `invalid_request`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJsonRequest(request.scope, request.receive))

        return strict_handler
