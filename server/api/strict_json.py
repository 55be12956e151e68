"""JSON request bodies that are real UTF-8 text, for every route.

Python's JSON decoder accepts lone surrogates (`"\\ud800"` escaped, or the raw bytes) and gives
back a str that cannot be encoded as UTF-8: SQLite (and the idempotency hash) then fail with a
500. Such a body is answered 422 `invalid_request` like any other body that is not JSON.
Found by the schemathesis run (tests/server/test_schemathesis.py) and by hand.
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
    if "\\u" in text:  # only an escape can still make a lone surrogate
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # UnicodeEncodeError if one did
    return value


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
